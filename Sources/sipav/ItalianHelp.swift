/// The help in Italian. The commands' own help texts are written in Italian; swift-argument-parser adds its own
/// parts in English:
///
///     OVERVIEW: <abstract>
///
///     <discussion>
///
///     USAGE: sipav db report <kind> --body <body> ...
///
///     ARGUMENTS:
///       <kind>                  <help> (values: organisation, scores, allocation,
///                               statistics, explain)
///
///     OPTIONS:
///       --format <format>       <help> (values: table, json, csv; default: table)
///       -h, --help              Show help information.
///
///     SUBCOMMANDS:
///       ...
///
///       See 'sipav help <subcommand>' for detailed help.
///
/// Those parts, and only them, are translated: the overview's label, the usage's label, the section headers after
/// the usage (a line of their own after a blank line), the values and default the parser appends at the end of an
/// argument's help, the help of -h/--help and --version, and the closing line. The abstract and the discussion, the
/// names, values, defaults and the usage's syntax are kept as written. The overview and an argument's help whose
/// length changed are wrapped again to the width, in the parser's columns.
enum ItalianHelp {
    /// Whether the text of a clean exit is a help screen (and not a completion script or the JSON of
    /// --experimental-dump-help): every help begins with the overview, or with the usage when there is no overview.
    static func isHelp(_ text: String) -> Bool {
        text.hasPrefix(overview) || text.hasPrefix(usage)
    }

    /// A usage's syntax with the parser's two English placeholders in Italian; the rest as written.
    static func syntax(_ usage: some StringProtocol) -> String {
        String(usage).replacing("<subcommand>", with: "<sottocomando>").replacing("<subcommands>", with: "<sottocomandi>")
            .replacing("[<options>]", with: "[<opzioni>]")
    }

    /// A help screen the parser rendered `width` columns wide, in Italian.
    static func translated(_ text: String, width: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        var index = lines.startIndex
        if text.hasPrefix(overview) {
            // The first paragraph is "OVERVIEW: " and the abstract, wrapped to the width: wrapped again after the longer label.
            let end = lines.firstIndex(of: "") ?? lines.endIndex
            let abstract = lines[..<end].joined(separator: " ").dropFirst(overview.count)
            result += wrapped("DESCRIZIONE: " + (fixedAbstracts[String(abstract)] ?? String(abstract)), columns: width)
            index = end
        }
        // The discussion runs to the usage, the last line that begins with "USAGE: " (the sections' lines are indented,
        // or headers): it is ours, kept as written.
        if let usageLine = lines.lastIndex(where: { $0.hasPrefix(usage) }), usageLine >= index {
            result += lines[index..<usageLine]
            // As long as "USAGE: ", so that a usage on several lines keeps its hanging indent.
            result.append("USO:   " + syntax(lines[usageLine].dropFirst(usage.count)))
            index = usageLine + 1
        }
        var section = Section.none
        while index < lines.endIndex {
            let line = lines[index]
            let afterBlank = index > lines.startIndex && lines[index - 1].isEmpty
            if afterBlank, let header = header(line) {
                result.append(header.italian)
                section = header.section
            } else if afterBlank, let see = line.wholeMatch(of: #/  See '(.+) <subcommand>' for detailed help\./#) {
                result.append("  Per l'aiuto su un sottocomando: '\(see.1) <sottocomando>'.")
                section = .none
            } else if section != .none, isLabel(line) {
                let end = lines[(index + 1)...].firstIndex { !isContinuation($0) } ?? lines.endIndex
                result += element(lines[index..<end], width: width, subcommand: section == .subcommands)
                index = end
                continue
            } else {
                result.append(line)
            }
            index += 1
        }
        return result.joined(separator: "\n")
    }

    private static let overview = "OVERVIEW: "
    private static let usage = "USAGE: "
    /// Where an argument's help begins (`HelpGenerator.labelColumnWidth`), and where its discussion does.
    private static let column = 26
    private static let discussionIndent = 8

    /// The parser's own command `sipav help`, seen with `sipav help help`.
    private static let fixedAbstracts = ["Show subcommand help information.": "Mostra l'aiuto di un sottocomando."]

    private enum Section { case none, arguments, subcommands }

