/// Builds libpq `key=value` connection strings.
enum Conninfo {
    static func make(_ pairs: KeyValuePairs<String, String>) -> String {
        pairs.map { "\($0.key)=\(quoted($0.value))" }.joined(separator: " ")
    }

    /// A value as libpq reads it back: bare when it can be, else in single quotes with `\` and `'` escaped.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
        if plain { return value }
        return "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    }
}
