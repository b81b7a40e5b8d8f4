import Foundation
import Postgres
import SIPAVStore

// The same scheme as the store's tests (Tests/SIPAVStoreTests/Support): test targets cannot share files.

/// The schema, migrated once per test process into a template database; every test copies it.
enum TemplateDatabase {
    static let name = "sipav_web_tpl_\(getpid())"

    private static let created: Result<Void, any Error> = Result {
        let admin = try TestServer.connect()
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(name)")
        atexit {
            _ = try? TestServer.connect().execute("DROP DATABASE IF EXISTS \(TemplateDatabase.name) WITH (FORCE)")
        }
        // The connection must be closed before the database serves as a template.
        let connection = try TestServer.connect(database: name)
        defer { connection.close() }
        _ = try Migrations().apply(on: connection, dryRun: false)
    }

    static func ready() throws { try created.get() }
}

/// A migrated database of one test's own, dropped after the test.
struct TestDatabase: Sendable {
    let name: String
    let conninfo: String

    func store() throws -> PostgresStore { try PostgresStore(conninfo: conninfo) }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try Connection.connect(conninfo)
        defer { connection.close() }
        return try body(connection)
    }

    static func create() throws -> TestDatabase {
        let name = "tw_" + UUID().uuidString.replacing("-", with: "").lowercased().prefix(16)
        let admin = try TestServer.connect()
        defer { admin.close() }
        try TemplateDatabase.ready()
        try admin.execute("CREATE DATABASE \(name) TEMPLATE \(TemplateDatabase.name)")
        return TestDatabase(name: name, conninfo: try TestServer.conninfo(database: name))
    }

    func drop() {
        _ = try? TestServer.connect().execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
