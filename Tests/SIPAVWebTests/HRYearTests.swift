import HummingbirdTesting
import SIPAVStore
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The body's two years as early in a year: 2023 imported with its ratings and being rated, still to be allocated;
/// 2024 imported for planning, the most recent. `configured` fixes the server's year (`sipav serve --year`).
private func withTwoYears(configured: Int? = nil,
                          _ test: @escaping @Sendable (Browser, TestDatabase) async throws -> Void) async throws {
    try await withWebApp(year: configured) { browser, database in
        try await database.store().importYear(try PublishedYearFixture.records(), actor: "test", progress: nil)
        try database.withConnection { db in try forceYearState(db, "planning", year: WebFixture.year) }
        try await test(browser, database)
    }
}

private func states(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT year || ':' || state AS s FROM years WHERE body_id = 'ENTE' ORDER BY year").map { try $0.string("s") }
    }
}

private func fundLines(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT year || ':' || description AS l FROM fund_lines WHERE body_id = 'ENTE' ORDER BY year, line_no")
            .map { try $0.string("l") }
    }
}

private func field(_ name: String, in page: TestResponse) -> String? {
    page.text.firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\""))?.output[1].substring.map(String.init)
}

/// A fund line of HR's page, with the year the form carries.
private func fundLine(csrf: String, year: String?, description: String) -> [(String, String)] {
    [("csrf", csrf)] + (year.map { [("anno", $0)] } ?? [])
        + [("fondo", "staff"), ("descrizione", description), ("importo", "1.000,00"), ("riferimento", "Det. 1")]
}

