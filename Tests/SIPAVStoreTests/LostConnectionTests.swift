import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing
import Synchronization

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

        // The import's own progress report, made while the objectives stream in (every 50,000 rows), ends
        // its backend: the termination falls mid-COPY every time, whatever the machine's speed.
        let termination = Mutex<Termination?>(nil)
        let progress: ImportProgress = { done, total in
            guard done >= 50_000, done < total, termination.withLock({ $0 == nil }) else { return }
            let outcome = Termination.of(application, in: database, after: done)
            termination.withLock { $0 = outcome }
        }
        let running = Background { try await store.importYear(year, actor: "hr.rossi", progress: progress) }
        let admin = try database.connect()
        defer { admin.close() }
        let stopped = try await poll(seconds: 120) { termination.withLock { $0 } }
        let ended = try #require(stopped, "the import never reported progress mid-COPY (finished: \(running.isFinished))")
        #expect(ended.failure == nil, "\(ended.failure ?? "")")
        #expect(ended.rows >= 50_000 && ended.rows < Self.staff * 3)

        // Bounded, not timed: the import must return rather than hang on the dead connection.
        let result = try #require(try await running.result(within: 60), "the import did not return within 60 s of losing its connection")
        let error = try #require(result.failureValue, "the import succeeded on a terminated connection")
        let storeError = try #require(error as? StoreError, "\(error)")
        #expect(storeError.underlying?.kind == .connection, "\(storeError.message)")
        #expect(storeError.message.contains("connection to PostgreSQL was lost"), "\(storeError.message)")

        // The server rolled the import back: the database is as it was.
        let gone = try await poll(seconds: 30) {
            try admin.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", [application]) == 0 ? true : nil
        }
        #expect(gone == true)
        #expect(try Snapshot(admin).changes(since: before) == [])
    }
}

/// The termination of an import's backend by another connection, made while its objectives streamed in.
struct Termination: Sendable {
    let rows: Int
    let failure: String?

    /// Terminates the backend of the connection named `application`, which is copying the objectives.
    static func of(_ application: String, in database: TestDatabase, after rows: Int) -> Termination {
        do {
            let admin = try database.connect()
            defer { admin.close() }
            let pid = try admin.value("""
                SELECT pid::text FROM pg_stat_activity
                WHERE application_name = $1 AND query LIKE 'COPY individual_objectives%'
                """, [application])
            guard let pid else { return Termination(rows: rows, failure: "no backend copying the objectives") }
            try admin.execute("SELECT pg_terminate_backend($1::integer)", [pid])
            return Termination(rows: rows, failure: nil)
        } catch {
            return Termination(rows: rows, failure: "\(error)")
        }
    }
}

extension Result {
    var failureValue: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
