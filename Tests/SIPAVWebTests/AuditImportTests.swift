import Foundation
import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// HR's log shows each import of a year (`year_imports`, SQL/0046) with its reason, what it was allowed and the files
/// it read, in Italian.
@Suite("Imports in HR's audit log")
struct AuditImportTests {
    @Test func anImportShowsWithItsReasonInItalian() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("SET sipav.actor = 'hr.verdi'")
                try db.execute("""
                    INSERT INTO year_imports (body_id, year, reason, consents, files)
                    VALUES ($1, 2024, 'Ricorso accolto', '{removed_acts,reused_acts}', '{/uffici/hr/2024/plan.yaml,/uffici/hr/2024/staff.csv}')
                    """, [WebFixture.body])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let rows = AuditPageTests.rows(try await hr.get("/hr/registro?tabella=year_imports").text)
            try #require(rows.count == 1, "\(rows)")
            let (_, actor, table, operation, record, changes) = rows[0]
            #expect((actor, table, operation) == ("hr.verdi", "Importazioni dell&#39;anno", "inserimento"))
            #expect(record.wholeMatch(of: /anno 2024, importazione n\. \d+/) != nil, "\(record)")
            #expect(changes.contains("motivo: Ricorso accolto"), "\(changes)")
            #expect(changes.contains("importato da: hr.verdi"), "\(changes)")
            #expect(changes.contains("ripartito con l&#39;importazione: no"), "\(changes)")
            #expect(changes.contains("consentito: atti tolti (--remove-acts); atti di altri anni (--reuse-acts)"), "\(changes)")
            #expect(changes.contains("file letti: /uffici/hr/2024/plan.yaml; /uffici/hr/2024/staff.csv"), "\(changes)")
            #expect(changes.contains { $0.wholeMatch(of: /importato il: \d\d\/\d\d\/\d{4} alle \d\d:\d\d:\d\d/) != nil }, "\(changes)")
        }
    }

    @Test func anEmptyListIsSaidAsNone() {
        #expect(AuditLabels.value("[]", of: "consents") == "nulla")
        #expect(AuditLabels.value(#"["renamed_body"]"#, of: "consents") == "nuovo nome dell'ente (--rename-body)")
    }
}
