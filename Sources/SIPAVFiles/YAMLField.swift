import Yams

/// A node of a YAML document with the dotted path of keys that leads to it (`objectives.indicators.scale`),
/// which names the field in a fault.
struct YAMLField {
    let node: Node
    let path: String

    /// The node's 1-based line.
    var line: Int? { node.mark?.line }

    /// The node's text when it is a scalar: the raw text as written, never converted to a binary number.
    var scalar: String? { node.scalar?.string }

    /// `path.key`.
    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Whether the node is YAML's null: nothing after the colon, `~` or `null`.
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// A YAML mapping whose keys have been checked against the allowed ones.
struct YAMLMapping {
    let field: YAMLField
    let entries: [String: YAMLField]

    /// The value of `key`; nil when the key is absent or its value null.
    subscript(key: String) -> YAMLField? { entries[key] }

    var line: Int? { field.line }
}
