import BigInt
import Testing
@testable import SIPAV

/// The native 64-bit path of `Ratio` and its arbitrary-precision fallback give the same exact values,
/// including right at the edge where products overflow 64 bits.
@Suite("Ratio: native and arbitrary-precision arithmetic agree")
struct RatioPathsTests {
    static let edges: [Int64] = [0, 1, -1, 2, 3, 7, 10, 100, 10_000, 1_000_003, Int64(Int32.max), 3_037_000_499,
                                 3_037_000_500, Int64.max / 3, Int64.max - 1, Int64.max, -Int64.max]

    /// The reference: plain BigInt fractions, reduced once at the end.
    static func reference(_ n: BigInt, _ d: BigInt) -> Ratio { Ratio(n, d) }

    @Test func everyOperationMatchesTheReferenceAtTheEdges() {
        var checked = 0
        for an in Self.edges {
            for ad in Self.edges where ad > 0 {
                for bn in Self.edges.shuffled().prefix(6) {
                    for bd in Self.edges.shuffled().prefix(5) where bd > 0 {
                        let a = Ratio(BigInt(an), BigInt(ad)), b = Ratio(BigInt(bn), BigInt(bd))
                        let (A, B, C, D) = (BigInt(an), BigInt(ad), BigInt(bn), BigInt(bd))
                        #expect(a + b == Self.reference(A * D + C * B, B * D))
                        #expect(a - b == Self.reference(A * D - C * B, B * D))
                        #expect(a * b == Self.reference(A * C, B * D))
                        if bn != 0 { #expect(a / b == Self.reference(A * D, B * C)) }
                        #expect((a < b) == (A * D < C * B))
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 1_000)
    }

    @Test func valuesThatFitAreStoredNatively() {
        let big = Ratio(BigInt(Int64.max) * 4, 8)
        if case .small = big.storage {} else { Issue.record("a value that fits 64 bits after reduction should be native") }
        #expect(big == Ratio(Int(Int64.max), 2))
        let huge = Ratio(BigInt(Int64.max) * BigInt(Int64.max), 3)
        if case .big = huge.storage {} else { Issue.record("a value beyond 64 bits needs arbitrary precision") }
        #expect(huge * Ratio(3) / Ratio(BigInt(Int64.max)) == Ratio(Int(Int64.max)))
    }

    @Test func equalValuesHashAlike() {
        let values = [Ratio(2, 4), Ratio(BigInt(1), BigInt(2)), Ratio(3, 6) + .zero, Ratio(1, 4) * Ratio(2)]
        #expect(Set(values).count == 1)
    }
}

/// Formatting takes a native path for values stored in 64 bits; it must agree with the exact BigInt one.
@Suite("DecimalText: native and arbitrary-precision formatting agree")
struct DecimalFormattingPathsTests {
    static func reference(_ value: Ratio, digits: Int) -> String {
        let scale = BigInt(10).power(digits)
        let scaled = (value * Ratio(scale)).roundedHalfUp
        let magnitude = scaled.magnitude
        var fraction = String(magnitude % scale.magnitude)
        while fraction.count < digits { fraction = "0" + fraction }
        let integer = String(magnitude / scale.magnitude)
        return (scaled < 0 ? "-" : "") + integer + (digits == 0 ? "" : "." + fraction)
    }

    @Test func halvesNegativesAndLargeValues() {
        let values: [Ratio] = [Ratio(1, 2), Ratio(-1, 2), Ratio(5, 1000), Ratio(-5, 1000), Ratio(2, 3), Ratio(-2, 3),
                               Ratio(Int(Int64.max), 7), Ratio(-Int(Int64.max), 3), Ratio(123_456_789, 100), .zero,
                               Ratio(999_999, 1_000_000), Ratio(-1, 3_000_000)]
        for value in values {
            for digits in [0, 1, 2, 4, 6, 18] {
                #expect(DecimalText.format(value, digits: digits) == Self.reference(value, digits: digits), "\(value) with \(digits)")
            }
        }
    }
}
