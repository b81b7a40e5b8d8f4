/// The likelier cause of a YAML syntax fault, read from the text around the line the YAML library names: its words
/// describe what its scanner met ("did not find expected key"), often a line or more after the slip a person made.
/// Each clue is looked for only once the library has refused the text.
enum YAMLSyntaxClues {
    /// The rule of a tab in a line's indentation, as the library states it when it notices (the Italian tables know it).
    static let tabRule = "not valid YAML: found a tab character that violates indentation"
    static let apostropheRule = "not valid YAML: an apostrophe inside a text in single quotes ends the text: "
        + "write the text in double quotes (\"Dell'ente\") or the apostrophe twice ('Dell''ente')"
    static let unclosedQuoteRule = "not valid YAML: the quotes opened on this line are not closed on it: close them (\")"

    /// The line and rule that say what went wrong at `line` (1-based) of `text`, or nil when no clue is found.
    static func clue(at line: Int, in text: String) -> (line: Int, rule: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard (1...lines.count).contains(line) else { return nil }
        if let opened = unclosedQuote(before: line, in: lines) { return (opened, unclosedQuoteRule) }
        if lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") { return (line, tabRule) }
        // The library may name the line after the one with the slip.
        for candidate in [line, line - 1] where candidate >= 1 && endsSingleQuotesEarly(lines[candidate - 1]) {
            return (candidate, apostropheRule)
        }
        return nil
    }

    /// The line whose double quotes are still open when `line` starts: the text up to `line` read as YAML reads
    /// double quotes (`\"` inside them being no end), comments left out.
    static func unclosedQuote(before line: Int, in lines: [Substring]) -> Int? {
        var openedOn: Int?
        for (index, text) in lines.prefix(line - 1).enumerated() {
            var escaped = false
            var previous: Character = " "
            for character in text {
                defer { previous = character }
                if openedOn != nil {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { openedOn = nil }
                } else if character == "#" && (previous == " " || previous == "\t") {
                    break
                } else if character == "\"" {
                    openedOn = index + 1
                }
            }
        }
        return openedOn
    }

    /// Whether a text in single quotes on `line` is followed at once by a letter: `'Dell'ente'`, whose apostrophe
    /// closed the quotes.
    static func endsSingleQuotesEarly(_ line: Substring) -> Bool {
        line.contains(/(?:^|[:\-\[{,]\s*)'[^']*'[\p{L}\p{N}]/)
    }

    /// The line of the second `key` of the mapping whose first `key` stands at `first` (line and 1-based column), and
    /// the dotted path of keys that leads to it, as a fault names a field: the library names only the first.
    static func duplicate(of key: String, first: (line: Int, column: Int), in text: String) -> (line: Int, path: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard (1...lines.count).contains(first.line) else { return nil }
        var found: Int?
        for index in first.line..<lines.count {
            let line = lines[index]
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.hasPrefix("#") { continue }
            // A line less indented than the key, or a new element of the list that holds the mapping, ends it.
            if indent + 1 < first.column || (indent + 1 == first.column && content.hasPrefix("- ")) { break }
            if indent + 1 == first.column, startsWithKey(content, key) {
                found = index + 1
                break
            }
        }
        guard let found else { return nil }
        return (found, path(to: key, at: first, in: lines))
    }

    private static func startsWithKey(_ content: Substring, _ key: String) -> Bool {
        for written in [key, "\"\(key)\"", "'\(key)'"] where content.hasPrefix(written) {
            if content.dropFirst(written.count).trimmingPrefix(while: { $0 == " " }).hasPrefix(":") { return true }
        }
        return false
    }

    /// The keys that hold the line `at`, outermost first, and `key`: a list's element takes the list's path.
    private static func path(to key: String, at start: (line: Int, column: Int), in lines: [Substring]) -> String {
        var keys = [key]
        var column = start.column
        for line in lines.prefix(start.line - 1).reversed() {
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.dropFirst(indent)
            guard !content.isEmpty, !content.hasPrefix("#"), indent + 1 < column else { continue }
            column = indent + 1
            if content.hasPrefix("- ") { continue }
            guard let colon = content.firstIndex(of: ":") else { break }
            keys.insert(String(content[..<colon]).trimmingCharacters(in: ["\"", "'", " "]), at: 0)
            if column == 1 { break }
        }
        return keys.joined(separator: ".")
    }
}
