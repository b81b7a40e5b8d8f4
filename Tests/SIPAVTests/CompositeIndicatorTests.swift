import Testing
@testable import SIPAV

/// Rules §1.1, composite indicators: the mean of the sub-indicators placed on the indicator's own percentages.
@Suite("Composite indicators")
struct CompositeIndicatorTests {
    /// The report's indicator 6.3: sub 6.3.1 (deadline Mar-19 … Jul-19, tender launched 22 March 2019) scores
    /// 100 %; sub 6.3.2 (yes/no, provisional award by 31 December, not done) scores 0 %; sub 6.3.3 was
    /// eliminated by deliberation 139/2019.
    static func indicator63() throws -> Indicator {
        let sub1 = measured("6.3.1", try scale(.deadline, ["2019-03", "2019-04", "2019-05", "2019-06", "2019-07"]),
                            .date(day("2019-03-22")))
        let sub2 = measured("6.3.2", try scale(.yesNo, []), .yesNo(false))
        let sub3 = yesNo("6.3.3", done: true, suppression: "deliberazione 139/2019")
        return Indicator(id: "6.3", name: "Centro Congressi Torino Incontra",
                         content: .composite(stepAchievements: usualPercents.map(pct), subIndicators: [sub1, sub2, sub3]))
    }

    @Test("6.3: mean 50 % snaps to the 40 % step (the report's figure)")
    func snapToStep() throws {
        let result = try Self.indicator63().result(compositeRule: .snapToStep)
        #expect(result.subResults.map(\.achievement) == [pct(100), .zero, nil])
        #expect(result.subIndicatorMean == pct(50))
        #expect(result.achievement == pct(40))
    }

    @Test("6.3 under the alternative setting: the plain mean, 50 %")
    func plainMean() throws {
        let result = try Self.indicator63().result(compositeRule: .mean)
        #expect(result.subIndicatorMean == pct(50))
        #expect(result.achievement == pct(50))
    }

    @Test("the suppressed sub-indicator is left out of the mean: counting it would give 66.7 %, not 50 %")
    func suppressedSubLeftOut() throws {
        let result = try Self.indicator63().result(compositeRule: .mean)
        #expect(result.achievement != Ratio(2, 3))
        #expect(result.subResults.count == 3, "the suppressed sub-indicator stays on record")
    }

    static func composite(_ percents: [Int], steps: [Int] = usualPercents) -> Indicator {
        let subs = percents.enumerated().map { scoring("x.\($0 + 1)", $1) }
        return Indicator(id: "x", name: "composito", content: .composite(stepAchievements: steps.map(pct), subIndicators: subs))
    }

    @Test("snap to step: the highest step not above the mean", arguments: [
        ([100, 100], 100), ([100, 80], 80), ([100, 60], 80), ([80, 60], 60), ([100, 60, 40], 60),
        ([100, 0, 0], 20), ([20, 20], 20),
    ])
    func snaps(subs: [Int], expected: Int) throws {
        #expect(try Self.composite(subs).result(compositeRule: .snapToStep).achievement == pct(expected))
    }

    @Test("a mean below the lowest step scores 0 %")
    func belowLowestStep() throws {
        // (20 + 0) / 2 = 10 %, below the 20 % step.
        #expect(try Self.composite([20, 0]).result(compositeRule: .snapToStep).achievement == .zero)
        // With steps 100/80/60 only, a mean of 50 % meets none.
        #expect(try Self.composite([100, 0], steps: [100, 80, 60]).result(compositeRule: .snapToStep).achievement == .zero)
    }

    @Test("a composite whose sub-indicators are all suppressed is refused")
    func allSuppressed() {
        let indicator = Indicator(id: "y", name: "composito",
                                  content: .composite(stepAchievements: usualPercents.map(pct),
                                                      subIndicators: [yesNo("y.1", done: true, suppression: "delibera 1"),
                                                                      yesNo("y.2", done: true, suppression: "delibera 1")]))
        #expect(throws: RuleViolation.self) { try indicator.result(compositeRule: .snapToStep) }
    }
}
