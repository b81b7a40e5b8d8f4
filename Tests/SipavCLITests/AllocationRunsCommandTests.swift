import Foundation
import SIPAVTestSupport
import Testing

/// `sipav db report runs` lists a year's allocation runs, and `db report allocation --run N` prints a run no longer in
/// force as it stored it: what an auditor asks after a year was reopened and allocated again.
@Suite("Allocation runs reported")
struct AllocationRunsCommandTests {
    func rows(_ report: [String: Any], _ table: String) throws -> [[String: Any]] {
        try #require(report[table] as? [[String: Any]], "\(report.keys)")
    }

    /// A row's fields as text, for comparing rows whatever JSON type each holds.
    func texts(_ row: [String: Any], _ keys: [String]) -> [String] { keys.map { "\(row[$0] ?? "–")" } }

    static let year = ["--body", "demo", "--year", "2019"]
    /// The fields of a person's row the run decides: every one but the name and the Area, which are the records'.
    static let paidFields = ["employee_id", "fund", "final_score", "band", "share_cents", "coefficient_percent", "individual_cents",
                             "ente_cents", "area_cents", "increase_cents", "redistributed_cents", "amount_cents"]
    /// Every field of a fund's totals but the individual component's factor: 1 where nobody had the top-rating increase,
    /// and not kept otherwise.
    static let fundFields = ["fund", "people", "fund_cents", "paid_cents", "residual_cents", "increase_recipients", "increase_per_head_cents"]
    /// The demo's settings (no top-rating increase), and settings that pay it and redistribute the residual.
    static let settings: [[String]] = [[], ["--config", Sipav.packageRoot.appendingPathComponent("Config/example-redistribute.yaml").path]]

    @Test(arguments: settings)
    func aReallocatedYearListsItsRunsAndPrintsTheEarlierOneAsItWas(_ settings: [String]) throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let files = try ScratchYear()
        defer { files.remove() }
        try #require(try db(["import", "--body", "demo", "--data", files.folder.path] + settings, on: database).status == 0)
        try #require(try db(["run", "--actor", "hr.rossi"] + Self.year, on: database).status == 0)
        let before = try report(["report", "allocation"] + Self.year, on: database)
        let paidBefore = try rows(before, "amounts").reduce(Int64(0)) { $0 + (($1["amount_cents"] as? NSNumber)?.int64Value ?? 0) }

        // Reopened: one person rated lower, another no longer in the year; allocated again.
        try #require(try db(["reopen", "--reason", "Rettifica richiesta dall'OIV", "--actor", "hr.verdi"] + Self.year, on: database).status == 0)
        try files.write("objectives.csv", lines: try files.lines("objectives.csv").compactMap { line in
            if line.hasPrefix("E0020;") { return nil }
            guard line.hasPrefix("E0010;") else { return line }
            var fields = line.components(separatedBy: ";")
            (fields[4], fields[5]) = ("1", "C")
            return fields.joined(separator: ";")
        })
        try files.write("staff.csv", lines: try files.lines("staff.csv").filter { !$0.hasPrefix("E0020;") })
        let reimported = try db(["import", "--body", "demo", "--data", files.folder.path, "--remove-rated", "--reason", "Rettifica richiesta dall'OIV"] + settings,
                              on: database)
        try #require(reimported.status == 0, "\(reimported.standardError)")
        try #require(try db(["run", "--actor", "hr.bianchi"] + Self.year, on: database).status == 0)
        let after = try report(["report", "allocation"] + Self.year, on: database)
        let paidAfter = try rows(after, "amounts").reduce(Int64(0)) { $0 + (($1["amount_cents"] as? NSNumber)?.int64Value ?? 0) }

