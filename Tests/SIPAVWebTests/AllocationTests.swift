import HummingbirdTesting
import SIPAV
import SIPAVStore
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The 2023 year of `PublishedYearFixture`, imported but not allocated; the server works on it.
private func withOpenYear(_ test: @escaping @Sendable (Browser, TestDatabase) async throws -> Void) async throws {
    try await withWebApp(year: PublishedYearFixture.year) { browser, database in
        try await database.store().importYear(try PublishedYearFixture.records(), actor: "test", progress: nil)
        try await test(browser, database)
    }
}

/// The allocation of the fixture's year with the default settings, as `sipav db run` computes it.
private func expectedAllocation(_ database: TestDatabase) async throws -> Allocation {
    try PublishedYearFixture.outcome(of: try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)).allocation
}

/// Each band's row of a fund's table, as the page shows it: people and amount, counted from `allocation`'s amounts.
private func bandRows(_ database: TestDatabase, _ fund: FundAllocation) async throws -> [String] {
    let year = try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)
    let scores = year.records.finalScores(settings: Settings().individual)
    return Band.allCases.reversed().map { band in
        let people = fund.people.filter { scores.band($0.person) == band }
        return "<tr><th scope=\"row\">\(band.rawValue)</th><td class=\"num\">\(people.count)</td>"
            + "<td class=\"num\">\(OwnAppraisalFixture.italianEuros(people.map(\.cents).reduce(0, +)))</td></tr>"
    }
}

private func state(_ database: TestDatabase) throws -> String {
    try database.withConnection { db in
        try db.execute("SELECT state FROM years WHERE body_id = 'ENTE' AND year = 2023")[0].string("state")
    }
}

private func storedCents(_ database: TestDatabase) throws -> [String: Int64] {
    try database.withConnection { db in
        Dictionary(uniqueKeysWithValues: try db.execute("SELECT employee_id, amount_cents FROM allocations WHERE year = 2023").map {
            (try $0.string("employee_id"), try $0.decode("amount_cents", as: Int64.self))
        })
    }
}

private func digest(in page: TestResponse) -> String? { Browser.field("anteprima", in: page) }

/// The number of appraisals still drafts that the confirmation's box acknowledges (`bozze`).
private func drafts(in page: TestResponse) -> String? { Browser.field("bozze", in: page) }

@Suite("HR allocates the fund: preview, confirm, publish, reopen")
struct AllocationTests {
    @Test func thePreviewShowsTheTotalsAndTheConfirmationStoresExactlyThem() async throws {
        try await withOpenYear { browser, database in
            let expected = try await expectedAllocation(database)
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            #expect(page.status == .ok)
            let html = page.text
            for fund in [expected.managers, expected.staff] {
                #expect(html.contains("<td class=\"num paid\">\(OwnAppraisalFixture.italianEuros(fund.paid.value))</td>"))
                #expect(html.contains("<td class=\"num residual\">\(OwnAppraisalFixture.italianEuros(fund.residual.value))</td>"))
            }
            #expect(expected.staff.residual.value > 0)
            // Each fund's people and cents per band, as counted from the amounts.
            for fund in [expected.managers, expected.staff] {
                for row in try await bandRows(database, fund) { #expect(html.contains(row), "\(row)") }
            }
            #expect(html.contains("un&#39;anteprima") || html.contains("un'anteprima"))
            #expect(try storedCents(database).isEmpty)
            // No appraisal was submitted through the web: the preview says so.
            #expect(html.contains("<strong>10</strong> valutazioni non sono ancora state inviate"))

            let confirmed = try await browser.post("/hr/ripartizione", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"),
                                                                         ("anteprima", try #require(digest(in: page))),
                                                                         ("bozze", try #require(drafts(in: page)))])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location == "/hr/ripartizione?anno=2023&esito=confermata")
            #expect(try state(database) == "allocated")
            let stored = try storedCents(database)
            let year = try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)
            for fund in [expected.managers, expected.staff] {
                for person in fund.people {
                    #expect(stored[year.records.staff[person.person].id] == person.cents)
                }
            }
            let runBy = try database.withConnection { db in
                try db.execute("SELECT run_by FROM allocation_runs WHERE year = 2023")[0].string("run_by")
            }
            #expect(runBy == "hr")
            let after = try await browser.get("/hr/ripartizione?anno=2023&esito=confermata")
            #expect(after.text.contains("Ripartizione confermata e registrata"))
            #expect(after.text.contains("id=\"pubblica\""))
            #expect(!after.text.contains("id=\"conferma-ripartizione\""))
        }
    }

    @Test func aConfirmationOfAnOutdatedPreviewStoresNothing() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            let previewed = try #require(digest(in: page))
            // A rating changes after the preview: E2's cosa goes from 4 to 5.
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 5 WHERE year = 2023 AND employee_id = 'E2'")
            }
            let refused = try await browser.post("/hr/ripartizione", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"), ("anteprima", previewed),
                                                                       ("bozze", drafts(in: page) ?? "")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("I dati sono cambiati dopo l&#39;anteprima") || refused.text.contains("I dati sono cambiati dopo l'anteprima"))
            #expect(try state(database) != "allocated")
            #expect(try storedCents(database).isEmpty)
            #expect(digest(in: refused) != previewed)
        }
    }

