import SIPAV
import SIPAVFiles
import Testing

/// The plan `planFixture` becomes with each of `changes` made once.
private func changed(_ changes: [(String, String)]) -> String {
    changes.reduce(planFixture) { text, change in
        #expect(text.contains(change.0), "the fixture changed: \(change.0)")
        return text.replacing(change.0, with: change.1, maxReplacements: 1)
    }
}

private let commaBetweenDigits = "inside [ ] a comma between two digits separates two numbers"

private func planFaults(_ text: String) -> [InputError] {
    faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
}

/// Slips an HR officer makes writing a plan that YAML reads without a word and that would give a wrong figure: each is
/// refused on its line, naming the field and the value.
@Suite("A plan's slips")
struct PlanSlipsTests {
    // MARK: A decimal comma inside [ ]

    /// `[95,5]` is two thresholds to YAML, 95 and 5: a scale of two steps where one was meant, validated silently.
    @Test(arguments: [
        ("[3, 2, 1]}", "[95,5]}", "95,5"),
        ("[3, 2, 1]}", "[\"3\", 2,5, 1]}", "2,5"),
        ("percents: [100, 80, 60, 40, 20]}", "percents: [100, 80, 60, 40,5, 20]}", "40,5"),
    ])
    func aDecimalCommaInsideBracketsIsRefused(original: String, replacement: String, value: String) {
        let text = changed([(original, replacement)])
        let found = planFaults(text)
        let field = original.hasPrefix("percents") ? "objectives.indicators.scale.percents" : "objectives.indicators.scale.thresholds"
        expectOneFault(found, ExpectedFault(line(of: replacement, in: text), field, commaBetweenDigits), in: "plan.yaml")
        #expect(found.first?.value == value)
    }

    @Test func eachDecimalCommaOfAListIsNamed() {
        let text = changed([("[\"2,8\", 2.6, 2.4, 2.2, 2.0]", "[2,8, 2,6, 2.4]")])
        #expect(planFaults(text).map(\.value) == ["2,8", "2,6"])
    }

    /// A comma followed by a space separates numbers; a quoted comma or a point is a decimal; months are not numbers.
    @Test(arguments: [
        ("[3, 2, 1]}", "[95, 90, 85]}"),
        ("[3, 2, 1]}", "[\"95,5\", \"90\"]}"),
        ("[3, 2, 1]}", "[95.5, 90]}"),
        ("[3, 2, 1]}", "[ 9 ,8 ]}"),
        ("[\"2019-03\", \"2019-04\"]", "[2019-03,2019-04]"),
    ])
    func listsWrittenRightStillRead(original: String, replacement: String) {
        #expect(planFaults(changed([(original, replacement)])) == [])
    }

    // MARK: Deadlines in another year

    /// Last year's months, copied, are missed by every date of this year (0 %); months years ahead are met by all.
    @Test(arguments: ["2018-06", "2021-06", "06/2029"])
    func aDeadlineThresholdLiesInThePlansYearOrTheNext(month: String) {
        let change = ("[\"2019-03\", \"2019-04\"]", "[\"2019-03\", \"\(month)\"]")
        let text = changed([change])
        expectOneFault(planFaults(text), ExpectedFault(line(of: month, in: text), "objectives.indicators.composite.sub_indicators.scale.thresholds",
                                                       "a deadline threshold is a month of the plan's year 2019 or of the year after"),
                       in: "plan.yaml")
    }

    @Test func aDeadlineInTheYearAfterThePlansReads() {
        #expect(planFaults(changed([("[\"2019-03\", \"2019-04\"]", "[\"2019-03\", \"2020-01\"]")])) == [])
    }

    // MARK: Thresholds out of order

    /// The fault is on the threshold that breaks the order, with the one before it.
    @Test(arguments: [
        ("[80, 85, 90, 95, 100]", "[80, 90, 85, 95, 100]", "85", "in a below scale each threshold is higher than the one before, and this one is not higher than 90"),
        ("[3, 2, 1]}", "[1, 2, 3]}", "2", "in a at_least scale each threshold is lower than the one before, and this one is not lower than 1"),
        ("[\"2019-03\", \"2019-04\"]", "[\"2019-04\", \"2019-03\"]", "2019-03",
         "in a deadline scale each threshold is a later month than the one before, and this one is not later than 2019-04"),
    ])
    func aThresholdOutOfOrderIsNamed(original: String, replacement: String, value: String, rule: String) {
        let text = changed([(original, replacement)])
        let found = planFaults(text)
        let field = original.hasPrefix("[\"") ? "objectives.indicators.composite.sub_indicators.scale.thresholds" : "objectives.indicators.scale.thresholds"
        expectOneFault(found, ExpectedFault(line(of: replacement, in: text), field,
                                            "thresholds must get easier to meet from the first step to the last: " + rule), in: "plan.yaml")
        #expect(found.first?.value == value)
    }

