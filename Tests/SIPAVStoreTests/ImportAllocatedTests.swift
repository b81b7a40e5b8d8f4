import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// `importAllocated` (`sipav db import --allocate`) imports a year and stores the allocation computed from it in
/// one transaction: the same records and allocation as importing and then allocating from the database, and
/// nothing written when any part of it is refused or fails.
@Suite("Importing and allocating in one transaction")
struct ImportAllocatedTests {
    /// The tables of a year's records, without those that note when they were written (the year, its runs, the audit log).
    static let recordTables = ["bodies", "employees", "strategic_lines", "areas", "objectives", "objective_lines",
                               "indicators", "indicator_steps", "indicator_revisions", "staff_years", "individual_objectives",
                               "fund_lines"]

    @Test func storesWhatImportingThenAllocatingFromTheDatabaseStores() async throws {
        let (together, apart) = (try TestDatabase.create(), try TestDatabase.create())
        defer { together.drop(); apart.drop() }
        let records = try RoundTripTests.enrichedDemo()
        try await together.store().importAllocated(records, outcome: try records.outcome(), actor: "hr.rossi", progress: nil)
        try await apart.store().importYear(records, actor: "hr.rossi", progress: nil)
        _ = try await apart.store().allocate(body: "demo", year: 2019, actor: "hr.rossi") { year in (try year.outcome(), 0) }

        let (fromTogether, fromApart) = (try together.withConnection { try StoredOutcome($0, body: "demo", year: 2019) },
                                         try apart.withConnection { try StoredOutcome($0, body: "demo", year: 2019) })
        #expect(fromTogether.amounts.count == records.records.staff.count)
        #expect(fromTogether.amounts == fromApart.amounts)
        #expect(fromTogether.exactAmounts == fromApart.exactAmounts)
        #expect(fromTogether.scores == fromApart.scores)
        let (tablesTogether, tablesApart) = (try together.withConnection { try Snapshot($0) }.tables,
                                             try apart.withConnection { try Snapshot($0) }.tables)
        for table in Self.recordTables { #expect(tablesTogether[table] == tablesApart[table], "\(table)") }
        #expect(try await together.store().years(body: "demo").map(\.summary) == ["demo 2019 allocated, 277 staff, 1 run(s)"])
        #expect(try await together.store().storedAmounts(body: "demo", year: 2019) == records.computedCents())
    }

    @Test func aFailureAfterTheImportWritesNothing() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let demo = try DemoYear.records()
        try await store.importYear(demo, actor: "hr.rossi", progress: nil)
        // The allocation's run is refused by the server once the new records are written.
        try refuseAllocationRuns(in: database)
        let before = try database.withConnection { try Snapshot($0) }
        let changed = demo.changingObjectives { _, objective in objective.with(cosa: 6, come: .a) }

        let error = await thrownError {
            try await store.importAllocated(changed, outcome: try changed.outcome(), actor: "hr.rossi", progress: nil)
        }
        #expect("\(String(describing: error))".contains("run refused by the test"))
        #expect(try database.withConnection { try Snapshot($0) } == before)
    }

    @Test func anAllocatedYearIsRefusedWithNothingWritten() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let before = try allocated.snapshot()
        let records = try DemoYear.records()
        let error = await thrownError {
            try await allocated.store.importAllocated(records, outcome: try records.outcome(), actor: "hr.rossi", progress: nil)
        }
        let refusal = try #require(error as? StoreError)
        #expect(refusal.message.contains("reopen"), "\(refusal.message)")
        #expect(try allocated.snapshot() == before)
    }
}
