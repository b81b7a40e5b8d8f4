import SIPAVTestSupport
import Foundation
import Postgres
import SIPAV
import SIPAVStore
import Testing
@testable import SIPAVWeb

/// A manager saves a rating while HR allocates the same year. The allocation holds the year's row; the save
/// takes the year before the person's row, as the allocation does, so it waits for the allocation to end and
/// is then refused because the year is locked. Taking them the other way round, under a role whose foreign
/// keys are checked row by row (no bulk path), the two would deadlock and PostgreSQL would abort one.
@Suite("A rating saved while the year is being allocated")
struct RatingDuringAllocationTests {
    @Test func theSaveWaitsForTheAllocationAndIsThenRefusedAsLocked() async throws {
        let database = try TestDatabase.create()
        let role = TestDatabase.randomName("hr_")
        defer {
            database.drop()
            _ = try? TestServer.connect().execute("DROP ROLE IF EXISTS \(role)")
        }
        try await database.store().importYear(try PublishedYearFixture.records(), actor: "test", progress: nil)
        // HR's role may not bypass the row triggers: its allocation checks foreign keys row by row, locking the rows
        // they point to, as any role that is not a superuser does.
        try TestServer.connect().execute("CREATE ROLE \(role) LOGIN")
        try database.withConnection { db in
            try db.execute("GRANT USAGE ON SCHEMA public TO \(role)")
            try db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)")
            try db.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role)")
        }
        let hr = try PostgresStore(conninfo: Conninfos.overriding(database.conninfo, with: [("user", role)]), idleConnections: TestDatabase.idleConnections)
        let ratings = Ratings(store: try database.store(applicationName: "rater"), body: WebFixture.body,
                              year: PublishedYearFixture.year, manager: "M1")
        let conninfo = database.conninfo

        let outcome = try await hr.allocate(body: WebFixture.body, year: PublishedYearFixture.year, actor: "hr") { year in
            // While the allocation holds the year, M1 saves a rating of E1; wait until the save waits on a lock.
            let saving = Task {
                try await ratings.save([SubmittedRating(code: "OB1", cosa: 5, come: .b, version: 1)], of: "E1", actor: "m1")
            }
            let watcher = try Connection.connect(conninfo)
            defer { watcher.close() }
            var waited = false
            // Up to a minute: in a loaded run the save's task may wait a while for a thread of its own.
            for _ in 0..<2_400 where !waited {
                waited = try watcher.execute("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'rater' AND wait_event_type = 'Lock'
                    """)[0].int("n") > 0
                if !waited { Thread.sleep(forTimeInterval: 0.025) }
            }
            return (try PublishedYearFixture.outcome(of: year), (saving, waited))
        }
        let (saving, waited) = outcome
        #expect(waited, "the save never waited for the allocation")

        let refusal = await thrownError { try await saving.value }
        guard case .yearLocked? = refusal as? RatingRefusal else {
            Issue.record("the save was not refused as locked: \(String(describing: refusal))")
            return
        }
        #expect(try await database.store().years(body: WebFixture.body).first { $0.year == PublishedYearFixture.year }?.state == .allocated)
        #expect(try storedRatings(database, of: "E1") == ["OB1:6A:v1"])
    }
}
