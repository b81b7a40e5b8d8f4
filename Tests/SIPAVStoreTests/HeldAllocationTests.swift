import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// `allocate` reads, computes and stores in one transaction holding the year's row (as `sipav db run`):
/// the same allocation as reading first and saving after, writers held off while it runs, and nothing
/// written when it is refused or the computation fails.
@Suite("Allocating while holding the year")
struct HeldAllocationTests {
    struct Failed: Error {}

    @Test func storesWhatLoadingThenSavingStores() async throws {
        let (held, saved) = (try TestDatabase.create(), try TestDatabase.create())
        defer { held.drop(); saved.drop() }
        let records = try RoundTripTests.enrichedDemo()
        for database in [held, saved] {
            try await database.store().importYear(records, actor: "hr.rossi", progress: nil)
        }
        let read = try await held.store().allocate(body: "demo", year: 2019, actor: "hr.rossi") { year in
            (try year.outcome(), year.records.staff.count)
        }
        let year = try await saved.store().loadYear(body: "demo", year: 2019)
        try await saved.store().saveOutcome(try year.outcome(), of: year, actor: "hr.rossi")

        #expect(read == records.records.staff.count)
        let (fromHeld, fromSaved) = (try held.withConnection { try StoredOutcome($0, body: "demo", year: 2019) },
                                     try saved.withConnection { try StoredOutcome($0, body: "demo", year: 2019) })
        #expect(fromHeld.amounts.count == records.records.staff.count)
        #expect(fromHeld.amounts == fromSaved.amounts)
        #expect(fromHeld.exactAmounts == fromSaved.exactAmounts)
        #expect(fromHeld.scores == fromSaved.scores)
        #expect(try await held.store().years(body: "demo").map(\.summary) == ["demo 2019 allocated, 277 staff, 1 run(s)"])
    }

    @Test func writersWaitUntilTheAllocationIsStoredAndThenFindTheYearLocked() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let rating = "UPDATE individual_objectives SET cosa = 0 WHERE body_id = 'demo' AND year = 2019 AND cosa IS NOT NULL"
        let conninfo = database.conninfo

        let waited = try await store.allocate(body: "demo", year: 2019, actor: "hr.rossi") { year in
            // Another manager saves a rating while the allocation is being computed: it must wait.
            let manager = try Connection.connect(conninfo)
            defer { manager.close() }
            try manager.execute("SET lock_timeout = '300ms'")
            let error = errorThrown { try manager.execute(rating) }
            return (try year.outcome(), (error as? PostgresError)?.sqlState)
        }
        #expect(waited == "55P03", "the rating did not wait for the allocation (lock_not_available expected)")

        let manager = try database.connect()
        defer { manager.close() }
        let refusal = errorThrown { try manager.execute(rating) }
        #expect((refusal as? PostgresError)?.sqlState == "SV001")
    }

    @Test func aFailedComputationWritesNothing() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }
        let state = try await store.years(body: "demo").first?.state

        let error = await thrownError { _ = try await store.allocate(body: "demo", year: 2019, actor: "hr.rossi") { _ -> (YearOutcome, Int) in throw Failed() } }
        #expect(error is Failed)
        #expect(try database.withConnection { try Snapshot($0) } == before)
        #expect(try await store.years(body: "demo").first?.state == state)
    }

    @Test func anAllocatedOrMissingYearIsRefusedWithNothingWritten() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let before = try allocated.snapshot()
        for (year, expected) in [(2019, "already allocated"), (2018, "import it first")] {
            let error = await thrownError {
                _ = try await allocated.store.allocate(body: "demo", year: year, actor: "hr.rossi") { (try $0.outcome(), 0) }
            }
            let refusal = try #require(error as? StoreError)
            #expect(refusal.message.contains(expected), "\(year): \(refusal.message)")
        }
        #expect(try allocated.snapshot() == before)
    }
}
