import SIPAV
import SIPAVFiles
import Testing

/// Plans that read as YAML but would mean something other than what they say: each is refused where it is written.
@Suite("A plan's structure")
struct PlanStructureFaultsTests {
    func faultsAfter(_ changes: [(String, String)]) -> [InputError] {
        var text = planFixture
        for (original, replacement) in changes {
            #expect(text.contains(original), "\(original)")
            text = text.replacing(original, with: replacement, maxReplacements: 1)
        }
        return faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
    }

    func changed(_ changes: [(String, String)]) -> String {
        changes.reduce(planFixture) { $0.replacing($1.0, with: $1.1, maxReplacements: 1) }
    }

    /// A line named twice passed the file and then failed at the database's key, with no file or line.
    @Test func anObjectiveNamesEachStrategicLineOnce() {
        let change = ("lines: [\"1\", \"2\"]", "lines: [\"1\", \"1\"]")
        expectOneFault(faultsAfter([change]), ExpectedFault(line(of: "lines: [\"1\", \"1\"]", in: changed([change])), "objectives.lines",
                                                            "an objective names each strategic line once: 1 is already in its list"),
                       in: "plan.yaml")
    }

    /// Owners and scopes find an Area whatever its case: `area1` beside `AREA1` would take the other's objectives.
    @Test func areaIDsDifferingOnlyInCaseAreOne() {
        let change = ("    name: \"Area Risorse\"\n", "    name: \"Area Risorse\"\n  - {id: area1, name: \"Bis\"}\n")
        expectOneFault(faultsAfter([change]), ExpectedFault(line(of: "\"Bis\"", in: changed([change])), "areas.id",
                                                            "each Area id appears once, whatever its case: area1 is also on line"),
                       in: "plan.yaml")
    }

    /// Sub-indicators do not nest: one fault that says so, not an unknown key and a missing scale.
    @Test func aSubIndicatorIsNotComposite() {
        let change = ("scale: {kind: yes_no}\n              measured: \"no\"", "composite: {sub_indicators: []}")
        let found = faultsAfter([change])
        expectOneFault(found, ExpectedFault(line(of: "composite: {sub_indicators: []}", in: changed([change])),
                                            "objectives.indicators.composite.sub_indicators.composite",
                                            "a sub-indicator cannot itself be composite"), in: "plan.yaml")
    }

    /// A completion date before the plan's year would meet every step; years after it is a typo.
    @Test(arguments: ["2018-12-31", "2021-01-01"])
    func aCompletionDateLiesInThePlansYearOrTheNext(date: String) throws {
        let change = ("measured: \"2019-07-26\"", "measured: \"\(date)\"")
        expectOneFault(faultsAfter([change]), ExpectedFault(line(of: date, in: changed([change])), "objectives.indicators.measured",
                                                            "a completion date lies in the plan's year 2019 or the year after"),
                       in: "plan.yaml")
        let lateButPossible = try PlanFile.parse(text: changed([("measured: \"2019-07-26\"", "measured: \"2020-12-31\"")]), file: "plan.yaml")
        #expect(lateButPossible.objectives.count == 3)
    }

    /// HR's form shows and saves a validated figure with two decimals: a finer one would be rounded when saved again.
    @Test func aValidatedFigureHasAtMostTwoDecimals() throws {
        let change = ("percent: 70", "percent: \"33,3333\"")
        expectOneFault(faultsAfter([change]), ExpectedFault(line(of: "33,3333", in: changed([change])), "validated.percent",
                                                            "a percentage from 0 to 100, with at most two decimals"), in: "plan.yaml")
        let plan = try PlanFile.parse(text: changed([("percent: 70", "percent: \"33,33\"")]), file: "plan.yaml")
        #expect(plan.validated.last?.achievement == Ratio(3_333, 10_000))
    }

    /// A composite whose sub-indicators are all suppressed is told at its `sub_indicators`, with its line.
    @Test func everySubIndicatorSuppressedIsToldWhereItIs() {
        let changes = [("              measured: \"2019-03-22\"", "              suppressed: {reference: \"D1\"}"),
                       ("              measured: \"no\"", "              suppressed: {reference: \"D2\"}")]
        expectOneFault(faultsAfter(changes), ExpectedFault(line(of: "- id: \"6.3.1\"", in: changed(changes)),
                                                           "objectives.indicators.composite.sub_indicators",
                                                           "every sub-indicator of this composite is suppressed"),
                       in: "plan.yaml")
    }

    /// A suppressed composite is left out with its sub-indicators: they need no measured value, and the
    /// organisation report still lists them, each marked as left out with it.
    @Test func aSuppressedCompositeLeavesOutItsSubIndicators() throws {
        let text = changed([("        name: \"Centro Congressi\"\n", "        name: \"Centro Congressi\"\n        suppressed: {reference: \"Delibera n. 7\"}\n"),
                            ("              measured: \"2019-03-22\"\n", "")])
        let plan = try PlanFile.parse(text: text, file: "plan.yaml")
        let results = try plan.results(settings: OrganisationSettings())
        let six = try #require(results.objectives.first { $0.objective.id == "6" })
        let composite = try #require(six.indicators.first { $0.id == "6.3" })
        #expect(composite.achievement == nil)
        #expect(composite.subResults.map(\.id) == ["6.3.1", "6.3.2", "6.3.3"])
        #expect(composite.subResults.allSatisfy { $0.achievement == nil })
        // Objective 6 is then its other indicator alone: 6.4 meets its best step.
        #expect(six.achievement?.computed == .one)
    }
}
