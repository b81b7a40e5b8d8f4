/// Text as a double-quoted literal that both JSON and YAML read back unchanged: quotes, backslashes and
/// control characters escaped (`\"`, `\\`, `\n`, `\u001b`).
public enum QuotedText {
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Texts as a JSON array (`["E0001","E0002"]`), for a `jsonb` parameter that a query opens with
    /// `jsonb_array_elements_text`: any text but NUL goes through, whatever it holds.
    public static func jsonArray(_ texts: [String]) -> String {
        "[" + texts.map(doubleQuoted).joined(separator: ",") + "]"
    }
}
