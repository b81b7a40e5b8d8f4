import Foundation
import SIPAVTestSupport
import Testing

/// `db report statistics`: the comparison with an earlier year of the database, and shares that add up.
@Suite("The statistics of a stored year")
struct DatabaseStatisticsTests {

    @Test func anEarlierStoredYearIsComparedWith() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let earlier = try ScratchYear()
        defer { earlier.remove() }
        try earlier.makeTheYearBefore()
        for data in [earlier.folder.path, Sipav.demoFolder.path] {
            let imported = try db(["import", "--body", "demo", "--data", data, "--config", DatabaseCommandTests.config], on: database)
            try #require(imported.status == 0, "\(imported.standardError)")
        }
        // An earlier year still open may change: its figures are not those published, and the comparison is refused.
        let open = try db(["report", "statistics", "--body", "demo", "--year", "2019", "--previous-year", "2018"], on: database)
        #expect(open.status == 65, "\(open.standardError)")
        #expect(open.standardError.contains("non ripartito né pubblicato"), "\(open.standardError)")
        let allocated = try db(["run", "--body", "demo", "--year", "2018"], on: database)
        try #require(allocated.status == 0, "\(allocated.standardError)")
        let statistics = try report(["report", "statistics", "--body", "demo", "--year", "2019", "--previous-year", "2018"], on: database)
        let comparison = try #require(statistics["comparison"] as? [[String: Any]])
        let sixes = try #require(comparison.first { ($0["group"] as? String) == "Tutto il personale" && ($0["measure"] as? String) == "% punteggio 6" })
        #expect(sixes["previous_year"] is NSNumber && sixes["this_year"] is NSNumber, "\(sixes)")
        let text = try db(["report", "statistics", "--body", "demo", "--year", "2019", "--previous-year", "2018"], on: database)
        #expect(text.standardOutput.contains("Confronto con l'anno precedente (Differenziazione delle valutazioni 2018 – "), "\(text.standardOutput)")
        // Without the option, no comparison; with a year not before, a usage error.
        #expect(try report(["report", "statistics", "--body", "demo", "--year", "2019"], on: database)["comparison"] == nil)
        let same = try db(["report", "statistics", "--body", "demo", "--year", "2019", "--previous-year", "2019"], on: database)
        #expect(same.status == 64, "\(same.standardError)")
        let otherReport = try db(["report", "scores", "--body", "demo", "--year", "2019", "--previous-year", "2018"], on: database)
        #expect(otherReport.status == 64, "\(otherReport.standardError)")
    }

    /// Under `redistribute` (Config/example-redistribute.yaml) the categories' shares add up to the other staff's, and
    /// the column beside the amount paid is a difference, which may be negative, not money "not paid".
    @Test func theCategoriesSharesAddUpUnderRedistribution() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--config", DatabaseCommandTests.config], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let summary = try #require(try report(["report", "statistics", "--body", "demo", "--year", "2019"], on: database)["summary"]
            as? [[String: Any]])
        func cents(_ row: [String: Any], _ key: String) -> Int64? { (row[key] as? NSNumber)?.int64Value }
        let staff = try #require(summary.first { ($0["group"] as? String) == "Personale non dirigente" })
        let breakdown = summary.compactMap { $0["group"] as? String }.filter { $0.hasPrefix("Non dirigenti – ") }
        for isCategory in [true, false] {
            let names = Set(breakdown.filter { $0.hasPrefix("Non dirigenti – categoria ") == isCategory })
            let rows = summary.filter { names.contains($0["group"] as? String ?? "") }
            try #require(!rows.isEmpty)
            try #require(rows.allSatisfy { cents($0, "allocated_cents") != nil }, "no group withheld in the demo: \(rows)")
            #expect(rows.reduce(Int64(0)) { $0 + cents($1, "allocated_cents")! } == cents(staff, "allocated_cents"), "\(names)")
        }
        #expect(staff["shares_minus_paid_cents"] is NSNumber)
        #expect(staff["unpaid_cents"] == nil)
    }
}
