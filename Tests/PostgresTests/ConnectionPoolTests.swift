import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// The pool hands a connection given back to the next operation only when it is as good as new: reset, idle,
/// still served by the server; and keeps no more than it was told to.
@Suite struct ConnectionPoolTests {
    /// A pool whose connections carry an application name of their own, to find them in `pg_stat_activity`.
    private func makePool(maxIdle: Int = 8, maxIdleTime: Duration = .seconds(60)) throws -> (ConnectionPool, String) {
        let name = TestDatabase.randomName("pool_")
        let conninfo = Conninfos.overriding(try TestServer.conninfo(), with: [("application_name", name)])
        return (ConnectionPool(conninfo: conninfo, maxIdle: maxIdle, maxIdleTime: maxIdleTime), name)
    }

    private func pid(_ connection: Connection) throws -> String {
        try #require(try connection.execute("SELECT pg_backend_pid()::text AS pid").first?.string("pid"))
    }

    private func backends(named name: String) throws -> Int {
        let admin = try TestServer.connect()
        defer { admin.close() }
        return try admin.execute("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1", [name])[0].int("n")
    }

    @Test func theConnectionGivenBackServesTheNextOperation() throws {
        let (pool, _) = try makePool()
        let first = try pool.take()
        let backend = try pid(first)
        pool.giveBack(first)
        #expect(pool.idleCount == 1)
        let second = try pool.take()
        #expect(pool.idleCount == 0)
        #expect(try pid(second) == backend)
        pool.giveBack(second)
    }

    @Test func theNextOperationFindsTheConnectionAsNew() throws {
        let (pool, _) = try makePool()
        let fresh = try TestServer.connect()
        defer { fresh.close() }
        let defaultWorkMem = try fresh.execute("SHOW work_mem")[0].string("work_mem")

        let used = try pool.take()
        let backend = try pid(used)
        try used.setLocal("app.actor", to: "hr.rossi")
        try used.execute("SET SESSION work_mem = '77MB'")
        try used.execute("CREATE TEMPORARY TABLE scratch (x integer)")
        try used.execute("SELECT pg_advisory_lock(424242)")
        used.onNotice { _ in Issue.record("the previous operation's notice handler was called") }
        pool.giveBack(used)

        let next = try pool.take()
        defer { pool.giveBack(next) }
        #expect(try pid(next) == backend)
        let state = try #require(try next.execute("""
            SELECT coalesce(current_setting('app.actor', true), '') AS actor, current_setting('work_mem') AS work_mem,
                   to_regclass('pg_temp.scratch') IS NULL AS no_scratch,
                   (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())::int AS advisory
            """).first)
        #expect(try state.string("actor") == "")
        #expect(try state.string("work_mem") == defaultWorkMem)
        #expect(try state.string("no_scratch") == "t")
        #expect(try state.int("advisory") == 0)
        try next.execute("DO $$ BEGIN RAISE NOTICE 'for nobody'; END $$")
    }

    @Test(arguments: ["BEGIN", "BEGIN; SELECT 1/0"])
    func aConnectionLeftInATransactionIsClosedNotKept(_ script: String) async throws {
        let (pool, name) = try makePool()
        let used = try pool.take()
        let backend = try pid(used)
        _ = try? used.executeScript(script)
        pool.giveBack(used)
        #expect(pool.idleCount == 0)
        #expect(!used.isConnected)
        let next = try pool.take()
        defer { pool.giveBack(next) }
        #expect(try pid(next) != backend)
        let closed = try await poll(seconds: 30) { try backends(named: name) == 1 ? true : nil }
        #expect(closed == true)
    }

    @Test func aBackendTheServerEndedIsNotHandedOut() async throws {
        let (pool, name) = try makePool()
        let used = try pool.take()
        let backend = try pid(used)
        pool.giveBack(used)
        let admin = try TestServer.connect()
        defer { admin.close() }
        try admin.execute("SELECT pg_terminate_backend($1::integer)", [backend])
        let ended = try await poll(seconds: 30) { try backends(named: name) == 0 ? true : nil }
        #expect(ended == true)

        let next = try pool.take()
        defer { pool.giveBack(next) }
        #expect(try pid(next) != backend)
        #expect(try next.execute("SELECT 1 AS one")[0].int("one") == 1)
    }

    @Test func atMostMaxIdleConnectionsWait() async throws {
        let (pool, name) = try makePool(maxIdle: 2)
        let taken = try (0..<3).map { _ in try pool.take() }
        #expect(try backends(named: name) == 3)
        taken.forEach(pool.giveBack)
        #expect(pool.idleCount == 2)
        let settled = try await poll(seconds: 30) { try backends(named: name) == 2 ? true : nil }
        #expect(settled == true)
        pool.closeIdle()
        #expect(pool.idleCount == 0)
        let gone = try await poll(seconds: 30) { try backends(named: name) == 0 ? true : nil }
        #expect(gone == true)
    }

    @Test func aConnectionIdleTooLongIsClosedNotReused() async throws {
        let (pool, _) = try makePool(maxIdleTime: .milliseconds(1))
        let used = try pool.take()
        let backend = try pid(used)
        pool.giveBack(used)
        try await Task.sleep(for: .milliseconds(20))
        let next = try pool.take()
        defer { pool.giveBack(next) }
        #expect(try pid(next) != backend)
        #expect(!used.isConnected)
    }

    @Test func aPoolOfNoIdleConnectionsKeepsNone() throws {
        let (pool, _) = try makePool(maxIdle: 0)
        let used = try pool.take()
        pool.giveBack(used)
        #expect(pool.idleCount == 0)
        #expect(!used.isConnected)
    }
}
