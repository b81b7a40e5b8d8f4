import SIPAVTestSupport
import Foundation
import Postgres
import SIPAVStore
import Testing

/// Every change is on record with who made it: imports by statement, edits row by row with old and new values.
@Suite("The audit log")
struct AuditLogTests {
    static let importedTables: Set = ["bodies", "employees", "years", "strategic_lines", "areas", "objectives", "objective_lines",
                                      "indicators", "indicator_steps", "indicator_revisions", "validated_results", "staff_years",
                                      "individual_objectives", "fund_lines", "fund_confirmations", "year_imports"]

    @Test func anImportIsLoggedPerTableWithItsActor() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try RoundTripTests.enrichedDemo()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)

        let entries = try await store.auditLog(body: "demo", limit: 100_000)
        let inserts = entries.filter { $0.operation == "INSERT" }
        #expect(Set(inserts.map(\.table)) == Self.importedTables)
        #expect(Set(entries.map(\.actor)) == ["hr.rossi"])
        // The large tables are logged once per COPY, with the number of rows it inserted.
        func inserted(_ table: String) -> [Int] {
            inserts.filter { $0.table == table }.compactMap { json($0.newValue)?["inserted"] as? Int }
        }
        #expect(inserted("staff_years") == [year.records.staff.count])
        #expect(inserted("individual_objectives") == [year.records.objectives.count])
        #expect(inserted("employees") == [year.records.staff.count])
        let key = try #require(json(inserts.first { $0.table == "staff_years" }?.recordKey))
        #expect(key["body_id"] as? String == "demo")
        #expect(key["year"] as? Int == 2019)
    }

    /// On a distributed database a body's shard may move to a node whose identity values come from another
    /// range: the newest entries come first by their time, the number only orders one transaction's entries.
    @Test func theNewestEntriesComeFirstWhateverTheirNumbers() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try database.withConnection { db in
            for (id, at, table) in [(900, "2026-01-01 10:00", "older"), (5, "2026-03-01 10:00", "newer"), (6, "2026-03-01 10:00", "newer, after")] {
                try db.execute("""
                    INSERT INTO audit_log (body_id, audit_id, at, actor, table_name, operation, record_key)
                    OVERRIDING SYSTEM VALUE VALUES ('moved', $1, $2::timestamptz, 'hr.rossi', $3, 'INSERT', '{}')
                    """, [id, at, table])
            }
        }
        let entries = try await database.store().auditLog(body: "moved", limit: 10)
        #expect(entries.map(\.table) == ["newer, after", "newer", "older"])
    }

    @Test func aRatingChangedBySQLIsOneUpdateWithOldAndNewCosa() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try DemoYear.records()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let objective = try #require(year.objectiveRows.first { $0.employee == "E0001" })
        let oldCosa = try #require(objective.cosa)
        let newCosa = oldCosa == 0 ? 1 : oldCosa - 1

        try database.withConnection { db in
            try db.execute("SET sipav.actor = 'hr.bianchi'")
            let updated = try db.execute("""
                UPDATE individual_objectives SET cosa = $1 WHERE body_id = 'demo' AND year = 2019 AND employee_id = $2 AND code = $3
                """, [newCosa, objective.employee, objective.code])
            try #require(updated.affectedRows == 1)
        }

        let updates = try await store.auditLog(body: "demo", limit: 100_000)
            .filter { $0.operation == "UPDATE" && $0.table == "individual_objectives" }
        let update = try #require(updates.first)
        #expect(updates.count == 1)
        #expect(update.actor == "hr.bianchi")
        #expect(json(update.oldValue)?["cosa"] as? Int == oldCosa)
        #expect(json(update.newValue)?["cosa"] as? Int == newCosa)
        #expect(json(update.newValue)?["come"] as? String == objective.come)
        let key = try #require(json(update.recordKey))
        #expect(key["employee_id"] as? String == objective.employee)
        #expect(key["code"] as? String == objective.code)
        #expect(key["body_id"] as? String == "demo")
        // Newest first: the edit heads the log.
        #expect(try await store.auditLog(body: "demo", limit: 1).first == update)
    }

    @Test func theLogCannotBeRewritten() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let db = try database.connect()
        defer { db.close() }
        for statement in ["UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
            let error = await thrownError { try db.execute(statement) }
            #expect((error as? PostgresError)?.sqlState == "SV003", "\(statement)")
        }
    }
}

