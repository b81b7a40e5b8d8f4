import Foundation
import SIPAVTestSupport
import Testing

/// `sipav db demo` runs the main job again and again on the built-in demo body, reopening its year each time; on any
/// other body it keeps `db import`'s safeguards, and what it refuses leaves nothing on record, no reopening either.
@Suite("db demo keeps the import's safeguards")
struct DatabaseDemoGuardTests {
    func stored(_ database: TestDatabase) throws -> (name: String, state: String, reopenings: Int, employees: Int) {
        try database.withConnection { db in
            (try db.execute("SELECT name FROM bodies WHERE body_id = 'ente-c'")[0].string("name"),
             try db.execute("SELECT state FROM years WHERE body_id = 'ente-c'")[0].string("state"),
             try db.execute("SELECT count(*) AS n FROM year_reopenings")[0].int("n"),
             try db.execute("SELECT count(*) AS n FROM employees WHERE body_id = 'ente-c'")[0].int("n"))
        }
    }

    @Test func theBuiltInDemoRunsAgainReopeningItsYear() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        for _ in 0..<2 {
            let run = try db(["demo"], on: database)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let reopenings = try database.withConnection { try $0.execute("SELECT reason FROM year_reopenings").map { try $0.string("reason") } }
        #expect(reopenings == ["demo: nuovo caricamento dei dati dimostrativi"])
    }

    /// An OIV result recorded for the built-in demo's year on the web since its last run goes with the rest when the
    /// demo is done again from its files (as `db import` would only with `--remove-acts`).
    @Test func theBuiltInDemoRunsAgainOverAnActRecordedOnTheWeb() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["demo"], on: database).status == 0)
        try #require(try db(["reopen", "--body", "demo", "--year", "2019", "--reason", "Esito OIV"], on: database).status == 0)
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference, position)
                VALUES ('demo', 2019, 'ente', '', 97.5, 'Verbale OIV n. 7', 0)
                """)
        }
        let again = try db(["demo"], on: database)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try database.withConnection { try $0.execute("SELECT count(*) AS n FROM validated_results")[0].int("n") } == 0)
    }

    /// Another body's allocated year, named as `--body`: the built-in demo's files would rename the body and every
    /// person; its own files would need the year reopened. Both refused, nothing written, nothing reopened.
    @Test func anotherBodysAllocatedYearIsLeftAlone() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-ente-c-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: files) }
        #expect(try Sipav.run(["generate", "--staff", "30", "--seed", "11", "--year", "2023", "-o", files]).status == 0)
        let imported = try db(["import", "--allocate", "--body", "ente-c", "--data", files], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let before = try stored(database)
        #expect(before.state == "allocated")

        let overBuiltIn = try db(["demo", "--body", "ente-c"], on: database)
        #expect(overBuiltIn.status == 65, "\(overBuiltIn.standardError)")
        #expect(try stored(database) == before)

        // The body's own files: its year is allocated, and reopening it needs a reason of its own, as for `db import`.
        let own = try db(["demo", "--body", "ente-c", "--data", files], on: database)
        #expect(own.status != 0, "\(own.standardError)")
        #expect(own.standardError.contains("sipav db reopen"), "\(own.standardError)")
        #expect(try stored(database) == before)
    }

    /// `db import` without `--data` would store the built-in demo's synthetic staff as the named body's: refused, unless
    /// the body is the demo's. A body new to the database is said to be new, an existing one is not.
    @Test func aForgottenDataFolderIsRefusedAndANewBodySaidNew() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let forgotten = try db(["import", "--body", "CCIAA-RM"], on: database)
        #expect(forgotten.status == 64)
        #expect(forgotten.standardError.contains("indichi con --data la cartella dei file dell'anno"), "\(forgotten.standardError)")
        let first = try db(["import", "--body", "demo"], on: database)
        #expect(first.standardOutput.hasPrefix("Importato: nuovo ente demo, anno 2019"), "\(first.standardOutput)")
        let again = try db(["import", "--body", "demo"], on: database)
        #expect(again.standardOutput.hasPrefix("Importato: ente demo, anno 2019"), "\(again.standardOutput)")
        let bodies = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM bodies")[0].int("n") }
        #expect(bodies == 1)
    }
}
