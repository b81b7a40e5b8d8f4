import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// The store's operations share the connections of its pool: one after the other they run on one backend, and
/// each still writes under its own actor, a refused one included.
@Suite("The store's pooled connections")
struct PooledConnectionTests {
    @Test func operationsOneAfterTheOtherShareABackendAndEachNamesItsActor() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let application = TestDatabase.randomName("pooled_")
        // Waiting an hour at most: under a full test run a test's operations may be tens of seconds apart.
        let store = try database.store(applicationName: application, idleConnections: 1, idleTime: .seconds(3600))

        let admin = try database.connect()
        defer { admin.close() }
        func backends() throws -> [String] {
            try admin.execute("SELECT pid::text AS pid FROM pg_stat_activity WHERE application_name = $1",
                              [application]).map { try $0.string("pid") }
        }

        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let first = try backends()
        #expect(first.count == 1, "the import's connection waits for the next operation")
        let refused = await thrownError {
            try await store.reopen(body: "demo", year: 2019, reason: "prova", actor: "hr.bianchi")
        }
        #expect(refused is StoreError)
        #expect(try backends() == first, "the refusal kept the connection")
        #expect(try await store.years(body: "demo").count == 1)
        #expect(try backends() == first, "a read kept the connection")
        try await store.importYear(try SyntheticYear.records(body: "small", staff: 20), actor: "hr.verdi", progress: nil)
        #expect(try backends() == first, "the second import kept the connection")

        let demo = try await store.auditLog(body: "demo", limit: 1_000)
        let small = try await store.auditLog(body: "small", limit: 1_000)
        #expect(!demo.isEmpty && !small.isEmpty)
        #expect(Set(demo.map(\.actor)) == ["hr.rossi"])
        #expect(Set(small.map(\.actor)) == ["hr.verdi"])

        #expect(try backends() == first, "every operation ran on the import's backend")
        #expect(store.pool.idleCount == 1)
    }

    @Test func manyOperationsAtOnceKeepAtMostTheIdleLimit() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let application = TestDatabase.randomName("pooled_")
        let store = try database.store(applicationName: application, idleConnections: 3, idleTime: .seconds(3600))
        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)

        // Forty reads at once, a refusal among every fifth: each gets its answer, none another's connection state.
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask {
                    if index % 5 == 0 {
                        let refused = await thrownError {
                            try await store.reopen(body: "demo", year: 2019, reason: "prova \(index)", actor: "hr.\(index)")
                        }
                        return refused is StoreError
                    }
                    return try await store.years(body: "demo").map(\.year) == [2019]
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 40 && outcomes.allSatisfy { $0 })
        #expect(store.pool.idleCount <= 3)
        let admin = try database.connect()
        defer { admin.close() }
        // A closed connection's backend leaves pg_stat_activity a moment after.
        let open = try await poll(seconds: 30) {
            let count = try admin.execute("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
                                          [application])[0].int("n")
            return count == store.pool.idleCount ? count : nil
        }
        #expect(open != nil, "the connections beyond the limit were closed")
        #expect(try admin.count("SELECT count(*) FROM audit_log WHERE actor LIKE 'hr._%' AND actor <> 'hr.rossi'") == 0,
                "a refused reopening writes nothing")
    }
}
