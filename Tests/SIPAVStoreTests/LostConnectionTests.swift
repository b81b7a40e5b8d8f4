import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// A connection lost in the middle of a long import is reported as such, promptly, and leaves nothing behind.
@Suite("A lost connection")
struct LostConnectionTests {
    /// When the store's backend is terminated during the import's COPY of the individual objectives: while
    /// the rows stream in. (Termination during a statement's own work is covered deterministically by the
    /// wrapper's tests; catching the end of a COPY from outside is a race.)
    enum Moment: String, CaseIterable, Sendable {
        case streaming
    }

    static let staff = 60_000

    @Test(arguments: Moment.allCases)
    func aTerminatedBackendIsAConnectionErrorPromptly(_ moment: Moment) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }
        let year = try SyntheticYear.records(body: "big", staff: Self.staff)
        let application = TestDatabase.randomName("victim_")
        let store = try database.store(applicationName: application)

        let running = Background { try await store.importYear(year, actor: "hr.rossi", progress: nil) }
        let admin = try database.connect()
        defer { admin.close() }
        let rowsAtKill = 1
        let backend = try await poll(seconds: 120, interval: .milliseconds(5)) {
            try admin.value("""
                SELECT a.pid::text FROM pg_stat_activity a JOIN pg_stat_progress_copy p USING (pid)
                WHERE a.application_name = $1 AND a.query LIKE 'COPY individual_objectives%' AND p.tuples_processed >= $2
                """, [application, rowsAtKill])
        }
        let pid = try #require(backend, "the import never reached its COPY of the objectives (finished: \(running.isFinished))")
        let clock = ContinuousClock()
        let killed = clock.now
        try admin.execute("SELECT pg_terminate_backend($1::integer)", [pid])

        let result = try #require(try await running.result(within: 30), "the import did not return within 30 s of losing its connection")
        let waited = clock.now - killed
        let error = try #require(result.failureValue, "the import succeeded on a terminated connection")
        let storeError = try #require(error as? StoreError, "\(error)")
        #expect(storeError.underlying?.kind == .connection, "\(storeError.message)")
        #expect(storeError.message.contains("connection to PostgreSQL was lost"), "\(storeError.message)")
        #expect(waited < .seconds(10))

        // The server rolled the import back: the database is as it was.
        let gone = try await poll(seconds: 30) {
            try admin.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", [application]) == 0 ? true : nil
        }
        #expect(gone == true)
        #expect(try Snapshot(admin).changes(since: before) == [])
    }
}

extension Result {
    var failureValue: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
