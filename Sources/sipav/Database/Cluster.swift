import ArgumentParser
import Postgres
import SIPAVReports

struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Avvia o ferma il cluster PostgreSQL integrato (solo socket Unix).",
        discussion: "start stampa la conninfo con cui connettersi; stop --remove cancella i dati del cluster.")
    enum Action: String, ExpressibleByArgument, CaseIterable { case start, stop }
    @Argument(help: "start o stop.") var action: Action
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Con stop: cancella anche i dati del cluster.") var remove = false
    @Flag(help: "Con start: salta fsync (per cluster di prova usa e getta).") var throwaway = false

    func run() throws {
        try reportingFailures {
            let cluster = LocalCluster(dataDirectory: database.clusterDirectory, durable: !throwaway)
            do {
                switch action {
                case .start: print(try cluster.start())
                case .stop: try cluster.stop(removingData: remove)
                }
            } catch {
                let failed = action == .start ? "non si avvia" : "non si ferma"
                throw CommandFailure(status: ExitStatus.unavailable,
                                     message: "il PostgreSQL integrato \(failed): \(BuiltInClusterFailure.text(error))")
            }
        }
    }
}

/// Why the built-in cluster failed, in Italian: the reason through `ItalianFaults` (the cluster states it in
/// English), then the command, its exit status and the last lines it printed, as they are.
enum BuiltInClusterFailure {
    static func text(_ error: Error) -> String {
        guard let error = error as? LocalClusterError else { return "\(error)" }
        var text = ItalianFaults.rule(error.message)
        if let command = error.command { text += "\n  comando: \(command)" }
        if let exitStatus = error.exitStatus { text += "\n  stato di uscita: \(exitStatus)" }
        if !error.output.isEmpty {
            text += "\n  ultime righe stampate:\n" + error.output.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        }
        return text
    }
}