    /// A section's header: the parser's three, a group of subcommands (`<NAME> SUBCOMMANDS:`), or a title of our own
    /// (kept, as it is written in Italian).
    private static func header(_ line: String) -> (italian: String, section: Section)? {
        switch line {
        case "ARGUMENTS:": return ("ARGOMENTI:", .arguments)
        case "OPTIONS:": return ("OPZIONI:", .arguments)
        case "SUBCOMMANDS:": return ("SOTTOCOMANDI:", .subcommands)
        default:
            guard line.hasSuffix(":"), let first = line.first, !first.isWhitespace, line.uppercased() == line else { return nil }
            if let group = line.wholeMatch(of: /(.+) SUBCOMMANDS:/) { return ("SOTTOCOMANDI \(group.1):", .subcommands) }
            return (line, .arguments)
        }
    }

    /// The first line of an argument or a subcommand: its label, indented by 2.
    private static func isLabel(_ line: String) -> Bool {
        line.hasPrefix("  ") && line.dropFirst(2).first.map { !$0.isWhitespace } == true
    }

    /// A line of an argument after its label: its help (indented by 26) or its discussion (indented by 8, or more).
    private static func isContinuation(_ line: String) -> Bool {
        line.hasPrefix(String(repeating: " ", count: discussionIndent))
    }

    /// An argument's (or a subcommand's) lines: the label, then its help from column 26, on the label's line when the
    /// label is shorter, then any discussion. Only the help is translated; when it changed, it is wrapped again.
    private static func element(_ lines: ArraySlice<String>, width: Int, subcommand: Bool) -> [String] {
        let first = lines[lines.startIndex]
        let characters = Array(first)
        // A label shorter than the column is padded to it with at least one space, and its help follows on the line.
        let sameLine = characters.count > column && characters[column - 1] == " " && characters[column] != " "
        let label = sameLine ? String(characters[..<column]).replacing(#/ +$/#, with: "") : first
        var helpLines = sameLine ? [String(characters[column...])] : []
        var rest = lines.dropFirst()
        let helpIndent = String(repeating: " ", count: column)
        while let next = rest.first, next.hasPrefix(helpIndent), next.dropFirst(column).first.map({ !$0.isWhitespace }) == true {
            helpLines.append(String(next.dropFirst(column)))
            rest = rest.dropFirst()
        }
        let english = helpLines.joined(separator: " ")
        let italian = subcommand ? english : help(english, label: label)
        guard italian != english else { return Array(lines) }
        let rewrapped = wrapped(italian, columns: max(width - column, 1)).map { helpIndent + $0 }
        let labelled = sameLine
            ? [label + String(repeating: " ", count: column - label.count) + rewrapped[0].dropFirst(column)] + rewrapped.dropFirst()
            : [label] + rewrapped
        return labelled + rest
    }

    /// An argument's help with the parser's parts in Italian: the help of -h/--help and --version, which is all their
    /// help, and the values and default it appends at the end of every other.
    static func help(_ english: String, label: String) -> String {
        if english == "Show help information.", label.contains("-help") { return "Mostra questo aiuto." }
        if english == "Show the version.", label.contains("--version") { return "Mostra la versione." }
        guard let match = english.wholeMatch(of: /(?s)(.* |)\(((?:values|default|default as flag): .*)\)/) else { return english }
        var generated = String(match.2)
        if generated.hasPrefix("values: ") { generated = "valori: " + generated.dropFirst("values: ".count) }
        for (english, italian) in [("default as flag: ", "se indicata senza valore: "), ("default: ", "predefinito: ")] {
            if generated.hasPrefix(english) {
                generated = italian + generated.dropFirst(english.count)
            } else if generated.hasPrefix("valori: "), let range = generated.firstRange(of: "; " + english) {
                generated.replaceSubrange(range, with: "; " + italian)
            }
        }
        return match.1 + "(" + generated + ")"
    }

    /// `text` in lines of at most `columns` characters, broken at spaces, as the parser wraps (a word longer than a
    /// line stands on a line of its own).
    static func wrapped(_ text: String, columns: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while rest.count > columns {
            let chunk = rest.prefix(columns)
            guard let space = chunk.lastIndex(of: " ") ?? rest.firstIndex(of: " ") else { break }
            lines.append(String(rest[..<space]))
            rest = rest[rest.index(after: space)...]
        }
        return lines + [String(rest)]
    }
}
