import ArgumentParser
import Postgres

struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start or stop the built-in PostgreSQL cluster (Unix socket only).",
        discussion: "start prints the conninfo to connect with; stop --remove deletes the cluster's data.")
    enum Action: String, ExpressibleByArgument, CaseIterable { case start, stop }
    @Argument(help: "start or stop.") var action: Action
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "With stop: delete the cluster's data too.") var remove = false
    @Flag(help: "With start: skip fsync (for throwaway test clusters).") var throwaway = false

    func run() throws {
        try reportingFailures {
            let cluster = LocalCluster(dataDirectory: database.clusterDirectory, durable: !throwaway)
            do {
                switch action {
                case .start: print(try cluster.start())
                case .stop: try cluster.stop(removingData: remove)
                }
            } catch {
                throw CommandFailure(status: ExitStatus.unavailable, message: "the built-in PostgreSQL: \(error)")
            }
        }
    }
}
