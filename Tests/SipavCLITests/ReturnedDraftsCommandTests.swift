import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// The demo's `employee` submitted as final by `sg`, then returned to draft by `hr.verdi` with `reason`, as HR's page
/// returns it.
func returnToDraft(_ employee: String, reason: String, in database: TestDatabase) throws {
    try database.withConnection { db in
        _ = try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, $1, 'sg')",
                           [employee])
        try db.transaction { tx in
            _ = try tx.execute("SET LOCAL sipav.actor = 'hr.verdi'")
            _ = try tx.execute("""
                WITH submission AS (
                    DELETE FROM appraisal_submissions WHERE body_id = 'demo' AND year = 2019 AND employee_id = $1 RETURNING *
                )
                INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
                SELECT body_id, year, employee_id, $2, submitted_at, submitted_by FROM submission
                """, [employee, reason])
        }
    }
}

extension DatabaseCommandTests {
    /// `sipav db run` stores no allocation while an appraisal returned to draft has not been submitted again, unless told
    /// to (`--include-returned`): it would pay the ratings that were returned. Its preview and its report name them.
    @Test func runRefusesReturnedDraftsUnlessIncluded() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        try returnToDraft("DIR002", reason: "Voto inserito per errore", in: database)
        func allocated() throws -> Int {
            try database.withConnection { try $0.execute("SELECT count(*) AS n FROM allocations")[0].int("n") }
        }
        let run = ["run", "--body", "demo", "--year", "2019"]
        let refused = try db(run, on: database)
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("nulla è stato registrato: 1 valutazione restituita in bozza non è stata inviata di nuovo"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("(D'Angelo Francesca (DIR002): Voto inserito per errore)"), "\(refused.standardError)")
        #expect(try allocated() == 0)

        let preview = try db(run + ["--preview"], on: database)
        #expect(preview.status == 0)
        #expect(preview.standardOutput.contains("1 valutazione restituita in bozza e non inviata di nuovo: ripartendo ora, è pagata con le valutazioni restituite"),
                "\(preview.standardOutput)")
        #expect(try allocated() == 0)

        let included = try db(run + ["--include-returned"], on: database)
        #expect(included.status == 0, "\(included.standardError)")
        #expect(included.standardOutput.contains("Ripartita anche 1 valutazione restituita in bozza e non inviata di nuovo, pagata con le valutazioni restituite"),
                "\(included.standardOutput)")
        #expect(try allocated() > 0)
    }

    /// `sipav db audit` names HR's return of a final appraisal to draft (SQL/0028) as HR's page does: the table in
    /// Italian, HR as the actor of the return and of the submission's deletion.
    @Test func theAuditLogNamesAReturnToDraftInItalian() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        try returnToDraft("DIR002", reason: "Voto inserito per errore", in: database)
        let audit = try report(["audit", "--body", "demo", "--limit", "10"], on: database)
        let entries = try #require(audit["entries"] as? [[String: Any]])
        func entry(_ table: String) -> [String: Any]? { entries.first { ($0["table"] as? String) == table } }
        #expect(entry("Schede restituite in bozza")?["actor"] as? String == "hr.verdi", "\(entries)")
        #expect((entry("Schede restituite in bozza")?["changes"] as? String)?.contains("motivo: Voto inserito per errore") == true,
                "\(entries)")
        #expect(entry("Schede inviate")?["actor"] as? String == "hr.verdi")
        let text = try db(["audit", "--body", "demo", "--limit", "5"], on: database)
        #expect(text.status == 0 && text.standardOutput.contains("Schede restituite in bozza"), "\(text.standardOutput)")
    }
}
