import Foundation

/// The built-in database: a PostgreSQL cluster in a folder of the caller's choosing, reached only through
/// a Unix socket inside it (no TCP port), created on first start.
///
/// As a normal user, initdb and pg_ctl run as that user. As root (which PostgreSQL refuses), the cluster
/// belongs to the `postgres` system account and they run through `runuser -u postgres --`; if that account
/// cannot enter the folder, the data goes to the account's home (see `ClusterLayout`). Starting and
/// stopping are safe from several processes at once (a `flock` on `cluster.lock` in the folder).
public final class LocalCluster: Sendable {
    /// Unix-socket clusters never clash on a port (each has its own socket folder), so all use the default.
    public static let port = 5432

    /// The folder asked for, as an absolute path. It must be new or empty when the cluster is created, and
    /// hold nothing but the cluster after.
    public let dataDirectory: String
    /// The database `start` creates and connects to.
    public let databaseName: String
    /// The database superuser initdb creates; by default the name of the account running this process.
    public let owner: String
    /// When false (throwaway clusters), the server skips fsync: much faster, but a machine crash can
    /// corrupt the data.
    public let durable: Bool

    public init(dataDirectory: String, databaseName: String = "sipav", owner: String? = nil, durable: Bool = true) {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        self.databaseName = databaseName
        self.owner = owner ?? ServerAccount.current()?.name ?? "postgres"
        self.durable = durable
    }

    /// Creates the cluster if the folder has none, starts the server unless it is running, creates the
    /// database if missing, and returns the conninfo to connect with
    /// (`host=<socket folder> port=5432 dbname=sipav user=<owner>`). Calling it again is harmless.
    /// - Throws: `LocalClusterError` naming the command that failed, its exit status and its last lines of
    ///   output (and of `server.log`); `PostgresError` if the new server cannot be reached.
    @discardableResult
    public func start() throws -> String {
        let account = try ServerAccount.forServer()
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        if !hasLockFile { try ClusterLayout.existing(requested: dataDirectory).checkDedicated(before: "create a database cluster in") }
        return try withFileLock(lockFile) {
            let layout = try ClusterLayout.choose(requested: dataDirectory, account: account)
            try checkSocketPathLength(layout)
            let tools = try PostgresTools(clusterVersion: layout.clusterVersion, account: account)
            if layout.clusterVersion == nil { try create(layout, tools: tools, account: account) }
            try ClusterSettings.write(into: layout, durable: durable, account: account)
            try FileOwnership.makeDirectory(layout.socketDirectory, for: account)
            if try !tools.isRunning(layout) { try tools.start(layout) }
            try createDatabaseIfMissing(socketDirectory: layout.socketDirectory)
            return conninfo(socketDirectory: layout.socketDirectory, database: databaseName)
        }
    }

    /// Stops the server if it runs (fast shutdown: open transactions are rolled back). With
    /// `removingData`, then deletes the cluster and the folder.
    public func stop(removingData: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: dataDirectory) else { return }
        // `start` makes the lock file before anything else: a folder without one was never a cluster's, and a stop
        // leaves it as it is, without a lock file of its own in it.
        guard hasLockFile else {
            if removingData { try remove(ClusterLayout.existing(requested: dataDirectory)) }
            return
        }
        try withFileLock(lockFile) {
            let layout = ClusterLayout.existing(requested: dataDirectory)
            if let version = layout.clusterVersion {
                let tools = try PostgresTools(clusterVersion: version, account: try ServerAccount.forServer())
                if try tools.isRunning(layout) { try tools.stop(layout) }
            }
            if removingData { try remove(layout) }
        }
    }

    /// Deletes the cluster's folders, if the requested one holds nothing but the cluster.
    private func remove(_ layout: ClusterLayout) throws {
        try layout.checkDedicated(before: "delete")
        for folder in [layout.home, dataDirectory] where FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.removeItem(atPath: folder)
        }
    }

    /// The file whose `flock` makes starting and stopping take turns.
    private var lockFile: String { dataDirectory + "/cluster.lock" }

    /// Whether the lock file exists: only once a cluster was started in the folder.
    private var hasLockFile: Bool { FileManager.default.fileExists(atPath: lockFile) }

    /// A throwaway cluster in a new folder under `$TMPDIR` (or /tmp), for tests; remove it with
    /// `stop(removingData: true)`.
    public static func temporary() throws -> LocalCluster {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/sipav-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw LocalClusterError("cannot create a temporary folder in \(base): \(errnoText())")
        }
        return LocalCluster(dataDirectory: String(cString: made), durable: false)
    }

    private func create(_ layout: ClusterLayout, tools: PostgresTools, account: ServerAccount?) throws {
        try layout.checkDedicated(before: "create a database cluster in")
        try FileOwnership.makeDirectory(layout.home, for: account)
        if layout.isRelocated { try layout.writeNote() }
        try FileOwnership.makeDirectory(layout.pgdata, for: account)
        try tools.initdb(layout, owner: owner, durable: durable)
    }

    private func createDatabaseIfMissing(socketDirectory: String) throws {
        let admin = try Connection.connect(conninfo(socketDirectory: socketDirectory, database: "postgres"))
        defer { admin.close() }
        if try admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]).isEmpty {
            // A name cannot be a parameter; it is quoted as an identifier instead.
            try admin.execute("CREATE DATABASE \"\(databaseName.replacing("\"", with: "\"\""))\"")
        }
    }

    private func conninfo(socketDirectory: String, database: String) -> String {
        Conninfo.make(["host": socketDirectory, "port": String(Self.port), "dbname": database, "user": owner])
    }

    /// The kernel limits a socket's path to 107 bytes; past it the server would fail with a vaguer message.
    private func checkSocketPathLength(_ layout: ClusterLayout) throws {
        let socket = "\(layout.socketDirectory)/.s.PGSQL.\(Self.port)"
        guard socket.utf8.count <= 107 else {
            throw LocalClusterError(
                "the cluster's socket path \(socket) is longer than the 107 bytes a Unix socket allows: "
                    + "choose a data folder with a shorter path")
        }
    }
}
