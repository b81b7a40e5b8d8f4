import ArgumentParser

/// `sipav help <command>…`: the parser shows the help of the deepest command the names lead to and ignores the
/// names past it, so `sipav help fooo` showed the whole help with exit status 0, as if it had been understood.
enum HelpRequest {
    /// What `sipav` says, in Italian, of a help request (`arguments` without the program's name) whose name names
    /// no command under the ones before it; nil when the arguments ask for no help or every name is known.
    static func refusal(of arguments: [String], root: ParsableCommand.Type) -> String? {
        guard arguments.first == "help" else { return nil }
        var command = root
        var parent = [root._commandName]
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { $0._commandName == name || $0.configuration.aliases.contains(name) }) else {
                if name == "help", parent.count == 1 { return nil }  // the parser's own: `sipav help help`
                return refusal(name: name, parent: parent, known: subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName })
            }
            command = next
            parent.append(name)
        }
        return nil
    }

    /// `name`, unknown under the command `parent` (its words, `["sipav", "db"]`) whose commands are `known`.
    private static func refusal(name: String, parent: [String], known: [String]) -> String {
        let words = parent.joined(separator: " ")
        guard !known.isEmpty else {
            return "Errore: '\(words)' non ha sottocomandi: '\(name)' non è un comando.\n  Per maggiori informazioni: '\(words) --help'."
        }
        return """
        Errore: '\(name)' non è un sottocomando di '\(words)'. I sottocomandi: \(known.joined(separator: ", ")).
          Per maggiori informazioni: '\(words) --help'.
        """
    }
}
