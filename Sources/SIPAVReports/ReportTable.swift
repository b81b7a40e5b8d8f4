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

/// A titled table of a report. Its rows are given, or made one at a time when a renderer reaches them (a
/// table of a million people is never held as cells: see `init(key:title:columns:count:row:)`).
public struct ReportTable: Sendable, Hashable {
    /// The section's name in JSON.
    public let key: String
    public let title: String
    public let columns: [Column]
    private var givenRows: [[Cell]]
    private var generator: RowGenerator?

    /// Makes the values of each row on demand.
    struct RowGenerator: Sendable {
        let count: Int
        let fill: @Sendable (_ row: Int, _ values: inout [CellValue]) -> Void
    }

    public init(key: String, title: String, columns: [Column], rows: [[Cell]] = []) {
        (self.key, self.title, self.columns, self.givenRows) = (key, title, columns, rows)
    }

    /// A table of `count` rows whose values `row` appends, in column order, when a renderer reaches them.
    init(key: String, title: String, columns: [Column], count: Int,
         row: @escaping @Sendable (_ row: Int, _ values: inout [CellValue]) -> Void) {
        (self.key, self.title, self.columns, self.givenRows) = (key, title, columns, [])
        generator = RowGenerator(count: count, fill: row)
    }

    /// Every row as cells (made now when the table makes its rows on demand).
    public var rows: [[Cell]] {
        get { generator.map(Self.cells) ?? givenRows }
        set { (givenRows, generator) = (newValue, nil) }
        _modify {
            if let generator {
                givenRows = Self.cells(generator)
                self.generator = nil
            }
            yield &givenRows
        }
    }

    public var rowCount: Int { generator?.count ?? givenRows.count }

    /// Calls `body` with the values of each row in order (the array is reused from row to row).
    func forEachRow(_ body: ([CellValue]) throws -> Void) rethrows {
        var values: [CellValue] = []
        values.reserveCapacity(columns.count)
        if let generator {
            for row in 0..<generator.count {
                values.removeAll(keepingCapacity: true)
                generator.fill(row, &values)
                try body(values)
            }
        } else {
            for row in givenRows {
                values.removeAll(keepingCapacity: true)
                for cell in row { values.append(CellValue(cell)) }
                try body(values)
            }
        }
    }

    private static func cells(_ generator: RowGenerator) -> [[Cell]] {
        var values: [CellValue] = []
        return (0..<generator.count).map { row in
            values.removeAll(keepingCapacity: true)
            generator.fill(row, &values)
            return values.map(\.cell)
        }
    }

    public static func == (a: ReportTable, b: ReportTable) -> Bool {
        (a.key, a.title, a.columns, a.rowCount) == (b.key, b.title, b.columns, b.rowCount) && a.rows == b.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(title)
        hasher.combine(columns)
        hasher.combine(rowCount)
    }
}

/// A value as the renderers write it: a `Cell`, or an exact figure not reduced to lowest terms (the rows
/// made on demand read their figures straight from the allocation).
enum CellValue {
    case text(String)
    case integer(Int)
    case cents(Int64)
    case exactCents(ExactFigure, digits: Int)
    case percent(ExactFigure, digits: Int)
    case number(ExactFigure, digits: Int)
    case empty

    init(_ cell: Cell) {
        switch cell {
        case let .text(value): self = .text(value)
        case let .integer(value): self = .integer(value)
        case let .cents(value): self = .cents(value)
        case let .exactCents(value, digits): self = .exactCents(ExactFigure(value), digits: digits)
        case let .percent(value, digits): self = .percent(ExactFigure(value), digits: digits)
        case let .number(value, digits): self = .number(ExactFigure(value), digits: digits)
        case .empty: self = .empty
        }
    }

    var cell: Cell {
        switch self {
        case let .text(value): return .text(value)
        case let .integer(value): return .integer(value)
        case let .cents(value): return .cents(value)
        case let .exactCents(value, digits): return .exactCents(value.ratio, digits: digits)
        case let .percent(value, digits): return .percent(value.ratio, digits: digits)
        case let .number(value, digits): return .number(value.ratio, digits: digits)
        case .empty: return .empty
        }
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
