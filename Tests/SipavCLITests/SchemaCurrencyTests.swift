import Foundation
import SIPAVTestSupport
import Testing

/// Every `db` command works on a schema that is this sipav's: it refuses one with migrations pending until `db migrate`
/// applies them, and a database migrated by a newer sipav, whose rules it would miss (an older `db run` would not keep
/// the allocation it replaces, for one).
@Suite("db commands on a schema older or newer than theirs")
struct SchemaCurrencyTests {
    func db(_ arguments: [String], on database: TestDatabase, environment: [String: String] = [:]) throws -> SipavRun {
        try Sipav.run(["db"] + arguments + ["--database", database.conninfo], environment: environment)
    }

    /// A copy of the project's migrations with one more, `name` holding `sql`, for `SIPAV_SQL_DIR`.
    static func migrations(adding name: String, _ sql: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-sql-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Sipav.packageRoot.appendingPathComponent("SQL"), to: folder)
        try sql.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return folder
    }

    static let commands: [[String]] = [
        ["status"], ["run", "--body", "demo", "--year", "2019"], ["report", "scores", "--body", "demo", "--year", "2019"],
        ["verify", "--body", "demo", "--year", "2019"], ["audit", "--body", "demo"],
        ["reopen", "--body", "demo", "--year", "2019", "--reason", "prova"],
    ]

    @Test func aDatabaseMigratedByANewerSipavIsRefusedByEveryCommand() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        try database.withConnection { _ = try $0.execute("INSERT INTO schema_migrations (version) VALUES ('9999_futura')") }
        for command in Self.commands {
            let run = try db(command, on: database)
            #expect(run.status == 65, "\(command): \(run.status) \(run.standardError)")
            #expect(run.standardError.contains("9999_futura"), "\(command): \(run.standardError)")
        }
        let state = try database.withConnection { try $0.execute("SELECT state FROM years")[0].string("state") }
        #expect(state == "rating")
    }

    /// A migration this sipav has and the database has not yet is applied by no command but `db migrate`: each refuses,
    /// naming it (the upgrade is the officer's to make, after a backup), and nothing is applied.
    @Test func aPendingMigrationStopsEveryCommandUntilDbMigrate() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        let folder = try Self.migrations(adding: "9000_pending_marker.sql", "CREATE TABLE pending_marker (id integer);\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["SIPAV_SQL_DIR": folder.path]
        func applied() throws -> Int {
            try database.withConnection {
                try $0.execute("SELECT count(*) AS n FROM schema_migrations WHERE version = '9000_pending_marker'")[0].int("n")
            }
        }
        for command in Self.commands {
            let run = try db(command, on: database, environment: environment)
            #expect(run.status == 69, "\(command): \(run.status) \(run.standardError)")
            #expect(run.standardError.contains("1 migrazione da applicare (9000_pending_marker)"), "\(command): \(run.standardError)")
        }
        #expect(try applied() == 0)
        let state = try database.withConnection { try $0.execute("SELECT state FROM years")[0].string("state") }
        #expect(state == "rating")
        #expect(try db(["migrate"], on: database, environment: environment).status == 0)
        #expect(try applied() == 1)
        #expect(try db(["status"], on: database, environment: environment).status == 0)
    }

    /// A migration that fails is named by its file, with PostgreSQL's reason and not its script, and none is applied.
    @Test func aFailingMigrationIsNamedAndNothingApplied() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let folder = try Self.migrations(adding: "9000_bad.sql", "CREATE TABLE first_marker (id integer);\nSELECT no_such_column FROM first_marker;\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try db(["migrate"], on: database, environment: ["SIPAV_SQL_DIR": folder.path])
        #expect(run.status != 0)
        #expect(run.standardError.contains("la migrazione 9000_bad.sql non si applica, e nessuna migrazione è stata applicata"),
                "\(run.standardError)")
        #expect(run.standardError.contains("no_such_column"), "\(run.standardError)")
        #expect(!run.standardError.contains("CREATE TABLE first_marker"), "\(run.standardError)")
        let tables = try database.withConnection {
            try $0.execute("SELECT count(*) AS n FROM pg_tables WHERE tablename IN ('schema_migrations', 'first_marker')")[0].int("n")
        }
        #expect(tables == 0)
    }

    /// `db status --body` of a body the database does not have says so, as `db audit` and `db report` do.
    @Test func theStatusOfAnUnknownBodyIsRefused() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        let run = try db(["status", "--body", "nessuno"], on: database)
        #expect(run.status == 64)
        #expect(run.standardError.contains("l'ente nessuno non è nel database"), "\(run.standardError)")
    }

    /// `db run -o` naming a folder, or a file there that cannot be written, is refused before the allocation is stored.
    @Test func anOutputThatCannotBeWrittenStoresNothing() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try db(["run", "--body", "demo", "--year", "2019", "-o", folder.path], on: database)
        #expect(run.status == 66)
        #expect(run.standardError.contains("è una cartella"), "\(run.standardError)")
        #expect(run.standardError.contains("nulla è stato registrato"), "\(run.standardError)")
        let state = try database.withConnection { try $0.execute("SELECT state FROM years")[0].string("state") }
        #expect(state == "rating")
    }
}
