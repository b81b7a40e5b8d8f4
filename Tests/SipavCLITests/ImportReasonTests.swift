import Foundation
import SIPAVTestSupport
import Testing

/// `sipav db import --reason`: every import is on record with who, when and why (`year_imports`); a year ever reopened,
/// or an import allowed what it otherwise refuses, needs a reason; `db audit` and `db status` show it.
@Suite("The reason of an import")
struct ImportReasonTests {
    static let importDemo = ["import", "--body", "demo", "--data", Sipav.demoFolder.path]

    func imports(on database: TestDatabase) throws -> [(by: String, reason: String?)] {
        try database.withConnection { db in
            try db.execute("SELECT imported_by, reason FROM year_imports ORDER BY import_id").map {
                (try $0.string("imported_by"), try $0["reason"])
            }
        }
    }

    /// A closed year reopened and imported again: refused without a reason (65, naming the reopening, nothing
    /// written); with one, recorded with the actor, and shown by `db audit` and `db status` in Italian.
    @Test func aReopenedYearNeedsAReasonWhichTheAuditAndStatusShow() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(Self.importDemo + ["--allocate", "--actor", "hr.rossi"], on: database).status == 0)
        try #require(try db(["reopen", "--body", "demo", "--year", "2019", "--reason", "Ricorso accolto", "--actor", "hr.verdi"],
                            on: database).status == 0)
        let logged = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM audit_log")[0].int("n") }

        let refused = try db(Self.importDemo + ["--actor", "hr.bianchi"], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("l'anno 2019 dell'ente demo è stato riaperto") && refused.standardError.contains("da hr.verdi")
                && refused.standardError.contains("«Ricorso accolto»") && refused.standardError.contains("--reason")
                && refused.standardError.contains("Nulla è stato importato"), "\(refused.standardError)")
        #expect(try database.withConnection { try $0.execute("SELECT count(*) AS n FROM audit_log")[0].int("n") } == logged,
                "nothing written")
        #expect(try imports(on: database).map(\.reason) == [nil])

        let reason = "Ricorso accolto: valutazioni rettificate"
        let given = try db(Self.importDemo + ["--actor", "hr.bianchi", "--reason", reason], on: database)
        #expect(given.status == 0, "\(given.standardError)")
        let recorded = try imports(on: database)
        #expect(recorded.map(\.by) == ["hr.rossi", "hr.bianchi"] && recorded.map(\.reason) == [nil, reason], "\(recorded)")

        let audit = try report(["audit", "--body", "demo", "--table", "year_imports"], on: database)
        let entries = try #require(audit["entries"] as? [[String: Any]])
        #expect(entries.count == 2 && entries.allSatisfy { ($0["table"] as? String) == "Importazioni dell'anno" }, "\(entries)")
        let latest = try #require(entries.first)
        #expect((latest["actor"] as? String) == "hr.bianchi" && (latest["operation"] as? String) == "inserimento", "\(latest)")
        let changes = try #require(latest["changes"] as? String)
        #expect(changes.contains("motivo: \(reason)") && changes.contains("importato da: hr.bianchi")
                && changes.contains("ripartito con l'importazione: no") && changes.contains("consentito: nulla")
                && changes.contains("file letti: ") && changes.contains("staff.csv"), "\(changes)")
        let text = try db(["audit", "--body", "demo", "--limit", "5"], on: database)
        #expect(text.standardOutput.contains("Importazioni dell'anno") && text.standardOutput.contains(reason), "\(text.standardOutput)")

        let years = try #require(try report(["status"], on: database)["years"] as? [[String: Any]])
        #expect((years.first?["last_import_reason"] as? String) == reason, "\(years)")
        #expect((years.first?["last_import_by"] as? String) == "hr.bianchi", "\(years)")
        #expect((years.first?["last_import_at"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(years)")
    }

    /// `db demo` of another body's year, reopened, takes a reason as `db import` does; the built-in demo's first import
    /// is a first import, with neither reason nor consent, and only its import again says it is one.
    @Test func theDemoTakesAReasonAndItsFirstImportIsAFirstImport() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["demo"], on: database).status == 0)
        try #require(try db(["demo"], on: database).status == 0)
        let demo = try database.withConnection { db in
            try db.execute("SELECT reason, consents::text AS c FROM year_imports WHERE body_id = 'demo' ORDER BY import_id").map {
                (try $0.decode("reason", as: String?.self), try $0.string("c"))
            }
        }
        #expect(demo.map(\.0) == [nil, "demo: nuovo caricamento dei dati dimostrativi"] && demo.map(\.1) == ["{}", "{removed_acts}"], "\(demo)")

        let other = ["demo", "--body", "CC", "--data", Sipav.demoFolder.path]
        try #require(try db(other, on: database).status == 0)
        try #require(try db(["reopen", "--body", "CC", "--year", "2019", "--reason", "Rettifica"], on: database).status == 0)
        let refused = try db(other, on: database)
        #expect(refused.status == 65 && refused.standardError.contains("(--reason \"…\")"), "\(refused.standardError)")
        let given = try db(other + ["--reason", "  Prova della rettifica \n"], on: database)
        #expect(given.status == 0, "\(given.standardError)")
        let reason = try database.withConnection {
            try $0.execute("SELECT reason FROM year_imports WHERE body_id = 'CC' ORDER BY import_id DESC LIMIT 1")[0].string("reason")
        }
        #expect(reason == "Prova della rettifica", "trimmed")
    }

    /// A reason past the database's limit is refused before anything is read, with the limit.
    @Test func aReasonTooLongIsRefusedFirst() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let long = try db(Self.importDemo + ["--reason", String(repeating: "x", count: 2001)], on: database)
        #expect(long.status == 64 && long.standardError.contains("--reason è lungo 2.001 caratteri: al massimo 2.000"), "\(long.standardError)")
        // Refused before the database is touched: not even the schema is there.
        #expect(try database.withConnection { try $0.execute("SELECT to_regclass('public.years') IS NULL AS none")[0].bool("none") })
    }

    /// A flag that allows what the import otherwise refuses needs a reason: a fault of the command line (64), said
    /// before anything is read. A first import, or one of a year never reopened, needs none; a blank reason is none.
    @Test func aConsentFlagNeedsAReasonAndAFirstImportNone() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        #expect(try db(Self.importDemo, on: database).status == 0)
        #expect(try db(Self.importDemo, on: database).status == 0, "a year never reopened is imported again without a reason")

        let unexplained = try db(Self.importDemo + ["--remove-acts", "--rename-body"], on: database)
        #expect(unexplained.status == 64, "\(unexplained.standardError)")
        #expect(unexplained.standardError.contains("--rename-body, --remove-acts consentono ciò che l'importazione altrimenti rifiuta")
                && unexplained.standardError.contains("--reason"), "\(unexplained.standardError)")
        let blank = try db(Self.importDemo + ["--remove-acts", "--reason", " \n "], on: database)
        #expect(blank.status == 64 && blank.standardError.contains("--reason non può essere vuoto"), "\(blank.standardError)")
        #expect(try imports(on: database).count == 2, "nothing recorded")

        let said = try db(Self.importDemo + ["--remove-acts", "--reason", "Conferme registrate sul web per errore"], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        let consents = try database.withConnection {
            try $0.execute("SELECT consents::text AS c FROM year_imports ORDER BY import_id DESC LIMIT 1")[0].string("c")
        }
        #expect(consents == "{removed_acts}")
    }
}
