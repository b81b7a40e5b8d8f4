import SIPAV

extension Cell {
    /// The cell as a page shows it, as the text report prints it: numbers in Italian form (`1.234,5678 €`,
    /// `100,00 %`), `empty` for an empty cell.
    public func italianText(empty: String = "—") -> String {
        switch self {
        case let .text(value): value
        case let .integer(value): ItalianNumbers.integer(value)
        case let .cents(value): ItalianNumbers.euros(cents: value)
        case let .exactCents(value, digits): ItalianNumbers.euros(exactCents: value, digits: digits)
        case let .percent(value, digits): ItalianNumbers.percent(value, digits: digits)
        case let .number(value, digits): ItalianNumbers.number(value, digits: digits)
        case .empty: empty
        case let .absent(label): label
        case let .instant(italian, _): italian
        }
    }
}
