import SIPAVTestSupport
import Postgres
import SIPAV
import SIPAVStore
import Testing

/// Every import is on record (`year_imports`, SQL/0046): who, when, why and how, in the import's own transaction; a
/// year ever reopened is imported again only with a reason, when the caller asks for the rule (`sipav db import`).
@Suite("Imports on record, with their reason")
struct YearImportsTests {
    /// One import's row, as text.
    struct Row: Equatable {
        let by: String
        let reason: String?
        let allocated: Bool
        let planning: Bool
        let consents: String
        let files: String
    }

    func rows(_ database: TestDatabase) throws -> [Row] {
        try database.withConnection { db in
            try db.execute("""
                SELECT imported_by, reason, allocated, planning, consents::text AS consents, files::text AS files
                FROM year_imports ORDER BY import_id
                """).map { row in
                Row(by: try row.string("imported_by"), reason: try row["reason"], allocated: try row.bool("allocated"),
                    planning: try row.bool("planning"), consents: try row.string("consents"), files: try row.string("files"))
            }
        }
    }

    @Test func anImportIsRecordedWithItsReasonActorAndTheInstantOfItsAuditLines() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let demo = try DemoYear.records()
        try await store.importYear(demo, actor: "hr.rossi", progress: nil, consent: [],
                                   note: ImportNote(files: ["/uffici/hr/2019/plan.yaml", "/uffici/hr/2019/staff.csv"]))
        let changed = demo.changingObjectives { index, objective in index == 0 ? objective.with(cosa: objective.cosa == 2 ? 3 : 2) : objective }
        try await store.importAllocated(changed, outcome: try changed.outcome(), actor: "hr.verdi", progress: nil,
                                        consent: [.removedActs, .reusedActs], note: ImportNote(reason: "Rettifica del verbale OIV"))

        #expect(try rows(database) == [
            Row(by: "hr.rossi", reason: nil, allocated: false, planning: false, consents: "{}",
                files: "{/uffici/hr/2019/plan.yaml,/uffici/hr/2019/staff.csv}"),
            Row(by: "hr.verdi", reason: "Rettifica del verbale OIV", allocated: true, planning: false,
                consents: "{removed_acts,reused_acts}", files: "{}"),
        ])
        // The second import's row carries the instant of the lines it wrote in the log (the rating changed, the run),
        // and is itself in the log, whole, its reason readable there.
        let (instants, logged) = try database.withConnection { db in
            (try db.execute("""
                SELECT count(DISTINCT a.at) AS instants FROM audit_log a
                JOIN year_imports i ON i.body_id = a.body_id AND i.imported_at = a.at
                WHERE i.reason IS NOT NULL AND a.actor = 'hr.verdi' AND a.table_name IN ('individual_objectives', 'allocation_runs')
                """)[0].int("instants"),
             try db.execute("""
                SELECT new_value ->> 'reason' AS reason FROM audit_log
                WHERE table_name = 'year_imports' AND operation = 'INSERT' AND actor = 'hr.verdi'
                """).map { try $0.string("reason") })
        }
        #expect(instants == 1)
        #expect(logged == ["Rettifica del verbale OIV"])
        let status = try #require(try await store.years(body: "demo").first?.lastImport)
        #expect(status.by == "hr.verdi" && status.reason == "Rettifica del verbale OIV", "\(status)")
        #expect(status.at.contains(" alle "), "Italian form: \(status.at)")
    }

    /// An import refused after it wrote (here by a rule of the server on the allocation's run, or by the staff list
    /// leaving out a rated person) leaves no row: the record is in the import's transaction.
    @Test func anImportRefusedLeavesNoRecord() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let demo = try DemoYear.records()
        try await store.importYear(demo, actor: "hr.rossi", progress: nil)
        try refuseAllocationRuns(in: database)
        let before = try database.withConnection { try Snapshot($0) }
        let changed = demo.changingObjectives { _, objective in objective.with(cosa: 6, come: .a) }
        let refused = await thrownError {
            try await store.importAllocated(changed, outcome: try changed.outcome(), actor: "hr.verdi", progress: nil,
                                            note: ImportNote(reason: "Prova"))
        }
        #expect("\(String(describing: refused))".contains("run refused by the test"))
        let (second, _, _, _, _) = ReimportTests.changed(demo)
        await #expect(throws: RatedPeopleRemoved.self) {
            try await store.importYear(second, actor: "hr.verdi", progress: nil, consent: [], note: ImportNote(reason: "Prova"))
        }
        #expect(try database.withConnection { try Snapshot($0) } == before)
        #expect(try rows(database).count == 1)
    }

    /// A year reopened once is imported again only with a reason when the rule is asked for: refused without, naming
    /// the reopening, nothing written; a year never reopened needs none, imported first or again.
    @Test func aReopenedYearIsImportedAgainOnlyWithAReason() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let demo = try DemoYear.records()
        let rule = ImportNote(reasonRequiredOnceReopened: true)
        try await store.importYear(demo, actor: "hr.rossi", progress: nil, note: rule)
        try await store.importYear(demo, actor: "hr.rossi", progress: nil, note: rule)
        _ = try await store.allocate(body: "demo", year: 2019, actor: "hr.rossi") { (try $0.outcome(), 0) }
        try await store.reopen(body: "demo", year: 2019, reason: "Ricorso accolto", actor: "hr.verdi")

        let before = try database.withConnection { try Snapshot($0) }
        let changed = demo.changingObjectives { index, objective in index == 0 ? objective.with(cosa: objective.cosa == 2 ? 3 : 2) : objective }
        let refused = await thrownError { try await store.importYear(changed, actor: "hr.bianchi", progress: nil, note: rule) }
        let missing = try #require(refused as? ImportReasonMissing, "\(String(describing: refused))")
        #expect(missing.body == "demo" && missing.year == 2019 && missing.reopenedBy == "hr.verdi" && missing.reopenReason == "Ricorso accolto")
        #expect(missing.message.contains("«Ricorso accolto»") && missing.message.contains("--reason")
                && missing.message.contains("Nulla è stato importato"), "\(missing.message)")
        #expect(try database.withConnection { try Snapshot($0) } == before, "nothing written")

        var given = rule
        given.reason = "Ricorso accolto: un voto sul cosa cambia"
        try await store.importYear(changed, actor: "hr.bianchi", progress: nil, note: given)
        #expect(try rows(database).map(\.reason) == [nil, nil, given.reason])
        // A caller that does not ask for the rule (a library's, the tests') imports as before.
        try await store.importYear(demo, actor: "hr.bianchi", progress: nil)
        #expect(try rows(database).count == 4)
    }

    /// Like the audit log, the record of imports is append-only; TRUNCATE is refused as on every audited table.
    @Test func theRecordIsAppendOnly() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        for (statement, state) in [("UPDATE year_imports SET reason = 'dopo'", "SV003"), ("DELETE FROM year_imports", "SV003"),
                                   ("TRUNCATE year_imports", "SV004")] {
            let error = await thrownError { try database.withConnection { try $0.execute(statement) } }
            #expect((error as? PostgresError)?.sqlState == state, "\(statement): \(String(describing: error))")
        }
        #expect(try rows(database).count == 1)
    }
}
