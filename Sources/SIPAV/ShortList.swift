/// A list a message names: the first ten items, then how many more (`E0126 (6), E0099 (2), … (+3)`, `… (+1.343)`).
public enum ShortList {
    public static func text(_ items: [String], separator: String = ", ") -> String {
        guard items.count > 10 else { return items.joined(separator: separator) }
        let more = DecimalText.format(Ratio(items.count - 10, 1), digits: 0, decimalMark: ",", groupMark: ".")
        return items.prefix(10).joined(separator: separator) + "\(separator)… (+\(more))"
    }
}
