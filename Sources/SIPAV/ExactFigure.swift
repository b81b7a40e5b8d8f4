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

    /// The numerator and denominator in 128 bits (denominator > 0), when they fit; not reduced.
    public var fraction: (numerator: Int128, denominator: Int128)? {
        switch storage {
        case let .fraction(n, d): return (n, d)
        case let .ratio(value):
            if case let .small(n, d) = value.storage { return (Int128(n), Int128(d)) }
            return nil
        }
    }

    /// The value reduced to lowest terms in 128 bits (denominator > 0), as `ratio` would hold it, without
    /// making a `Ratio`; nil when it does not fit 128 bits.
    public var reducedFraction: (numerator: Int128, denominator: Int128)? {
        guard let (n, d) = fraction else { return nil }
        let divisor = Ratio.gcd(n.magnitude, UInt128(d))
        return (n / Int128(divisor), d / Int128(divisor))
    }

    /// The value times 10^`exponent` (which may be negative) rounded half-up to an integer, in 128 bits;
    /// nil when an intermediate product would not fit (then print `ratio`).
    public func scaledHalfUp(exponent: Int) -> Int128? {
        var divisors = DivisorCache()
        return scaledHalfUp(exponent: exponent, divisors: &divisors)
    }

    /// As `scaledHalfUp(exponent:)`, dividing by the divisors kept in `divisors` (a report divides a million
    /// figures by the same few denominators).
    public func scaledHalfUp(exponent: Int, divisors: inout DivisorCache) -> Int128? {
        guard let (n, d) = fraction else { return nil }
        if n == 0 { return 0 }
        var (numerator, denominator) = (n, d)
        guard abs(exponent) <= 38 else { return nil }
        if exponent >= 0 {
            guard let m = Int128.product(n, Int128.powerOfTen(exponent)) else { return nil }
            numerator = m
        } else {
            guard let m = Int128.product(d, Int128.powerOfTen(-exponent)) else { return nil }
            denominator = m
        }
        // floor((2n + d) / 2d) is n/d rounded half-up.
        guard let twice = Int128.product(numerator, 2), case (let top, false) = twice.addingReportingOverflow(denominator),
              let bottom = Int128.product(denominator, 2) else { return nil }
        if let divisor = divisors.divisor(bottom), let quotient = divisor.flooredQuotient(top) { return quotient }
        return Int128.flooredDivision(top, bottom)
    }
}

/// The last few divisors of `ExactFigure.scaledHalfUp`, ready to divide by.
public struct DivisorCache: Sendable {
    // Four entries in place (no array: this runs for every figure of a large report).
    private var values: (Int128, Int128, Int128, Int128) = (0, 0, 0, 0)
    private var divisors: (InvariantDivisor, InvariantDivisor, InvariantDivisor, InvariantDivisor) =
        (InvariantDivisor(1), InvariantDivisor(1), InvariantDivisor(1), InvariantDivisor(1))
    private var next = 0

    public init() {}

    @inline(__always)
    mutating func divisor(_ value: Int128) -> InvariantDivisor? {
        if value == values.0 { return divisors.0 }
        if value == values.1 { return divisors.1 }
        if value == values.2 { return divisors.2 }
        if value == values.3 { return divisors.3 }
        guard value > 0 && value <= Int128(UInt64.max) else { return nil }
        let divisor = InvariantDivisor(UInt64(value))
        switch next {
        case 0: (values.0, divisors.0) = (value, divisor)
        case 1: (values.1, divisors.1) = (value, divisor)
        case 2: (values.2, divisors.2) = (value, divisor)
        default: (values.3, divisors.3) = (value, divisor)
        }
        next = (next + 1) & 3
        return divisor
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

    /// a × b, or nil when it does not fit: a wrapping multiplication when the sizes of the operands allow,
    /// the checked one (a call into the runtime, slow) only near the limit.
    @inline(__always)
    static func product(_ a: Int128, _ b: Int128) -> Int128? {
        if a.magnitude.leadingZeroBitCount + b.magnitude.leadingZeroBitCount >= 130 { return a &* b }
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }

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

/// Division of 128-bit numbers by one 64-bit divisor, many times: by multiplying with a precomputed reciprocal
/// (Möller and Granlund, "Improved division by invariant integers", 2011, algorithm 4), several times faster than
/// a division instruction or a 128-bit division in software. Exact: the quotient and remainder of a division.
public struct InvariantDivisor: Sendable, Hashable {
    public let divisor: UInt64
    /// The divisor shifted left until its top bit is set.
    private let normalized: UInt64
    private let shift: UInt64
    /// ⌊(2^128 − 1) / normalized⌋ − 2^64.
    private let reciprocal: UInt64

    public init(_ divisor: UInt64) {
        precondition(divisor > 0, "division by zero")
        self.divisor = divisor
        shift = UInt64(divisor.leadingZeroBitCount)
        normalized = divisor << shift
        reciprocal = normalized.dividingFullWidth((high: ~normalized, low: .max)).quotient
    }

    /// `(high · 2^64 + low) / divisor` and its remainder; the quotient must fit 64 bits (`high < divisor`).
    @inline(__always)
    public func divide(high: UInt64, low: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        // Normalise the dividend with the divisor (no bit is lost: high < divisor).
        let u1 = shift == 0 ? high : (high << shift) | (low >> (64 - shift))
        let u0 = low << shift
        // (q1, q0) = reciprocal · u1 + (u1, u0), then q1 + 1: a quotient estimate, at most one off either way.
        let product = reciprocal.multipliedFullWidth(by: u1)
        let (q0, carry) = product.low.addingReportingOverflow(u0)
        var q1 = product.high &+ u1 &+ 1 &+ (carry ? 1 : 0)
        var r = u0 &- q1 &* normalized
        if r > q0 {
            q1 &-= 1
            r &+= normalized
        }
        if r >= normalized {
            q1 &+= 1
            r &-= normalized
        }
        return (q1, r >> shift)
    }

    /// ⌊a / divisor⌋ for 0 ≤ a with a quotient that fits 64 bits; nil otherwise.
    @inline(__always)
    public func flooredQuotient(_ a: Int128) -> Int128? {
        guard a >= 0 else { return nil }
        let high = UInt64(truncatingIfNeeded: a >> 64)
        guard high < divisor else { return nil }
        return Int128(divide(high: high, low: UInt64(truncatingIfNeeded: a)).quotient)
    }
}
