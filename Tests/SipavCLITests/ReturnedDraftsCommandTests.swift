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
        #expect(refused.standardError.contains("nulla è stato registrato: 1 valutazione restituita in bozza non è tornata definitiva "
                                                     + "(D'Angelo Francesca (DIR002): Voto inserito per errore). Ripartendo ora sarebbe pagata come si "
                                                     + "trova ora: attenda che torni definitiva, oppure ripeta il comando con --include-returned."),
                "\(refused.standardError)")
        #expect(try allocated() == 0)

        let preview = try db(run + ["--preview"], on: database)
        #expect(preview.status == 0)
        #expect(preview.standardOutput.contains("1 valutazione restituita in bozza e non tornata definitiva: ripartendo ora, è pagata come si trova ora"),
                "\(preview.standardOutput)")
        #expect(try allocated() == 0)

        let included = try db(run + ["--include-returned"], on: database)
        #expect(included.status == 0, "\(included.standardError)")
        #expect(included.standardOutput.contains("Ripartita anche 1 valutazione restituita in bozza e non tornata definitiva, come si trovava: "
                                                       + "D'Angelo Francesca (DIR002): Voto inserito per errore."),
                "\(included.standardOutput)")
        #expect(try allocated() > 0)
    }

    /// The refusal names twenty people at most, each reason on one line and cut short, and counts the rest.
    @Test func runRefusalNamesTwentyPeopleAndCutsLongReasons() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let people = try database.withConnection { db in
            // In the refusal's order, by name: the first has the long reason.
            try db.execute("""
                SELECT s.employee_id FROM staff_years s JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
                WHERE s.body_id = 'demo' ORDER BY e.name, s.employee_id LIMIT 21
                """).map { try $0.string("employee_id") }
        }
        let long = "Prima riga del motivo.\nSeconda riga, " + String(repeating: "molto lunga ", count: 20)
        for (index, person) in people.enumerated() { try returnToDraft(person, reason: index == 0 ? long : "Motivo \(index).", in: database) }
        let refused = try db(["run", "--body", "demo", "--year", "2019"], on: database)
        #expect(refused.status == 65)
        let message = refused.standardError
        #expect(message.contains("nulla è stato registrato: 21 valutazioni restituite in bozza non sono tornate definitive ("), "\(message)")
        #expect(message.contains("; e un'altra). Ripartendo ora sarebbero pagate come si trovano ora"), "\(message)")
        #expect(message.contains("Prima riga del motivo. Seconda riga, molto lunga"))
        #expect(message.contains(String((long.replacingOccurrences(of: "\n", with: " ")).prefix(120)) + "…"))
        #expect(!message.contains(String((long.replacingOccurrences(of: "\n", with: " ")).prefix(121))))
    }

    /// `sipav db import --allocate` of files that change a submitted appraisal pays the files' ratings: the withdrawal is
    /// recorded as a return with the import as its reason, and the notice says the appraisal was allocated, not that its
    /// manager must send it again.
    @Test func anImportThatAllocatesSaysTheWithdrawnAppraisalWasPaidFromTheFiles() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        try database.withConnection { db in
            _ = try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, 'DIR002', 'sg')")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-reimport-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Sipav.demoFolder, to: folder)
        let objectives = folder.appendingPathComponent("objectives.csv")
        let text = try String(contentsOf: objectives, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "DIR002;OB1;Rispetto delle scadenze di bilancio;35;5;B",
                                                with: "DIR002;OB1;Rispetto delle scadenze di bilancio;35;4;B")
        try #require(changed != text)
        try changed.write(to: objectives, atomically: true, encoding: .utf8)

        let allocated = try db(["import", "--allocate", "--body", "demo", "--data", folder.path], on: database)
        #expect(allocated.status == 0, "\(allocated.standardError)")
        #expect(allocated.standardOutput.contains("La valutazione di D'Angelo Francesca (DIR002), inviata come definitiva, torna in bozza "
                                                  + "per le modifiche dei file ed è ripartita con le valutazioni dei file."), "\(allocated.standardOutput)")
        #expect(!allocated.standardOutput.contains("dovrà inviarla di nuovo"))
        let returns = try database.withConnection { db in
            try db.execute("SELECT employee_id || ' ' || reason AS r FROM appraisal_returns").map { try $0.string("r") }
        }
        #expect(returns == ["DIR002 Obiettivi modificati dall'importazione dei dati dell'anno dopo l'invio come definitiva."])
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
