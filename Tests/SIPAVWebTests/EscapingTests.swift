import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// Text entered by people (names, titles, descriptions, references, reasons) can hold HTML: every page
/// shows it escaped, never as markup.
@Suite("HTML in what people enter is escaped on every page")
struct EscapingTests {
    /// Markup, and markup behind a prepended mark (U+0600), which makes one character of itself and the `<` after it.
    static let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\u{0600}<form action=/hr/utenti\u{0600}>"

    /// Whether `page` holds `markup` byte for byte: `String.contains` compares characters, and would not find a `<`
    /// joined to the character before it.
    static func holds(_ page: String, _ markup: String) -> Bool {
        Array(page.utf8).firstRange(of: Array(markup.utf8)) != nil
    }

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
                    #expect(!EscapingTests.holds(page.text, "<form action=/hr/utenti"), "\(username) \(path)")
                    checked += 1
                }
            }
            #expect(checked == 18)
            // The escaped text is there: the pages do show what was entered.
            let hr = Browser(browser.client)
            _ = try await hr.login("hr")
            #expect(try await hr.get("/hr/contestazioni").text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(try await hr.get("/hr/fondo").text.contains("&lt;img src=x onerror=alert(2)&gt;"))
            #expect(EscapingTests.holds(try await hr.get("/hr/contestazioni/E2?anno=2023").text, "\u{0600}&lt;form action=/hr/utenti\u{0600}&gt;"))
        }
    }

    /// The escaping looks at each Unicode scalar: a mark that joins the next character into one grapheme hides nothing.
    @Test func aMarkJoinedToAnAngleBracketDoesNotHideIt() async throws {
        #expect(HTML.escape("\u{0600}<b\u{0600}>\u{0600}\"\u{0600}'\u{0600}&") == "\u{0600}&lt;b\u{0600}&gt;\u{0600}&quot;\u{0600}&#39;\u{0600}&amp;")
        #expect(HTML.escape("Città d'Àosta <è>") == "Città d&#39;Àosta &lt;è&gt;")
        // The templates and their partials: the header is rendered as a partial of every page.
        let library = try await Pages.load().library
        let page = try #require(library.render(["title": "\u{0600}<b>"], withTemplate: "header"))
        #expect(!EscapingTests.holds(page, "<b>") && EscapingTests.holds(page, "\u{0600}&lt;b&gt;"), "\(page)")
    }
}
