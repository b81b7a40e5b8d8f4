/// Employee ids that differ in case alone (E0001 and e0001): the web finds a person by id in either case, and an
/// officer would take them for one person.
public enum CaseAloneIDs {
    /// Each id that equals an earlier one but for case, with the first id of that spelling-blind group: `(index, first)`
    /// as indices of `ids`, in the order of `ids`. An exact repetition is another fault, not one of these.
    public static func pairs(_ ids: [String]) -> [(index: Int, first: Int)] {
        // Without a lower-case letter or a character beyond ASCII, lower-casing changes every id alike.
        guard ids.contains(where: mayChangeInCase) else { return [] }
        var found: [(index: Int, first: Int)] = []
        var exactly: Set<String> = [], folded: [String: Int] = [:]
        for (index, id) in ids.enumerated() where exactly.insert(id).inserted {
            let key = id.lowercased()
            if let first = folded[key] { found.append((index, first)) } else { folded[key] = index }
        }
        return found
    }

    /// Whether `id` has a lower-case ASCII letter or a byte beyond ASCII.
    private static func mayChangeInCase(_ id: String) -> Bool {
        id.utf8.contains { $0 &- 0x61 < 26 || $0 >= 0x80 }
    }
}
