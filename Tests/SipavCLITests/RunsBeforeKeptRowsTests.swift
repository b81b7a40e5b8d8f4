import Foundation
import SIPAVReports
import SIPAVTestSupport
import Testing

/// A run replaced before SQL/0036 kept the rows of replaced runs lost them then: the reports say so, with the totals
/// the run recorded, rather than show it paying nobody and warn of rows deleted by hand. Rows missing from a run
/// replaced since are still a warning.
@Suite("Runs replaced before their rows were kept")
struct RunsBeforeKeptRowsTests {
    static let year = ["--body", "demo", "--year", "2019"]

    /// Two runs, the first's rows then taken away as an older sipav's second run deleted them; 0036 applied at `applied`
    /// (`now()` for after both runs, a day back for before them). Returns the first run's number and what it recorded.
    func twoRunsTheFirstWithoutRows(on database: TestDatabase, applied: String) throws -> (run: Int, recordedPaid: Int64) {
        try #require(try db(["import", "--allocate", "--body", "demo", "--data", Sipav.demoFolder.path], on: database).status == 0)
        try #require(try db(["reopen", "--reason", "Fondo rettificato"] + Self.year, on: database).status == 0)
        try #require(try db(["run"] + Self.year, on: database).status == 0)
        return try database.withConnection { db in
            let first = try db.execute("SELECT min(run_id)::int AS run, (SELECT staff_paid_cents + managers_paid_cents FROM allocation_runs "
                                       + "ORDER BY run_id LIMIT 1)::bigint AS paid FROM allocation_runs")[0]
            let run = try first.int("run")
            try db.execute("ALTER TABLE superseded_allocations DISABLE TRIGGER USER")
            try db.execute("DELETE FROM superseded_allocations WHERE run_id = $1", [run])
            try db.execute("ALTER TABLE superseded_allocations ENABLE TRIGGER USER")
            try db.execute("UPDATE schema_migrations SET applied_at = \(applied) WHERE version = '0036_superseded_allocations_kept'")
            return (run, try first.int64("paid"))
        }
    }

    @Test func aRunReplacedBefore0036ShowsItsTotalsAndNoWarning() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let (run, recordedPaid) = try twoRunsTheFirstWithoutRows(on: database, applied: "now()")
        let runs = try #require(try report(["report", "runs"] + Self.year, on: database)["runs"] as? [[String: Any]])
        #expect(runs[0]["people"] is NSNull && (runs[0]["paid_cents"] as? NSNumber)?.int64Value == recordedPaid, "\(runs[0])")
        #expect((runs[1]["people"] as? Int) == 277, "\(runs[1])")
        let text = try db(["report", "runs"] + Self.year, on: database)
        #expect(text.standardOutput.contains("Della ripartizione n. \(run) restano solo i totali")
                && text.standardOutput.contains("non conservati"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains(ItalianNumbers.euros(cents: recordedPaid)), "\(text.standardOutput)")
        #expect(!text.standardOutput.contains("Attenzione"), "\(text.standardOutput)")

        let printed = try db(["report", "allocation", "--run", "\(run)"] + Self.year, on: database)
        #expect(printed.status == 0, "\(printed.standardError)")
        #expect(printed.standardOutput.contains("Ne restano solo i totali") && !printed.standardOutput.contains("al centesimo"),
                "\(printed.standardOutput)")
        // What only the rows could say is not kept, not a count of none.
        let funds = try #require(try report(["report", "allocation", "--run", "\(run)"] + Self.year, on: database)["funds"] as? [[String: Any]])
        for fund in funds {
            #expect(fund["people"] is NSNull && fund["increase_recipients"] is NSNull, "\(fund)")
            #expect((fund["paid_cents"] as? NSNumber) != nil, "\(fund)")
        }
    }

    @Test func rowsMissingFromARunReplacedSince0036AreStillAWarning() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let (run, _) = try twoRunsTheFirstWithoutRows(on: database, applied: "now() - interval '1 day'")
        let text = try db(["report", "runs"] + Self.year, on: database)
        #expect(text.standardOutput.contains("Attenzione: le righe della ripartizione n. \(run) sommano 0,00 €"), "\(text.standardOutput)")
        #expect(!text.standardOutput.contains("restano solo i totali"), "\(text.standardOutput)")
    }
}

