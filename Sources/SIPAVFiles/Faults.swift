import SIPAV

extension InputErrors {
    /// Throws every fault at once, sorted by line (faults of the whole file first), or returns when there
    /// are none. Faults on the same line keep the order they were found in.
    public static func throwIfAny(_ faults: [InputError]) throws(InputErrors) {
        guard !faults.isEmpty else { return }
        let sorted = faults.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
        }
        throw InputErrors(sorted.map(\.element))
    }

    /// A single fault of the whole file (missing, unreadable, empty) or of one line.
    static func one(_ file: String, line: Int? = nil, field: String? = nil, value: String? = nil,
                    _ rule: String) -> InputErrors {
        InputErrors([InputError(file: file, line: line, field: field, value: value, rule: rule)])
    }
}

/// Lists names for a rule's text: `a, b, c`.
func listed(_ names: some Sequence<String>) -> String {
    names.joined(separator: ", ")
}
