import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// A web page that reads the whole year plans its queries without nested loops (`planForWholeYear`), for every
/// statement it runs; the next operation on the same kept connection plans as usual again.
@Suite("Web pages over a whole year")
struct WholeYearWebPlanTests {
    @Test func aWholeYearPageRunsWithoutNestedLoopsAndTheNextOneWith() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let application = TestDatabase.randomName("whole_year_")
        let store = try database.store(applicationName: application, idleConnections: 1, idleTime: .seconds(3600))
        func settings(wholeYear: Bool) async throws -> [String] {
            try await store.withWebConnection(wholeYear: wholeYear) { db in
                // Two statements, each in a transaction of its own: the setting holds for both.
                try (0..<2).map { _ in try db.execute("SHOW enable_nestloop")[0].string("enable_nestloop") }
                    + [try db.execute("SELECT pg_backend_pid()::text AS pid")[0].string("pid")]
            }
        }
        let whole = try await settings(wholeYear: true)
        let usual = try await settings(wholeYear: false)
        #expect(Array(whole.prefix(2)) == ["off", "off"])
        #expect(Array(usual.prefix(2)) == ["on", "on"])
        #expect(whole.last == usual.last, "the same kept connection, reset in between")
    }

    /// Learnt inside a transaction: the rest of that transaction plans for the whole year, the next one as usual.
    @Test func aTransactionThatLearnsItReadsTheWholeYearPlansSoFromThenOn() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let seen = try await store.withWebConnection { db in
            let inside = try db.transaction { tx in
                let before = try tx.execute("SHOW enable_nestloop")[0].string("enable_nestloop")
                try PostgresStore.planForWholeYear(inTransaction: tx)
                return [before, try tx.execute("SHOW enable_nestloop")[0].string("enable_nestloop")]
            }
            return inside + [try db.execute("SHOW enable_nestloop")[0].string("enable_nestloop")]
        }
        #expect(seen == ["on", "off", "on"])
    }
}
