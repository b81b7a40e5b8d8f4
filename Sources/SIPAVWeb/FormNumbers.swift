import Foundation
import SIPAV
import SIPAVFiles

/// Numbers typed in HR's forms, read by the rule of the command line's files (`FundFile.amount`, `PercentText`): a
/// comma or a point marks decimals (`1234,56`, `1234.56`, `1.234,56`), and `12.480`, thousands or decimals, is
/// refused as ambiguous with a message saying how to write it, never guessed.
enum FormNumbers {
    /// Euros, at most two decimals, not negative, at most `Fund.largestTotal`; a `€` may follow.
    static func cents(_ text: String) -> FieldNumber<Cents> {
        FundFile.amount(text.replacingOccurrences(of: "€", with: "").trimmingCharacters(in: .whitespaces))
    }

    /// A percentage in `range` basis points (100 % = 10000), at most two decimals; a `%` may follow.
    static func basisPoints(_ text: String, in range: ClosedRange<Int> = 0...10_000) -> FieldNumber<Int> {
        PercentText.basisPoints(text.trimmingCharacters(in: .whitespaces), in: range)
    }

    static let ambiguousAmountMessage = "Un solo punto o una sola virgola seguiti da tre cifre sono ambigui (migliaia o decimali?): "
        + "scriva 12480 o 12.480,00 per dodicimilaquattrocentottanta euro, 12,48 per dodici euro e 48 centesimi."
    static let ambiguousPercentMessage = "Un solo punto o una sola virgola seguiti da tre cifre sono ambigui (migliaia o decimali?): "
        + "una percentuale ha al più due decimali; scriva 12,48 per dodici e 48 centesimi per cento."

    /// A date as `gg/mm/aaaa` or as a browser's date field sends it (`aaaa-mm-gg`).
    static func date(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: trimmed.contains("/") ? "/" : "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let first = parts[0], let second = parts[1], let third = parts[2] else { return nil }
        return trimmed.contains("/") ? CalendarDate(year: third, month: second, day: first)
            : CalendarDate(year: first, month: second, day: third)
    }
}

extension FieldNumber {
    /// The value read, nil for any fault.
    var value: Value? {
        if case let .value(value) = self { return value }
        return nil
    }
}
