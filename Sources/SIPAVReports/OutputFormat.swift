import Foundation
import SIPAV

/// How a report is written.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned text tables for a terminal, numbers in Italian form.
    case table
    /// JSON with stable field names: money in integer cents, percentages as numbers of per cent.
    case json
    /// CSV for a spreadsheet in an Italian locale: UTF-8 with BOM, `;` separated, decimal comma.
    case csv

    public func render(_ report: Report) -> String {
        var out = ReportBytes()
        out.reserveCapacity(report.tables.reduce(4_096) { $0 + $1.rowCount * $1.columns.count * 10 })
        var failure: Error?
        render(report, into: &out, failure: &failure)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes the report's UTF-8 bytes to `destination`, a large piece at a time (about a mebibyte): a report
    /// of a million rows is never held whole.
    public func write(_ report: Report, to destination: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try withoutActuallyEscaping(destination) { destination in
            var out = ReportBytes(destination: destination)
            var failure: Error?
            render(report, into: &out, failure: &failure)
            if let failure { throw failure }
            try out.finish()
        }
    }

    private func render(_ report: Report, into out: inout ReportBytes, failure: inout Error?) {
        switch self {
        case .table: TextRenderer.render(report, into: &out, failure: &failure)
        case .json: JSONRenderer.render(report, into: &out, failure: &failure)
        case .csv: CSVRenderer.render(report, into: &out, failure: &failure)
        }
    }
}

/// A cell writer that renders into bytes handed on between rows.
class RenderingCells: CellWriter {
    /// Touched only by this writer, one call at a time: no need to check access at run time, on every byte.
    @exclusivity(unchecked) var out = ReportBytes()

    /// A writer like this one, for another thread.
    func twin() -> RenderingCells { fatalError("a rendering cell writer makes its twin") }

    /// Called before writing the rows from `row` on (a writer that numbers its rows sets its count).
    func startBlock(at row: Int) {}

    /// Writes every row of `table` with `startRow` and `endRow` around each; the bytes go to and come back
    /// from `bytes` (moved, not copied). The rows of a large table made on demand are written on two threads
    /// (`rowsInParallel`).
    final func rows(of table: ReportTable, into bytes: inout ReportBytes, failure: inout Error?,
                    startRow: @escaping @Sendable (RenderingCells) -> Void = { _ in },
                    endRow: @escaping @Sendable (RenderingCells) -> Void) {
        if table.makesRows && table.rowCount >= 2 * Self.blockRows {
            rowsInParallel(of: table, into: &bytes, failure: &failure, startRow: startRow, endRow: endRow)
            return
        }
        rowsInOrder(of: table, into: &bytes, failure: &failure, startRow: { startRow(self) }, endRow: { endRow(self) })
    }

    static let blockRows = 4_096

    /// Blocks of rows written by this writer and its twin at the same time, handed on in order: each thread
    /// writes a block into a buffer of its own, waits for its turn, then hands the block on.
    private func rowsInParallel(of table: ReportTable, into bytes: inout ReportBytes, failure: inout Error?,
                                startRow: @escaping @Sendable (RenderingCells) -> Void,
                                endRow: @escaping @Sendable (RenderingCells) -> Void) {
        guard failure == nil else { return }
        let blocks = (table.rowCount + Self.blockRows - 1) / Self.blockRows
        nonisolated(unsafe) let writers = [self, twin()]
        let turn = NSCondition()
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var stopped: Error?
        withUnsafeMutablePointer(to: &bytes) { destination in
            nonisolated(unsafe) let destination = destination
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                let writer = writers[worker]
                var block = worker
                while block < blocks {
                    let range = (block * Self.blockRows)..<min((block + 1) * Self.blockRows, table.rowCount)
                    writer.out.reset()
                    writer.startBlock(at: range.lowerBound)
                    table.forEachRow(in: range, into: writer, startRow: { startRow(writer) }, endRow: { endRow(writer) })
                    turn.lock()
                    while next != block { turn.wait() }
                    turn.unlock()
                    if stopped == nil {
                        destination.pointee.append(contentsOf: writer.out.bytes)
                        do { try destination.pointee.handOnIfLarge() } catch { stopped = error }
                    }
                    turn.lock()
                    next += 1
                    turn.broadcast()
                    turn.unlock()
                    block += 2
                }
            }
        }
        if let stopped { failure = stopped }
    }

    /// Writes every row of `table` in order, on this thread.
    final func rowsInOrder(of table: ReportTable, into bytes: inout ReportBytes, failure: inout Error?,
                           startRow: () -> Void, endRow: () -> Void) {
        guard failure == nil else { return }
        swap(&out, &bytes)
        defer { swap(&out, &bytes) }
        do {
            try table.forEachRow(into: self, startRow: startRow) {
                endRow()
                try out.handOnIfLarge()
            }
        } catch {
            failure = error
        }
    }

    /// Lets `body` write into `bytes` through this writer's buffer.
    final func writing(into bytes: inout ReportBytes, _ body: () -> Void) {
        swap(&out, &bytes)
        body()
        swap(&out, &bytes)
    }
}

