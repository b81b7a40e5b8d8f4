import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// Text entered by people (names, titles, descriptions, references, reasons) can hold HTML: every page
/// shows it escaped, never as markup.
@Suite("HTML in what people enter is escaped on every page")
struct EscapingTests {
    static let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"

    @Test func everyPageEscapesEveryEnteredText() async throws {
        try await withWebApp(year: 2023) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let hostile = EscapingTests.hostile
            // e2 contests with markup in the reason.
            let employee = Browser(browser.client)
            _ = try await employee.login("e2")
            let own = try await employee.get("/la-mia-valutazione")
            _ = try await employee.respond("/la-mia-valutazione/contestazione", [("csrf", Browser.csrf(in: own) ?? ""), ("motivo", hostile)])
            // Markup everywhere else a person types text: names, Areas, objectives, fund lines, references.
            try database.withConnection { db in
                try db.execute("UPDATE years SET state = 'validated', reopen_reason = 'prova' WHERE year = 2023")
                try db.execute("UPDATE employees SET name = $1 || employee_id", [hostile])
                try db.execute("UPDATE areas SET name = $1 || area_id", [hostile])
                try db.execute("UPDATE bodies SET name = $1", [hostile])
                try db.execute("UPDATE individual_objectives SET title = $1", [hostile])
                try db.execute("UPDATE fund_lines SET description = $1, reference = $1", [hostile])
                try db.execute("UPDATE fund_confirmations SET reference = $1", [hostile])
                try db.execute("UPDATE objectives SET title = $1", [hostile])
                try db.execute("INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference) VALUES ('ENTE', 2023, 'ente', '', 90, $1)", [hostile])
                try forceYearState(db, "published", year: 2023, also: "reopen_reason = NULL")
            }
            // Usernames cannot hold markup (accounts_username_valid); the accounts page shows the people's names.

            let pages: [(String, [String])] = [
                ("hr", ["/hr", "/hr/obiettivi", "/hr/obiettivi/E1", "/hr/fondo", "/hr/oiv", "/hr/ripartizione", "/hr/contestazioni",
                        "/hr/contestazioni/E2", "/hr/utenti", "/hr/scarica", "/hr/registro"]),
                ("m1", ["/valutazioni", "/valutazioni/E1"]),
                ("sg", ["/valutazioni", "/valutazioni/M1"]),
                ("e1", ["/la-mia-valutazione"]),
                ("", ["/trasparenza", "/login"]),
            ]
            var checked = 0
            for (username, paths) in pages {
                let user = Browser(browser.client)
                if !username.isEmpty { _ = try await user.login(username) }
                for path in paths {
                    let page = try await user.get(path)
                    #expect(page.status == .ok, "\(username) \(path)")
                    #expect(!page.text.contains("<script>alert"), "\(username) \(path)")
                    #expect(!page.text.contains("<img src=x"), "\(username) \(path)")
                    checked += 1
                }
            }
            #expect(checked == 18)
            // The escaped text is there: the pages do show what was entered.
            let hr = Browser(browser.client)
            _ = try await hr.login("hr")
            #expect(try await hr.get("/hr/contestazioni").text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(try await hr.get("/hr/fondo").text.contains("&lt;img src=x onerror=alert(2)&gt;"))
        }
    }
}
