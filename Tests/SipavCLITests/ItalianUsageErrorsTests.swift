import ArgumentParser
@testable import sipav
import Testing

/// One message of the parser: the command line that makes it, its English and its Italian.
struct UsageErrorForm: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    let english: String
    let italian: String
    var testDescription: String { arguments.joined(separator: " ") }
}

/// What the parser says of a command line, in English and translated, and its exit status.
func refusal(_ command: ParsableCommand.Type, _ arguments: [String]) throws -> (english: String, italian: String, status: Int32) {
    do {
        _ = try command.parseAsRoot(arguments)
    } catch {
        let english = command.fullMessage(for: error)
        return (english, ItalianUsageErrors.translated(english), command.exitCode(for: error).rawValue)
    }
    throw ParsedAnyway(arguments: arguments)
}

struct ParsedAnyway: Error {
    let arguments: [String]
}

/// Every message `sipav`'s own command line can make the parser write.
let sipavForms: [UsageErrorForm] = [
    UsageErrorForm(arguments: ["db", "report"], english: "Missing expected argument '<kind>'",
                   italian: "manca l'argomento obbligatorio '<kind>'"),
    UsageErrorForm(arguments: ["db", "import", "--body", "demo", "--bogus"], english: "Unknown option '--bogus'. Did you mean '--body'?",
                   italian: "opzione sconosciuta '--bogus'. Forse intendeva '--body'?"),
    UsageErrorForm(arguments: ["allocate", "--colour", "blue"], english: "Unknown option '--colour'",
                   italian: "opzione sconosciuta '--colour'"),
    UsageErrorForm(arguments: ["validate", "-x"], english: "Unknown option '-x'", italian: "opzione sconosciuta '-x'"),
    UsageErrorForm(arguments: ["allocate", "-oz"], english: "Unknown option '-oz'\n   or: Missing value for '-o <output>' in '-oz'",
                   italian: "opzione sconosciuta '-oz'\noppure: manca il valore di '-o <output>' in '-oz'"),
    UsageErrorForm(arguments: ["validate", "--data"], english: "Missing value for '--data <data>'",
                   italian: "manca il valore di '--data <data>'"),
    UsageErrorForm(arguments: ["validate", "--planning=yes"],
                   english: "The option '--planning' does not take any value, but 'yes' was specified.",
                   italian: "l'opzione '--planning' non accetta valori, ma è stato indicato 'yes'."),
    UsageErrorForm(arguments: ["validate", "extra"], english: "Unexpected argument 'extra'", italian: "argomento inatteso 'extra'"),
    UsageErrorForm(arguments: ["validate", "a", "b"], english: "2 unexpected arguments: 'a', 'b'",
                   italian: "2 argomenti inattesi: 'a', 'b'"),
    UsageErrorForm(arguments: ["frobnicate"], english: "Unexpected argument 'frobnicate'",
                   italian: "argomento inatteso 'frobnicate'"),
    UsageErrorForm(arguments: ["generate", "--staff", "abc"], english: "The value 'abc' is invalid for '--staff <staff>'",
                   italian: "il valore 'abc' non è valido per '--staff <staff>'"),
    UsageErrorForm(arguments: ["allocate", "--format", "xml"],
                   english: "The value 'xml' is invalid for '--format <format>'. Please provide one of 'table', 'json' or 'csv'.",
                   italian: "il valore 'xml' non è valido per '--format <format>'. Indichi uno tra 'table', 'json' o 'csv'."),
    UsageErrorForm(arguments: ["db", "cluster", "bogus"],
                   english: "The value 'bogus' is invalid for '<action>'. Please provide one of 'start' and 'stop'.",
                   italian: "il valore 'bogus' non è valido per '<action>'. Indichi uno tra 'start' e 'stop'."),
    UsageErrorForm(arguments: ["bench-step", "bogus"],
                   english: "The value 'bogus' is invalid for '<step>'. Please provide one of the following:\n  - ",
                   italian: "il valore 'bogus' non è valido per '<step>'. Indichi uno tra i seguenti:\n  - "),
    UsageErrorForm(arguments: ["---x"], english: "Invalid option: ---x", italian: "opzione non valida: ---x"),
    UsageErrorForm(arguments: ["--generate-completion-script=foo"],
                   english: "Can't generate completion scripts for 'foo'.\nPlease use --generate-completion-script=<shell> with one of:\n    zsh bash fish",
                   italian: "impossibile generare lo script di completamento per 'foo'.\nUsi --generate-completion-script=<shell> con una di queste shell:\n    zsh bash fish"),
    // The tool's own ValidationErrors are written in Italian: only the prefix changes.
    UsageErrorForm(arguments: ["generate", "--staff", "0", "--output", "/nonexistent"],
                   english: "--staff deve essere compreso tra 1 e 10.000.000", italian: "--staff deve essere compreso tra 1 e 10.000.000"),
    UsageErrorForm(arguments: ["db", "import", "--body", "demo", "--allocate", "--planning"],
                   english: "--allocate e --planning si escludono: si ripartisce solo un anno con tutte le valutazioni",
                   italian: "--allocate e --planning si escludono: si ripartisce solo un anno con tutte le valutazioni"),
]

@Suite("The parser's messages in Italian (ItalianUsageErrors)")
struct ItalianUsageErrorsTests {
    @Test(arguments: sipavForms)
    func sipavsCommandLineErrorsAreItalian(_ form: UsageErrorForm) throws {
        let said = try refusal(sipav.Sipav.self, form.arguments)
        #expect(said.status == 64)
        #expect(said.english.hasPrefix("Error: " + form.english), "\(said.english)")
        #expect(said.italian.hasPrefix("Errore: " + form.italian), "\(said.italian)")
        #expect(said.italian.contains("\nUso:    sipav"), "\(said.italian)")
        #expect(said.italian.split(separator: "\n").last?.hasPrefix("  Per maggiori informazioni: 'sipav") == true, "\(said.italian)")
        for english in ["Error:", "Help:", "Usage:", "Please", "for more information"] {
            #expect(!said.italian.contains(english), "\(said.italian)")
        }
    }

    @Test func theHelpLineKeepsTheHelpsWords() throws {
        let said = try refusal(sipav.Sipav.self, ["db", "report"])
        #expect(said.italian.contains("\nAiuto:  <kind>  organisation, scores, allocation, statistics, explain o runs.\n"), "\(said.italian)")
    }

    @Test func theUsageKeepsItsSyntax() throws {
        let said = try refusal(sipav.Sipav.self, ["validate", "extra"])
        let usage = try #require(said.english.split(separator: "\n").first { $0.hasPrefix("Usage: ") })
        #expect(said.italian.contains("\nUso:    " + usage.dropFirst("Usage: ".count) + "\n"), "\(said.italian)")
    }
}
