import Foundation
import Postgres
import SIPAVStore

/// The schema, migrated once per test process into a template database; every test copies it.
enum TemplateDatabase {
    static let name = "sipav_tpl_\(getpid())"

    private static let created: Result<Void, any Error> = Result {
        let admin = try TestServer.connect()
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(name)")
        atexit {
            // On a shared server (SIPAV_TEST_DATABASE_URL) the template must not outlive the process.
            _ = try? TestServer.connect().execute("DROP DATABASE IF EXISTS \(TemplateDatabase.name) WITH (FORCE)")
        }
        // The connection must be closed before the database serves as a template.
        let connection = try TestServer.connect(database: name)
        defer { connection.close() }
        _ = try Migrations().apply(on: connection, dryRun: false)
    }

    static func ready() throws { try created.get() }
}

/// A database of one test's own, copied from the migrated template and dropped after the test, so that
/// tests run in parallel without seeing each other's rows.
struct TestDatabase: Sendable {
    let name: String
    /// The conninfo of this database.
    let conninfo: String

    /// A store pointed at this database.
    func store() throws -> PostgresStore { try PostgresStore(conninfo: conninfo) }

    /// A store whose connections carry `applicationName`, so that a test can find them in `pg_stat_activity`.
    func store(applicationName: String) throws -> PostgresStore {
        try PostgresStore(conninfo: TestServer.conninfo(database: name, applicationName: applicationName))
    }

    func connect() throws -> Connection { try Connection.connect(conninfo) }

    /// Runs `body` on a connection of its own, closed afterwards.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try connect()
        defer { connection.close() }
        return try body(connection)
    }

    static func randomName(_ prefix: String) -> String {
        prefix + UUID().uuidString.replacing("-", with: "").lowercased().prefix(16)
    }

    static func create(schema: Bool = true) throws -> TestDatabase {
        let name = randomName("t_")
        let admin = try TestServer.connect()
        defer { admin.close() }
        if schema {
            try TemplateDatabase.ready()
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(TemplateDatabase.name)")
        } else {
            try admin.execute("CREATE DATABASE \(name)")
        }
        return TestDatabase(name: name, conninfo: try TestServer.conninfo(database: name))
    }

    /// Drops the database, closing whatever connection a test left open on it.
    func drop() {
        _ = try? TestServer.connect().execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}

/// The error `body` throws, or nil when it returns: for checking errors without a closure inside `#expect`.
func thrownError<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// Polls `probe` every `interval` until it gives a value or `seconds` have passed (then nil).
func poll<T>(seconds: Double, interval: Duration = .milliseconds(50), _ probe: () throws -> T?) async throws -> T? {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if let value = try probe() { return value }
        try await Task.sleep(for: interval)
    }
    return try probe()
}
