import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// With the connections kept between operations, as `sipav serve` keeps them, users taking turns on one backend
/// each write under their own name, a refused save leaves nothing behind for the next, and every page works.
@Suite("The web on kept connections")
struct KeptConnectionTests {
    @Test func usersTakingTurnsOnOneBackendEachWriteUnderTheirOwnName() async throws {
        try await withWebApp(idleConnections: 1) { m1, database in
            let m2 = Browser(m1.client)
            let hr = Browser(m1.client)
            _ = try await m1.login("m1")
            _ = try await m2.login("m2")
            _ = try await hr.login("hr")

            let csrf1 = try #require(Browser.csrf(in: try await m1.get("/valutazioni/E1")))
            #expect(try await m1.post("/valutazioni/E1", e1Form(csrf: csrf1, ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            #expect(try await hr.get("/hr").status == .ok)
            // A stale save, refused inside its transaction: the connection goes back clean.
            #expect(try await m1.post("/valutazioni/E1", e1Form(csrf: csrf1, ratings: [("1", "C"), ("1", "C")])).status == .conflict)
            let csrf2 = try #require(Browser.csrf(in: try await m2.get("/valutazioni/E2")))
            let saved = try await m2.post("/valutazioni/E2", [("csrf", csrf2), ("code_0", "OB1"), ("version_0", "1"),
                                                              ("cosa_0", "4"), ("come_0", "B")])
            #expect(saved.status == .seeOther)
            for page in ["/hr", "/hr/obiettivi", "/hr/ripartizione", "/hr/oiv", "/hr/registro", "/hr/fondo"] {
                #expect(try await hr.get(page).status == .ok, "\(page)")
            }

            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            #expect(try storedRatings(database, of: "E2") == ["OB1:4B:v2"])
            let writers = try database.withConnection { db in
                try db.execute("""
                    SELECT record_key ->> 'employee_id' AS employee, string_agg(DISTINCT actor, ',') AS actors FROM audit_log
                    WHERE table_name = 'individual_objectives' AND operation = 'UPDATE' GROUP BY 1 ORDER BY 1
                    """).map { "\(try $0.string("employee")):\(try $0.string("actors"))" }
            }
            #expect(writers == ["E1:m1", "E2:m2"])
            // The test's own connections (closed just above) may still be leaving the server under load: a kept second
            // connection stays, theirs go within moments.
            var backends = 0
            for _ in 0..<50 {
                backends = try database.withConnection { db in
                    try db.execute("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                                   [database.name])[0].int("n")
                }
                if backends <= 1 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(backends == 1, "every page ran on the one kept connection")
        }
    }
}
