import SIPAVTestSupport
import Foundation
import Postgres
import SIPAVStore
import Testing

/// `sipav db import` killed outright (SIGKILL: no cleanup of its own) in the middle of a large import leaves
/// the database as it was: the server rolls back the open transaction when the client vanishes.
@Suite("A killed import")
struct KilledImportTests {
    @Test(.timeLimit(.minutes(10)))
    func leavesNoRowOfTheBody() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }

        // A body of 200,000 staff: `generate` writes the year's four files, its plan and fund with them.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-big-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try SipavExecutable.run(["generate", "--staff", "200000", "--seed", "1", "-o", folder.path])
        try #require(generated.status == 0, "\(generated.errors)")

        let sipav = try SipavExecutable.start(["db", "import", "--body", "big", "--data", folder.path, "--database", database.conninfo,
                                               "--actor", "hr.rossi"])
        defer {
            if sipav.process.isRunning { kill(sipav.process.processIdentifier, SIGKILL) }
            sipav.remove()
        }
        let admin = try database.connect()
        defer { admin.close() }
        // Killed once it is well into writing: 100,000 individual objectives are in its open transaction. Watched,
        // and killed the moment it is seen there, from a thread of its own: other tests' blocking calls can hold the
        // tasks' threads long enough for the import to finish in between.
        let backend = try await pollOnItsOwnThread(seconds: 300, interval: .milliseconds(20)) { () -> String? in
            if !sipav.process.isRunning { return "exited" }
            let copying: String? = try admin.value("""
                SELECT a.pid::text FROM pg_stat_activity a JOIN pg_stat_progress_copy p USING (pid)
                WHERE a.datname = $1 AND a.query LIKE 'COPY individual_objectives%' AND p.tuples_processed >= 100000
                """, [database.name])
            if copying != nil { kill(sipav.process.processIdentifier, SIGKILL) }
            return copying
        }
        let pid = try #require(backend, "sipav db import never reached its COPY of the objectives")
        try #require(pid != "exited", "sipav db import ended before it could be killed: \((try? sipav.errors()) ?? "")")
        sipav.process.waitUntilExit()
        #expect(sipav.process.terminationReason == .uncaughtSignal)

        // The server notices the client is gone, rolls back and ends the backend.
        let cleaned = try await poll(seconds: 60) {
            try admin.count("SELECT count(*) FROM pg_stat_activity WHERE pid = $1::integer", [pid]) == 0 ? true : nil
        }
        try #require(cleaned == true, "the killed import's backend \(pid) is still there after 60 s")
        let big = try Snapshot(admin, body: "big")
        #expect(big.tables.values.allSatisfy { $0.rows == 0 }, "\(big)")
        #expect(try Snapshot(admin).changes(since: before) == [])
        #expect(try await database.store().years(body: "big").isEmpty)
    }
}
