import SIPAV
import Yams

/// Where something is written in a YAML file the tool has already read: the line a fault of the checks across
/// files names (an Area's manager, an Area or objective the results need, the fund's year or confirmations), which
/// know the file's values but not their lines. Read again only for a fault, never on the way to a result.
public enum YAMLLocations {
    /// The 1-based line of the value of `key`: a top-level key when `list` is nil, else a key of the entry of the
    /// top-level list `list` whose `id` is `id` (the `id` itself for `key` "id"). Nil when the file cannot be read
    /// again or has no such key.
    public static func line(in path: String, list: String? = nil, id: String? = nil, key: String) -> Int? {
        guard let bytes = try? InputFile.bytes(path: path), let root = try? YAMLReader.root(bytes: bytes, file: path) else {
            return nil
        }
        var holder = root.node
        if let list {
            guard let entries = value(of: list, in: holder)?.sequence,
                  // An entry is named by its `id`, or a validated figure by its `scope`.
                  let entry = entries.first(where: { (value(of: "id", in: $0) ?? value(of: "scope", in: $0))?.scalar?.string == id })
            else { return nil }
            holder = entry
        }
        return value(of: key, in: holder)?.mark?.line
    }

    /// The value of `key` in a mapping, keys compared as written.
    private static func value(of key: String, in node: Node) -> Node? {
        node.mapping?.first { $0.key.scalar?.string == key }?.value
    }
}
