import BigInt

/// An exact rational number, `numerator / denominator`, over arbitrary-precision integers.
///
/// Percentages, results and amounts that drive money are `Ratio`s so that the same input gives the
/// same cents on every machine: no binary floating point touches money, and no product can overflow.
/// Values are kept in lowest terms with a positive denominator.
public struct Ratio: Sendable, Hashable {
    public let numerator: BigInt
    public let denominator: BigInt

    /// Builds `numerator / denominator`, reduced to lowest terms. The denominator must not be zero.
    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(!denominator.isZero, "Ratio with a zero denominator")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        let d = denominator.sign == .minus ? -divisor : divisor
        if d == 1 {
            (self.numerator, self.denominator) = (numerator, denominator)
        } else if d.isZero {
            (self.numerator, self.denominator) = (0, 1)
        } else {
            (self.numerator, self.denominator) = (numerator / d, denominator / d)
        }
    }

    public init(_ value: Int) { self.init(BigInt(value), 1) }
    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    public static let zero = Ratio(0)
    public static let one = Ratio(1)

    /// `percent` per cent, as a fraction of one: `Ratio.percent(80)` is 4/5.
    public static func percent(_ percent: Int) -> Ratio { Ratio(percent, 100) }

    public var isZero: Bool { numerator.isZero }
    public var isNegative: Bool { numerator.sign == .minus && !numerator.isZero }

    /// The largest integer not above the value.
    public var floor: BigInt {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r.sign == .minus && !r.isZero ? q - 1 : q
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

    public static func + (a: Ratio, b: Ratio) -> Ratio {
        if a.denominator == b.denominator { return Ratio(a.numerator + b.numerator, a.denominator) }
        return Ratio(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static prefix func - (a: Ratio) -> Ratio { Ratio(-a.numerator, a.denominator) }
    public static func - (a: Ratio, b: Ratio) -> Ratio { a + (-b) }
    public static func * (a: Ratio, b: Ratio) -> Ratio { Ratio(a.numerator * b.numerator, a.denominator * b.denominator) }

    public static func / (a: Ratio, b: Ratio) -> Ratio {
        precondition(!b.isZero, "division of a Ratio by zero")
        return Ratio(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func += (a: inout Ratio, b: Ratio) { a = a + b }

    /// The plain mean of non-empty `values`.
    public static func mean(_ values: [Ratio]) -> Ratio {
        precondition(!values.isEmpty)
        return values.reduce(.zero, +) / Ratio(values.count)
    }
}

extension Ratio: Comparable {
    public static func < (a: Ratio, b: Ratio) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }
}

extension Ratio: CustomStringConvertible {
    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }
}
