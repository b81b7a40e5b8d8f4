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
                                      "individual_objectives", "fund_lines", "fund_confirmations"]

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

/// A JSON object from the log's text.
func json(_ text: String?) -> [String: Any]? {
    guard let text else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}
