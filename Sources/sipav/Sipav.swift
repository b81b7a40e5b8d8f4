import ArgumentParser
import Foundation

@main
struct Sipav: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sipav",
        abstract: "SIPAV: performance organizzativa e individuale, fondo per la produttività e relative statistiche.",
        discussion: """
        Senza --data, ogni comando lavora sull'ente dimostrativo integrato (modellato sulla Relazione sulla performance 2019).
        Codici di uscita: 0 eseguito; 64 riga di comando errata; 65 dati di input non validi (con file, riga, campo e \
        regola), o una modifica che le regole non consentono; 66 un file di input mancante o illeggibile, o un file di \
        output che non si può scrivere; 69 database non raggiungibile, o PostgreSQL integrato che non si avvia; \
        70 errore interno.
        """,
        subcommands: [Demo.self, Validate.self, Organisation.self, Scores.self, Allocate.self, Statistics.self,
                      Explain.self, NextYear.self, Generate.self, Database.self, Serve.self, Users.self, Bench.self, BenchStep.self])

    /// As the parser's own `main()`, but a wrong command line is said in Italian (with the parser's exit code, 64),
    /// and so is the help (`--help`, `sipav help <command>`, a command that only groups others), on standard output
    /// with exit status 0; a help asked of a command that does not exist is a wrong command line (`HelpRequest`). The failures of a command's `run()` go the parser's way, as before: `run()` prints its own
    /// failures (`reportingFailures`).
    static func main() async {
        let width = terminalWidth
        let parsed: ParsableCommand
        if let refusal = HelpRequest.refusal(of: Array(CommandLine.arguments.dropFirst()), root: Sipav.self) {
            FileHandle.standardError.write(Data((refusal + "\n").utf8))
            exit(withError: ExitCode(ExitStatus.usage))
        }
        do {
            parsed = try parseAsRoot()
        } catch {
            let status = exitCode(for: error)
            guard !status.isSuccess else { exitCleanly(error, width: width) }
            let text = fullMessage(for: error, columns: width)
            if !text.isEmpty {
                FileHandle.standardError.write(Data((ItalianUsageErrors.translated(text, helpWidth: width) + "\n").utf8))
            }
            exit(withError: status)
        }
        do {
            var command = parsed
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // `sipav help <command>`, and a command with subcommands and no `run()` of its own, ask for the help here.
            if exitCode(for: error).isSuccess { exitCleanly(error, width: width) }
            exit(withError: error)
        }
    }

    /// Ends a run that asked for something other than a command: the help, in Italian; a completion script or
    /// --experimental-dump-help as the parser writes them.
    private static func exitCleanly(_ error: Error, width: Int) -> Never {
        let text = fullMessage(for: error, columns: width)
        guard ItalianHelp.isHelp(text) else { exit(withError: error) }
        print(ItalianHelp.translated(text, width: width))
        exit(withError: ExitCode.success)
    }

    /// The width the help is wrapped to, as the parser finds it: `$COLUMNS`, else the terminal's, else 80.
    private static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }) { return columns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

/// The exit codes of `sipav` (sysexits).
enum ExitStatus {
    static let usage: Int32 = 64
    static let invalidData: Int32 = 65
    static let missingInput: Int32 = 66
    static let internalError: Int32 = 70
    /// The database cannot be reached or refused the operation.
    static let unavailable: Int32 = 69
}
