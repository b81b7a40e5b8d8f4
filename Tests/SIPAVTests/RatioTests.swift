import BigInt
import Testing
@testable import SIPAV

/// Exact fractions: the ground every percentage and amount of money stands on.
@Suite("Ratio: exact fractions")
struct RatioTests {
    @Test("values are kept in lowest terms with a positive denominator")
    func lowestTerms() {
        let r = Ratio(6, -8)
        #expect(r.numerator == -3)
        #expect(r.denominator == 4)
        #expect(Ratio(0, -5) == .zero)
        #expect(Ratio(0, -5).denominator == 1)
        #expect(Ratio(10, 4) == Ratio(5, 2))
        #expect(Ratio.percent(80) == Ratio(4, 5))
    }

    @Test("sums, differences, products and quotients are exact")
    func arithmetic() {
        #expect(Ratio(1, 3) + Ratio(1, 6) == Ratio(1, 2))
        #expect(Ratio(1, 3) - Ratio(1, 2) == Ratio(-1, 6))
        #expect(Ratio(2, 3) * Ratio(3, 4) == Ratio(1, 2))
        #expect(Ratio(2, 3) / Ratio(4, 9) == Ratio(3, 2))
        // A tenth added ten times is exactly one, unlike a binary floating-point sum.
        let tenTenths = (0..<10).reduce(Ratio.zero) { acc, _ in acc + Ratio(1, 10) }
        #expect(tenTenths == .one)
    }

    @Test("the plain mean", arguments: [
        ([100, 100, 100, 80], 95),
        ([100, 100, 0, 100], 75),
        ([100, 100, 40, 100, 100], 88),
    ])
    func mean(percents: [Int], expected: Int) {
        #expect(Ratio.mean(percents.map(pct)) == pct(expected))
    }

    @Test("ordering compares exact values")
    func ordering() {
        #expect(Ratio(1, 3) < Ratio(34, 100))
        #expect(Ratio(-1, 2) < Ratio(-1, 3))
        #expect(Ratio(2, 4) == Ratio(1, 2))
        #expect(!Ratio(1, 2).isNegative)
        #expect(Ratio(-1, 2).isNegative)
        #expect(!Ratio.zero.isNegative)
    }

    @Test("the description is the fraction, or the integer")
    func description() {
        #expect(Ratio(3, 6).description == "1/2")
        #expect(Ratio(-8, 4).description == "-2")
    }

    struct Rounding: Sendable, CustomTestStringConvertible {
        let value: Ratio
        let floor: Int
        let halfUp: Int
        let halfEven: Int
        var testDescription: String { value.description }
    }

    /// Halves decide between the methods; negatives check that the floor goes down, not towards zero,
    /// and that half-up means "towards +∞" as documented (−2.5 → −2).
    @Test("floor, half-up and half-even", arguments: [
        Rounding(value: Ratio(5, 2), floor: 2, halfUp: 3, halfEven: 2),
        Rounding(value: Ratio(7, 2), floor: 3, halfUp: 4, halfEven: 4),
        Rounding(value: Ratio(1, 2), floor: 0, halfUp: 1, halfEven: 0),
        Rounding(value: Ratio(3, 2), floor: 1, halfUp: 2, halfEven: 2),
        Rounding(value: Ratio(249, 100), floor: 2, halfUp: 2, halfEven: 2),
        Rounding(value: Ratio(251, 100), floor: 2, halfUp: 3, halfEven: 3),
        Rounding(value: Ratio(4), floor: 4, halfUp: 4, halfEven: 4),
        Rounding(value: Ratio(-5, 2), floor: -3, halfUp: -2, halfEven: -2),
        Rounding(value: Ratio(-7, 2), floor: -4, halfUp: -3, halfEven: -4),
        Rounding(value: Ratio(-1, 2), floor: -1, halfUp: 0, halfEven: 0),
        Rounding(value: Ratio(-26, 10), floor: -3, halfUp: -3, halfEven: -3),
        Rounding(value: Ratio(-24, 10), floor: -3, halfUp: -2, halfEven: -2),
        Rounding(value: Ratio(-3), floor: -3, halfUp: -3, halfEven: -3),
    ])
    func rounding(_ c: Rounding) {
        #expect(c.value.floor == BigInt(c.floor))
        #expect(c.value.roundedHalfUp == BigInt(c.halfUp))
        #expect(c.value.roundedHalfEven == BigInt(c.halfEven))
    }

    @Test("the fractional part lies in [0, 1), also for negatives")
    func fractionalPart() {
        #expect(Ratio(7, 3).fractionalPart == Ratio(1, 3))
        #expect(Ratio(-7, 3).fractionalPart == Ratio(2, 3))
        #expect(Ratio(5).fractionalPart == .zero)
    }

    @Test("no product overflows: amounts of many millions times fine fractions stay exact")
    func noOverflow() {
        let fund = Ratio(73_431_244)
        let tiny = Ratio(1, 1_000_000_007)
        let big = fund * fund * fund * tiny
        #expect(big / (fund * fund * tiny) == fund)
    }
}