extension AuditLogTests {
    /// TRUNCATE fires no row trigger: on an audited table it would empty the table without a line in the log. Refused
    /// on every one, named or reached by CASCADE, with no year locked (SQL/0025).
    @Test func noAuditedTableCanBeTruncated() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let db = try database.connect()
        defer { db.close() }
        let audited = try db.execute("""
            SELECT DISTINCT tgrelid::regclass::text AS name FROM pg_trigger WHERE tgname LIKE 'sipav\\_log\\_%' ORDER BY 1
            """).map { try $0.string("name") }
        #expect(audited.count >= 20 && audited.contains("year_reopenings") && audited.contains("appraisal_responses"), "\(audited)")
        let before = try Snapshot(db)
        for table in audited + ["individual_objectives, appraisal_submissions"] {
            let error = await thrownError { try db.execute("TRUNCATE \(table) CASCADE") }
            let refusal = try #require(error as? PostgresError, "\(table)")
            #expect(refusal.sqlState == "SV004" && refusal.constraint == "audited_truncate", "\(table): \(refusal)")
        }
        #expect(try Snapshot(db) == before)
    }

    /// The log's purge removes only rows older than the retention period, and leaves its own line (SQL/0026): the
    /// setting alone let any session delete yesterday's rows unseen.
    @Test func theLogIsPurgedOnlyPastItsRetentionAndThePurgeIsLogged() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let db = try database.connect()
        defer { db.close() }
        let rows = try db.execute("SELECT count(*) AS n FROM audit_log")[0].int("n")

        try db.execute("BEGIN")
        try db.execute("SET LOCAL sipav.audit_retention = 'on'")
        let recent = errorThrown { try db.execute("DELETE FROM audit_log WHERE body_id = 'demo'") }
        try db.execute("ROLLBACK")
        #expect((recent as? PostgresError)?.sqlState == "SV003")
        #expect((recent as? PostgresError)?.constraint == "audit_log_retention")
        #expect(try db.execute("SELECT count(*) AS n FROM audit_log")[0].int("n") == rows)

        // Three rows made eleven years old (the guard switched off for that statement, as a superuser may).
        try db.execute("ALTER TABLE audit_log DISABLE TRIGGER sipav_append_only")
        try db.execute("""
            UPDATE audit_log SET at = now() - interval '11 years'
            WHERE audit_id IN (SELECT audit_id FROM audit_log ORDER BY audit_id LIMIT 3)
            """)
        try db.execute("ALTER TABLE audit_log ENABLE TRIGGER sipav_append_only")
        try db.transaction { tx in
            try tx.execute("SET LOCAL sipav.actor = 'archivist'")
            try tx.execute("SET LOCAL sipav.audit_retention = 'on'")
            #expect(try tx.execute("DELETE FROM audit_log WHERE at < now() - interval '10 years'").affectedRows == 3)
        }
        let purge = try db.execute("""
            SELECT actor, operation, record_key::text AS key, (old_value ->> 'purged')::int AS purged
            FROM audit_log WHERE table_name = 'audit_log'
            """)
        #expect(purge.count == 1)
        #expect(try purge.first?.string("actor") == "archivist")
        #expect(try purge.first?.string("operation") == "DELETE")
        #expect(try purge.first?.int("purged") == 3)
        #expect(try db.execute("SELECT count(*) AS n FROM audit_log")[0].int("n") == rows - 3 + 1)
    }
}

/// A JSON object from the log's text.
func json(_ text: String?) -> [String: Any]? {
    guard let text else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}
