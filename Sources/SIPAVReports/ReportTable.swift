import SIPAV

/// One value of a report, typed so that each output format can write it its own way.
public enum Cell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    /// Whole cents: `1.234,56 €` in a table, `1234,56` in CSV, `123456` in JSON.
    case cents(Int64)
    /// Exact cents not yet rounded, shown with `digits` decimals of a euro (4 shows fractions of a cent).
    case exactCents(Ratio, digits: Int)
    /// A fraction of one shown as a percentage with `digits` decimals: 0.958 → `95,8 %`.
    case percent(Ratio, digits: Int)
    /// A plain number with `digits` decimals.
    case number(Ratio, digits: Int)
    case empty
}

/// A column: `key` names the field in JSON (stable, documented); `label` heads it in tables and CSV (Italian).
public struct Column: Sendable, Hashable {
    public let key: String
    public let label: String
    public let rightAligned: Bool
    public init(_ key: String, _ label: String, rightAligned: Bool = false) {
        (self.key, self.label, self.rightAligned) = (key, label, rightAligned)
    }
}

/// A titled table of a report.
public struct ReportTable: Sendable, Hashable {
    /// The section's name in JSON.
    public let key: String
    public let title: String
    public let columns: [Column]
    public var rows: [[Cell]]
    public init(key: String, title: String, columns: [Column], rows: [[Cell]] = []) {
        (self.key, self.title, self.columns, self.rows) = (key, title, columns, rows)
    }
}

/// A whole report: its tables in order, and notes printed under them.
public struct Report: Sendable, Hashable {
    public let key: String
    public let title: String
    public var tables: [ReportTable]
    public var notes: [String]
    public init(key: String, title: String, tables: [ReportTable], notes: [String] = []) {
        (self.key, self.title, self.tables, self.notes) = (key, title, tables, notes)
    }
}