        let runs = try rows(try report(["report", "runs"] + Self.year, on: database), "runs")
        try #require(runs.count == 2, "\(runs)")
        let (first, second) = (try #require(runs[0]["run"] as? Int), try #require(runs[1]["run"] as? Int))
        #expect(texts(runs[0], ["run_by", "state", "people", "paid_cents", "reopened_by", "reopen_reason", "replaced_by"])
                == ["hr.rossi", "superseded", "277", "\(paidBefore)", "hr.verdi", "Rettifica richiesta dall'OIV", "\(second)"])
        #expect(texts(runs[1], ["run_by", "state", "people", "paid_cents", "reopened_by", "replaced_by"])
                == ["hr.bianchi", "in_force", "276", "\(paidAfter)", "<null>", "<null>"])
        let table = try db(["report", "runs"] + Self.year, on: database)
        #expect(table.standardOutput.contains("sostituita dalla n. \(second)") && table.standardOutput.contains("in vigore"),
                "\(table.standardOutput)")
        // Instants: ISO 8601 in UTC for a program, in Italian on the clock of Italy for a person.
        let iso = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/
        for field in ["run_at", "reopened_at"] {
            let value = try #require(runs[0][field] as? String, "\(runs[0])")
            #expect(value.wholeMatch(of: iso) != nil, "\(field): \(value)")
        }
        #expect(table.standardOutput.contains(/\d\d\/\d\d\/\d{4} alle \d\d:\d\d:\d\d/), "\(table.standardOutput)")
        let audit = try report(["audit", "--body", "demo", "--limit", "1"], on: database)
        let logged = try #require((audit["entries"] as? [[String: Any]])?.first?["at"] as? String, "\(audit)")
        #expect(logged.wholeMatch(of: iso) != nil, "\(logged)")

        // The first run as it printed before the reopening, to the cent; the second as the year's allocation.
        let earlier = try report(["report", "allocation", "--run", "\(first)"] + Self.year, on: database)
        #expect((earlier["title"] as? String)?.contains("ripartizione n. \(first), sostituita dalla n. \(second)") == true, "\(earlier["title"] ?? "")")
        let (was, is_) = (try rows(before, "amounts"), try rows(earlier, "amounts"))
        #expect(is_.map { texts($0, Self.paidFields) } == was.map { texts($0, Self.paidFields) })
        #expect(is_.filter { ($0["employee_id"] as? String) != "E0020" }.map { texts($0, ["name", "area"]) }
                == was.filter { ($0["employee_id"] as? String) != "E0020" }.map { texts($0, ["name", "area"]) })
        let (fundsWere, fundsAre) = (try rows(before, "funds"), try rows(earlier, "funds"))
        #expect(fundsAre.map { texts($0, Self.fundFields) } == fundsWere.map { texts($0, Self.fundFields) })
        for (was, is_) in zip(fundsWere, fundsAre) {
            let paidIncreases = (was["increase_recipients"] as? Int ?? 0) > 0
            #expect(texts(is_, ["individual_scaling"]) == (paidIncreases ? ["<null>"] : texts(was, ["individual_scaling"])), "\(was)")
        }
        #expect(settings.isEmpty || fundsWere.contains { ($0["increase_recipients"] as? Int ?? 0) > 0 }, "the settings pay the increase")
        // The second run paid otherwise: the first's figures are not the year's as they are now.
        let now = try rows(after, "amounts").map { texts($0, Self.paidFields) }
        #expect(paidBefore != paidAfter || was.map { texts($0, Self.paidFields) } != now)
        let current = try db(["report", "allocation", "--run", "\(second)", "--format", "json"] + Self.year, on: database)
        let plain = try db(["report", "allocation", "--format", "json"] + Self.year, on: database)
        #expect(current.status == 0 && current.standardOutput == plain.standardOutput)
        let printed = try db(["report", "allocation", "--run", "\(first)"] + Self.year, on: database)
        #expect(printed.standardOutput.contains("Ripartizione sostituita: la ripartizione n. \(first)"), "\(printed.standardOutput)")

        // Reopened again and not yet allocated: the last run is no longer in force, and printed as it stored its rows.
        try #require(try db(["reopen", "--reason", "Seconda verifica", "--actor", "hr.verdi"] + Self.year, on: database).status == 0)
        let reopened = try rows(try report(["report", "runs"] + Self.year, on: database), "runs")
        #expect(texts(reopened[1], ["state", "reopen_reason"]) == ["reopened", "Seconda verifica"])
        let last = try report(["report", "allocation", "--run", "\(second)"] + Self.year, on: database)
        let lastRows = try rows(last, "amounts").map { texts($0, Self.paidFields) }
        #expect(lastRows == now)
        #expect((last["notes"] as? [String])?.first?.contains("non è ancora stato ripartito di nuovo") == true, "\(last["notes"] ?? "")")
    }

    /// `--run` names a run of the body and year, with the allocation report alone; anything else is a fault of the
    /// command line, said with what there is.
    @Test func aRunNotOfTheYearOrWithAnotherReportIsRefused() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo"], on: database).status == 0)
        let never = try db(["report", "allocation", "--run", "1"] + Self.year, on: database)
        #expect(never.status == 64)
        #expect(never.standardError.contains("l'anno 2019 dell'ente demo non è mai stato ripartito"), "\(never.standardError)")
        #expect(try rows(try report(["report", "runs"] + Self.year, on: database), "runs").isEmpty)

        try #require(try db(["run"] + Self.year, on: database).status == 0)
        let run = try #require(try rows(try report(["report", "runs"] + Self.year, on: database), "runs").first?["run"] as? Int)
        let unknown = try db(["report", "allocation", "--run", "\(run + 1000)"] + Self.year, on: database)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("la ripartizione n. \(run + 1000) non è dell'anno 2019 dell'ente demo. "
                                               + "Le sue ripartizioni sono: n. \(run)"), "\(unknown.standardError)")
        for kind in ["scores", "statistics", "organisation", "explain"] {
            let refused = try db(["report", kind, "--run", "\(run)"] + Self.year, on: database)
            #expect(refused.status == 64, "\(kind)")
            #expect(refused.standardError.contains("--run vale solo per allocation"), "\(kind): \(refused.standardError)")
        }
        let runs = try db(["report", "runs", "--run", "\(run)"] + Self.year, on: database)
        #expect(runs.status == 64 && runs.standardError.contains("--run non vale per runs"), "\(runs.standardError)")
        let nobody = try db(["report", "runs", "--body", "nessuno", "--year", "2019"], on: database)
        #expect(nobody.status == 64 && nobody.standardError.contains("dell'ente nessuno non è nel database"), "\(nobody.standardError)")
    }
}
