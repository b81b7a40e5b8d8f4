import Foundation
import SIPAVTestSupport
import Testing

/// A `db` command that meets the year held by another operation says on standard error that it waits, then does its
/// work; the web server's own operations say nothing (they are short, and its log is not watched).
@Suite("A command waiting for a held year")
struct YearWaitCommandTests {

    @Test func dbRunSaysItWaitsThenAllocates() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo"], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let other = try database.connect()
        defer { other.close() }
        try other.execute("BEGIN")
        try other.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2019 FOR UPDATE")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var run: SipavRun?
        DispatchQueue.global().async {
            run = try? db(["run", "--body", "demo", "--year", "2019"], on: database)
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 4) == .timedOut, "db run did not wait for the year")
        try other.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 120) == .success)
        let finished = try #require(run)
        #expect(finished.status == 0, "\(finished.standardError)")
        #expect(finished.standardError.contains(
            "L'anno 2019 dell'ente demo è in uso da un'altra operazione (un'importazione, una ripartizione o una riapertura, "
                + "da riga di comando o dal web): attendo che finisca."), "\(finished.standardError)")
    }
}
