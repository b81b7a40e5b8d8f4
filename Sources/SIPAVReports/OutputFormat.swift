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
        render(report, into: &out)
        return String(decoding: out.buffer, as: UTF8.self)
    }

    /// Writes the report's UTF-8 bytes to `destination`, a large piece at a time (about a mebibyte): a report
    /// of a million rows is never held whole.
    public func write(_ report: Report, to destination: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var out = ReportBytes(destination: destination)
        var failure: Error?
        render(report, into: &out, failure: &failure)
        if let failure { throw failure }
        try out.finish()
    }

    private func render(_ report: Report, into out: inout ReportBytes) {
        var failure: Error?
        render(report, into: &out, failure: &failure)
    }

    private func render(_ report: Report, into out: inout ReportBytes, failure: inout Error?) {
        switch self {
        case .table: TextRenderer.render(report, into: &out, failure: &failure)
        case .json: JSONRenderer.render(report, into: &out, failure: &failure)
        case .csv: CSVRenderer.render(report, into: &out, failure: &failure)
        }
    }
}

extension ReportTable {
    /// `forEachRow`, handing the bytes on between rows; stops at the first failure to hand them on.
    func forEachRow(_ out: inout ReportBytes, _ failure: inout Error?, _ body: ([CellValue], inout ReportBytes) -> Void) {
        guard failure == nil else { return }
        do {
            try forEachRow { values in
                body(values, &out)
                try out.handOnIfLarge()
            }
        } catch {
            failure = error
        }
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
            var widths = table.columns.map(\.label.count)
            var cell = ReportBytes()
            var scratch = ReportBytes()
            table.forEachRow(&scratch, &failure) { values, _ in
                for (index, value) in values.enumerated() {
                    cell.reset()
                    widths[index] = max(widths[index], text(value, into: &cell))
                }
            }
            var line = Line(widths: widths, columns: table.columns)
            line.writeHeader(into: &out)
            out.append(contentsOf: widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ").utf8)
            out.append(UInt8(ascii: "\n"))
            table.forEachRow(&out, &failure) { values, out in line.write(values, into: &out) }
        }
        if !report.notes.isEmpty {
            out.append("\n" + report.notes.map { "• " + $0 }.joined(separator: "\n") + "\n")
        }
    }

    /// One line of a table: cells padded to the widths, two spaces apart, trailing whitespace removed.
    struct Line {
        let widths: [Int]
        let columns: [Column]
        var bytes = ReportBytes()
        var cell = ReportBytes()

        init(widths: [Int], columns: [Column]) { (self.widths, self.columns) = (widths, columns) }

        /// The column labels, whole.
        mutating func writeHeader(into out: inout ReportBytes) {
            write(columns.map { CellValue.text($0.label) }, into: &out, whole: true)
        }

