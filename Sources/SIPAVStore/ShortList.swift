/// A list a message names: the first ten items, then how many more (`E0126 (6), E0099 (2), … (+3)`).
public enum ShortList {
    public static func text(_ items: [String], separator: String = ", ") -> String {
        items.prefix(10).joined(separator: separator) + (items.count > 10 ? "\(separator)… (+\(items.count - 10))" : "")
    }
}
