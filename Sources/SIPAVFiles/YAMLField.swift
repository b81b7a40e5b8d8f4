import Yams

/// A node of a YAML document with the dotted path of keys that leads to it (`objectives.indicators.scale`),
/// which names the field in a fault.
struct YAMLField {
    let node: Node
    /// The path of the mapping that holds this node, and this node's key in it (nil for a document's root
    /// and a list's element, which take the path of what holds them): the dotted path is only joined when a
    /// fault or a nested mapping needs it, not for every value read.
    private let parentPath: String
    private let key: String?

    init(node: Node, path: String) { (self.node, parentPath, key) = (node, path, nil) }
    init(node: Node, in parentPath: String, key: String) { (self.node, self.parentPath, self.key) = (node, parentPath, key) }

    var path: String {
        guard let key else { return parentPath }
        return parentPath.isEmpty ? key : parentPath + "." + key
    }

    /// The node's 1-based line.
    var line: Int? { node.mark?.line }

    /// The node's text when it is a scalar: the raw text as written, never converted to a binary number.
    var scalar: String? { node.scalar?.string }

    /// `path.key`.
    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Whether the node is YAML's null: nothing after the colon, `~` or `null`.
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// A YAML mapping whose keys have been checked against the allowed ones.
struct YAMLMapping {
    let field: YAMLField
    /// The keys with a value, in file order: a handful, searched in turn (cheaper than hashing).
    let entries: [(key: String, value: YAMLField)]

    /// The value of `key`; nil when the key is absent or its value null.
    subscript(key: String) -> YAMLField? { entries.first { $0.key == key }?.value }

    var line: Int? { field.line }
}
