import Foundation
import Postgres
import SIPAVTestSupport
import Testing

extension DatabaseCommandTests {
    /// `sipav db audit` names HR's return of a final appraisal to draft (SQL/0028) as HR's page does: the table in
    /// Italian, HR as the actor of the return and of the submission's deletion.
    @Test func theAuditLogNamesAReturnToDraftInItalian() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        try database.withConnection { db in
            _ = try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, 'DIR002', 'sg')")
            try db.transaction { tx in
                _ = try tx.execute("SET LOCAL sipav.actor = 'hr.verdi'")
                _ = try tx.execute("""
                    WITH submission AS (
                        DELETE FROM appraisal_submissions WHERE body_id = 'demo' AND year = 2019 AND employee_id = 'DIR002' RETURNING *
                    )
                    INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by)
                    SELECT body_id, year, employee_id, 'Voto inserito per errore', submitted_at, submitted_by FROM submission
                    """)
            }
        }
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