    @Test func confirmingWithAppraisalsStillDraftsNeedsTheirNumberAcknowledged() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            // No appraisal was submitted through the web: the box names the ten drafts and must be ticked.
            #expect(page.text.contains("name=\"bozze\" value=\"10\" required"))
            let (csrf, previewed) = (Browser.csrf(in: page) ?? "", try #require(digest(in: page)))

            let unticked = try await browser.post("/hr/ripartizione", [("csrf", csrf), ("anno", "2023"), ("anteprima", previewed)])
            #expect(unticked.status == .unprocessableContent)
            #expect(unticked.text.contains("lo confermi spuntando la casella"))
            #expect(unticked.text.contains("aria-invalid=\"true\" aria-describedby=\"bozze-errore\""))
            let otherCount = try await browser.post("/hr/ripartizione", [("csrf", csrf), ("anno", "2023"), ("anteprima", previewed), ("bozze", "9")])
            #expect(otherCount.status == .conflict)
            #expect(try state(database) != "allocated")
            #expect(try storedCents(database).isEmpty)

            let ticked = try await browser.post("/hr/ripartizione", [("csrf", csrf), ("anno", "2023"), ("anteprima", previewed), ("bozze", "10")])
            #expect(ticked.location == "/hr/ripartizione?anno=2023&esito=confermata")
            #expect(try state(database) == "allocated")
        }
    }

    @Test func aYearThatCannotBeAllocatedShowsWhyAndOffersNoConfirmation() async throws {
        try await withOpenYear { browser, database in
            try database.withConnection { db in
                try db.execute("DELETE FROM fund_confirmations WHERE year = 2023 AND kind = 'oiv'")
            }
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            #expect(page.status == .ok)
            #expect(page.text.contains("La ripartizione non si può calcolare"))
            #expect(page.text.contains("<li class=\"error\">fondo: la verifica dell&#39;OIV sulle condizioni per l&#39;erogazione "
                                       + "(data e riferimento) va registrata prima della ripartizione</li>"))
            #expect(!page.text.contains("before allocating"))
            #expect(!page.text.contains("id=\"conferma-ripartizione\""))
            let refused = try await browser.post("/hr/ripartizione", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"), ("anteprima", "0"), ("bozze", "10")])
            #expect(refused.status == .unprocessableContent)
            #expect(try storedCents(database).isEmpty)
        }
    }

    @Test func unratedObjectivesAreNamedInItalianAndTheListIsCut() async throws {
        try await withOpenYear { browser, database in
            let unrated = try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = NULL, come = NULL WHERE year = 2023 RETURNING employee_id").count
            }
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            #expect(page.status == .ok)
            let faults = page.text.matches(of: /<li class="error">obiettivi individuali di ([^,<]+), campo cosa: ogni obiettivo di una persona valutabile va valutato \(cosa e come\) prima del calcolo dei punteggi<\/li>/)
            #expect(faults.count == min(unrated, AllocationView.faultsShown))
            #expect(!page.text.contains("rated before scoring"))
            if unrated > AllocationView.faultsShown {
                #expect(page.text.contains("… e altri \(unrated - AllocationView.faultsShown) problemi."))
            } else {
                #expect(!page.text.contains("… e altri"))
            }
            #expect(!page.text.contains("id=\"conferma-ripartizione\""))
        }
    }

    @Test func publishingThenReopeningNeedsAReasonAndRecordsIt() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            let csrf = Browser.csrf(in: page) ?? ""
            // Publishing an open year is refused.
            #expect(try await browser.actOnClosedYear("/hr/pubblica", year: "2023").status == .conflict)
            _ = try await browser.post("/hr/ripartizione", [("csrf", csrf), ("anno", "2023"), ("anteprima", try #require(digest(in: page))),
                                                            ("bozze", try #require(drafts(in: page)))])
            let published = try await browser.actOnClosedYear("/hr/pubblica", year: "2023")
            #expect(published.location == "/hr/ripartizione?anno=2023&esito=pubblicata")
            #expect(try state(database) == "published")
            // The closed year's page says which run stands, who stored it and who published the year, and when.
            let record = try await browser.get("/hr/ripartizione?anno=2023")
            #expect(record.text.contains("<ul class=\"summary allocation-record\"><li>Ripartizione n. "), "\(record.text)")
            #expect(record.text.contains(" del registro (la 1ª dell&#39;anno), registrata il ") && record.text.contains(" da hr.</li>"),
                    "\(record.text)")
            #expect(record.text.contains("<li>Pubblicata il ") && record.text.contains("come si trovav"), "\(record.text)")
            // A second click says the year is published already, not that only an allocated year is published.
            let twice = try await browser.actOnClosedYear("/hr/pubblica", year: "2023")
            #expect(twice.status == .conflict)
            #expect(twice.text.contains("L&#39;anno 2023 è già pubblicato"), "\(twice.text)")

            let blank = try await browser.actOnClosedYear("/hr/riapertura", year: "2023", [("motivo", "   ")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("Indichi il motivo della riapertura"))
            #expect(try state(database) == "published")

            let reopened = try await browser.actOnClosedYear("/hr/riapertura", year: "2023", [("motivo", "Esito della conciliazione di E2")])
            #expect(reopened.location == "/hr/ripartizione?anno=2023&esito=riaperto")
            #expect(try state(database) == "validated")
            let recorded = try database.withConnection { db in
                try db.execute("SELECT reason, reopened_by FROM year_reopenings WHERE year = 2023").map {
                    try $0.string("reason") + "|" + $0.string("reopened_by")
                }
            }
            #expect(recorded == ["Esito della conciliazione di E2|hr"])
            let page2 = try await browser.get("/hr/ripartizione")
            #expect(page2.text.contains("id=\"conferma-ripartizione\""))
        }
    }

    /// An officer's page kept open while another reopens the year and allocates it again: its *Pubblica* would publish,
    /// and its *Riapri* record a reason against, figures it never showed. Both are refused, and nothing changes.
    @Test func publishingOrReopeningFromAPageOfAnEarlierRunIsRefused() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            func allocate() async throws {
                let page = try await browser.get("/hr/ripartizione")
                _ = try await browser.post("/hr/ripartizione", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"),
                                                                ("anteprima", try #require(digest(in: page))),
                                                                ("bozze", try #require(drafts(in: page)))])
            }
            try await allocate()
            let oldPage = try await browser.get("/hr/ripartizione?anno=2023")
            let (csrf, oldRun) = (Browser.csrf(in: oldPage) ?? "", try #require(Browser.field("ripartizione", in: oldPage)))
            #expect(!oldRun.isEmpty)
            _ = try await browser.actOnClosedYear("/hr/riapertura", year: "2023", [("motivo", "Risultato OIV corretto")])
            try await allocate()
            #expect(try state(database) == "allocated")
            let reopenings = { try database.withConnection { db in try db.execute("SELECT count(*) AS n FROM year_reopenings")[0].int("n") } }
            let reopeningsBefore = try reopenings()

            let published = try await browser.post("/hr/pubblica", [("csrf", csrf), ("anno", "2023"), ("ripartizione", oldRun)])
            #expect(published.status == .conflict)
            #expect(published.text.contains("Nulla è stato pubblicato: dopo che la pagina è stata aperta"), "\(published.text)")
            let reopened = try await browser.post("/hr/riapertura", [("csrf", csrf), ("anno", "2023"), ("ripartizione", oldRun),
                                                                     ("motivo", "Scritto per la prima ripartizione")])
            #expect(reopened.status == .conflict)
            #expect(reopened.text.contains("L&#39;anno non è stato riaperto: dopo che la pagina è stata aperta"), "\(reopened.text)")
            #expect(try state(database) == "allocated")
            #expect(try reopenings() == reopeningsBefore)
            // From the page as it now is, both go through.
            #expect(try await browser.actOnClosedYear("/hr/pubblica", year: "2023").status == .seeOther)
            #expect(try state(database) == "published")
        }
    }

    /// A double click on *Conferma la ripartizione*: the second answer, the one the browser shows, says that the year
    /// stands allocated by the run just stored, not that the allocation failed.
    @Test func aSecondConfirmationSaysTheFirstStoodNotThatItFailed() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/ripartizione")
            let form = [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"), ("anteprima", try #require(digest(in: page))),
                        ("bozze", try #require(drafts(in: page)))]
            #expect(try await browser.post("/hr/ripartizione", form).status == .seeOther)
            let second = try await browser.post("/hr/ripartizione", form)
            #expect(second.status == .conflict)
            #expect(second.text.contains("Questo invio non ha registrato nulla: l&#39;anno 2023 era già ripartito, dalla ripartizione n. "),
                    "\(second.text)")
            #expect(second.text.contains(" da hr, cioè da lei: forse un doppio clic."), "\(second.text)")
            #expect(!second.text.contains("non è stata registrata"))
            #expect(try state(database) == "allocated")
        }
    }

    @Test func onlyHRReachesTheAllocationAndNothingChangesOtherwise() async throws {
        try await withOpenYear { browser, database in
            #expect(try await browser.get("/hr/ripartizione").location == "/login?torna=%2Fhr%2Fripartizione")
            #expect(try await browser.post("/hr/ripartizione", [("anteprima", "x")]).isSessionExpiredPage)
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni")
            let csrf = Browser.csrf(in: page) ?? ""
            #expect(try await browser.get("/hr/ripartizione").status == .forbidden)
            for path in ["/hr/ripartizione", "/hr/pubblica", "/hr/riapertura"] {
                #expect(try await browser.post(path, [("csrf", csrf), ("anteprima", "x"), ("motivo", "x")]).status == .forbidden)
            }
            let hr = Browser(browser.client)
            _ = try await hr.login("hr")
            let hrPage = try await hr.get("/hr/ripartizione")
            // Without the CSRF token, HR's own confirmation is refused too.
            #expect(try await hr.post("/hr/ripartizione", [("anteprima", try #require(digest(in: hrPage)))]).status == .forbidden)
            #expect(try state(database) != "allocated")
            #expect(try storedCents(database).isEmpty)
        }
    }
}
