import Testing
@testable import SIPAV

/// Rules §1.1 beyond the table: the edges of a threshold, the percentages as data, the shape of a scale.
@Suite("Target scales: boundaries, custom percentages, invalid scales")
struct TargetScaleRulesTests {
    @Test("strict kinds are not met exactly at the threshold; non-strict kinds are", arguments: [
        (ThresholdKind.below, "80", 80),     // < 80 % not met by 80 %: falls to < 85 %
        (ThresholdKind.atMost, "2", 100),    // ≤ 2 met by 2
        (ThresholdKind.above, "2,8", 80),    // > 2.8 not met by 2.8: falls to > 2.6
        (ThresholdKind.atLeast, "70", 100),  // ≥ 70 met by 70
    ])
    func exactlyAtTheThreshold(kind: ThresholdKind, value: String, expected: Int) throws {
        let thresholds: [ThresholdKind: [String]] = [
            .below: ["80", "85", "90", "95", "100"],
            .atMost: ["2", "2,5", "3", "3,5", "4"],
            .above: ["2,8", "2,6", "2,4", "2,2", "2,0"],
            .atLeast: ["70", "60", "55", "50", "40"],
        ]
        let s = try scale(kind, thresholds[kind]!)
        #expect(s.achievement(of: .number(number(value))) == pct(expected))
    }

    @Test("a deadline is met on the last day of its month, not on the first day of the next")
    func deadlineEdge() throws {
        let s = try scale(.deadline, ["2019-06", "2019-07", "2019-09", "2019-10", "2019-11"])
        #expect(s.achievement(of: .date(day("2019-06-30"))) == pct(100))
        #expect(s.achievement(of: .date(day("2019-07-01"))) == pct(80))
        #expect(s.achievement(of: .date(day("2019-11-30"))) == pct(20))
        #expect(s.achievement(of: .date(day("2019-12-01"))) == .zero)
    }

    @Test("a deadline in February ends on the 28th, or the 29th in a leap year")
    func deadlineFebruary() throws {
        let s2019 = try scale(.deadline, ["2019-02"])
        #expect(s2019.achievement(of: .date(day("2019-02-28"))) == pct(100))
        #expect(s2019.achievement(of: .date(day("2019-03-01"))) == .zero)
        let s2020 = try scale(.deadline, ["2020-02"])
        #expect(s2020.achievement(of: .date(day("2020-02-29"))) == pct(100))
    }

    @Test("the percentages are data: the report's 100/80/50/40/20 scale", arguments: [
        ("9", 100), ("7", 80), ("5", 50), ("3", 40), ("1", 20), ("0", 0),
    ])
    func customPercents(value: String, expected: Int) throws {
        let s = try scale(.atLeast, ["9", "7", "5", "3", "1"], percents: [100, 80, 50, 40, 20])
        #expect(s.achievement(of: .number(number(value))) == pct(expected))
    }

    @Test("fewer than five steps: '3, 2, 1' has three", arguments: [("4", 100), ("3", 100), ("2", 80), ("1", 60), ("0", 0)])
    func fewerSteps(value: String, expected: Int) throws {
        let s = try scale(.atLeast, ["3", "2", "1"])
        #expect(s.steps.count == 3)
        #expect(s.achievement(of: .number(number(value))) == pct(expected))
    }

    @Test("a single step scale: below the only threshold scores 0 %")
    func singleStep() throws {
        let s = try scale(.atLeast, ["80"])
        #expect(s.achievement(of: .number(number("79,99"))) == .zero)
        #expect(s.achievement(of: .number(number("80"))) == pct(100))
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let kind: ThresholdKind
        let steps: [ScaleStep]
        let testDescription: String
    }

    static func numbers(_ values: [String], _ percents: [Int]) -> [ScaleStep] {
        zip(values, percents).map { ScaleStep(threshold: .number(number($0)), achievement: pct($1)) }
    }

