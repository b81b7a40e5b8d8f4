import ArgumentParser
@testable import sipav
import Testing

/// Arguments `sipav` does not have, to make the parser write its other messages.
private enum Layout: String, EnumerableFlag {
    case table, json
}

private struct ExclusiveLayout: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe")
    @Flag(exclusivity: .exclusive) var layout: Layout = .table
}

private struct RequiredLayout: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe", abstract: "A probe.")
    @Flag var layout: Layout
    @Flag var quiet = false
}

private struct CheckedMark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe")
    @Option(transform: { value in
        guard value == "ok" else { throw ValidationError("il segno deve essere ok") }
        return value
    })
    var mark: String
}

@Suite("The parser's other messages in Italian, and what is not translated")
struct ItalianUsageErrorsOtherFormsTests {
    @Test func aDuplicateExclusiveValue() throws {
        let said = try refusal(ExclusiveLayout.self, ["--table", "--json"])
        #expect(said.status == 64)
        #expect(said.english.hasPrefix("Error: Value to be set with flag '--json' had already been set with flag '--table'\n"), "\(said.english)")
        #expect(said.italian.hasPrefix("Errore: il valore da impostare con l'opzione '--json' era già stato impostato con l'opzione '--table'\nUso:    probe "),
                "\(said.italian)")
    }

    @Test func oneOfSeveralMissing() throws {
        let said = try refusal(RequiredLayout.self, ["--quiet"])
        #expect(said.english.hasPrefix("Error: Missing one of: '--table', '--json'\n"), "\(said.english)")
        #expect(said.italian.hasPrefix("Errore: manca uno di questi argomenti: '--table', '--json'\n"), "\(said.italian)")
        #expect(said.italian.contains("\nUso:    probe --table --json [--quiet]\n"), "\(said.italian)")
    }

    @Test func withNoArgumentsTheHelpFollowsInItalian() throws {
        let said = try refusal(RequiredLayout.self, [])
        #expect(said.status == 64)
        let help = RequiredLayout.helpMessage()
        #expect(said.english.hasSuffix("\n\n" + help), "\(said.english)")
        #expect(said.italian == "Errore: manca uno di questi argomenti: '--table', '--json'\n\n" + ItalianHelp.translated(help, width: 80),
                "\(said.italian)")
        #expect(said.italian.contains("\n\nDESCRIZIONE: A probe.\n\nUSO:   probe --table --json [--quiet]\n\nOPZIONI:\n"), "\(said.italian)")
        #expect(said.italian.hasSuffix("  -h, --help              Mostra questo aiuto.\n"), "\(said.italian)")
    }

    @Test func theReasonOfAnInvalidValueIsKept() throws {
        let said = try refusal(CheckedMark.self, ["--mark", "ko"])
        #expect(said.english.hasPrefix("Error: The value 'ko' is invalid for '--mark <mark>': il segno deve essere ok\n"), "\(said.english)")
        #expect(said.italian.hasPrefix("Errore: il valore 'ko' non è valido per '--mark <mark>': il segno deve essere ok\n"), "\(said.italian)")
    }

    /// Messages the parser writes only for a broken command definition, or with no name at hand.
    @Test(arguments: [
        ("Missing required subcommand.", "manca il sottocomando obbligatorio."),
        ("Command 'db' is not a parent of the current command.", "il comando 'db' non è il comando padre del comando corrente."),
        ("No value set for non-argument var x. Replace with a static variable, or let constant.",
         "nessun valore per la variabile x, che non è un argomento: la sostituisca con una variabile statica o una costante (let)."),
        ("Internal error. Invalid state while parsing command-line arguments.",
         "errore interno: stato non valido durante la lettura della riga di comando."),
        ("Internal error. Parsing command-line arguments hit unimplemented code path.",
         "errore interno: la lettura della riga di comando ha raggiunto codice non implementato."),
        ("The value 'x' is invalid.", "il valore 'x' non è valido."),
        ("The value 'x' is invalid for '--n'. Please provide one of 'a'.", "il valore 'x' non è valido per '--n'. Indichi uno tra 'a'."),
        ("Missing value for '--n'", "manca il valore di '--n'"),
        ("Can't autodetect a supported shell.\nPlease use --generate-completion-script=<shell> with one of:\n    zsh bash fish",
         "impossibile riconoscere una shell supportata.\nUsi --generate-completion-script=<shell> con una di queste shell:\n    zsh bash fish"),
    ])
    func rareMessages(_ english: String, _ italian: String) {
        #expect(ItalianUsageErrors.message(english) == italian)
    }

    @Test(arguments: [
        "Something new went wrong",
        "The value 'x' is invalid for '--n <n>'. Try another one.",
        "Unknown option '--x'; and more",
        "--staff deve essere compreso tra 1 e 10.000.000",
    ])
    func anUnknownMessageIsKeptAsWritten(_ english: String) {
        #expect(ItalianUsageErrors.message(english) == english)
        #expect(ItalianUsageErrors.translated("Error: \(english)\nUsage: sipav validate\n  See 'sipav validate --help' for more information.")
                == "Errore: \(english)\nUso:    sipav validate\n  Per maggiori informazioni: 'sipav validate --help'.")
    }

    @Test func aTextOfAnotherShapeIsKept() {
        #expect(ItalianUsageErrors.translated("") == "")
        #expect(ItalianUsageErrors.translated("Something else\nentirely") == "Something else\nentirely")
    }

    @Test func aUsageOnSeveralLinesKeepsItsIndent() {
        let english = "Error: Unexpected argument 'x'\nUsage: sipav a [--b <b>]\n       [--c <c>]\n  See 'sipav a --help' for more information."
        #expect(ItalianUsageErrors.translated(english)
                == "Errore: argomento inatteso 'x'\nUso:    sipav a [--b <b>]\n        [--c <c>]\n  Per maggiori informazioni: 'sipav a --help'.")
    }
}
