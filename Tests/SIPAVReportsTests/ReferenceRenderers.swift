import BigInt
import SIPAV
@testable import SIPAVReports

// The renderers as they were first written, on `String`s: the reference the byte renderers are checked against.

enum ReferenceTextRenderer {
    static func render(_ report: Report) -> String {
        var out = report.title + "\n" + String(repeating: "=", count: report.title.count) + "\n"
        for table in report.tables {
            out += "\n" + table.title + "\n"
            let cells = table.rows.map { $0.map { shortened(oneLine(text($0))) } }
            var widths = table.columns.map(\.label.count)
            for row in cells { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
            func line(_ values: [String]) -> String {
                zip(values, table.columns).enumerated().map { index, pair in
                    let padding = String(repeating: " ", count: widths[index] - pair.0.count)
                    return pair.1.rightAligned ? padding + pair.0 : pair.0 + padding
                }.joined(separator: "  ").replacing(/\s+$/, with: "")
            }
            out += line(table.columns.map(\.label)) + "\n"
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in cells { out += line(row) + "\n" }
        }
        if !report.notes.isEmpty { out += "\n" + report.notes.map { "• " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    /// Long descriptions are cut in a terminal table; JSON and CSV keep them whole.
    static func shortened(_ text: String, limit: Int = 70) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A line break, a tab or another control character as a space: a row is one line of the terminal.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.unicodeScalars.contains { $0.value < 0x20 } ? " " : $0 })
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case let .text(value): return value
        case let .integer(value): return ItalianNumbers.number(Ratio(value), digits: 0)
        case let .cents(value): return ItalianNumbers.euros(cents: value)
        case let .exactCents(value, digits): return ItalianNumbers.euros(exactCents: value, digits: digits)
        case let .percent(value, digits): return ItalianNumbers.percent(value, digits: digits)
        case let .number(value, digits): return ItalianNumbers.number(value, digits: digits)
        case .empty: return "—"
        case let .absent(label): return label
        case let .instant(italian, _): return italian
        }
    }
}

enum ReferenceCSVRenderer {
    /// One CSV block per table, separated by an empty line; the title is not repeated when there is one table.
    static func render(_ report: Report) -> String {
        var out = "\u{FEFF}"
        for (index, table) in report.tables.enumerated() {
            if report.tables.count > 1 { out += (index > 0 ? "\r\n" : "") + quote(table.title) + "\r\n" }
            out += table.columns.map { quote($0.label) }.joined(separator: ";") + "\r\n"
            // A number is written as it is, a negative one too: a spreadsheet reads -314,99 as a number, not a formula.
            for row in table.rows {
                out += row.map { cell in
                    switch cell {
                    case .text, .instant: return quote(text(cell))
                    default: return text(cell)
                    }
                }.joined(separator: ";") + "\r\n"
            }
        }
        return out
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case let .text(value): return value
        case let .integer(value): return String(value)
        case let .cents(value): return DecimalText.format(Ratio(BigInt(value), 100), digits: 2, decimalMark: ",")
        case let .exactCents(value, digits): return DecimalText.format(value / Ratio(100), digits: digits, decimalMark: ",")
        case let .percent(value, digits): return DecimalText.format(value * Ratio(100), digits: digits, decimalMark: ",")
        case let .number(value, digits): return DecimalText.format(value, digits: digits, decimalMark: ",")
        case .empty: return ""
        case let .absent(label): return label
        case let .instant(italian, _): return italian
        }
    }

    static func quote(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        // A leading = + - @ (or a tab or CR) would make a spreadsheet run the text as a formula: the first scalar decides.
        let safe = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true && Double(value) == nil
            ? "'" + value : value
        return needsQuotes ? "\"" + safe.replacing("\"", with: "\"\"") + "\"" : safe
    }
}

enum ReferenceJSONRenderer {
    static func render(_ report: Report) -> String {
        var out = "{\n  \"report\": \(string(report.key)),\n  \"title\": \(string(report.title)),\n"
        for table in report.tables {
            out += "  \(string(table.key)): [\n"
            out += table.rows.map { row in
                "    {" + zip(table.columns, row).map { "\(string($0.key)): \(value($1))" }.joined(separator: ", ")
                    + withheld(table, row) + "}"
            }.joined(separator: ",\n")
            out += table.rows.isEmpty ? "  ],\n" : "\n  ],\n"
        }
        out += "  \"notes\": [" + report.notes.map(string).joined(separator: ", ") + "]\n}\n"
        return out
    }

    /// A published table's row with figures withheld names them and why.
    static func withheld(_ table: ReportTable, _ row: [Cell]) -> String {
        guard table.figuresAsPrinted else { return "" }
        let reasons = zip(table.columns, row).compactMap { column, cell -> String? in
            if case let .absent(reason) = cell { "\(string(column.key)): \(string(reason))" } else { nil }
        }
        return reasons.isEmpty ? "" : ", \"withheld\": {" + reasons.joined(separator: ", ") + "}"
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case let .text(value): return string(value)
        case let .integer(value): return String(value)
        case let .cents(value): return String(value)
        case let .exactCents(value, _): return DecimalText.format(value, digits: 6)
        case let .percent(value, digits): return DecimalText.format(value * Ratio(100), digits: max(digits, 4))
        case let .number(value, digits): return DecimalText.format(value, digits: max(digits, 4))
        case .empty: return "null"
        case .absent: return "null"
        case let .instant(_, iso): return string(iso)
        }
    }

    static func string(_ text: String) -> String { QuotedText.doubleQuoted(text) }
}