    // MARK: Suppressed indicators

    /// A suppressed indicator is left out of every mean: a measured value or a revision beside it contradicts it.
    @Test(arguments: [
        ("measured: \"2019-07-26\"\n", "measured: \"2019-07-26\"\n        suppressed: {reference: \"Delibera n. 140\"}\n",
         // A revision written as keys on lines of their own: the fault is on the first of them.
         "reference: \"Delibera di Giunta", "objectives.indicators.revision", "a suppressed indicator has no revision"),
        ("              suppressed: {reference: \"Delibera n. 139\"}", "              suppressed: {reference: \"Delibera n. 139\"}\n              measured: sì",
         "measured: sì", "objectives.indicators.composite.sub_indicators.measured", "a suppressed indicator has no measured value"),
    ])
    func aSuppressedIndicatorHasNothingElse(original: String, replacement: String, lineOf: String, field: String, rule: String) {
        let text = changed([(original, replacement)])
        var found = planFaults(text)
        // The revised indicator 1.4 has its measured value too: said on its own line.
        if field.hasSuffix("revision") {
            #expect(found.map(\.field) == ["objectives.indicators.measured", "objectives.indicators.revision"])
            found.removeFirst()
        }
        expectOneFault(found, ExpectedFault(line(of: lineOf, in: text), field, rule), in: "plan.yaml")
    }
}

/// With `organisation.objective_weights` the objectives' weights make the ente's and the Areas' results: an objective
/// without one beside others with one would weigh 1 against their 40.
@Suite("Weighed objectives")
struct WeighedObjectivesTests {
    func read(_ text: String, objectiveWeights: Bool) throws -> (plan: OrganisationalPlan?, faults: [InputError]) {
        let path = try temporaryFile("plan.yaml", Array(text.utf8))
        do {
            return (try PlanFile.read(path: path, whilePlanning: false, objectiveWeights: objectiveWeights), [])
        } catch {
            return (nil, error.errors)
        }
    }

    @Test func anObjectiveWithoutAWeightBesideOthersWithOneIsRefused() throws {
        let (_, found) = try read(planFixture, objectiveWeights: true)
        #expect(found.map(\.value) == ["1", "A1.1"])
        #expect(found.map(\.line) == [line(of: "  - id: \"1\"", in: planFixture), line(of: "  - id: \"A1.1\"", in: planFixture)])
        #expect(found.allSatisfy { $0.field == "objectives.id" && $0.rule.hasPrefix("organisation.objective_weights is true") })
    }

    /// None with a weight: the objectives weigh the same, as the settings' file says.
    @Test func noWeightAtAllIsEqualWeights() throws {
        let text = planFixture.replacing("    weight: 2\n", with: "")
        let (plan, found) = try read(text, objectiveWeights: true)
        #expect(found == [])
        #expect(plan?.objectives.map(\.weight) == [.one, .one, .one])
    }

    @Test func everyObjectiveWithItsWeightReads() throws {
        let text = planFixture.replacing("    lines: [\"1\"]\n", with: "    lines: [\"1\"]\n    weight: 40\n")
            .replacing("    lines: [\"2\"]\n", with: "    lines: [\"2\"]\n    weight: \"20%\"\n")
        let (plan, found) = try read(text, objectiveWeights: true)
        #expect(found == [])
        #expect(plan?.objectives.map(\.weight) == [Ratio(40), Ratio(2), Ratio(20)])
    }

    /// Without the setting the weights are not used, and one missing is no fault.
    @Test func withoutTheSettingAMissingWeightIsNoFault() throws {
        #expect(try read(planFixture, objectiveWeights: false).faults == [])
    }

    /// A plan written from the database, read again with weighed objectives: every weight is written once one is not 1.
    @Test func aPlanWrittenWithWeightsReadsAgainWithTheSetting() throws {
        let plan = try PlanFile.parse(text: planFixture, file: "plan.yaml")
        let (again, found) = try read(PlanWriter.yaml(plan), objectiveWeights: true)
        #expect(found == [])
        #expect(again?.objectives.map(\.weight) == plan.objectives.map(\.weight))
    }
}
