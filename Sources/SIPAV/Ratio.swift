import BigInt

/// An exact rational number, `numerator / denominator`, in lowest terms with a positive denominator.
///
/// Percentages, results and amounts that drive money are `Ratio`s so that the same input gives the
/// same cents on every machine: no binary floating point touches money, and no product can overflow.
/// Most values fit in 64-bit integers and are computed natively; a result that would overflow moves to
/// arbitrary precision (`BigInt`) instead, so the arithmetic is exact whatever the size.
public struct Ratio: Sendable {
    enum Storage: Sendable {
        /// Lowest terms, denominator > 0.
        case small(Int64, Int64)
        /// Lowest terms, denominator > 0, and not representable as `small`.
        case big(BigInt, BigInt)
    }
    let storage: Storage

    public var numerator: BigInt {
        switch storage {
        case let .small(n, _): return BigInt(n)
        case let .big(n, _): return n
        }
    }

    public var denominator: BigInt {
        switch storage {
        case let .small(_, d): return BigInt(d)
        case let .big(_, d): return d
        }
    }

    /// Builds `numerator / denominator`, reduced to lowest terms. The denominator must not be zero.
    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(!denominator.isZero, "Ratio with a zero denominator")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        var (n, d) = divisor.isZero ? (BigInt(0), BigInt(1)) : (numerator / divisor, denominator / divisor)
        if d.sign == .minus { (n, d) = (-n, -d) }
        storage = Ratio.compact(n, d)
    }

    public init(_ value: Int) { storage = .small(Int64(value), 1) }

    public init(_ numerator: Int, _ denominator: Int) {
        self.init(reducing: Int64(numerator), Int64(denominator))
    }

    /// From 64-bit integers, reduced natively.
    init(reducing numerator: Int64, _ denominator: Int64) {
        storage = Ratio.reduced(numerator, denominator)
    }

    static func reduced(_ numerator: Int64, _ denominator: Int64) -> Storage {
        precondition(denominator != 0, "Ratio with a zero denominator")
        guard numerator != .min, denominator != .min else { return Ratio(BigInt(numerator), BigInt(denominator)).storage }
        let divisor = Int64(Ratio.gcd(numerator.magnitude, denominator.magnitude))
        let (n, d) = (numerator / divisor, denominator / divisor)
        return d < 0 ? .small(-n, -d) : .small(n, d)
    }

    /// A reduced BigInt pair, stored natively when it fits.
    static func compact(_ n: BigInt, _ d: BigInt) -> Storage {
        if let small = Int64(exactly: n), let smallD = Int64(exactly: d), small != .min { return .small(small, smallD) }
        return .big(n, d)
    }

    /// Binary GCD of two magnitudes (Stein), fast on machine words; 1 for two zeros.
    static func gcd<Magnitude: FixedWidthInteger & UnsignedInteger>(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        if a == 0 { return b == 0 ? 1 : b }
        if b == 0 { return a }
        var (x, y) = (a, b)
        let shift = (x | y).trailingZeroBitCount
        x >>= x.trailingZeroBitCount
        repeat {
            y >>= y.trailingZeroBitCount
            if x > y { swap(&x, &y) }
            y -= x
        } while y != 0
        return x << shift
    }

    public static let zero = Ratio(0)
    public static let one = Ratio(1)

    /// `percent` per cent, as a fraction of one: `Ratio.percent(80)` is 4/5.
    public static func percent(_ percent: Int) -> Ratio { Ratio(percent, 100) }

    public var isZero: Bool {
        switch storage {
        case let .small(n, _): return n == 0
        case let .big(n, _): return n.isZero
        }
    }

    public var isNegative: Bool {
        switch storage {
        case let .small(n, _): return n < 0
        case let .big(n, _): return n.sign == .minus && !n.isZero
        }
    }

    /// The largest integer not above the value.
    public var floor: BigInt {
        switch storage {
        case let .small(n, d):
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            return BigInt(r < 0 ? q - 1 : q)
        case let .big(n, d):
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            return r.sign == .minus && !r.isZero ? q - 1 : q
        }
    }

    /// The value minus its floor: in [0, 1).
    public var fractionalPart: Ratio { self - Ratio(floor) }

    /// The value rounded to an integer, halves upward (half-up).
    public var roundedHalfUp: BigInt { (self + Ratio(1, 2)).floor }

    /// The value rounded to an integer, halves to the even neighbour.
    public var roundedHalfEven: BigInt {
        let down = floor
        let rest = self - Ratio(down)
        if rest < Ratio(1, 2) { return down }
        if rest > Ratio(1, 2) { return down + 1 }
        return down % 2 == 0 ? down : down + 1
    }

    public static func += (a: inout Ratio, b: Ratio) { a = a + b }

    /// The plain mean of non-empty `values`.
    public static func mean(_ values: [Ratio]) -> Ratio {
        precondition(!values.isEmpty)
        return values.reduce(.zero, +) / Ratio(values.count)
    }
}

extension Ratio: CustomStringConvertible {
    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }
}
