import Foundation
import SIPAVTestSupport
import Testing

/// `sipav db audit` filters the log as HR's page does, by the same query: a table, who made the change, a person, the
/// days, the year. A filter it cannot apply is a fault of the command line (64), said in Italian.
@Suite("Audit log filters")
struct AuditFilterCommandTests {
    /// The entries `db audit --body demo` prints with `filters`, every one of them.
    func entries(_ filters: [String], on database: TestDatabase) throws -> [[String: Any]] {
        let run = try db(["audit", "--body", "demo", "--limit", "100000", "--format", "json"] + filters, on: database)
        try #require(run.status == 0, "\(filters): \(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        return try #require(report["entries"] as? [[String: Any]])
    }

    func count(_ condition: String, on database: TestDatabase) throws -> Int {
        try database.withConnection { try $0.execute("SELECT count(*) AS n FROM audit_log WHERE body_id = 'demo' AND \(condition)")[0].int("n") }
    }

    /// Two years of the demo body, one of them allocated and reopened, a change of one person's record by hand.
    func loggedYears() throws -> TestDatabase {
        let database = try TestDatabase.create(schema: false)
        let before = try ScratchYear()
        defer { before.remove() }
        try before.makeTheYearBefore()
        try #require(try db(["import", "--body", "demo", "--data", before.folder.path, "--actor", "hr.bianchi"], on: database).status == 0)
        try #require(try db(["import", "--body", "demo", "--actor", "hr.rossi"], on: database).status == 0)
        try database.withConnection { db in
            _ = try db.execute("UPDATE staff_years SET months = 11 WHERE body_id = 'demo' AND year = 2019 AND employee_id = 'E0010'")
        }
        try #require(try db(["run", "--body", "demo", "--year", "2019", "--actor", "hr.rossi"], on: database).status == 0)
        try #require(try db(["reopen", "--body", "demo", "--year", "2019", "--reason", "Rettifica", "--actor", "hr.verdi"], on: database).status == 0)
        return database
    }

    @Test func eachFilterKeepsTheEntriesItNames() throws {
        let database = try loggedYears()
        defer { database.drop() }
        let all = try entries([], on: database)
        let logged = try count("true", on: database)
        #expect(all.count == logged)

        let reopenings = try entries(["--table", "year_reopenings"], on: database)
        let reopened = try count("table_name = 'year_reopenings'", on: database)
        #expect(!reopenings.isEmpty && reopenings.count == reopened)
        #expect(reopenings.allSatisfy { ($0["table"] as? String) == "Riaperture dell'anno" })
        // The table as HR's page names it, in any case.
        #expect(try entries(["--table", "riaperture dell'anno"], on: database).count == reopenings.count)

        let verdi = try entries(["--changed-by", "hr.verdi"], on: database)
        let byVerdi = try count("actor = 'hr.verdi'", on: database)
        #expect(!verdi.isEmpty && verdi.count == byVerdi && verdi.count < all.count)
        #expect(verdi.allSatisfy { ($0["actor"] as? String) == "hr.verdi" })

        let person = try entries(["--employee", "e0010"], on: database)
        #expect(!person.isEmpty && person.allSatisfy { ($0["record"] as? String)?.contains("E0010") == true }, "\(person)")
        let ofPerson = try count("""
            (upper(record_key ->> 'employee_id') = 'E0010' OR upper(coalesce(old_value, new_value) ->> 'employee_id') = 'E0010')
            """, on: database)
        #expect(person.count == ofPerson)

        let earlier = try entries(["--year", "2018"], on: database)
        let of2018 = try count("record_key ->> 'year' = '2018'", on: database)
        #expect(!earlier.isEmpty && earlier.count == of2018 && earlier.count < all.count)
        #expect(try entries(["--year", "2019", "--changed-by", "hr.bianchi"], on: database).isEmpty)

        let today = try database.withConnection { try $0.execute("SELECT (now() AT TIME ZONE 'Europe/Rome')::date::text AS d")[0].string("d") }
        let yesterday = try database.withConnection {
            try $0.execute("SELECT ((now() AT TIME ZONE 'Europe/Rome')::date - 1)::text AS d")[0].string("d")
        }
        #expect(try entries(["--from", today, "--to", today], on: database).count == all.count)
        #expect(try entries(["--to", yesterday], on: database).isEmpty)
        #expect(try entries(["--from", yesterday], on: database).count == all.count)

        let text = try db(["audit", "--body", "demo", "--changed-by", "hr.verdi", "--year", "2019"], on: database)
        #expect(text.status == 0 && text.standardOutput.contains("Filtri: modifiche di hr.verdi, anno 2019."), "\(text.standardOutput)")
        let csv = try db(["audit", "--body", "demo", "--table", "year_reopenings", "--format", "csv"], on: database)
        #expect(csv.status == 0 && csv.standardOutput.contains("Riaperture dell'anno") && !csv.standardOutput.contains("Quote ripartite"))
    }

