import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

@Suite("HR's audit log page")
struct AuditPageTests {
    /// The rows of the page's table: (when, who, table, operation, record, changes).
    static func rows(_ html: String) -> [(String, String, String, String, String, [String])] {
        let row = /<tr><td class="when">([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td><code>([^<]*)<\/code><\/td>\s*<td><ul class="changes">(.*?)<\/ul><\/td><\/tr>/
        let change = /<li><code>([^<]*)<\/code><\/li>/
        var rows: [(String, String, String, String, String, [String])] = []
        for match in html.matches(of: row) {
            let changes: [String] = String(match.6).matches(of: change).map { String($0.1) }
            rows.append((String(match.1), String(match.2), String(match.3), String(match.4), String(match.5), changes))
        }
        return rows
    }

    @Test func showsWhoChangedWhatNewestFirstWithoutPasswordHashes() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "anna"), ("ruolo", "dipendente"), ("matricola", "E2"),
                                                 ("password", "password-di-anna")])
            _ = try await hr.post("/hr/utenti/anna/disattiva", [("csrf", csrf)])

            let page = try await hr.get("/hr/registro")
            #expect(page.status == .ok)
            let rows = Self.rows(page.text)
            try #require(rows.count >= 2)
            let (at, actor, table, operation, record, changes) = rows[0]
            #expect(at.wholeMatch(of: /\d\d\/\d\d\/\d{4} alle \d\d:\d\d:\d\d/) != nil)
            #expect((actor, table, operation, record) == ("hr", "accounts", "modifica", "username = &quot;anna&quot;"))
            #expect(changes == ["disabled: false → true"])
            #expect((rows[1].1, rows[1].2, rows[1].3, rows[1].4) == ("hr", "accounts", "inserimento", "—"))
            #expect(rows[1].5 == ["righe inserite: 1"])
            #expect(!page.text.contains("$2b$"))
            // The fixture's own inserts: one line per statement and year.
            #expect(rows.contains { $0.2 == "staff_years" && $0.4 == "year = 2024" && $0.5 == ["righe inserite: 5"] })

            // A password change shows that it changed, not the hashes.
            try database.withConnection { db in
                try db.execute("UPDATE accounts SET password_hash = $1 WHERE username = 'anna'",
                               ["$2b$04$" + String(repeating: "a", count: 53)])
            }
            let changed = Self.rows(try await hr.get("/hr/registro").text)
            #expect(changed.first?.5 == ["password_hash: (non mostrato) → (non mostrato)"])
        }
    }

    /// A body's shard moved to another node numbers its new entries from another range: the page still lists
    /// the newest first, by time.
    @Test func theNewestEntryComesFirstWhateverItsNumber() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO audit_log (body_id, audit_id, at, actor, table_name, operation, record_key)
                    OVERRIDING SYSTEM VALUE VALUES ($1, -1, now() + interval '1 hour', 'altro.nodo', 'fund_lines', 'INSERT', '{}')
                    """, [WebFixture.body])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let rows = Self.rows(try await hr.get("/hr/registro").text)
            #expect(rows.first?.1 == "altro.nodo")
        }
    }

    /// Every page tells the time of Italy, whatever the server's: an hour ahead of UTC in winter (CET), two in
    /// summer (CEST), on the day of Rome when UTC is still on the day before.
    @Test(arguments: [("2026-01-15 12:34:56+00", "15/01/2026 alle 13:34:56"),
                      ("2026-07-15 12:34:56+00", "15/07/2026 alle 14:34:56"),
                      ("2026-12-31 23:30:00+00", "01/01/2027 alle 00:30:00")])
    func timesAreInItalianFormOnTheClockOfItaly(utc: String, shown: String) async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO audit_log (body_id, at, actor, table_name, operation, record_key)
                    VALUES ($1, $2::timestamptz, 'orologio', 'fund_lines', 'INSERT', '{}')
                    """, [WebFixture.body, utc])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let rows = Self.rows(try await hr.get("/hr/registro").text)
            #expect(rows.filter { $0.1 == "orologio" }.map(\.0) == [shown])
        }
    }

    @Test func namesWithHTMLAreEscaped() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE employees SET name = $1 WHERE employee_id = 'E2'", [WebFixture.hostileName])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let html = try await hr.get("/hr/registro").text
            #expect(!html.contains("<script>"))
            #expect(html.contains("name: &quot;Bianchi Anna&quot; → &quot;&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt; &amp; Rossi&quot;"))
        }
    }

    @Test func filtersByTableAndPagesAHundredAtATime() async throws {
        try await withWebApp { browser, database in
            // 250 people more, then every name changed: one line per changed row.
            let order = try database.withConnection { db in
                try db.execute("INSERT INTO employees (body_id, employee_id, name) SELECT 'ENTE', 'X' || g, 'Persona ' || g FROM generate_series(1, 250) g")
                try db.execute("UPDATE employees SET name = name || ' (rettifica)'")
                return try db.execute("""
                    SELECT record_key ->> 'employee_id' AS id FROM audit_log WHERE table_name = 'employees' AND operation = 'UPDATE'
                    ORDER BY audit_id DESC
                    """).map { try $0.string("id") }
            }
            #expect(order.count == 255)
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            var shown: [String] = []
            var uri: String? = "/hr/registro?tabella=employees"
            var pages = 0
            while let next = uri {
                let page = try await hr.get(next.replacing("&amp;", with: "&"))
                #expect(page.status == .ok)
                let rows = Self.rows(page.text)
                #expect(rows.allSatisfy { $0.2 == "employees" })
                #expect(rows.count <= AuditRoutes.pageSize)
                shown += rows.filter { $0.3 == "modifica" }.map { row in
                    String(row.4.firstMatch(of: /employee_id = &quot;([^&]*)&quot;/)?.1 ?? "")
                }
                pages += 1
                uri = page.text.firstMatch(of: /<a href="([^"]+)" rel="next">/).map { String($0.1) }
                if pages == 1 { #expect(uri == "/hr/registro?pagina=2&amp;tabella=employees") }
            }
            #expect(pages == 3)
            #expect(shown == order)

            let third = try await hr.get("/hr/registro?pagina=3&tabella=employees").text
            #expect(third.contains("<a href=\"/hr/registro?pagina=2&amp;tabella=employees\" rel=\"prev\">"))
            #expect(third.contains("Pagina 3 · tabella employees"))
            #expect(third.contains("<option value=\"employees\" selected>employees</option>"))
            let none = try await hr.get("/hr/registro?tabella=nessuna").text
            #expect(none.contains("Nessuna modifica registrata per la tabella nessuna."))
        }
    }

    @Test(arguments: ["m1", "e1"])
    func managersAndEmployeesAreRefused(username: String) async throws {
        try await withWebApp { browser, database in
            try await HRPagesFixture.addEmployee(database)
            let (user, _) = try await HRPagesFixture.loggedIn(username, on: browser.client)
            let page = try await user.get("/hr/registro")
            #expect(page.status == .forbidden)
            #expect(!page.text.contains("Registro delle modifiche"))
        }
    }

    @Test func withoutASessionTheLogRedirectsToLogin() async throws {
        try await withWebApp { browser, _ in
            let page = try await browser.get("/hr/registro?pagina=2")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login")
        }
    }
}
