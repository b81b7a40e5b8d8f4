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
}