enum TextRenderer {
    static func render(_ report: Report, into out: inout ReportBytes, failure: inout Error?) {
        out.append(report.title)
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: report.title.count))
        out.append(UInt8(ascii: "\n"))
        for table in report.tables {
            out.append(UInt8(ascii: "\n"))
            out.append(table.title)
            out.append(UInt8(ascii: "\n"))
            // Two passes: the widths of the columns, then the lines.
            let widths = Widths(table.columns.map(\.label.count))
            var scratch = ReportBytes()
            widths.rowsInOrder(of: table, into: &scratch, failure: &failure, startRow: { widths.index = 0 }, endRow: {})
            let line = Line(widths: widths.widths, columns: table.columns)
            line.writing(into: &out) { line.header() }
            line.rowsInOrder(of: table, into: &out, failure: &failure, startRow: {}, endRow: { line.endLine() })
        }
        if !report.notes.isEmpty {
            out.append("\n" + report.notes.map { "• " + $0 }.joined(separator: "\n") + "\n")
        }
    }

    /// The cells of a text table, each rendered by `TextRenderer` and handed to `addCell`, which a subclass
    /// overrides: to measure the widths, or to place the cells in their columns.
    class TextCells: RenderingCells {
        func addCell(_ write: (inout ReportBytes) -> Int) { fatalError("a text cell writer handles its cells") }

        override func text(_ value: String) { addCell { TextRenderer.text(value, into: &$0) } }
        override func integer(_ value: Int) { addCell { TextRenderer.number(into: &$0) { $0.appendDecimal(scaled: Int128(value), digits: 0, mark: UInt8(ascii: ","), group: UInt8(ascii: ".")) } } }
        override func cents(_ value: Int64) { addCell { TextRenderer.cents(value, into: &$0) } }
        override func exactCents(_ value: ExactFigure, digits: Int) {
            addCell { TextRenderer.figure(value, shift: -2, digits: digits, suffix: " €", into: &$0) }
        }
        override func percent(_ value: ExactFigure, digits: Int) {
            addCell { TextRenderer.figure(value, shift: 2, digits: digits, suffix: " %", into: &$0) }
        }
        override func number(_ value: ExactFigure, digits: Int) {
            addCell { TextRenderer.figure(value, shift: 0, digits: digits, suffix: "", into: &$0) }
        }
        override func empty() { addCell { TextRenderer.emptyCell(into: &$0) } }
    }

    /// The width of each column: the widest of its label and its cells.
    final class Widths: TextCells {
        var widths: [Int]
        var index = 0
        var cell = ReportBytes()
        init(_ widths: [Int]) { self.widths = widths }

        override func addCell(_ write: (inout ReportBytes) -> Int) {
            cell.reset()
            widths[index] = max(widths[index], write(&cell))
            index += 1
        }
    }

    /// One line of a table: cells padded to the widths, two spaces apart, trailing whitespace removed. Writes
    /// the header and the rule when the first row starts.
    final class Line: TextCells {
        let widths: [Int]
        let columns: [Column]
        var line = ReportBytes()
        var cell = ReportBytes()
        var index = 0

        init(widths: [Int], columns: [Column]) { (self.widths, self.columns) = (widths, columns) }

        /// The column labels, whole, and the rule under them.
        func header() {
            for label in columns.map(\.label) {
                addCell {
                    $0.append(label)
                    return label.count
                }
            }
            endLine()
            out.append(contentsOf: widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ").utf8)
            out.append(UInt8(ascii: "\n"))
        }

        func endLine() {
            TextRenderer.trimTrailingWhitespace(&line)
            out.append(contentsOf: line.bytes)
            out.append(UInt8(ascii: "\n"))
            line.reset()
            index = 0
        }

        override func addCell(_ write: (inout ReportBytes) -> Int) {
            guard index < columns.count else { return }
            if index > 0 {
                line.append(UInt8(ascii: " "))
                line.append(UInt8(ascii: " "))
            }
            cell.reset()
            let count = write(&cell)
            let padding = repeatElement(UInt8(ascii: " "), count: widths[index] - count)
            if columns[index].rightAligned { line.append(contentsOf: padding) }
            line.append(contentsOf: cell.bytes)
            if !columns[index].rightAligned { line.append(contentsOf: padding) }
            index += 1
        }
    }

    /// Removes the trailing whitespace of a line as `/\s+$/` does: ASCII whitespace directly, and through a
    /// `String` when the line then ends in a character other than ASCII, €, — or … (which might be whitespace
    /// or join the whitespace into one character).
    static func trimTrailingWhitespace(_ line: inout ReportBytes) {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || (0x09...0x0D).contains(line[end - 1]) { end -= 1 }
        if end > 0, line[end - 1] >= 0x80 {
            let safe = end >= 3 && [Array("€".utf8), Array("—".utf8), Array("…".utf8)].contains { ending in
                (0..<3).allSatisfy { line[end - 3 + $0] == ending[$0] }
            }
            if !safe {
                let trimmed = String(decoding: line.bytes, as: UTF8.self).replacing(/\s+$/, with: "")
                line.reset()
                line.append(trimmed)
                return
            }
        }
        line.removeLast(line.count - end)
    }

    /// Writes a text as a table shows it (long text cut, a line break, a tab or another control character as a space: a row stays one line) and
    /// returns its width in characters.
    static func text(_ text: String, into out: inout ReportBytes) -> Int {
        if text.utf8.contains(where: { $0 < 0x20 }) {
            return Self.text(String(text.map { $0.unicodeScalars.contains { $0.value < 0x20 } ? " " : $0 }), into: &out)
        }
        if CellText.isPlain(text) {
            let count = text.utf8.count
            if count <= 70 {
                out.append(text)
                return count
            }
            out.append(contentsOf: text.utf8.prefix(69))
            out.append("…")
            return 70
        }
        let shown = shortened(text)
        out.append(shown)
        return shown.count
    }

    static func cents(_ value: Int64, into out: inout ReportBytes) -> Int {
        number(into: &out) {
            $0.appendDecimal(scaled: Int128(value), digits: 2, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
            $0.append(" €")
        }
    }

    static func figure(_ value: ExactFigure, shift: Int, digits: Int, suffix: StaticString, into out: inout ReportBytes) -> Int {
        number(into: &out) {
            $0.appendFigure(value, shift: shift, digits: digits, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
            $0.append(suffix)
        }
    }

    static func emptyCell(into out: inout ReportBytes) -> Int { number(into: &out) { $0.append("—") } }

    /// Writes a number and returns its width: ASCII but for € and —, one character each.
    static func number(into out: inout ReportBytes, _ write: (inout ReportBytes) -> Void) -> Int {
        let start = out.count
        write(&out)
        var characters = 0
        for index in start..<out.count where out[index] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    /// Long descriptions are cut in a terminal table; JSON and CSV keep them whole.
    static func shortened(_ text: String, limit: Int = 70) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// Text of a report's cells read straight from their bytes when they are ASCII; anything else goes through
/// `String`, whose rules (grapheme clusters, Unicode whitespace) the renderers follow.
enum CellText {
    /// Whether every byte is ASCII and none is a carriage return (which pairs with a line feed into one character).
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
    }
}

enum CSVRenderer {
    /// One CSV block per table, separated by an empty line; the title is not repeated when there is one table.
    static func render(_ report: Report, into out: inout ReportBytes, failure: inout Error?) {
        out.append("\u{FEFF}")
        for (index, table) in report.tables.enumerated() {
            if report.tables.count > 1 {
                if index > 0 { out.append("\r\n") }
                quoted(table.title, into: &out)
                out.append("\r\n")
            }
            for (index, column) in table.columns.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ";")) }
                quoted(column.label, into: &out)
            }
            out.append("\r\n")
            Cells().rows(of: table, into: &out, failure: &failure) { cells in
                cells.out.append(UInt8(ascii: "\r"))
                cells.out.append(UInt8(ascii: "\n"))
                (cells as! Cells).first = true
            }
        }
    }

    /// Cells separated by `;`.
    final class Cells: RenderingCells {
        var first = true

        override func twin() -> RenderingCells { Cells() }

        @inline(__always) private func separate() {
            if first { first = false } else { out.append(UInt8(ascii: ";")) }
        }
        override func text(_ value: String) {
            separate()
            CSVRenderer.quoted(value, into: &out)
        }
        override func integer(_ value: Int) {
            separate()
            out.appendInteger(value)
        }
        override func cents(_ value: Int64) {
            separate()
            out.appendDecimal(scaled: Int128(value), digits: 2, mark: UInt8(ascii: ","), group: nil)
        }
        override func exactCents(_ value: ExactFigure, digits: Int) {
            separate()
            out.appendFigure(value, shift: -2, digits: digits, mark: UInt8(ascii: ","), group: nil)
        }
        override func percent(_ value: ExactFigure, digits: Int) {
            separate()
            out.appendFigure(value, shift: 2, digits: digits, mark: UInt8(ascii: ","), group: nil)
        }
        override func number(_ value: ExactFigure, digits: Int) {
            separate()
            out.appendFigure(value, shift: 0, digits: digits, mark: UInt8(ascii: ","), group: nil)
        }
        override func empty() { separate() }
    }

    /// The field as a spreadsheet reads it back: quoted when it holds `;`, a quote or a line break, and
    /// prefixed with `'` when it would start a formula.
    static func quoted(_ value: String, into out: inout ReportBytes) {
        var value = value
        // Bytes, whatever the text: the bytes looked for are ASCII, and no byte of a longer UTF-8 sequence is.
        let plain = value.withUTF8 { bytes -> Bool in
            if let first = bytes.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D { return false }
            guard mayNeedQuotes(bytes) else {
                out.append(contentsOf: bytes)
                return true
            }
            // mayNeedQuotes found a `;`, a quote or a line break (CR, LF, or both): each needs the quotes.
            out.append(UInt8(ascii: "\""))
            for byte in bytes {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { out.append(quote(value)) }
    }

    /// Whether `bytes` hold a `;`, a quote, a CR or a LF: eight bytes at a time, for the millions of names and
    /// ids of a large allocation, which hold none.
    @inline(__always)
    static func mayNeedQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
            let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
            return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
        }
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if hasByte(word, UInt8(ascii: ";")) || hasByte(word, UInt8(ascii: "\"")) || hasByte(word, 0x0A) || hasByte(word, 0x0D) {
                return true
            }
            index += 8
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ";"), UInt8(ascii: "\""), 0x0A, 0x0D: return true
            default: index += 1
            }
        }
        return false
    }

    static func quote(_ value: String) -> String {
        // "\r\n" is one Character, neither "\r" nor "\n": a line break either way.
        let needsQuotes = value.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        // A leading = + - @ (or a tab or CR before one) would make a spreadsheet run the text as a formula. The first
        // Unicode scalar, not the first character: a joining mark after "=" (U+200D, U+0301) makes one character of both.
        let startsFormula = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        let safe = startsFormula && Double(value) == nil ? "'" + value : value
        return needsQuotes ? "\"" + safe.replacing("\"", with: "\"\"") + "\"" : safe
    }
}

