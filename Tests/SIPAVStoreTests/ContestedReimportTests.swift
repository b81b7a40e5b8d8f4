import SIPAVTestSupport
import Postgres
import SIPAV
@testable import SIPAVStore
import Testing

/// A re-import cannot change the ratings or weights of a person whose contest is open (SQL/0043): the whole import is
/// refused, naming them, and nothing is written; the same import without that change goes through.
@Suite("A re-import and an open contest")
struct ContestedReimportTests {
    static func objectiveCount(_ database: TestDatabase, of person: String) throws -> Int {
        try database.withConnection { db in
            try db.execute("SELECT count(*) AS n FROM individual_objectives WHERE employee_id = $1", [person])[0].int("n")
        }
    }

    @Test func aReimportChangingAContestedAppraisalIsRefusedWhole() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason)
                SELECT body_id, year, 'E0002', 'contested', 'Obiettivo non assegnato' FROM years
                """)
        }
        let before = try Self.objectiveCount(database, of: "E0002")
        let changed = try RatingChangesImportTests.droppingARatedObjective(of: "E0002", from: first)
        let refusal = await #expect(throws: StoreError.self) {
            try await store.importYear(changed, actor: "hr.bianchi", progress: nil)
        }
        #expect(refusal?.underlying?.sqlState == StoreError.contestedAppraisalState)
        #expect(refusal?.message.hasPrefix("the appraisal of E0002 in 2019 is contested") == true, "\(String(describing: refusal))")
        #expect(try Self.objectiveCount(database, of: "E0002") == before)
        #expect(try RatingChangesImportTests.changes(database).isEmpty, "nothing of the import was written")

        // Another person's change goes through: the contest freezes E0002 alone.
        try await store.importYear(try RatingChangesImportTests.droppingARatedObjective(of: "E0003", from: first),
                                   actor: "hr.bianchi", progress: nil)
        #expect(try RatingChangesImportTests.changes(database) == ["E0003:hr.bianchi"])
    }
}
