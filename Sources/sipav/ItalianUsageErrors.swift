/// A wrong command line said in Italian. swift-argument-parser writes it in English:
///
///     Error: Missing expected argument '<kind>'
///     Help:  <kind>  organisation, scores, allocation, statistics or explain.
///     Usage: sipav db report <kind> --body <body> ...
///       See 'sipav db report --help' for more information.
///
/// Every message its ErrorMessageGenerator writes is translated, with the names and values it quotes kept as
/// written; the labels are translated; the usage's syntax stays, but for the placeholders `ItalianHelp.syntax`
/// translates; the help line's words (an argument's own help, written in Italian) stay. A message of another form,
/// such as this tool's own `ValidationError`s (written in Italian), is kept as written. The whole help that follows
/// a refusal of no arguments at all is `ItalianHelp`'s.
enum ItalianUsageErrors {
    /// The parser's full text for an error (`fullMessage(for:)`), in Italian; a help that follows it was rendered
    /// `helpWidth` columns wide.
    static func translated(_ text: String, helpWidth: Int = 80) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard text.hasPrefix(errorLabel) else { return labelled(lines[...], helpWidth: helpWidth).joined(separator: "\n") }
        // The message runs to the first label, or to a blank line: given no arguments at all, the parser adds the help.
        let messageEnd = lines.indices.dropFirst().first { index in
            lines[index].isEmpty || ["Help:  ", "Usage: ", "  See '"].contains { lines[index].hasPrefix($0) }
        } ?? lines.endIndex
        let english = lines[..<messageEnd].joined(separator: "\n").dropFirst(errorLabel.count)
        return (["Errore: " + message(String(english))] + labelled(lines[messageEnd...], helpWidth: helpWidth)).joined(separator: "\n")
    }

    /// The lines after the message with Italian labels, up to a blank line: the help line, the usage and where to
    /// read more. After a blank line comes the whole help (given no arguments at all), translated as `--help`'s.
    private static func labelled(_ lines: ArraySlice<String>, helpWidth: Int) -> [String] {
        if let blank = lines.firstIndex(of: ""), blank + 1 < lines.endIndex {
            let help = lines[(blank + 1)...].joined(separator: "\n")
            return labelled(lines[...blank], helpWidth: helpWidth)
                + (ItalianHelp.isHelp(help) ? ItalianHelp.translated(help, width: helpWidth) : help)
                    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        var inUsage = false
        return lines.map { line in
            if line.hasPrefix("Help:  ") { return "Aiuto:  " + line.dropFirst(7) }
            if line.hasPrefix("Usage: ") {
                inUsage = true
                return "Uso:    " + ItalianHelp.syntax(line.dropFirst(7))
            }
            if inUsage, line.hasPrefix("       ") { return " " + ItalianHelp.syntax(line) }  // the usage's hanging indent, under the longer label
            if let see = line.wholeMatch(of: #/  See '(.+)' for more information\./#) {
                inUsage = false
                return "  Per maggiori informazioni: '\(see.1)'."
            }
            return line
        }
    }

    /// The message alone (what follows `Error: `), in Italian; as written if it is of no known form.
    static func message(_ english: String) -> String {
        if let fixed = fixedMessages[english] { return fixed }
        if let match = english.wholeMatch(of: /(?s)(Unknown option .+)\n   or: (Missing value for .+) in '(.+)'/),
           let unknown = unknownOption(String(match.1)), let missing = missingValue(String(match.2)) {
            return "\(unknown)\noppure: \(missing) in '\(match.3)'"
        }
        if let known = unknownOption(english) ?? missingValue(english) ?? invalidValue(english) { return known }
        if let match = english.wholeMatch(of: /Missing expected argument '(.+)'/) {
            return "manca l'argomento obbligatorio '\(match.1)'"
        }
        if let match = english.wholeMatch(of: /Missing one of: (.+)/) { return "manca uno di questi argomenti: \(match.1)" }
        if let match = english.wholeMatch(of: /(?s)Unexpected argument '(.*)'/) { return "argomento inatteso '\(match.1)'" }
        if let match = english.wholeMatch(of: /(?s)(\d+) unexpected arguments: (.*)/) {
            return "\(match.1) argomenti inattesi: \(match.2)"
        }
        if let match = english.wholeMatch(of: /(?s)The option '(.+)' does not take any value, but '(.*)' was specified\./) {
            return "l'opzione '\(match.1)' non accetta valori, ma è stato indicato '\(match.2)'."
        }
        if let match = english.wholeMatch(of: /Value to be set with (flag|position) (.+) had already been set with (flag|position) (.+)/) {
            return "il valore da impostare con \(setter(match.1)) \(match.2) era già stato impostato con \(setter(match.3)) \(match.4)"
        }
        if let match = english.wholeMatch(of: /(?s)Invalid option: (.*)/) { return "opzione non valida: \(match.1)" }
        if let match = english.wholeMatch(of: /Command '(.+)' is not a parent of the current command\./) {
            return "il comando '\(match.1)' non è il comando padre del comando corrente."
        }
        if let match = english.wholeMatch(of: /No value set for non-argument var (.+)\. Replace with a static variable, or let constant\./) {
            return "nessun valore per la variabile \(match.1), che non è un argomento: la sostituisca con una variabile statica o una costante (let)."
        }
        if let match = english.wholeMatch(of: /(?s)Can't generate completion scripts for '(.*)'\.\nPlease use (\S+) with one of:\n(.*)/) {
            return "impossibile generare lo script di completamento per '\(match.1)'.\nUsi \(match.2) con una di queste shell:\n\(match.3)"
        }
        if let match = english.wholeMatch(of: /(?s)Can't autodetect a supported shell\.\nPlease use (\S+) with one of:\n(.*)/) {
            return "impossibile riconoscere una shell supportata.\nUsi \(match.1) con una di queste shell:\n\(match.2)"
        }
        return english
    }

    private static let errorLabel = "Error: "

    private static let fixedMessages = [
        "Missing required subcommand.": "manca il sottocomando obbligatorio.",
        "Internal error. Parsing command-line arguments hit unimplemented code path.":
            "errore interno: la lettura della riga di comando ha raggiunto codice non implementato.",
        "Internal error. Invalid state while parsing command-line arguments.":
            "errore interno: stato non valido durante la lettura della riga di comando.",
    ]

    /// How a duplicate exclusive value names what set it: `flag '--json'`, `flag 'j' in '-jc'`, or a position.
    private static func setter(_ english: Substring) -> String {
        english == "flag" ? "l'opzione" : "la posizione"
    }

    private static func unknownOption(_ english: String) -> String? {
        if let match = english.wholeMatch(of: /Unknown option '(.+)'\. Did you mean '(.+)'\?/) {
            return "opzione sconosciuta '\(match.1)'. Forse intendeva '\(match.2)'?"
        }
        return english.wholeMatch(of: /Unknown option '(.+)'/).map { "opzione sconosciuta '\($0.1)'" }
    }

    private static func missingValue(_ english: String) -> String? {
        english.wholeMatch(of: /Missing value for '(.+)'/).map { "manca il valore di '\($0.1)'" }
    }

    /// `The value 'x' is invalid for '--name <name>'`, then what the parser adds: the reason an argument's own
    /// conversion gave (kept), or the values allowed.
    private static func invalidValue(_ english: String) -> String? {
        if let match = english.wholeMatch(of: /(?s)The value '(.*)' is invalid for '([^']*)'(.*)/),
           let rest = invalidValueEnding(String(match.3)) {
            return "il valore '\(match.1)' non è valido per '\(match.2)'\(rest)"
        }
        if let match = english.wholeMatch(of: /(?s)The value '(.*)' is invalid\.(.*)/), let rest = invalidValueEnding(String(match.2)) {
            return "il valore '\(match.1)' non è valido.\(rest)"
        }
        return nil
    }

    private static func invalidValueEnding(_ english: String) -> String? {
        if english.isEmpty || english.hasPrefix(": ") { return english }
        if let match = english.wholeMatch(of: /(?s)\. Please provide one of the following:\n(.*)/) {
            return ". Indichi uno tra i seguenti:\n\(match.1)"
        }
        guard let match = english.wholeMatch(of: /(?s)\. Please provide one of (.*)\./) else { return nil }
        let values = String(match.1)
        if let last = values.wholeMatch(of: /(?s)(.*') (and|or) ('[^']*')/) {
            return ". Indichi uno tra \(last.1) \(last.2 == "and" ? "e" : "o") \(last.3)."
        }
        return ". Indichi uno tra \(values)."
    }
}