@Suite("HR chooses the year it works on")
struct HRYearTests {
    @Test func hrAllocatesTheYearBeingRatedWhileTheNextIsPlanned() async throws {
        try await withTwoYears { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            // By default the most recent year, as before.
            let dashboard = try await hr.get("/hr")
            #expect(dashboard.text.contains("<h1>Cruscotto 2024</h1>"))
            #expect(dashboard.text.contains("<option value=\"2024\" selected>2024 · in programmazione</option>"))
            #expect(dashboard.text.contains("<option value=\"2023\">2023 · in valutazione</option>"))

            let chosen = try await hr.get("/hr/anno?anno=2023&torna=%2Fhr%2Fripartizione%3Fesito%3Dconfermata")
            #expect(chosen.status == .seeOther)
            #expect(chosen.location == "/hr/ripartizione")
            let cookie = try #require(hr.setCookieHeaders.last { $0.hasPrefix("sipav_hr_anno=") })
            for attribute in ["sipav_hr_anno=2023", "HttpOnly", "SameSite=Strict", "Path=/"] {
                #expect(cookie.contains(attribute), "\(cookie)")
            }
            #expect(try await hr.get("/hr").text.contains("<h1>Cruscotto 2023</h1>"))

            let preview = try await hr.get("/hr/ripartizione")
            #expect(preview.text.contains("<h1>Ripartizione del fondo 2023</h1>"))
            #expect(Browser.hrYear(in: preview) == "2023")
            let confirmed = try await hr.post("/hr/ripartizione", [
                ("csrf", try #require(Browser.csrf(in: preview))), ("anno", try #require(Browser.hrYear(in: preview))),
                ("anteprima", try #require(field("anteprima", in: preview))), ("bozze", try #require(field("bozze", in: preview))),
            ])
            #expect(confirmed.location == "/hr/ripartizione?anno=2023&esito=confermata")
            #expect(try states(database) == ["2023:allocated", "2024:planning"])
            let after = try await hr.get(try #require(confirmed.location))
            #expect(after.text.contains("Ripartizione confermata e registrata"))
        }
    }

    @Test func aFormActsOnTheYearItWasShownForNotOnTheYearChosenSince() async throws {
        try await withTwoYears { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            // One tab shows 2023's fund; in another HR then chooses 2024.
            let page2023 = try await hr.get("/hr/fondo?anno=2023")
            #expect(page2023.text.contains("<h1>Fondo 2023</h1>"))
            _ = try await hr.get("/hr/anno?anno=2024&torna=%2Fhr%2Ffondo")
            #expect(try await hr.get("/hr/fondo").text.contains("<h1>Fondo 2024</h1>"))
            let before = try fundLines(database)
            let added = try await hr.post("/hr/fondo/righe", fundLine(csrf: try #require(Browser.csrf(in: page2023)),
                                                                      year: Browser.hrYear(in: page2023), description: "Economie"))
            #expect(added.location == "/hr/fondo?anno=2023&esito=riga")
            #expect(try fundLines(database).sorted() == (before + ["2023:Economie"]).sorted())
            #expect(try await hr.get(try #require(added.location)).text.contains("<h1>Fondo 2023</h1>"))
        }
    }

    @Test(arguments: [("2019", "L'ente non ha un anno «2019»"), ("duemila", "L'ente non ha un anno «duemila»"),
                      (nil, "Il modulo non indica l'anno su cui agire")])
    func aFormWithoutOneOfTheBodysYearsIsRefusedAndWritesNothing(year: String?, message: String) async throws {
        try await withTwoYears { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try Authorisation.Digest.of(database)
            let refused = try await hr.post("/hr/fondo/righe", fundLine(csrf: csrf, year: year, description: "Economie"))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains(HTML.escape(message)), "\(refused.text)")
            #expect(refused.text.contains("nulla è stato registrato"))
            for form in [[("csrf", csrf)] + (year.map { [("anno", $0)] } ?? []) + [("motivo", "Correzione")],
                         [("csrf", csrf)] + (year.map { [("anno", $0)] } ?? []) + [("anteprima", "0"), ("bozze", "0")]] {
                for path in ["/hr/riapertura", "/hr/ripartizione", "/hr/pubblica"] {
                    #expect(try await hr.post(path, form).status == .badRequest, "\(path)")
                }
            }
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
        }
    }

    @Test func aPageOfAYearTheBodyDoesNotHaveIsNotFound() async throws {
        try await withTwoYears { browser, _ in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            for path in ["/hr?anno=2019", "/hr/fondo?anno=2019", "/hr/ripartizione?anno=x", "/hr/anno?anno=2019"] {
                let page = try await hr.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.text.contains(HTML.escape("L'ente non ha un anno")), "\(path)")
            }
            // A refused choice keeps none: the default still applies.
            #expect(!hr.cookies.keys.contains(HRYear.cookie))
            #expect(try await hr.get("/hr").text.contains("<h1>Cruscotto 2024</h1>"))
        }
    }

    @Test func aServerWithItsYearFixedRefusesAnyOther() async throws {
        try await withTwoYears(configured: PublishedYearFixture.year) { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let dashboard = try await hr.get("/hr")
            #expect(dashboard.text.contains("<h1>Cruscotto 2023</h1>"))
            #expect(!dashboard.text.contains("id=\"hr-year\""))
            #expect(dashboard.text.contains("Anno 2023 · in valutazione"))
            // 2024 is in planning, but not this server's year: not offered for opening, and refused.
            #expect(!dashboard.text.contains("action=\"/hr/anni/2024/apertura\""))
            #expect(try await hr.get("/hr/fondo?anno=2024").status == .notFound)
            #expect(try await hr.get("/hr/anno?anno=2024").status == .notFound)
            let before = try Authorisation.Digest.of(database)
            let refused = try await hr.post("/hr/fondo/righe", fundLine(csrf: csrf, year: "2024", description: "Economie"))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Questo servizio lavora solo sull&#39;anno 2023"))
            #expect(try await hr.post("/hr/anni/2024/apertura", [("csrf", csrf)]).status == .badRequest)
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
            let added = try await hr.post("/hr/fondo/righe", fundLine(csrf: csrf, year: "2023", description: "Economie"))
            #expect(added.location == "/hr/fondo?anno=2023&esito=riga")
        }
    }

    @Test func theChoiceIsOfferedOnlyWhenTheBodyHasMoreThanOneYear() async throws {
        try await withWebApp { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            for path in ["/hr", "/hr/fondo", "/hr/utenti"] {
                let page = try await hr.get(path).text
                #expect(!page.contains("id=\"hr-year\""), "\(path)")
                #expect(page.contains("Anno 2024 · in valutazione"), "\(path)")
            }
            try await database.store().importYear(try PublishedYearFixture.records(), actor: "test", progress: nil)
            // Every HR page offers it, those of no one year included.
            for path in ["/hr", "/hr/obiettivi", "/hr/obiettivi/E1", "/hr/fondo", "/hr/oiv", "/hr/ripartizione", "/hr/segretario",
                         "/hr/contestazioni", "/hr/utenti", "/hr/scarica", "/hr/registro"] {
                let page = try await hr.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("<select id=\"hr-year\" name=\"anno\">"), "\(path)")
                #expect(page.text.contains("<input type=\"hidden\" name=\"torna\" value=\"\(path)\">"), "\(path)")
            }
        }
    }

    /// The pure rule: the query, else the remembered choice while it still applies, else the most recent.
    @Test(arguments: [
        ("2023", nil, [2023, 2024], 2023), (nil, "2023", [2023, 2024], 2023), (nil, nil, [2023, 2024], 2024),
        ("2024", "2023", [2023, 2024], 2024), (nil, "2019", [2023, 2024], 2024), (nil, "2024", [2023], 2023),
    ] as [(String?, String?, [Int], Int)])
    func aPageYear(asked: String?, remembered: String?, allowed: [Int], expected: Int) {
        #expect(HRYearChoice.page(asked: asked, remembered: remembered, allowed: allowed) == .success(expected))
    }

    @Test func aPageYearRefusals() {
        #expect(HRYearChoice.page(asked: "2019", remembered: "2024", allowed: [2023, 2024]) == .failure(.notAYear("2019")))
        #expect(HRYearChoice.page(asked: nil, remembered: nil, allowed: []) == .failure(.noYear))
        #expect(HRYearChoice.posted(nil, allowed: [2023]) == .failure(.missing))
        #expect(HRYearChoice.posted("2024", allowed: [2023]) == .failure(.notAYear("2024")))
        #expect(HRYearChoice.posted("2023", allowed: [2023]) == .success(2023))
    }
}
