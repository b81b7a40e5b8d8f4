import Foundation
import Postgres
import SIPAVStore

/// The schema, migrated once per test process into a template database; every test copies it.
public enum TemplateDatabase {
    public static let name = "sipav_tpl_\(getpid())"

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

    public static func ready() throws { try created.get() }
}

/// A database of one test's own, copied from the migrated template and dropped after the test, so that
/// tests run in parallel without seeing each other's rows.
public struct TestDatabase: Sendable {
    public let name: String
    /// The conninfo of this database.
    public let conninfo: String

    /// How many connections a test's store keeps for its next operation unless told: none, a connection per
    /// operation, so that hundreds of tests running at once, each with stores of its own, stay within the
    /// server's connections. The pool itself is tested with stores that keep some.
    public static let idleConnections = 0

    /// A store pointed at this database.
    public func store() throws -> PostgresStore { try PostgresStore(conninfo: conninfo, idleConnections: Self.idleConnections) }

    /// A store that reads a year of `people` or more on two connections at once.
    public func store(secondReaderFrom people: Int) throws -> PostgresStore {
        try PostgresStore(conninfo: conninfo, secondReaderFrom: people, idleConnections: Self.idleConnections)
    }

    /// A store whose connections carry `applicationName`, so that a test can find them in `pg_stat_activity`.
    public func store(applicationName: String, idleConnections: Int = Self.idleConnections,
                      idleTime: Duration = .seconds(60)) throws -> PostgresStore {
        try PostgresStore(conninfo: TestServer.conninfo(database: name, applicationName: applicationName),
                          idleConnections: idleConnections, idleTime: idleTime)
    }

    public func connect() throws -> Connection { try Connection.connect(conninfo) }

    /// Runs `body` on a connection of its own, closed afterwards.
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try connect()
        defer { connection.close() }
        return try body(connection)
    }

    public static func randomName(_ prefix: String) -> String {
        prefix + UUID().uuidString.replacing("-", with: "").lowercased().prefix(16)
    }

    public static func create(schema: Bool = true) throws -> TestDatabase {
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
    public func drop() {
        _ = try? TestServer.connect().execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
