import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// The web's connections: every statement runs without just-in-time compilation, whatever the server's
/// setting, and only in its own transaction.
@Suite("The web's connections")
struct WebConnectionTests {
    @Test func statementsRunWithoutJustInTimeCompilation() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let inWeb = try await store.withWebConnection { try $0.execute("SHOW jit").first?.string("jit") }
        let inTransaction = try await store.withWebConnection(actor: "hr.rossi") { db in
            try db.transaction { try $0.execute("SHOW jit").first?.string("jit") }
        }
        let elsewhere = try database.withConnection { try $0.execute("SHOW jit").first?.string("jit") }
        #expect(inWeb == "off")
        #expect(inTransaction == "off")
        #expect(elsewhere == "on", "the server's own setting is left alone")
    }
}
