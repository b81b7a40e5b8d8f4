import SIPAVTestSupport
import Foundation
import Postgres
import SIPAVStore
import Synchronization
import Testing

/// An import, an allocation or a reopening that meets the year held by another operation waits for it, as it must,
/// and says so once, where it waited without a word; one that finds the year free says nothing.
@Suite("Waiting for a held year")
struct YearWaitTests {
    final class Notices: Sendable {
        let said = Mutex<[String]>([])
        var notice: YearWaitNotice { { [self] body, year in said.withLock { $0.append("\(body) \(year)") } } }
        var all: [String] { said.withLock { $0 } }
    }

    /// Runs `operation` on a store that records its notices while another connection holds the demo year's row until
    /// the operation says it waits (it says so after two seconds of waiting) or ends, or a minute passes: however long
    /// a machine busy with the other suites takes to bring the operation to the row. Returns the notices and whether
    /// the operation was still waiting for the row when it was let go.
    func whileTheYearIsHeld(_ database: TestDatabase, _ operation: @escaping @Sendable (PostgresStore) async throws -> Void)
        async throws -> (notices: [String], waited: Bool) {
        let notices = Notices()
        let store = try PostgresStore(conninfo: database.conninfo, yearWaitNotice: notices.notice)
        let other = try database.connect()
        defer { other.close() }
        try other.execute("BEGIN")
        try other.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2019 FOR UPDATE")
        let running = Background { try await operation(store) }
        let deadline = ContinuousClock.now + .seconds(60)
        while notices.all.isEmpty && !running.isFinished && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let waited = !running.isFinished
        try other.execute("COMMIT")
        let outcome = try #require(try await running.result(within: 60))
        try outcome.get()
        return (notices.all, waited)
    }

    @Test func anImportSaysItWaitsForTheYear() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let records = try DemoYear.records()
        try await database.store().importYear(records, actor: "hr.rossi", progress: nil)
        let (notices, waited) = try await whileTheYearIsHeld(database) { store in
            _ = try await store.importYear(records, actor: "hr.neri", progress: nil)
        }
        #expect(waited)
        #expect(notices == ["demo 2019"])
    }

    @Test func anAllocationAndAReopeningSayTheyWaitForTheYear() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let records = try DemoYear.records()
        try await database.store().importYear(records, actor: "hr.rossi", progress: nil)
        let allocated = try await whileTheYearIsHeld(database) { store in
            try await store.allocate(body: "demo", year: 2019, actor: "hr.neri") { year in (try year.outcome(), ()) }
        }
        #expect(allocated.waited && allocated.notices == ["demo 2019"])
        let reopened = try await whileTheYearIsHeld(database) { store in
            try await store.reopen(body: "demo", year: 2019, reason: "Rettifica", actor: "hr.neri")
        }
        #expect(reopened.waited && reopened.notices == ["demo 2019"])
    }

    @Test func aYearNotHeldIsTakenWithoutAWord() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let notices = Notices()
        let store = try PostgresStore(conninfo: database.conninfo, yearWaitNotice: notices.notice)
        _ = try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        try await Task.sleep(for: .seconds(3))
        #expect(notices.all.isEmpty)
    }
}