    static let invalid: [Invalid] = [
        Invalid(kind: .atLeast, steps: numbers(["6", "5", "4", "3", "2", "1"], [100, 80, 60, 40, 20, 10]),
                testDescription: "six steps"),
        Invalid(kind: .atLeast, steps: [], testDescription: "no step"),
        Invalid(kind: .atLeast, steps: numbers(["5", "4", "3"], [60, 80, 100]), testDescription: "rising percentages"),
        Invalid(kind: .atLeast, steps: numbers(["5", "4", "3"], [100, 80, 80]), testDescription: "a repeated percentage"),
        Invalid(kind: .atLeast, steps: numbers(["1", "2", "3"], [100, 80, 60]),
                testDescription: "at least: thresholds rising (each step harder)"),
        Invalid(kind: .below, steps: numbers(["100", "95", "90"], [100, 80, 60]),
                testDescription: "below: thresholds falling"),
        Invalid(kind: .atMost, steps: numbers(["2", "2"], [100, 80]), testDescription: "at most: a repeated threshold"),
        Invalid(kind: .above, steps: numbers(["2,0", "2,8"], [100, 80]), testDescription: "above: thresholds rising"),
        Invalid(kind: .deadline,
                steps: [ScaleStep(threshold: .month(month("2019-09")), achievement: pct(100)),
                        ScaleStep(threshold: .month(month("2019-06")), achievement: pct(80))],
                testDescription: "deadline: months going back"),
        Invalid(kind: .atLeast, steps: [ScaleStep(threshold: .month(month("2019-06")), achievement: pct(100))],
                testDescription: "a month threshold on a numeric kind"),
        Invalid(kind: .deadline, steps: numbers(["6"], [100]), testDescription: "a number threshold on a deadline"),
        Invalid(kind: .yesNo, steps: numbers(["1"], [100]), testDescription: "a number threshold on a yes/no"),
        Invalid(kind: .yesNo,
                steps: [ScaleStep(threshold: .yes, achievement: pct(100)), ScaleStep(threshold: .yes, achievement: pct(80))],
                testDescription: "a yes/no of two steps"),
        Invalid(kind: .yesNo, steps: [ScaleStep(threshold: .yes, achievement: pct(80))],
                testDescription: "a yes/no paying 80 % for sì (SI at 100 %, nothing below)"),
        Invalid(kind: .atLeast, steps: numbers(["5"], [120]), testDescription: "a percentage above 100 %"),
        Invalid(kind: .atLeast, steps: numbers(["5", "4"], [100, 0]), testDescription: "a step of 0 %"),
    ]

    @Test("invalid scales are rejected", arguments: invalid)
    func rejected(_ c: Invalid) {
        #expect(throws: RuleViolation.self) { try TargetScale(kind: c.kind, steps: c.steps) }
    }

    @Test("a measurement of the wrong type has no achievement", arguments: [
        (ThresholdKind.atLeast, Measurement.date(day("2019-07-26"))),
        (ThresholdKind.atLeast, Measurement.yesNo(true)),
        (ThresholdKind.below, Measurement.yesNo(false)),
        (ThresholdKind.deadline, Measurement.number(number("7"))),
        (ThresholdKind.deadline, Measurement.yesNo(true)),
        (ThresholdKind.yesNo, Measurement.number(number("1"))),
        (ThresholdKind.yesNo, Measurement.date(day("2019-07-26"))),
    ])
    func wrongType(kind: ThresholdKind, measurement: Measurement) throws {
        let s: TargetScale = switch kind {
        case .deadline: try scale(.deadline, ["2019-06", "2019-07"])
        case .yesNo: try scale(.yesNo, [])
        default: try scale(kind, kind == .below ? ["80", "85"] : ["70", "60"])
        }
        #expect(s.achievement(of: measurement) == nil)
    }

    @Test("an indicator whose measurement does not suit its scale is refused, naming the indicator")
    func indicatorWrongType() throws {
        let indicator = measured("1.1", try scale(.atLeast, ["70"]), .yesNo(true))
        let error = #expect(throws: RuleViolation.self) { try indicator.result(compositeRule: .snapToStep) }
        #expect(error?.rule.contains("1.1") == true)
    }

    @Test("a live indicator without a measurement is refused; a suppressed one is kept without")
    func missingMeasurement() throws {
        let s = try scale(.atLeast, ["70"])
        let live = Indicator(id: "2.1", name: "tasso", content: .measured(scale: s, measured: nil))
        #expect(throws: RuleViolation.self) { try live.result(compositeRule: .snapToStep) }
        let suppressed = Indicator(id: "2.2", name: "tasso", content: .measured(scale: s, measured: nil),
                                   suppression: "Delibera n. 139 del 16/09/2019")
        let result = try suppressed.result(compositeRule: .snapToStep)
        #expect(result.achievement == nil)
        #expect(suppressed.isSuppressed)
    }

    @Test("a revision keeps the old target and the reference beside the new one")
    func revision() throws {
        let old = try scale(.deadline, ["2019-09"])
        let new = try scale(.deadline, ["2019-12"])
        let revised = Indicator(id: "6.4", name: "progettazione definitiva entro dicembre 2019",
                                content: .measured(scale: new, measured: .date(day("2019-12-30"))),
                                revision: .init(reference: "deliberazione 139/2019", previousScale: old,
                                                previousName: "progettazione definitiva entro settembre 2019"))
        #expect(try revised.result(compositeRule: .snapToStep).achievement == pct(100))
        #expect(revised.revision?.previousScale == old)
        #expect(revised.revision?.reference == "deliberazione 139/2019")
    }
}
