import BigInt

/// An exact figure of a report: a `Ratio`, or a fraction of 128-bit integers not reduced to lowest terms
/// (the fast path of the allocation computes every amount over one common denominator). Both print the
/// same digits; reducing a million fractions only to print them would cost more than computing them.
public struct ExactFigure: Sendable, Hashable {
    enum Storage: Sendable, Hashable {
        case ratio(Ratio)
        /// numerator / denominator, denominator > 0.
        case fraction(Int128, Int128)
    }
    let storage: Storage

    public init(_ value: Ratio) { storage = .ratio(value) }

    /// `numerator / denominator`; the denominator must be positive.
    public init(numerator: Int128, denominator: Int128) {
        precondition(denominator > 0, "an exact figure has a positive denominator")
        storage = .fraction(numerator, denominator)
    }

    public static let zero = ExactFigure(.zero)

    /// The value as a `Ratio` (reduced).
    public var ratio: Ratio {
        switch storage {
        case let .ratio(value): return value
        case let .fraction(n, d): return Ratio(int128: n, d)
        }
    }

    public var isZero: Bool {
        switch storage {
        case let .ratio(value): return value.isZero
        case let .fraction(n, _): return n == 0
        }
    }

    public static func == (a: ExactFigure, b: ExactFigure) -> Bool { a.ratio == b.ratio }
    public func hash(into hasher: inout Hasher) { hasher.combine(ratio) }

    /// The numerator and denominator in 128 bits (denominator > 0), when they fit.
    var fraction: (numerator: Int128, denominator: Int128)? {
        switch storage {
        case let .fraction(n, d): return (n, d)
        case let .ratio(value):
            if case let .small(n, d) = value.storage { return (Int128(n), Int128(d)) }
            return nil
        }
    }

    /// The value times 10^`exponent` (which may be negative) rounded half-up to an integer, in 128 bits;
    /// nil when an intermediate product would not fit (then print `ratio`).
    public func scaledHalfUp(exponent: Int) -> Int128? {
        guard let (n, d) = fraction else { return nil }
        if n == 0 { return 0 }
        var (numerator, denominator) = (n, d)
        if exponent >= 0 {
            guard exponent <= 38, case (let m, false) = n.multipliedReportingOverflow(by: Int128.powerOfTen(exponent)) else { return nil }
            numerator = m
        } else {
            guard -exponent <= 38, case (let m, false) = d.multipliedReportingOverflow(by: Int128.powerOfTen(-exponent)) else { return nil }
            denominator = m
        }
        // floor((2n + d) / 2d) is n/d rounded half-up.
        guard case (let twice, false) = numerator.multipliedReportingOverflow(by: 2),
              case (let top, false) = twice.addingReportingOverflow(denominator),
              case (let bottom, false) = denominator.multipliedReportingOverflow(by: 2) else { return nil }
        return Int128.flooredDivision(top, bottom)
    }
}

extension Int128 {
    static let powersOfTen: [Int128] = (0...38).map { exponent in
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    @inline(__always)
    static func powerOfTen(_ exponent: Int) -> Int128 { powersOfTen[exponent] }

    /// ⌊a / b⌋ for b > 0: by one 128-by-64-bit division when the operands allow, which is several times
    /// faster than a general 128-bit division.
    @inline(__always)
    static func flooredDivision(_ a: Int128, _ b: Int128) -> Int128 {
        if a >= 0, b <= Int128(UInt64.max) {
            let divisor = UInt64(truncatingIfNeeded: b)
            let high = UInt64(truncatingIfNeeded: a >> 64)
            if high < divisor {
                return Int128(divisor.dividingFullWidth((high: high, low: UInt64(truncatingIfNeeded: a))).quotient)
            }
        }
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? q - 1 : q
    }
}

extension Ratio {
    /// `numerator / denominator` from 128-bit integers, reduced; natively when both fit 64 bits.
    init(int128 numerator: Int128, _ denominator: Int128) {
        if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator) {
            self.init(reducing: n, d)
        } else {
            self.init(BigInt(numerator), BigInt(denominator))
        }
    }
}
