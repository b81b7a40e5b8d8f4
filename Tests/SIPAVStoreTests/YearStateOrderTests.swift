import Postgres
import SIPAVStore
import SIPAVTestSupport
import Testing

/// A year becomes allocated only through an allocation run, and published only once allocated (SQL/0027): a year
/// still being rated, set to published by hand, was locked and shown as published with no allocation at all.
@Suite("The order of a year's states")
struct YearStateOrderTests {
    @Test func aYearIsAllocatedOnlyByARunAndPublishedOnlyOnceAllocated() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let db = try database.connect()
        defer { db.close() }
        let imported = try db.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2019")[0].string("state")
        for state in ["published", "allocated"] {
            let error = await thrownError { try db.execute("UPDATE years SET state = $1 WHERE body_id = 'demo' AND year = 2019", [state]) }
            let refusal = try #require(error as? PostgresError, "\(state)")
            #expect(refusal.sqlState == "SV005" && refusal.constraint == "year_state_order", "\(state): \(refusal)")
        }
        #expect(try db.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2019")[0].string("state") == imported)

        // The tool's own allocation passes, and a year so allocated is then published.
        _ = try await store.allocate(body: "demo", year: 2019, actor: "hr.rossi") { (try $0.outcome(), 0) }
        try db.execute("UPDATE years SET state = 'published' WHERE body_id = 'demo' AND year = 2019")
        #expect(try db.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2019")[0].string("state") == "published")
    }
}
