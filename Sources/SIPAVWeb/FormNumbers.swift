import SIPAV

/// Numbers typed in HR's forms, in Italian (`DecimalText.parseItalianForm`: `734.312,44`, `1.500`, `95,8`): unlike
/// the files, a dot here only groups thousands, so `1.500` is never read as one and a half.
enum FormNumbers {
    /// Euros to cents: at most two decimals, not negative, at most `Fund.largestTotal`; nil otherwise.
    static func cents(_ text: String) -> Int64? {
        guard let value = DecimalText.parseItalianForm(text.replacingOccurrences(of: "€", with: "")), value >= .zero else {
            return nil
        }
        let cents = value * Ratio(100)
        guard cents.denominator == 1, cents <= Fund.largestTotal.ratio, let exact = Int64(exactly: cents.numerator) else {
            return nil
        }
        return exact
    }

    /// A percentage 0…100 with at most two decimals, in basis points (100 % = 10000); nil otherwise.
    static func basisPoints(_ text: String) -> Int? {
        guard let value = DecimalText.parseItalianForm(text.replacingOccurrences(of: "%", with: "")) else { return nil }
        let basisPoints = value * Ratio(100)
        guard basisPoints.denominator == 1, let exact = Int(exactly: basisPoints.numerator), (0...10_000).contains(exact) else {
            return nil
        }
        return exact
    }

    /// A date as `gg/mm/aaaa` or as a browser's date field sends it (`aaaa-mm-gg`).
    static func date(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: trimmed.contains("/") ? "/" : "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let first = parts[0], let second = parts[1], let third = parts[2] else { return nil }
        return trimmed.contains("/") ? CalendarDate(year: third, month: second, day: first)
            : CalendarDate(year: first, month: second, day: third)
    }
}
