import BigInt
import SIPAV

/// How the store writes exact values into `numeric` and `date` columns, and reads them back.
enum SQLValues {
    /// A value read from decimal text, written exactly; one without a finite decimal writing (never met
    /// in files) is written with twenty decimals.
    static func decimal(_ value: Ratio) -> String {
        DecimalText.exact(value) ?? DecimalText.format(value, digits: 20)
    }

    /// A fraction of one as a percent: 4/5 → `80`.
    static func percent(_ fraction: Ratio) -> String { decimal(fraction * Ratio(100)) }

    static func ratio(_ text: String) throws -> Ratio {
        guard let value = DecimalText.parse(text) else { throw StoreError("the database holds \"\(text)\" where a number belongs") }
        return value
    }

    static func fractionFromPercent(_ text: String) throws -> Ratio { try ratio(text) / Ratio(100) }

    /// `{100,80,60}` → the fractions of one.
    static func percentArray(_ text: String) throws -> [Ratio] {
        try text.trimmingCharacters(in: ["{", "}"]).split(separator: ",").map { try fractionFromPercent(String($0)) }
    }

    static func percentArrayLiteral(_ fractions: [Ratio]) -> String {
        "{" + fractions.map(percent).joined(separator: ",") + "}"
    }

    static func month(_ month: YearMonth) -> String { "\(month)-01" }
}

extension String {
    func trimmingCharacters(in characters: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