enum JSONRenderer {
    static func render(_ report: Report, into out: inout ReportBytes, failure: inout Error?) {
        out.append("{\n  \"report\": ")
        string(report.key, into: &out)
        out.append(",\n  \"title\": ")
        string(report.title, into: &out)
        out.append(",\n")
        for table in report.tables {
            out.append("  ")
            string(table.key, into: &out)
            out.append(": [\n")
            var key = ReportBytes()
            let cells = Cells(keys: table.columns.map { column -> [UInt8] in
                key.reset()
                string(column.key, into: &key)
                key.append(": ")
                return key.buffer
            }, asPrinted: table.figuresAsPrinted)
            cells.rows(of: table, into: &out, failure: &failure, startRow: { ($0 as! Cells).startRow() }) { ($0 as! Cells).endRow() }
            out.append(table.rowCount == 0 ? "  ],\n" : "\n  ],\n")
        }
        out.append("  \"notes\": [")
        for (index, note) in report.notes.enumerated() {
            if index > 0 { out.append(", ") }
            string(note, into: &out)
        }
        out.append("]\n}\n")
    }

    /// The fields of an object, one per column (as far as both go).
    final class Cells: RenderingCells {
        let keys: [[UInt8]]
        /// Whether figures are written as the table prints them (a published table), else a percentage or number with
        /// four decimals at least and exact cents to the millionth.
        let asPrinted: Bool
        var index = 0
        var rows = 0
        /// A published table's figures left out of this row, each its key and the reason the table prints for it.
        var withheld: [(key: [UInt8], reason: String)] = []

