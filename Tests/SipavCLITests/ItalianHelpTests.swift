import ArgumentParser
import Foundation
@testable import sipav
import Testing

/// A command of `sipav`, as its words on the command line: `[]` for `sipav` itself, `["db", "import"]`.
struct CommandPath: CustomTestStringConvertible, Sendable {
    let words: [String]
    let hasSubcommands: Bool
    var testDescription: String { (["sipav"] + words).joined(separator: " ") }

    /// `sipav` and every command below it, from the command tree: a command added later is covered too.
    static let all: [CommandPath] = {
        func below(_ command: ParsableCommand.Type, _ words: [String]) -> [CommandPath] {
            let subcommands = command.configuration.subcommands
            return [CommandPath(words: words, hasSubcommands: !subcommands.isEmpty)]
                + subcommands.flatMap { below($0, words + [$0._commandName]) }
        }
        return below(sipav.Sipav.self, [])
    }()

    /// Every command's name, which a help quotes as written (`sipav db run`).
    static let names = Set(all.flatMap(\.words) + ["sipav", "help"])
}

/// What of a help is English: the words of `EnglishText.words` left once the names, values and syntax the help
/// quotes are taken out.
enum EnglishText {
    /// Words common in English sentences and absent from Italian ones.
    static let words: Set<String> = [
        "the", "of", "and", "or", "to", "with", "without", "for", "from", "is", "are", "be", "an", "by", "on", "at", "its",
        "this", "that", "which", "when", "where", "every", "each", "not", "into", "than", "only", "after", "before", "will",
        "would", "write", "writes", "read", "show", "print", "prints", "check", "give", "create", "replace", "remove",
        "store", "compute", "apply", "accept", "skip", "keep", "body", "bodies", "year", "years", "person",
        "people", "staff", "objectives", "ratings", "folder", "seed", "number", "name", "list", "how", "many", "first",
        "default", "values", "information", "see", "detailed", "subcommand", "subcommands", "options", "arguments", "usage",
        "overview", "version",
    ]

