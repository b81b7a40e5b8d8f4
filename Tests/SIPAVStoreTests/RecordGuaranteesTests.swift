import SIPAVTestSupport
import Foundation
import Postgres
import SIPAVStore
import Testing

/// What the database guarantees when officers, processes and roles meet: settings stored a moment earlier are not
/// dropped by an import without any, a reopening waits for the allocation it meets, a schema newer than the binary is
/// refused, and a role with row rights alone works on a schema its owner migrated.
@Suite("The record's guarantees")
struct RecordGuaranteesTests {
    /// The demo year without settings of its own.
    static func withoutSettings() throws -> YearRecords {
        let demo = try DemoYear.records()
        return YearRecords(body: demo.body, plan: demo.plan, records: demo.records, fund: demo.fund, settingsYAML: nil)
    }

    /// An import without settings that meets another storing settings for the year waits for it, then sees them and
    /// refuses: checked before the import's transaction, it read none and replaced them with none.
    @Test func anImportWithoutSettingsSeesTheSettingsStoredJustBefore() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        try await store.importYear(try Self.withoutSettings(), actor: "hr.rossi", progress: nil)
        let settings = try #require(try DemoYear.records().settingsYAML)

        // Another import, holding the year's row, stores settings and has not committed yet.
        let other = try database.connect()
        defer { other.close() }
        try other.execute("BEGIN")
        try other.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2019 FOR UPDATE")
        try other.execute("UPDATE years SET settings_yaml = $1 WHERE body_id = 'demo' AND year = 2019", [settings])
        let records = try Self.withoutSettings()
        let second = Background { try await store.importYear(records, actor: "hr.neri", progress: nil) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!second.isFinished, "the import did not wait for the year's row")
        try other.execute("COMMIT")

        let outcome = try #require(try await second.result(within: 120))
        #expect(throws: StoredSettingsKept(body: "demo", year: 2019)) { try outcome.get() }
        #expect(try await store.storedSettings(body: "demo", year: 2019) == settings)
    }

    /// A reopening asked while an allocation holds the year waits for it and reopens the year it allocated: its
    /// UPDATE skipped the row being allocated and answered that there was nothing to reopen.
    @Test func aReopeningDuringAnAllocationWaitsAndReopens() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let store = allocated.store
        try await store.reopen(body: "demo", year: 2019, reason: "Ricorso di E0001", actor: "hr.rossi")

        let (waited, reopening) = try await store.allocate(body: "demo", year: 2019, actor: "hr.rossi") { year in
            let reopening = Background { try await store.reopen(body: "demo", year: 2019, reason: "Rettifica", actor: "hr.neri") }
            Thread.sleep(forTimeInterval: 0.3)
            return (try year.outcome(), (!reopening.isFinished, reopening))
        }
        #expect(waited, "the reopening did not wait for the allocation")
        let outcome = try #require(try await reopening.result(within: 120))
        #expect(throws: Never.self) { try outcome.get() }
        #expect(try await store.years(body: "demo").first { $0.year == 2019 }?.state == .validated)
        let reasons = try allocated.database.withConnection { db in
            try db.execute("SELECT reason FROM year_reopenings WHERE body_id = 'demo' AND year = 2019 ORDER BY reopening_id")
                .map { try $0.string("reason") }
        }
        #expect(reasons == ["Ricorso di E0001", "Rettifica"])
    }

    /// A database that records a migration this binary does not have was migrated by a newer one: refused, naming it,
    /// whether migrating or only listing.
    @Test func aDatabaseMigratedFurtherIsRefused() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try database.withConnection { try $0.execute("INSERT INTO schema_migrations (version) VALUES ('0099_future'), ('0098_later')") }
        for dryRun in [true, false] {
            let error = await thrownError { try await database.store().migrate(dryRun: dryRun) }
            let refusal = try #require(error as? StoreError, "dry run \(dryRun): \(String(describing: error))")
            #expect(refusal.message.contains("(0098_later, 0099_future)"), "\(refusal.message)")
            #expect(refusal.message.contains("newer version"))
        }
    }

    /// The application's role of the README (row rights, no DDL, no trigger bypass) starts on a migrated schema,
    /// imports, allocates and reopens a year: with nothing pending, migrating does no DDL.
    @Test func aRoleWithRowRightsAloneWorksOnAMigratedSchema() async throws {
        let database = try TestDatabase.create()
        let role = TestDatabase.randomName("app_")
        let admin = try TestServer.connect()
        defer {
            database.drop()
            _ = try? admin.execute("DROP ROLE IF EXISTS \(role)")
            admin.close()
        }
        try admin.execute("CREATE ROLE \(role) LOGIN")
        try database.withConnection { db in
            for grant in [
                "GRANT CONNECT, TEMPORARY ON DATABASE \(database.name) TO \(role)",
                "GRANT USAGE ON SCHEMA public TO \(role)",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)",
                "REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM \(role)",
                "REVOKE UPDATE, DELETE ON audit_log FROM \(role)",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role)",
            ] { try db.execute(grant) }
        }
        let app = try PostgresStore(conninfo: Conninfos.overriding(database.conninfo, with: [("user", role)]),
                                    idleConnections: TestDatabase.idleConnections)
        #expect(try await app.migrate(dryRun: false) == [])
        try await app.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        _ = try await app.allocate(body: "demo", year: 2019, actor: "hr.rossi") { (try $0.outcome(), 0) }
        try await app.reopen(body: "demo", year: 2019, reason: "Ricorso", actor: "hr.rossi")
        #expect(try await app.years(body: "demo").map(\.summary) == ["demo 2019 validated, 277 staff, 1 run(s)"])

        // The same role cannot change the schema, nor switch the triggers off.
        let session = try Connection.connect(Conninfos.overriding(database.conninfo, with: [("user", role)]))
        defer { session.close() }
        for statement in ["CREATE TABLE schema_probe (x int)", "SET session_replication_role = replica",
                          "DELETE FROM schema_migrations"] {
            let error = await thrownError { try session.execute(statement) }
            #expect((error as? PostgresError)?.sqlState == "42501", "\(statement): \(String(describing: error))")
        }
    }
}
