import Foundation
import SIPAVTestSupport
import Testing

/// Upgrading sipav on a database it already holds records in: no command applies the new migrations unseen; `db migrate
/// --dry-run` tries them on the records and changes nothing; `db migrate` applies them, and names the tables a role
/// that writes the records has no right on.
@Suite("Upgrading the schema of a database in use")
struct SchemaUpgradeTests {
    /// A folder with the migrations before `first`, as an older sipav had them; removed by the caller.
    static func olderMigrations(before first: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-older-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let current = Sipav.packageRoot.appendingPathComponent("SQL")
        for name in try FileManager.default.contentsOfDirectory(atPath: current.path) where name.hasSuffix(".sql") && name < first {
            try FileManager.default.copyItem(at: current.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    func older(_ folder: URL, _ arguments: [String], on database: TestDatabase) throws -> SipavRun {
        try Sipav.run(["db"] + arguments + ["--database", database.conninfo], environment: ["SIPAV_SQL_DIR": folder.path])
    }

    func applied(on database: TestDatabase) throws -> Int {
        try database.withConnection { try $0.execute("SELECT count(*) AS n FROM schema_migrations")[0].int("n") }
    }

    @Test func aCommandOnAnOlderSchemaIsRefusedUntilDbMigrate() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let folder = try Self.olderMigrations(before: "0045")
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try older(folder, ["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let before = try applied(on: database)

        for arguments in [["status"], ["report", "scores", "--body", "demo", "--year", "2019"]] {
            let refused = try db(arguments, on: database)
            #expect(refused.status == 69, "\(arguments): \(refused.standardError)")
            #expect(refused.standardError.contains("0045_responses_before_0034_name_their_run")
                    && refused.standardError.contains("sipav db migrate"), "\(refused.standardError)")
        }
        #expect(try applied(on: database) == before, "nothing applied unseen")

        let trial = try db(["migrate", "--dry-run"], on: database)
        #expect(trial.status == 0, "\(trial.standardError)")
        #expect(trial.standardOutput.contains("Da applicare: 0045_responses_before_0034_name_their_run")
                && trial.standardOutput.contains("Nulla è stato cambiato"), "\(trial.standardOutput)")
        #expect(try applied(on: database) == before, "a dry run changes nothing")

        let migrated = try db(["migrate"], on: database)
        #expect(migrated.status == 0 && migrated.standardOutput.contains("Applicata: 0045"), "\(migrated.standardError)")
        #expect(try db(["status"], on: database).status == 0)
    }

    /// A migration the records would break (two accounts whose names differ in case alone, which 0022 refuses) is said
    /// by the dry run, naming it, while the older version still works on the database.
    @Test func aDryRunSaysAMigrationTheRecordsBreak() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let folder = try Self.olderMigrations(before: "0022")
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(try older(folder, ["migrate"], on: database).status == 0)
        try database.withConnection { db in
            try db.execute("INSERT INTO bodies (body_id, name) VALUES ('demo', 'Ente demo')")
            for name in ["Anna.Bianchi", "anna.bianchi"] {
                try db.execute("INSERT INTO accounts (body_id, username, password_hash, role) VALUES ('demo', $1, $2, 'hr')",
                               [name, "$2b$12$" + String(repeating: "a", count: 53)])
            }
        }
        let before = try applied(on: database)
        let trial = try db(["migrate", "--dry-run"], on: database)
        #expect(trial.status != 0, "\(trial.standardOutput)")
        #expect(trial.standardError.contains("0022_usernames_whatever_their_case") && trial.standardError.contains("Anna.Bianchi"),
                "\(trial.standardError)")
        #expect(try applied(on: database) == before)
        #expect(try older(folder, ["status"], on: database).status == 0, "the older version still works")
    }

    /// A role with row rights alone (the web's) cannot try the migrations, which create tables: said in Italian, naming
    /// the owner's role, not as PostgreSQL's error.
    @Test func aRoleWithRowRightsAloneIsToldTheOwnerMigrates() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let folder = try Self.olderMigrations(before: "0045")
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(try older(folder, ["migrate"], on: database).status == 0)
        let role = "sipav_rows_\(UUID().uuidString.prefix(8).lowercased())"
        try database.withConnection { db in
            try db.execute("CREATE ROLE \(role) LOGIN")
            try db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)")
        }
        defer {
            try? database.withConnection { db in
                try db.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \(role)")
                try db.execute("DROP ROLE \(role)")
            }
        }
        let asRole = database.conninfo + " user=\(role)"
        for arguments in [["migrate", "--dry-run"], ["migrate"]] {
            let run = try Sipav.run(["db"] + arguments + ["--database", asRole])
            #expect(run.status == 69, "\(arguments): \(run.standardError)")
            #expect(run.standardError.contains("spetta al ruolo proprietario dello schema") && !run.standardError.contains("42501"),
                    "\(run.standardError)")
        }
    }

    /// A role that writes the records (the web's, with the README's grants) and has no right on a table is named by
    /// `db migrate`, with the grant to give.
    @Test func dbMigrateNamesTheTablesAWritingRoleHasNoRightOn() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["migrate"], on: database).status == 0)
        // A name SQL must quote, as some roles have.
        let role = "Web-\(UUID().uuidString.prefix(8))"
        try database.withConnection { db in
            try db.execute("CREATE ROLE \"\(role)\"")
            try db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"\(role)\"")
            try db.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \"\(role)\"")
            try db.execute("REVOKE UPDATE, DELETE ON audit_log FROM \"\(role)\"")
            try db.execute("REVOKE ALL ON rating_changes, superseded_allocations FROM \"\(role)\"")
        }
        defer {
            try? database.withConnection { db in
                try db.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \"\(role)\"")
                try db.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM \"\(role)\"")
                try db.execute("DROP ROLE \"\(role)\"")
            }
        }
        let migrated = try db(["migrate"], on: database)
        #expect(migrated.status == 0, "\(migrated.standardError)")
        let said = migrated.standardOutput
        #expect(said.contains("Il ruolo \"\(role)\" scrive i dati di sipav ma non ha alcun diritto su: rating_changes, superseded_allocations "), "\(said)")
        #expect(said.contains("GRANT SELECT, INSERT, UPDATE, DELETE ON rating_changes TO \"\(role)\";")
                && said.contains("GRANT SELECT, INSERT ON superseded_allocations TO \"\(role)\";"), "append-only, as the README grants it: \(said)")
        #expect(!said.contains("audit_log") && !said.contains("SEQUENCES"), "a right withheld on purpose is not named: \(said)")
        // The statements it gives are ones PostgreSQL takes, and then nothing is lacking.
        let grants = try #require(said.components(separatedBy: "Come proprietario dello schema: ").last?.split(separator: "\n").first)
        try database.withConnection { db in
            for statement in grants.split(separator: ";") where !statement.trimmingCharacters(in: .whitespaces).isEmpty {
                try db.execute(String(statement))
            }
        }
        #expect(!(try db(["migrate"], on: database)).standardOutput.contains("Il ruolo"))
    }
}
