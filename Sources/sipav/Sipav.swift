import ArgumentParser
import Foundation

@main
struct Sipav: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sipav",
        abstract: "SIPAV: organisational and individual performance, the productivity fund and its statistics.",
        discussion: """
        With no --data, every command runs on the built-in demo body (modelled on the 2019 report).
        Exit codes: 0 done; 64 wrong command line; 65 invalid input data (file, line, field and rule are printed), or a \
        change the rules refuse; 66 an input file missing or unreadable, or an output file that cannot be written; \
        69 the database cannot be reached, or the built-in cluster cannot start; 70 internal error.
        """,
        subcommands: [Demo.self, Validate.self, Organisation.self, Scores.self, Allocate.self, Statistics.self,
                      Explain.self, Generate.self, Database.self, Serve.self, Users.self, Bench.self, BenchStep.self])

    /// As the parser's own `main()`, but a wrong command line is said in Italian (with the parser's exit code, 64).
    /// Help and the failures of a command's `run()` go the parser's way, as before: `run()` prints its own failures
    /// (`reportingFailures`).
    static func main() async {
        let parsed: ParsableCommand
        do {
            parsed = try parseAsRoot()
        } catch {
            let status = exitCode(for: error)
            guard !status.isSuccess else { exit(withError: error) }  // a completion script, --experimental-dump-help
            let text = fullMessage(for: error)
            if !text.isEmpty { FileHandle.standardError.write(Data((ItalianUsageErrors.translated(text) + "\n").utf8)) }
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
            exit(withError: error)
        }
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