    /// A year's records include the changes of the names its reports show: the body's, and those of the people on its
    /// staff; not those of someone on no staff of that year, nor the accounts.
    @Test func aYearsRecordsIncludeTheNamesItsReportsShow() throws {
        let database = try loggedYears()
        defer { database.drop() }
        try database.withConnection { db in
            _ = try db.execute("SELECT set_config('sipav.actor', 'hr.nomi', false)")
            _ = try db.execute("UPDATE employees SET name = 'Rossi Maria' WHERE body_id = 'demo' AND employee_id = 'E0010'")
            _ = try db.execute("UPDATE bodies SET name = 'Camera di commercio di Torino' WHERE body_id = 'demo'")
            _ = try db.execute("INSERT INTO employees (body_id, employee_id, name) VALUES ('demo', 'X0001', 'Esterno')")
            _ = try db.execute("UPDATE employees SET name = 'Esterno Nuovo' WHERE body_id = 'demo' AND employee_id = 'X0001'")
        }
        let renames = try entries(["--year", "2019", "--changed-by", "hr.nomi"], on: database)
        #expect(renames.count == 2, "\(renames)")
        #expect(renames.contains { ($0["record"] as? String)?.contains("E0010") == true }, "\(renames)")
        #expect(!renames.contains { ($0["record"] as? String)?.contains("X0001") == true }, "\(renames)")
        // 2018's staff is 2019's: the same two.
        #expect(try entries(["--year", "2018", "--changed-by", "hr.nomi"], on: database).count == 2)
        #expect(try entries(["--year", "2017", "--changed-by", "hr.nomi"], on: database).count == 1)
    }

    @Test(arguments: [
        (["--from", "2026-02-30"], "la data si scrive AAAA-MM-GG"),
        (["--to", "ieri"], "la data si scrive AAAA-MM-GG"),
        (["--from", "2026-03-01", "--to", "2026-02-01"], "--from (01/03/2026) è dopo --to (01/02/2026)"),
        (["--table", "stipendi"], "--table: «stipendi» non è una tabella del registro delle modifiche. Le tabelle sono: accounts (Utenti)"),
        (["--year", "1800"], "l'anno è un numero dal 1990 al 2200"),
        (["--employee", "  "], "--employee non può essere vuoto"),
    ])
    func aFilterThatCannotBeAppliedIsRefused(_ filters: [String], _ said: String) throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        let run = try db(["audit", "--body", "demo"] + filters, on: database)
        #expect(run.status == 64, "\(filters): \(run.standardError)")
        #expect(run.standardError.contains(said), "\(filters): \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test func aFilteredLogOfABodyNotInTheDatabaseIsRefused() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        let run = try db(["audit", "--body", "nessuno", "--table", "years"], on: database)
        #expect(run.status == 64)
        #expect(run.standardError.contains("l'ente nessuno non è nel database"), "\(run.standardError)")
    }
}
