import Foundation
import Testing

/// A wrong command line, as the user sees it: the parser's refusal in Italian on standard error, exit status 64;
/// the help (Italian, on standard output, exit status 0) and a command's own failures as before.
@Suite("A wrong command line is refused in Italian")
struct CommandLineErrorTests {
    /// No English label of the parser is left.
    private func expectNoEnglishLabels(_ text: String) {
        for english in ["Error:", "Help:", "Usage:", "for more information"] {
            #expect(!text.contains(english), "\(text)")
        }
    }

    @Test func aMissingArgumentIsNamedWithItsHelpAndUsage() throws {
        let run = try Sipav.run(["db", "report"])
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.components(separatedBy: "\n")
        try #require(lines.count == 5, "\(run.standardError)")
        #expect(lines[0] == "Errore: manca l'argomento obbligatorio '<kind>'")
        #expect(lines[1] == "Aiuto:  <kind>  organisation, scores, allocation, statistics, explain o runs.")
        #expect(lines[2].hasPrefix("Uso:    sipav db report <kind> --body <body> --year <year> "))
        #expect(lines[3] == "  Per maggiori informazioni: 'sipav db report --help'.")
        #expect(lines[4].isEmpty)
        expectNoEnglishLabels(run.standardError)
    }

    @Test func anUnknownOptionIsNamedWithTheNearestOne() throws {
        let run = try Sipav.run(["db", "import", "--body", "demo", "--bogus"])
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix("Errore: opzione sconosciuta '--bogus'. Forse intendeva '--body'?\nUso:    sipav db import "),
                "\(run.standardError)")
        expectNoEnglishLabels(run.standardError)
    }

    @Test func anInvalidValueIsNamed() throws {
        let run = try Sipav.run(["generate", "--staff", "abc"])
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix("Errore: il valore 'abc' non è valido per '--staff <staff>'\nAiuto:  --staff <staff>  "),
                "\(run.standardError)")
        expectNoEnglishLabels(run.standardError)
    }

    @Test func anOwnValidationErrorFollowsTheItalianPrefix() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-test-\(UUID().uuidString)").path
        let run = try Sipav.run(["generate", "--staff", "0", "--output", folder])
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix("Errore: --staff deve essere compreso tra 1 e 10.000.000\nUso:    sipav generate "),
                "\(run.standardError)")
        #expect(run.standardError.hasSuffix("\n  Per maggiori informazioni: 'sipav generate --help'.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    /// A year no plan may have is refused before anything is written or served: `generate` wrote files `validate`
    /// then refused, and `serve` took any number.
    @Test(arguments: [["generate", "--year", "1950", "--output", "/tmp/sipav-never-written"], ["serve", "--year", "3000"]])
    func aYearOutsideThePlansRangeIsRefused(arguments: [String]) throws {
        let run = try Sipav.run(arguments)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("1990") && run.standardError.contains("2200"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/sipav-never-written"))
    }

    @Test(arguments: [["--help"], ["help"], ["help", "db", "report"], ["db", "report", "--help"], ["help", "bench-step"]])
    func helpIsPrintedOnStandardOutput(_ arguments: [String]) throws {
        let run = try Sipav.run(arguments)
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        #expect(run.standardOutput.contains("USO:   sipav"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("OPZIONI:"))
    }

    /// A file that cannot be opened is missing input (66), whichever file it is: the settings and the previous year's
    /// statistics too.
    @Test(arguments: [["validate", "--config", "/nonexistent/settings.yaml"], ["statistics", "--previous", "/nonexistent/prima.json"]])
    func aFileThatCannotBeOpenedExits66(_ arguments: [String]) throws {
        let run = try Sipav.run(arguments)
        #expect(run.status == 66, "\(run.standardError)")
        #expect(run.standardError.contains("il file non esiste"), "\(run.standardError)")
    }

    @Test func aCommandsOwnFailureIsPrintedAsBefore() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-vuota-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try Sipav.run(["validate", "--data", empty.path])
        #expect(run.status == 66)
        // The fund is read beside the lists: both missing files are named.
        #expect(run.standardError == "sipav: file mancante o illeggibile\n\(empty.path)/plan.yaml: il file non esiste: controlli il nome e la cartella\n"
                + "\(empty.path)/fund.yaml: il file non esiste: controlli il nome e la cartella\n")
    }

    /// A negative number is a value out of range, said as such, not an option taken for a missing value.
    @Test(arguments: [
        (["generate", "--staff", "-5", "--output", "/tmp/sipav-never-written"], "--staff deve essere compreso tra 1 e 10.000.000"),
        (["serve", "--port", "-1"], "--port: un numero da 1 a 65535"),
        (["serve", "--idle-timeout", "-5"], "--idle-timeout: almeno 1 secondo"),
        (["db", "audit", "--body", "demo", "--limit", "-5"], "--limit: almeno 1 voce"),
    ])
    func aNegativeNumberIsOutOfRange(_ arguments: [String], _ said: String) throws {
        let run = try Sipav.run(arguments)
        #expect(run.status == 64)
        #expect(run.standardError.contains(said), "\(run.standardError)")
        #expect(!run.standardError.contains("manca il valore"), "\(run.standardError)")
    }

    /// A help asked of a command that does not exist was the whole help, exit status 0, as if understood.
    @Test(arguments: [
        (["help", "fooo"], "Errore: 'fooo' non è un sottocomando di 'sipav'. I sottocomandi: demo, validate, "),
        (["help", "db", "reprt"], "Errore: 'reprt' non è un sottocomando di 'sipav db'. I sottocomandi: demo, migrate, import, "),
        (["help", "validate", "plan"], "Errore: 'sipav validate' non ha sottocomandi: 'plan' non è un comando."),
    ])
    func aHelpOfAnUnknownCommandIsRefused(_ arguments: [String], _ said: String) throws {
        let run = try Sipav.run(arguments)
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix(said), "\(run.standardError)")
        #expect(!run.standardError.contains("bench-step"), "a hidden command is not offered: \(run.standardError)")
    }

    /// The usage after a refusal names its placeholders in Italian, as the help does.
    @Test func theUsageAfterARefusalSaysSottocomando() throws {
        let run = try Sipav.run(["db", "fooo"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("\nUso:    sipav db <sottocomando>\n"), "\(run.standardError)")
    }
}