        init(keys: [[UInt8]], asPrinted: Bool) { (self.keys, self.asPrinted) = (keys, asPrinted) }

        private var minimumDigits: Int { asPrinted ? 0 : 4 }

        override func twin() -> RenderingCells { Cells(keys: keys, asPrinted: asPrinted) }
        override func startBlock(at row: Int) { rows = row }

        /// Rows are objects separated by `,\n`.
        func startRow() {
            out.append(rows > 0 ? ",\n    {" : "    {")
            rows += 1
            index = 0
        }

        /// A row of a published table with figures withheld ends with why: `"withheld": {"mean_score": "non pubblicato
        /// (…)"}`, so that a null there is not read as a figure of nothing.
        func endRow() {
            if !withheld.isEmpty {
                out.append(", \"withheld\": {")
                for (index, figure) in withheld.enumerated() {
                    if index > 0 { out.append(", ") }
                    out.append(contentsOf: figure.key)
                    JSONRenderer.string(figure.reason, into: &out)
                }
                out.append(UInt8(ascii: "}"))
                withheld.removeAll(keepingCapacity: true)
            }
            out.append(UInt8(ascii: "}"))
        }

        @inline(__always) private func key() -> Bool {
            guard index < keys.count else { return false }
            if index > 0 { out.append(", ") }
            out.append(contentsOf: keys[index])
            index += 1
            return true
        }
        override func text(_ value: String) { if key() { JSONRenderer.string(value, into: &out) } }
        override func integer(_ value: Int) { if key() { out.appendInteger(value) } }
        override func cents(_ value: Int64) { if key() { out.appendInteger(Int(value)) } }
        override func exactCents(_ value: ExactFigure, digits: Int) {
            // Cents with the decimals of a euro printed beyond its two: whole cents for a printed `1.234,56 €`.
            if key() { out.appendFigure(value, shift: 0, digits: asPrinted ? max(digits - 2, 0) : 6, mark: UInt8(ascii: "."), group: nil) }
        }
        override func percent(_ value: ExactFigure, digits: Int) {
            if key() { out.appendFigure(value, shift: 2, digits: max(digits, minimumDigits), mark: UInt8(ascii: "."), group: nil) }
        }
        override func number(_ value: ExactFigure, digits: Int) {
            if key() { out.appendFigure(value, shift: 0, digits: max(digits, minimumDigits), mark: UInt8(ascii: "."), group: nil) }
        }
        override func empty() { if key() { out.append("null") } }
        override func absent(_ label: String) {
            if asPrinted && index < keys.count { withheld.append((keys[index], label)) }
            empty()
        }
        override func instant(italian: String, iso: String) { text(iso) }
    }

    /// A double-quoted literal, escaped as `QuotedText.doubleQuoted` escapes it, byte by byte.
    static func string(_ text: String, into out: inout ReportBytes) {
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append("\\\"")
                case UInt8(ascii: "\\"): out.append("\\\\")
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                case 0x00..<0x20, 0x7F:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append("\\u00")
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
