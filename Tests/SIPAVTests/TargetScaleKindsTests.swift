import Testing
@testable import SIPAV

/// Rules §1.1: the achievement is the percentage of the best step whose threshold the value meets.
/// One case per kind of threshold in the rules' table, with the report's own figures.
@Suite("Target scales: the kinds of the rules' table")
struct TargetScaleKindsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: ThresholdKind
        let thresholds: [String]
        var percents = usualPercents
        let measured: Measurement
        let expected: Int
        let testDescription: String
    }

    static let table: [Case] = [
        Case(kind: .below, thresholds: ["80", "85", "90", "95", "100"], measured: .number(number("75")), expected: 100,
             testDescription: "below (strict): < 80 %, measured 75 % → 100 %"),
        Case(kind: .atMost, thresholds: ["2", "2,5", "3", "3,5", "4"], measured: .number(number("1,9")), expected: 100,
             testDescription: "at most: ≤ 2 days, measured 1.9 → 100 %"),
        Case(kind: .above, thresholds: ["2,8", "2,6", "2,4", "2,2", "2,0"], measured: .number(number("3,16")), expected: 100,
             testDescription: "above (strict): > 2.8, measured 3.16 → 100 %"),
        Case(kind: .atLeast, thresholds: ["70", "60", "55", "50", "40"], measured: .number(number("98,58")), expected: 100,
             testDescription: "at least: ≥ 70 %, measured 98.58 % → 100 %"),
        Case(kind: .atLeast, thresholds: ["5", "4", "3", "2", "1"], measured: .number(number("8")), expected: 100,
             testDescription: "at least (count): 5 reports, 8 produced → 100 %"),
        Case(kind: .deadline, thresholds: ["2019-06", "2019-07", "2019-09", "2019-10", "2019-11"],
             measured: .date(day("2019-07-26")), expected: 80,
             testDescription: "deadline: Jun-19 … Nov-19, done 26 Jul 2019 → 80 %"),
        Case(kind: .yesNo, thresholds: [], measured: .yesNo(false), expected: 0,
             testDescription: "yes/no: SI at 100 %, not done → 0 %"),
        Case(kind: .yesNo, thresholds: [], measured: .yesNo(true), expected: 100,
             testDescription: "yes/no: SI at 100 %, done → 100 %"),
        Case(kind: .atLeast, thresholds: ["10", "8", "6", "4", "2"], measured: .number(number("38,47")), expected: 100,
             testDescription: "bare number read as at least: 10 %, measured 38.47 % → 100 %"),
        Case(kind: .atLeast, thresholds: ["80"], measured: .number(number("100")), expected: 100,
             testDescription: "share of KPIs met: ≥ 80 %, 100 % met → 100 %"),
    ]

    @Test("the rules' table", arguments: table)
    func rulesTable(_ c: Case) throws {
        let s = try scale(c.kind, c.thresholds, percents: c.percents)
        #expect(s.achievement(of: c.measured) == pct(c.expected))
    }

    /// Each scale walked down its steps: the measurement that just meets each step, then one that meets none.
    struct Walk: Sendable, CustomTestStringConvertible {
        let kind: ThresholdKind
        let thresholds: [String]
        /// One value per step (meeting that step and no better one), then one meeting no step.
        let values: [String]
        var testDescription: String { "\(kind.rawValue) \(thresholds)" }
    }

    @Test("each step earns its percentage; a value meeting no step scores 0 %", arguments: [
        Walk(kind: .below, thresholds: ["80", "85", "90", "95", "100"], values: ["79", "84", "89,99", "94", "99", "100"]),
        Walk(kind: .atMost, thresholds: ["2", "2,5", "3", "3,5", "4"], values: ["2", "2,5", "3", "3,5", "4", "4,01"]),
        Walk(kind: .above, thresholds: ["2,8", "2,6", "2,4", "2,2", "2,0"], values: ["2,81", "2,7", "2,5", "2,3", "2,1", "2"]),
        Walk(kind: .atLeast, thresholds: ["70", "60", "55", "50", "40"], values: ["70", "60", "55", "50", "40", "39,99"]),
        Walk(kind: .atLeast, thresholds: ["5", "4", "3", "2", "1"], values: ["5", "4", "3", "2", "1", "0"]),
    ])
    func walk(_ w: Walk) throws {
        let s = try scale(w.kind, w.thresholds)
        let expected = usualPercents.map(pct) + [.zero]
        for (value, achievement) in zip(w.values, expected) {
            #expect(s.achievement(of: .number(number(value))) == achievement, "measured \(value)")
        }
    }

    @Test("a deadline walked month by month", arguments: [
        ("2019-05-15", 100), ("2019-06-30", 100), ("2019-07-01", 80), ("2019-07-31", 80), ("2019-08-01", 60),
        ("2019-09-30", 60), ("2019-10-31", 40), ("2019-11-30", 20), ("2019-12-01", 0), ("2020-01-15", 0),
    ])
    func deadlineWalk(done: String, expected: Int) throws {
        let s = try scale(.deadline, ["2019-06", "2019-07", "2019-09", "2019-10", "2019-11"])
        #expect(s.achievement(of: .date(day(done))) == pct(expected))
    }

    @Test func aDeadlineNotCompletedMeetsNoStep() throws {
        let deadline = try scale(.deadline, ["2019-06", "2019-07", "2019-09", "2019-10", "2019-11"])
        #expect(deadline.achievement(of: .notCompleted) == .zero)
        // Only a deadline scale takes it: on a numeric scale it is a measurement of the wrong type.
        let numeric = try scale(.atLeast, ["70", "60"])
        #expect(numeric.achievement(of: .notCompleted) == nil)
    }
}
