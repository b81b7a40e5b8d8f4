import Foundation

/// initdb and pg_ctl for one cluster, run as the server's account.
struct PostgresTools {
    let directory: String
    let account: ServerAccount?

    init(clusterVersion: String?, account: ServerAccount?) throws {
        directory = try PostgresBinaries.directory(forClusterVersion: clusterVersion)
        self.account = account
    }

    /// Creates the cluster: UTF-8; trust for local (socket) connections, none over TCP.
    func initdb(_ layout: ClusterLayout, owner: String, durable: Bool) throws {
        var arguments = ["-D", layout.pgdata, "-U", owner, "--encoding=UTF8",
                         "--auth-local=trust", "--auth-host=reject"]
        #if os(Linux)
        // A UTF-8 locale, so that upper() and lower() know accented letters; C.UTF-8 is in every glibc. Text
        // is ordered by the C collation: the same order as C.UTF-8's (by code point), but compared with memcmp
        // and sorted with abbreviated keys, where a libc locale costs a strcoll call per comparison in every
        // key of every index.
        arguments += ["--locale=C.UTF-8", "--lc-collate=C"]
        #else
        arguments.append("--no-locale")
        #endif
        // A throwaway cluster need not wait for initdb's files to reach the disk.
        if !durable { arguments.append("--no-sync") }
        try command("initdb", arguments).check("create a PostgreSQL cluster in \(layout.pgdata)")
    }

    func isRunning(_ layout: ClusterLayout) throws -> Bool {
        let status = command("pg_ctl", ["status", "-D", layout.pgdata])
        let (code, output) = try status.run()
        switch code {
        case 0: return true
        case 3: return false  // pg_ctl's "no server running"
        default:
            throw LocalClusterError(
                "cannot tell whether PostgreSQL runs in \(layout.pgdata)", command: status.displayed,
                exitStatus: code, output: ClusterCommand.lastLines(of: output))
        }
    }

    func start(_ layout: ClusterLayout) throws {
        try command("pg_ctl", ["start", "-D", layout.pgdata, "-l", layout.logFile, "-w", "-t", "60", "-s"])
            .check("start PostgreSQL", alsoShowing: layout.logFile)
    }

    func stop(_ layout: ClusterLayout) throws {
        try command("pg_ctl", ["stop", "-D", layout.pgdata, "-m", "fast", "-w", "-t", "60", "-s"])
            .check("stop PostgreSQL", alsoShowing: layout.logFile)
    }

    private func command(_ tool: String, _ arguments: [String]) -> ClusterCommand {
        ClusterCommand(executable: directory + "/" + tool, arguments: arguments, account: account)
    }
}
