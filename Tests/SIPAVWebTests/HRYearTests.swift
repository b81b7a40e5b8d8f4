import HummingbirdTesting
import SIPAV
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

/// Every link of `page` to an HR page, as its `href` names it.
private func hrLinks(in page: TestResponse) -> [String] {
    page.text.matches(of: /href="(\/hr[^"]*)"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
}

/// The year an HR page shows as chosen in its header.
private func shownYear(_ page: TestResponse) -> String? {
    page.text.firstMatch(of: /<option value="(\d+)" selected>/).map { String($0.1) }
}

/// A fund line of HR's page, with the year the form carries.
private func fundLine(csrf: String, year: String?, description: String) -> [(String, String)] {
    [("csrf", csrf)] + (year.map { [("anno", $0)] } ?? [])
        + [("fondo", "staff"), ("descrizione", description), ("importo", "1.000,00"), ("riferimento", "Det. 1")]
}

@Suite("HR chooses the year it works on")
struct HRYearTests {
    /// Accounts are checked against the staff of the year the managers rate: E3 is on 2023's staff, not on 2024's plan.
    @Test func anAccountIsCheckedAgainstTheYearBeingRatedNotNextYearsPlan() async throws {
        try await withTwoYears { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let created = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "e3"), ("ruolo", "dipendente"),
                                                           ("matricola", "E3"), ("password", "una-password-nuova")])
            #expect(created.status == .seeOther, "\(created.text)")
            #expect(try HRPagesFixture.accounts(database).contains { $0.hasPrefix("ENTE e3 employee E3 ") })
        }
    }

    /// And against next year's plan too: E9, hired for 2024, waits for an account while 2023 is rated. Someone on
    /// neither is refused, with both years named.
    @Test func anAccountIsCheckedAgainstNextYearsPlanToo() async throws {
        try await withTwoYears { browser, database in
            try database.withConnection { db in
                try db.execute("INSERT INTO employees (body_id, employee_id, name) VALUES ('ENTE', 'E9', 'Neri Ada')")
                try db.execute("INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id) VALUES ('ENTE', 2024, 'E9', 'dipendente', 'C', 'A1')")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let created = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "e9"), ("ruolo", "dipendente"),
                                                           ("matricola", "E9"), ("password", "una-password-nuova")])
            #expect(created.status == .seeOther, "\(created.text)")
            let refused = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "e99"), ("ruolo", "dipendente"),
                                                           ("matricola", "E99"), ("password", "una-password-nuova")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Nessuna persona con questa matricola nel personale dell&#39;anno 2023 o del 2024"))
            #expect(try HRPagesFixture.accounts(database).filter { $0.contains(" e9") }.count == 1)
        }
    }

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
            let name = WebApp.cookieName(HRYear.cookie, for: WebFixture.body)
            let cookie = try #require(hr.setCookieHeaders.last { $0.hasPrefix(name + "=") })
            for attribute in ["\(name)=2023", "HttpOnly", "SameSite=Strict", "Path=/"] {
                #expect(cookie.contains(attribute), "\(cookie)")
            }
            // Kept for the browser's session only: a choice kept for months would open on an old year.
            #expect(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "\(cookie)")
            #expect(try await hr.get("/hr").text.contains("<h1>Cruscotto 2023</h1>"))

            let preview = try await hr.get("/hr/ripartizione")
            #expect(preview.text.contains("<h1>Ripartizione del fondo 2023</h1>"))
            #expect(Browser.hrYear(in: preview) == "2023")
            let confirmed = try await hr.post("/hr/ripartizione", [
                ("csrf", try #require(Browser.csrf(in: preview))), ("anno", try #require(Browser.hrYear(in: preview))),
                ("anteprima", try #require(Browser.field("anteprima", in: preview))), ("bozze", try #require(Browser.field("bozze", in: preview))),
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
            #expect(added.location == "/hr/fondo?anno=2023&esito=riga-conferme")
            #expect(try fundLines(database).sorted() == (before + ["2023:Economie"]).sorted())
            #expect(try await hr.get(try #require(added.location)).text.contains("<h1>Fondo 2023</h1>"))
        }
    }

    /// A page shown for 2023 (after a form of 2023, or from a link) while HR chose 2024 in another tab: each of its
    /// links to an HR page, the header's, the lists', the person pages' and the pages' own, leads to 2023 too.
    @Test func everyLinkOfAPageShownForAYearKeepsThatYear() async throws {
        try await withTwoYears { browser, _ in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.get("/hr/anno?anno=2024&torna=%2Fhr")
            for path in ["/hr?anno=2023", "/hr/fondo?anno=2023&esito=riga", "/hr/obiettivi?anno=2023",
                         "/hr/obiettivi?anno=2023&pagina=9", "/hr/obiettivi/E1?anno=2023", "/hr/oiv?anno=2023",
                         "/hr/ripartizione?anno=2023", "/hr/segretario?anno=2023", "/hr/scarica?anno=2023",
                         "/hr/contestazioni?anno=2023", "/hr/utenti?anno=2023", "/hr/registro?anno=2023&pagina=2"] {
                let page = try await hr.get(path)
                #expect(shownYear(page) == "2023", "\(path)")
                let links = hrLinks(in: page)
                #expect(links.count >= 9, "\(path)")
                // The downloads page's links to another year, and files, are not pages of this year.
                for link in links where !link.contains(".") && !link.contains("anno=2024") {
                    #expect(shownYear(try await hr.get(link)) == "2023", "\(path) → \(link)")
                }
            }
            // Those of the lists' pages included, and their filters.
            #expect(hrLinks(in: try await hr.get("/hr/obiettivi?anno=2023&pagina=9")).contains("/hr/obiettivi?anno=2023"))
            #expect(hrLinks(in: try await hr.get("/hr/registro?anno=2023&pagina=2")).contains("/hr/registro?pagina=1&anno=2023"))
            for list in ["/hr/obiettivi?anno=2023", "/hr/registro?anno=2023"] {
                #expect(Browser.hrYear(in: try await hr.get(list)) == "2023", "\(list)")
            }
            // The year chosen is still 2024 where no year is named.
            #expect(shownYear(try await hr.get("/hr/fondo")) == "2024")
        }
    }

    /// Every form of an HR page shown for 2023 that writes a year's records carries 2023: as its `anno`, or in its
    /// address (the opening for rating and the return to draft). Forms not about a year (accounts, contests, the
    /// logout) are left aside. A form that lost its hidden field would act on no year, or be refused.
    @Test func everyFormOfAPageShownForAYearCarriesThatYear() async throws {
        try await withTwoYears { browser, database in
            try database.withConnection { db in try forceYearState(db, "allocated", year: PublishedYearFixture.year) }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.get("/hr/anno?anno=2024&torna=%2Fhr")
            var checked = 0
            for path in ["/hr", "/hr/fondo", "/hr/obiettivi", "/hr/obiettivi/E1", "/hr/oiv", "/hr/ripartizione", "/hr/segretario"] {
                let page = try await hr.get(path + "?anno=2023")
                for form in page.text.matches(of: /(?s)<form method="post" action="([^"]*)"[^>]*>(.*?)<\/form>/) {
                    let (action, content) = (String(form.1), String(form.2))
                    if action == "/logout" || action.hasPrefix("/hr/utenti") || action.hasPrefix("/hr/contestazioni") { continue }
                    if action.hasPrefix("/hr/anni/") { continue }   // the year in the address, checked as an anno
                    #expect(content.contains("name=\"anno\" value=\"2023\""), "\(path): \(action)")
                    checked += 1
                }
            }
            // The allocated year's publish and reopen, the fund's confirmations, the objectives' two, the Segretario's (a closed
            // year's OIV page offers no form, nor does its fund page to add or remove a line).
            #expect(checked >= 6, "\(checked) forms")
        }
    }

    /// A form of 2023 refused for its fields, while HR chose 2024 since: the page comes back on 2023, its forms too.
    @Test func aFormRefusedForItsFieldsComesBackOnItsOwnYear() async throws {
        try await withTwoYears { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let fund = try await hr.get("/hr/fondo?anno=2023")
            let person = try await hr.get("/hr/obiettivi/E1?anno=2023")
            _ = try await hr.get("/hr/anno?anno=2024&torna=%2Fhr")
            let before = try Authorisation.Digest.of(database)
            let csrf = try #require(Browser.csrf(in: fund))
            var line = fundLine(csrf: csrf, year: "2023", description: "Economie")
            line[line.firstIndex { $0.0 == "importo" }!].1 = "mille"
            let refused = [
                try await hr.post("/hr/fondo/righe", line),
                try await hr.post("/hr/obiettivi/E1", [("csrf", csrf), ("anno", "2023"), ("versione", try #require(Browser.field("versione", in: person))),
                                                       ("rows", "1"), ("code_0", "OB1"), ("title_0", "Obiettivo"), ("weight_0", "cento")]),
                try await hr.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "ente"), ("percentuale", "centodieci"),
                                              ("riferimento", "")]),
                try await hr.post("/hr/riapertura", [("csrf", csrf), ("anno", "2023"), ("motivo", " ")]),
            ]
            for page in refused {
                #expect(page.status == .unprocessableContent)
                #expect(shownYear(page) == "2023")
                #expect(Browser.hrYear(in: page) == "2023")
            }
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
        }
    }

    /// The list's pages of a year: the year first, then the list's own choice.
    @Test func theListsPagesNameTheirYear() {
        let choice = PeopleChoice(area: "A1", page: 2, pageSize: 10)
        #expect(choice.link("/hr/obiettivi?anno=2023", flag: "incompleti") == "/hr/obiettivi?anno=2023&area=A1&pagina=2")
        #expect(choice.paging("/hr/obiettivi?anno=2023", flag: "incompleti", shown: 30, isEmpty: false)["next"] as? String
                    == "/hr/obiettivi?anno=2023&area=A1&pagina=3")
        #expect(choice.link("/valutazioni", flag: "da-inviare") == "/valutazioni?area=A1&pagina=2")
    }

    /// The digest HR confirms is of one year's preview: the same people, scores and funds in another year are
    /// another preview.
    @Test func thePreviewsDigestNamesItsYear() throws {
        let records = try PublishedYearFixture.records()
        let plan = records.plan
        let moved = YearRecords(
            body: records.body,
            plan: OrganisationalPlan(body: plan.body, year: 2024, strategicLines: plan.strategicLines, areas: plan.areas,
                                     objectives: plan.objectives, validated: plan.validated),
            records: records.records, fund: Fund(year: 2024, lines: records.fund.lines, giunta: records.fund.giunta, oiv: records.fund.oiv),
            settingsYAML: records.settingsYAML)
        let digest2023 = try #require(AllocationPreview(records: records).digest)
        let digest2024 = try #require(AllocationPreview(records: moved).digest)
        #expect(digest2023 != digest2024)
        #expect(AllocationPreview(records: records).digest == digest2023)
    }

    /// HR's choice is HR's: a manager in the same browser rates the year open for rating, and sees no choice.
    @Test func theManagersPagesIgnoreHRsYear() async throws {
        try await withTwoYears { browser, _ in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.get("/hr/anno?anno=2024&torna=%2Fhr")
            _ = try await hr.post("/logout", [("csrf", csrf)])
            #expect(hr.cookies[WebApp.cookieName(HRYear.cookie, for: WebFixture.body)] == "2024")
            _ = try await hr.login("m1")
            let staff = try await hr.get("/valutazioni")
            #expect(staff.status == .ok)
            #expect(staff.text.contains("<h1>Valutazioni 2023</h1>"))
            #expect(!staff.text.contains("hr-year"))
            #expect(try await hr.get("/valutazioni?anno=2024").text.contains("<h1>Valutazioni 2023</h1>"))
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
            #expect(!hr.cookies.keys.contains(WebApp.cookieName(HRYear.cookie, for: WebFixture.body)))
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
            #expect(added.location == "/hr/fondo?anno=2023&esito=riga-conferme")
            // No page links to the year refused.
            for path in ["/hr", "/hr/scarica", "/hr/obiettivi", "/hr/ripartizione", "/hr/registro"] {
                for link in hrLinks(in: try await hr.get(path)) where !link.contains(".") {
                    #expect(try await hr.get(link).status == .ok, "\(path) → \(link)")
                }
            }
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

/// A page shown after a refused POST (the 409 of a second "Pubblica", say) offers the year's choice back to a page
/// that answers a GET, when the browser sent no Referer: /hr/pubblica led to a 404.
@Test(arguments: [("/hr/pubblica", "/hr/ripartizione"), ("/hr/riapertura", "/hr/ripartizione"), ("/hr/fondo/conferme", "/hr/fondo"),
                  ("/hr/fondo/righe/3/elimina", "/hr/fondo"), ("/hr/oiv/elimina", "/hr/oiv"), ("/hr/obiettivi/importa", "/hr/obiettivi"),
                  ("/hr/anni/2024/apertura", "/hr"), ("/hr/obiettivi/E1", "/hr/obiettivi/E1"), ("/hr/ripartizione", "/hr/ripartizione")])
func aPostOnlyAddressLeadsBackToItsPage(action: String, page: String) {
    #expect(ReturnPath.page(ofAction: action) == page)
}
