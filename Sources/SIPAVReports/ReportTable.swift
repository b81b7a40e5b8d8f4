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
    /// No value, for a reason a person reads: the label (`n.v.`) in a table and a CSV, `null` in JSON, as `empty`.
    case absent(String)
    /// An instant: in Italian form on the clock of Italy in a table and a CSV (`25/11/2026 alle 19:05:42`), ISO 8601
    /// in UTC in JSON (`2026-11-25T18:05:42Z`), for a program to read.
    case instant(italian: String, iso: String)
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
    public internal(set) var title: String
    public let columns: [Column]
    /// Whether JSON carries each figure as the table prints it (a published table: the statistics), rather than
    /// with at least four decimals and exact cents to the millionth.
    public var figuresAsPrinted = false
    private var givenRows: [[Cell]]
    private var generator: RowGenerator?

    /// Makes the values of each row on demand.
    struct RowGenerator: Sendable {
        let count: Int
        let fill: @Sendable (_ row: Int, _ cells: CellWriter) -> Void
    }

    public init(key: String, title: String, columns: [Column], rows: [[Cell]] = []) {
        (self.key, self.title, self.columns, self.givenRows) = (key, title, columns, rows)
    }

    /// A table of `count` rows whose values `row` writes, in column order, when a renderer reaches them.
    init(key: String, title: String, columns: [Column], count: Int,
         row: @escaping @Sendable (_ row: Int, _ cells: CellWriter) -> Void) {
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

    /// Whether the rows are made on demand (then `forEachRow(in:)` can make any range of them).
    var makesRows: Bool { generator != nil }

    /// Writes the values of the rows in `range` (of a table that makes its rows) into `cells`, with `startRow`
    /// and `endRow` around each.
    func forEachRow(in range: Range<Int>, into cells: CellWriter, startRow: () -> Void, endRow: () -> Void) {
        guard let fill = generator?.fill else { preconditionFailure("rows by range of a table that makes its rows") }
        // One reference to the row maker for the whole range: two threads write ranges of the same table, and a
        // reference counted at every row would bounce between their cores.
        withExtendedLifetime(fill) {
            for row in range {
                startRow()
                fill(row, cells)
                endRow()
            }
        }
    }

    /// Writes the values of each row in order into `cells`, calling `startRow` before and `endRow` after each row.
    func forEachRow(into cells: CellWriter, startRow: () -> Void, endRow: () throws -> Void) rethrows {
        if let generator {
            for row in 0..<generator.count {
                startRow()
                generator.fill(row, cells)
                try endRow()
            }
        } else {
            for row in givenRows {
                startRow()
                for cell in row { cells.write(cell) }
                try endRow()
            }
        }
    }

    private static func cells(_ generator: RowGenerator) -> [[Cell]] {
        let collector = CellCollector()
        return (0..<generator.count).map { row in
            collector.cells.removeAll(keepingCapacity: true)
            generator.fill(row, collector)
            return collector.cells
        }
    }

    public static func == (a: ReportTable, b: ReportTable) -> Bool {
        (a.key, a.title, a.columns, a.rowCount, a.figuresAsPrinted) == (b.key, b.title, b.columns, b.rowCount, b.figuresAsPrinted)
            && a.rows == b.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(title)
        hasher.combine(columns)
        hasher.combine(rowCount)
    }
}

/// Receives the values of a row, in column order, and writes them its own way (a renderer, or a collector of
/// cells). A row made on demand reads its figures straight from the allocation, not reduced to lowest terms.
class CellWriter {
    func text(_ value: String) { fatalError("a cell writer writes text") }
    func integer(_ value: Int) { fatalError("a cell writer writes integers") }
    func cents(_ value: Int64) { fatalError("a cell writer writes cents") }
    func exactCents(_ value: ExactFigure, digits: Int) { fatalError("a cell writer writes exact cents") }
    func percent(_ value: ExactFigure, digits: Int) { fatalError("a cell writer writes percentages") }
    func number(_ value: ExactFigure, digits: Int) { fatalError("a cell writer writes numbers") }
    func empty() { fatalError("a cell writer writes empty cells") }
    /// `Cell.absent`: its label as text, except where a writer has a null of its own.
    func absent(_ label: String) { text(label) }
    /// `Cell.instant`: its Italian form as text, except where a writer is read by programs.
    func instant(italian: String, iso: String) { text(italian) }

    final func write(_ cell: Cell) {
        switch cell {
        case let .text(value): text(value)
        case let .integer(value): integer(value)
        case let .cents(value): cents(value)
        case let .exactCents(value, digits): exactCents(ExactFigure(value), digits: digits)
        case let .percent(value, digits): percent(ExactFigure(value), digits: digits)
        case let .number(value, digits): number(ExactFigure(value), digits: digits)
        case .empty: empty()
        case let .absent(label): absent(label)
        case let .instant(italian, iso): instant(italian: italian, iso: iso)
        }
    }
}

/// Collects the values of a row as cells.
final class CellCollector: CellWriter {
    var cells: [Cell] = []
    override func text(_ value: String) { cells.append(.text(value)) }
    override func integer(_ value: Int) { cells.append(.integer(value)) }
    override func cents(_ value: Int64) { cells.append(.cents(value)) }
    override func exactCents(_ value: ExactFigure, digits: Int) { cells.append(.exactCents(value.ratio, digits: digits)) }
    override func percent(_ value: ExactFigure, digits: Int) { cells.append(.percent(value.ratio, digits: digits)) }
    override func number(_ value: ExactFigure, digits: Int) { cells.append(.number(value.ratio, digits: digits)) }
    override func empty() { cells.append(.empty) }
    override func absent(_ label: String) { cells.append(.absent(label)) }
    override func instant(italian: String, iso: String) { cells.append(.instant(italian: italian, iso: iso)) }
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

    /// The first note of a preview.
    public static let previewNote = "Anteprima: queste cifre non sono registrate."

    /// The same report marked as a preview (*anteprima*) of figures not stored: in its title, in each table's
    /// title (the only titles a CSV file carries) and as its first note. Keys, columns and rows are unchanged.
    public func preview() -> Report {
        var tables = tables
        for index in tables.indices { tables[index].title += " (anteprima: cifre non registrate)" }
        return Report(key: key, title: "Anteprima – " + title, tables: tables, notes: [Report.previewNote] + notes)
    }
}