    /// The English words of `help`, in order (none for a help wholly in Italian).
    static func found(in help: String) -> [String] {
        let prose = help.split(separator: "\n").filter { !$0.hasPrefix("USO:") }.joined(separator: " ")
            .replacing(#/\(valori: [^)]*\)/#, with: " ")  // the values of an argument, as the code spells them
            .replacing(#/`[^`]*`/#, with: " ")             // a command line quoted
            .replacing(#/<[^>]*>/#, with: " ")             // a placeholder of the syntax
            .replacing(#/\$[A-Z_*]+/#, with: " ")          // an environment variable
            .replacing(#/(^|[^\w'])--?[a-z][\w-]*/#, with: " ")  // an option (not a word's hyphen: part-time)
            .replacing(#/\S*\w[._\/,]\w\S*/#, with: " ")   // a file, a path, a list of CSV columns
        // A command's name of two words (next-year), which the split below would take apart.
        let named = CommandPath.names.filter { $0.contains("-") }.reduce(prose) { $0.replacing($1, with: " ") }
        return named.split { !$0.isLetter }.filter { $0.uppercased() != $0 }  // not an acronym: CCIAA-TO
            .map { $0.lowercased() }.filter { words.contains($0) && !CommandPath.names.contains($0) }
    }
}

@Suite("The help is in Italian")
struct ItalianHelpTests {
    /// What the parser writes in English, none of which is left.
    static let englishParts = [
        "OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:", "Show help information", "Show the version",
        "for detailed help", "<subcommand>'", "(values:", "(default", "default:",
    ]

    private func help(_ arguments: [String], columns: Int = 80) throws -> String {
        let run = try Sipav.run(arguments, environment: ["COLUMNS": String(columns)])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty, "\(run.standardError)")
        return run.standardOutput
    }

    @Test(arguments: CommandPath.all)
    func everyCommandsHelpIsItalian(_ command: CommandPath) throws {
        let text = try help(command.words + ["--help"])
        #expect(text.hasPrefix("DESCRIZIONE: "), "\(text)")
        #expect(text.contains("\n\nUSO:   sipav"), "\(text)")
        #expect(text.contains("\n\nOPZIONI:\n"), "\(text)")
        #expect(text.contains("\n  -h, --help              Mostra questo aiuto.\n"), "\(text)")
        if command.hasSubcommands {
            #expect(text.contains("\n\nSOTTOCOMANDI:\n"), "\(text)")
            let words = (["sipav", "help"] + command.words).joined(separator: " ")
            #expect(text.hasSuffix("\n\n  Per l'aiuto su un sottocomando: '\(words) <sottocomando>'.\n"), "\(text)")
        }
        for english in Self.englishParts {
            #expect(!text.contains(english), "\(english) in: \(text)")
        }
        #expect(EnglishText.found(in: text).isEmpty, "English left in: \(text)")
        // Wrapped to the width, in the parser's columns: only the usage runs on.
        for line in text.split(separator: "\n") where !line.hasPrefix("USO:") {
            #expect(line.count <= 80, "\(line)")
        }
        // `sipav help <command>` says the same.
        #expect(try help(["help"] + command.words) == text)
    }

    /// A command that only groups others prints its help when given no subcommand, as `--help` does.
    @Test(arguments: [[String](), ["db"], ["user"]])
    func aGroupAloneIsItsHelp(_ words: [String]) throws {
        #expect(try help(words) == help(words + ["--help"]))
    }

    @Test func theRootsHelp() throws {
        let text = try help(["--help"])
        #expect(text.hasPrefix("""
            DESCRIZIONE: SIPAV: performance organizzativa e individuale, fondo per la
            produttività e relative statistiche.

            Senza --data, ogni comando lavora sull'ente dimostrativo integrato
            """), "\(text)")
        #expect(text.contains("\nCodici di uscita: 0 eseguito; 64 riga di comando errata; 65 dati di input non\n"), "\(text)")
        #expect(text.contains("\n\nUSO:   sipav <sottocomando>\n\nOPZIONI:\n  -h, --help              Mostra questo aiuto.\n\nSOTTOCOMANDI:\n"))
        #expect(text.contains("\n  db                      Il ciclo su PostgreSQL: demo, migrate, import, run,\n"), "\(text)")
        #expect(text.hasSuffix("\n  Per l'aiuto su un sottocomando: 'sipav help <sottocomando>'.\n"), "\(text)")
    }

    /// The values and the default the parser adds, in Italian, wrapped again in the columns.
    @Test func theValuesAndDefaultsAreItalian() throws {
        let report = try help(["db", "report", "--help"])
        #expect(report.contains("""

            ARGOMENTI:
              <kind>                  organisation, scores, allocation, statistics, explain
                                      o runs. (valori: organisation, scores, allocation,
                                      statistics, explain, runs)

            """), "\(report)")
        #expect(report.contains("""
              --format <format>       Il formato: una tabella da leggere, json per i
                                      programmi, csv per un foglio di calcolo. (valori:
                                      table, json, csv; predefinito: table)

            """), "\(report)")
        let serve = try help(["serve", "--help"])
        #expect(serve.contains("""
              --port <port>           La porta su cui restare in ascolto. (predefinito:
                                      8080)
              --host <host>           L'indirizzo su cui restare in ascolto (0.0.0.0 per
                                      tutte le interfacce). (predefinito: 127.0.0.1)

            """), "\(serve)")
    }

    @Test func anOptionsDiscussionKeepsItsPlace() throws {
        let text = try help(["db", "import", "--help"])
        #expect(text.contains("""
              --allocate              Ripartisce anche l'anno in base alle valutazioni dei
                                      file, nella stessa transazione: importato e
                                      ripartito, o niente.
                    Per un anno valutato fuori da sipav; l'anno diventa ripartito, come
                    dopo sipav db run.

            """), "\(text)")
    }

    /// On a narrow terminal the help is wrapped to its width, each option's help under the column.
    @Test func aNarrowTerminal() throws {
        let text = try help(["generate", "--help"], columns: 50)
        for line in text.split(separator: "\n") where !line.hasPrefix("USO:") {
            #expect(line.count <= 50, "\(line)")
        }
        #expect(text.contains("""
              --seed <seed>           Seme del generatore.
                                      (predefinito: 2019)
              --year <year>           L'anno del piano e del
                                      fondo (ignorato con
                                      --demo). (predefinito:
                                      2024)

            """), "\(text)")
    }

    /// `sipav help help`: the parser's own command.
    @Test func theHelpCommandsOwnHelp() throws {
        let text = try help(["help", "help"])
        #expect(text.hasPrefix("DESCRIZIONE: Mostra l'aiuto di un sottocomando.\n\nUSO:   sipav help [<sottocomandi> ...]\n\nARGOMENTI:\n"),
                "\(text)")
    }

    /// What is not a help screen is printed as the parser writes it.
    @Test func aCompletionScriptIsLeftAlone() throws {
        let run = try Sipav.run(["--generate-completion-script", "bash"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("#!/bin/bash\n"))
        let dump = try Sipav.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        #expect(dump.standardOutput.hasPrefix("{"))
        #expect(dump.standardOutput.contains("\"abstract\" : \"Show help information.\""))
    }

    /// The check of the English left would see one help text put back in English.
    @Test func anEnglishHelpTextIsFound() throws {
        let text = try help(["generate", "--help"])
        #expect(EnglishText.found(in: text).isEmpty)
        let spoiled = text.replacingOccurrences(of: "Seme del generatore.", with: "Seed of the generator.")
        #expect(EnglishText.found(in: spoiled) == ["seed", "of", "the"])
        let abstract = text.replacingOccurrences(of: "Genera l'ente dimostrativo.", with: "Generate the demo body.")
        #expect(EnglishText.found(in: abstract) == ["the", "body"])
    }
}
