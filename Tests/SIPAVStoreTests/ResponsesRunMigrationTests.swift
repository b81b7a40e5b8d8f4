import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// Migration 0045 gives each response recorded before 0034 the run in force when it was recorded, and every response
/// written without a run from then on the latest run of its year: an acknowledgement of the first figures no longer
/// stands for a later publication.
@Suite("Migration 0045: every response names its run")
struct ResponsesRunMigrationTests {
    static let version = "0045_responses_before_0034_name_their_run"

    func respondTheOldWay(_ db: Connection, _ employee: String) throws {
        try db.transaction { tx in
            try tx.setLocal("sipav.actor", to: employee.lowercased())
            try tx.execute("INSERT INTO appraisal_responses (body_id, year, employee_id, response) VALUES ('demo', 2019, $1, 'acknowledged')",
                           [employee])
        }
    }

    func runs(_ db: Connection) throws -> [String: Int64?] {
        var runs: [String: Int64?] = [:]
        for row in try db.execute("SELECT employee_id, run_id FROM appraisal_responses") {
            let run: String? = try row["run_id"]
            runs.updateValue(run.map { Int64($0)! }, forKey: try row.string("employee_id"))
        }
        return runs
    }

    @Test func eachResponseGetsTheRunItAnswered() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let db = try database.connect()
        defer { db.close() }
        _ = try ComponentsMigrationTests.migrationsBefore(Self.version).apply(on: db, dryRun: false)
        let store = try database.store()
        let records = try DemoYear.records()
        try await store.importAllocated(records, outcome: try records.outcome(), actor: "hr.rossi", progress: nil)
        let first = try #require(Int64(try db.execute("SELECT max(run_id)::text AS r FROM allocation_runs")[0].string("r")))
        try respondTheOldWay(db, "E0001")
        try await store.reopen(body: "demo", year: 2019, reason: "Fondo rettificato", actor: "hr.rossi")
        try await store.importAllocated(records, outcome: try records.outcome(), actor: "hr.rossi", progress: nil)
        let second = try #require(Int64(try db.execute("SELECT max(run_id)::text AS r FROM allocation_runs")[0].string("r")))
        try #require(second > first)
        try respondTheOldWay(db, "E0002")
        let before = try runs(db)
        #expect(before == ["E0001": nil, "E0002": nil], "the schema before 0045 leaves them without: \(before)")

        _ = try Migrations().apply(on: db, dryRun: false)

        #expect(try runs(db) == ["E0001": first, "E0002": second])
        let actors = try db.execute("""
            SELECT DISTINCT actor FROM audit_log WHERE table_name = 'appraisal_responses' AND operation = 'UPDATE'
            """).map { try $0.string("actor") }
        #expect(actors == [Migrations.actor(of: Self.version)], "the migration's changes are on record as its own")
        // A response written without its run from now on answers the publication in force.
        try respondTheOldWay(db, "E0003")
        #expect(try runs(db)["E0003"] == second)
    }
}
