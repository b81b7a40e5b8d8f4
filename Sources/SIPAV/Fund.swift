import BigInt

/// An amount of money in integer euro cents. Money is never a binary floating-point number.
public struct Cents: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Int64
    public init(_ value: Int64) { self.value = value }
    public static let zero = Cents(0)
    public static func + (a: Cents, b: Cents) -> Cents { Cents(a.value + b.value) }
    public static func - (a: Cents, b: Cents) -> Cents { Cents(a.value - b.value) }
    public static func < (a: Cents, b: Cents) -> Bool { a.value < b.value }
    public var ratio: Ratio { Ratio(BigInt(value)) }
    /// `1234.56`: euros with a decimal point, for machine-readable output.
    public var description: String { DecimalText.format(Ratio(BigInt(value), 100), digits: 2) }
}

/// The two funds of a year.
public enum FundKind: String, Sendable, CaseIterable {
    /// The productivity fund of staff other than managers.
    case staff
    /// The result pay of the managers (*dirigenti* and the Segretario Generale).
    case managers
}

/// One line of a fund: the budgeted amount, or savings from other accessory pay added to it.
public struct FundLine: Sendable, Hashable {
    public let fund: FundKind
    public let description: String
    public let amount: Cents
    public let reference: Reference?
    public init(fund: FundKind, description: String, amount: Cents, reference: Reference? = nil) {
        (self.fund, self.description, self.amount, self.reference) = (fund, description, amount, reference)
    }
}

/// A recorded confirmation: of the fund by the *Giunta*, of the conditions for paying by the OIV.
public struct Confirmation: Sendable, Hashable {
    public let date: CalendarDate
    public let reference: Reference
    public init(date: CalendarDate, reference: Reference) { (self.date, self.reference) = (date, reference) }
}

/// The year's funds with their confirmations.
public struct Fund: Sendable, Hashable {
    public let year: Int
    public let lines: [FundLine]
    /// The governing board's confirmation of the fund after checking the ente's objectives.
    public let giunta: Confirmation?
    /// The OIV's check of the conditions for paying the bonus.
    public let oiv: Confirmation?

    public init(year: Int, lines: [FundLine], giunta: Confirmation? = nil, oiv: Confirmation? = nil) {
        (self.year, self.lines, self.giunta, self.oiv) = (year, lines, giunta, oiv)
    }

    public func total(_ kind: FundKind) -> Cents {
        lines.filter { $0.fund == kind }.reduce(.zero) { $0 + $1.amount }
    }

    /// The most a fund may hold, its lines together: 1.000.000.000.000,00 € (10¹⁴ cents). Far above any body's
    /// fund, and far below what 64-bit cents can add up, so that every total, amount and statistic stays exact.
    public static let largestTotal = Cents(100_000_000_000_000)

    /// The rule a fund over `largestTotal` breaks.
    public static func overTheLargestTotal(_ kind: FundKind) -> String {
        "the lines of the \(kind.rawValue) fund add up to more than 1,000,000,000,000.00 euros"
    }

    /// The funds whose lines add up to more than `largestTotal` (added without overflowing: none is computed then).
    public var fundsOverTheLargestTotal: [FundKind] {
        FundKind.allCases.filter { kind in
            var total: Int64 = 0
            for line in lines where line.fund == kind {
                let (sum, overflow) = total.addingReportingOverflow(line.amount.value)
                guard !overflow, sum <= Self.largestTotal.value else { return true }
                total = sum
            }
            return false
        }
    }
}