        mutating func write(_ values: [CellValue], into out: inout ReportBytes, whole: Bool = false) {
            bytes.reset()
            for (index, (value, column)) in zip(values, columns).enumerated() {
                if index > 0 {
                    bytes.append(UInt8(ascii: " "))
                    bytes.append(UInt8(ascii: " "))
                }
                cell.reset()
                var count: Int
                if whole, case let .text(label) = value {
                    cell.append(label)
                    count = label.count
                } else {
                    count = TextRenderer.text(value, into: &cell)
                }
                let padding = repeatElement(UInt8(ascii: " "), count: widths[index] - count)
                if column.rightAligned { bytes.append(contentsOf: padding) }
                bytes.append(contentsOf: cell.buffer)
                if !column.rightAligned { bytes.append(contentsOf: padding) }
            }
            TextRenderer.trimTrailingWhitespace(&bytes)
            out.append(contentsOf: bytes.buffer)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Removes the trailing whitespace of a line as `/\s+$/` does: ASCII whitespace directly, and through a
    /// `String` when the line then ends in a character other than ASCII, €, — or … (which might be whitespace
    /// or join the whitespace into one character).
    static func trimTrailingWhitespace(_ line: inout ReportBytes) {
        let original = line.buffer
        while let last = line.last, last == 0x20 || (0x09...0x0D).contains(last) { line.removeLast() }
        guard let last = line.last, last >= 0x80 else { return }
        let safeEndings: [[UInt8]] = [Array("€".utf8), Array("—".utf8), Array("…".utf8)]
        if safeEndings.contains(where: { line.buffer.count >= $0.count && line.buffer.suffix($0.count).elementsEqual($0) }) { return }
        line = ReportBytes()
        line.append(String(decoding: original, as: UTF8.self).replacing(/\s+$/, with: ""))
    }

    /// Writes the text of a cell as a table shows it (long text cut) and returns its width in characters.
    @discardableResult
    static func text(_ value: CellValue, into out: inout ReportBytes) -> Int {
        let start = out.count
        switch value {
        case let .text(text):
            if CellText.isPlain(text) {
                let count = text.utf8.count
                if count <= 70 { out.append(text); return count }
                out.append(contentsOf: text.utf8.prefix(69))
                out.append("…")
                return 70
            }
            let shown = shortened(text)
            out.append(shown)
            return shown.count
        case let .integer(value):
            out.appendDecimal(scaled: Int128(value), digits: 0, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
        case let .cents(value):
            out.appendDecimal(scaled: Int128(value), digits: 2, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
            out.append(" €")
        case let .exactCents(value, digits):
            out.appendFigure(value, shift: -2, digits: digits, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
            out.append(" €")
        case let .percent(value, digits):
            out.appendFigure(value, shift: 2, digits: digits, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
            out.append(" %")
        case let .number(value, digits):
            out.appendFigure(value, shift: 0, digits: digits, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
        case .empty:
            out.append("—")
        }
        // Numbers are ASCII but for € and —, one character each.
        var characters = 0
        for index in start..<out.count where out[index] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    /// Long descriptions are cut in a terminal table; JSON and CSV keep them whole.
    static func shortened(_ text: String, limit: Int = 70) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
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
            table.forEachRow(&out, &failure) { values, out in
                for (index, value) in values.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ";")) }
                    write(value, into: &out)
                }
                out.append(UInt8(ascii: "\r"))
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    static func write(_ value: CellValue, into out: inout ReportBytes) {
        let comma = UInt8(ascii: ",")
        let start = out.count
        switch value {
        case let .text(text): quoted(text, into: &out); return
        case let .integer(value): out.appendInteger(value); return
        case let .cents(value): out.appendDecimal(scaled: Int128(value), digits: 2, mark: comma, group: nil)
        case let .exactCents(value, digits): out.appendFigure(value, shift: -2, digits: digits, mark: comma, group: nil)
        case let .percent(value, digits): out.appendFigure(value, shift: 2, digits: digits, mark: comma, group: nil)
        case let .number(value, digits): out.appendFigure(value, shift: 0, digits: digits, mark: comma, group: nil)
        case .empty: return
        }
        // A negative number with a decimal comma is not a number to `Double`, and a leading minus would make a
        // spreadsheet read a formula: such a cell is written as text, as `quoted` does it.
        if start < out.count, out[start] == UInt8(ascii: "-"), (start..<out.count).contains(where: { out[$0] == comma }) {
            let written = Array(out.buffer[start...])
            out.removeLast(written.count)
            out.append(UInt8(ascii: "'"))
            out.append(contentsOf: written)
        }
    }

    /// The field as a spreadsheet reads it back: quoted when it holds `;`, a quote or a line break, and
    /// prefixed with `'` when it would start a formula.
    static func quoted(_ value: String, into out: inout ReportBytes) {
        var value = value
        let plain = value.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            if let first = bytes.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") { return false }
            var needsQuotes = false
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: ";"), UInt8(ascii: "\""): needsQuotes = true
                // A CR LF pair is one character, which is neither a CR nor a LF.
                case 0x0A: if index == 0 || bytes[index - 1] != 0x0D { needsQuotes = true }
                case 0x0D: if index + 1 == bytes.count || bytes[index + 1] != 0x0A { needsQuotes = true }
                default: break
                }
            }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return true
            }
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

    static func quote(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        // A leading = + - @ would make a spreadsheet run the text as a formula.
        let safe = value.first.map { "=+-@".contains($0) && Double(value) == nil } == true ? "'" + value : value
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
            var keys = ReportBytes()
            let keyBytes = table.columns.map { column -> [UInt8] in
                keys = ReportBytes()
                string(column.key, into: &keys)
                keys.append(": ")
                return keys.buffer
            }
            var first = true
            table.forEachRow(&out, &failure) { values, out in
                if !first { out.append(",\n") }
                first = false
                out.append("    {")
                for (index, (value, key)) in zip(values, keyBytes).enumerated() {
                    if index > 0 { out.append(", ") }
                    out.append(contentsOf: key)
                    write(value, into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(table.rowCount == 0 ? "  ],\n" : "\n  ],\n")
        }
        out.append("  \"notes\": [")
        for (index, note) in report.notes.enumerated() {
            if index > 0 { out.append(", ") }
            string(note, into: &out)
        }
        out.append("]\n}\n")
    }

    static func write(_ value: CellValue, into out: inout ReportBytes) {
        let point = UInt8(ascii: ".")
        switch value {
        case let .text(text): string(text, into: &out)
        case let .integer(value): out.appendInteger(value)
        case let .cents(value): out.appendInteger(Int(value))
        case let .exactCents(value, _): out.appendFigure(value, shift: 0, digits: 6, mark: point, group: nil)
        case let .percent(value, digits): out.appendFigure(value, shift: 2, digits: max(digits, 4), mark: point, group: nil)
        case let .number(value, digits): out.appendFigure(value, shift: 0, digits: max(digits, 4), mark: point, group: nil)
        case .empty: out.append("null")
        }
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
