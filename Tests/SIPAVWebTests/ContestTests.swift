import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The published 2023 year with e2 (E2, final score 4) contesting it; the server works on 2023.
private func withContest(_ test: @escaping @Sendable (Browser, TestDatabase) async throws -> Void) async throws {
    try await withWebApp(year: 2023) { browser, database in
        try await OwnAppraisalFixture.insert(into: database, published: true)
        let employee = Browser(browser.client)
        _ = try await employee.login("e2")
        let page = try await employee.get("/la-mia-valutazione")
        let contested = try await employee.respond("/la-mia-valutazione/contestazione",
                                                [("csrf", Browser.csrf(in: page) ?? ""), ("motivo", "Obiettivo <b>raggiunto</b>")])
        #expect(contested.status == .seeOther)
        try await test(browser, database)
    }
}

/// The manager's list and E2's page as m1 sees them, each saying the contest; the page, for what else it must say.
private func contestShown(to manager: Browser) async throws -> TestResponse {
    let list = try await manager.get("/valutazioni")
    #expect(list.text.contains("contestata: in attesa dell&#39;esito"), "\(list.text)")
    let page = try await manager.get("/valutazioni/E2")
    #expect(page.text.contains("Il dipendente ha contestato questa valutazione il "), "\(page.text)")
    return page
}

private func outcome(_ database: TestDatabase) throws -> String {
    try database.withConnection { db in
        try db.execute("SELECT coalesce(outcome, '-') || '|' || coalesce(outcome_reference, '-') AS o FROM appraisal_responses WHERE employee_id = 'E2'")[0]
            .string("o")
    }
}

private func ratingOfE2(_ database: TestDatabase) throws -> String {
    try database.withConnection { db in
        try db.execute("SELECT cosa || come AS r FROM individual_objectives WHERE year = 2023 AND employee_id = 'E2'")[0].string("r")
    }
}

@Suite("HR records the outcome of a contest")
struct ContestTests {
    @Test func anOpenContestIsFlaggedOnTheDashboardTheAllocationAndTheList() async throws {
        try await withContest { browser, _ in
            _ = try await browser.login("hr")
            for path in ["/hr", "/hr/ripartizione"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok)
                #expect(page.text.contains("<strong>1</strong> contestazion"), "\(path)")
            }
            #expect(try await browser.get("/hr").text.contains("<strong>1</strong> contestazione attende l"))
            let list = try await browser.get("/hr/contestazioni")
            #expect(list.text.contains("<a href=\"/hr/contestazioni/E2?anno=2023\">Persona E2</a>"))
            #expect(list.text.contains("Obiettivo &lt;b&gt;raggiunto&lt;/b&gt;"))
            #expect(list.text.contains("<strong>in attesa</strong>"))
        }
    }

    @Test func confirmingNeedsAReferenceAndIsShownToTheEmployeeAndAudited() async throws {
        try await withContest { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/contestazioni/E2")
            #expect(page.status == .ok)
            let csrf = Browser.csrf(in: page) ?? ""
            let blank = try await browser.post("/hr/contestazioni/E2", [("csrf", csrf), ("esito", "confermata"), ("riferimento", " ")])
            #expect(blank.status == .unprocessableContent)
            #expect(try outcome(database) == "-|-")

            let done = try await browser.post("/hr/contestazioni/E2", [("csrf", csrf), ("esito", "confermata"),
                                                                        ("riferimento", "Verbale n. 7/2024")])
            #expect(done.location == "/hr/contestazioni/E2?anno=2023&registrato=1")
            #expect(try outcome(database) == "confirmed|Verbale n. 7/2024")
            // Only once.
            let again = try await browser.post("/hr/contestazioni/E2", [("csrf", csrf), ("esito", "confermata"), ("riferimento", "altro")])
            #expect(again.status == .conflict)
            #expect(try outcome(database) == "confirmed|Verbale n. 7/2024")
            #expect(!(try await browser.get("/hr").text.contains("open-contests")))

            let audited = try database.withConnection { db in
                try db.execute("SELECT actor FROM audit_log WHERE table_name = 'appraisal_responses' AND operation = 'UPDATE'").map { try $0.string("actor") }
            }
            #expect(audited == ["hr"])
            let employee = Browser(browser.client)
            _ = try await employee.login("e2")
            let own = try await employee.get("/la-mia-valutazione")
            #expect(own.text.contains("Esito: valutazione confermata (Verbale n. 7/2024)"))
        }
    }

    @Test func changingTheRatingsNeedsTheYearReopenedThenRecordsThemWithTheOutcome() async throws {
        try await withContest { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/contestazioni/E2")
            let csrf = Browser.csrf(in: page) ?? ""
            let version = try #require(page.text.firstMatch(of: /name="version_0" value="(\d+)"/).map { String($0.1) })
            let changed: [(String, String)] = [("csrf", csrf), ("esito", "modificata"), ("riferimento", "Verbale n. 8/2024"),
                                               ("code_0", "OB1"), ("version_0", version), ("cosa_0", "6"), ("come_0", "A")]
            #expect(try ratingOfE2(database) == "4A")
            let locked = try await browser.post("/hr/contestazioni/E2", changed)
            #expect(locked.status == .conflict)
            #expect(locked.text.contains("è chiuso"))
            // The reference HR typed comes back in the form it was typed in, not in the other.
            #expect(locked.text.contains("name=\"riferimento\" value=\"Verbale n. 8/2024\""))
            #expect(locked.text.contains("id=\"riferimento-conferma\" name=\"riferimento\" value=\"\""))
            #expect(try ratingOfE2(database) == "4A")
            #expect(try outcome(database) == "-|-")

            _ = try await browser.actOnClosedYear("/hr/riapertura", year: "2023", [("motivo", "Conciliazione di E2")])
            // Changed meanwhile (another tab): refused, and shown with the stored version, so that a retry is not refused again.
            try database.withConnection { db in
                // Out of the audit log, whose actors are checked below.
                try db.execute("SET session_replication_role = replica")
                _ = try db.execute("UPDATE individual_objectives SET version = version + 1 WHERE employee_id = 'E2' AND year = 2023")
            }
            let stale = try await browser.post("/hr/contestazioni/E2", changed)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Nel modulo non salvato: cosa 6, come A"))
            let stored = try #require(stale.text.firstMatch(of: /name="version_0" value="(\d+)"/).map { String($0.1) })
            #expect(stored == String(Int(version)! + 1))
            #expect(try outcome(database) == "-|-")
            let retried = changed.map { $0.0 == "version_0" ? ($0.0, stored) : $0 }
            let done = try await browser.post("/hr/contestazioni/E2", retried)
            #expect(done.location == "/hr/contestazioni/E2?anno=2023&registrato=1")
            #expect(try ratingOfE2(database) == "6A")
            #expect(try outcome(database) == "changed|Verbale n. 8/2024")
            let shown = try await browser.get("/hr/contestazioni/E2?registrato=1")
            #expect(shown.text.contains("<strong class=\"final-score\">6</strong>"))
            #expect(shown.text.contains("valutazione modificata"))
            let audited = try database.withConnection { db in
                try db.execute("SELECT DISTINCT actor FROM audit_log WHERE table_name = 'individual_objectives' AND operation = 'UPDATE'")
                    .map { try $0.string("actor") }
            }
            #expect(audited == ["hr"])
            // The manager's page says the ratings are the outcome's, not the ones they submitted.
            let manager = Browser(browser.client)
            _ = try await manager.login("m1")
            let rating = try await manager.get("/valutazioni/E2")
            #expect(rating.status == .ok)
            #expect(rating.text.contains("esito della procedura di conciliazione (riferimento del verbale: Verbale n. 8/2024; esito registrato il "), "\(rating.text)")
            // Submitted again after the outcome, the appraisal is the manager's own once more: no such note.
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by, submitted_at)
                    VALUES ('ENTE', 2023, 'E2', 'm1', now() + interval '1 minute')
                    ON CONFLICT ON CONSTRAINT appraisal_submissions_pkey DO UPDATE SET submitted_at = EXCLUDED.submitted_at
                    """)
            }
            #expect(!(try await manager.get("/valutazioni/E2").text.contains("esito della procedura di conciliazione")))
        }
    }

    @Test func aContestOfAnEarlierYearStaysInSightOnceALaterYearExists() async throws {
        // The server works on the body's most recent year, 2024 (being rated); E2 contests the published 2023.
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let employee = Browser(browser.client)
            _ = try await employee.login("e2")
            let own = try await employee.get("/la-mia-valutazione")
            #expect(try await employee.respond("/la-mia-valutazione/contestazione",
                                            [("csrf", Browser.csrf(in: own) ?? ""), ("motivo", "Obiettivo raggiunto")]).status == .seeOther)
            _ = try await browser.login("hr")
            #expect(try await browser.get("/hr").text.contains("<strong>1</strong> contestazione attende l"))
            let list = try await browser.get("/hr/contestazioni")
            #expect(list.text.contains("<a href=\"/hr/contestazioni/E2?anno=2023\">Persona E2</a>"))
            #expect(list.text.contains("<td>2023</td>"))
            for path in ["/hr/contestazioni/E2", "/hr/contestazioni/E2?anno=2023"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("valutazione 2023"), "\(path)")
            }
            // E2 of 2024 contested nothing.
            #expect(try await browser.get("/hr/contestazioni/E2?anno=2024").status == .notFound)
            let page = try await browser.get("/hr/contestazioni/E2")
            let done = try await browser.post("/hr/contestazioni/E2", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"),
                                                                        ("esito", "confermata"), ("riferimento", "Verbale n. 9/2024")])
            #expect(done.location == "/hr/contestazioni/E2?anno=2023&registrato=1")
            #expect(try outcome(database) == "confirmed|Verbale n. 9/2024")
            #expect(!(try await browser.get("/hr").text.contains("open-contests")))
        }
    }

    @Test func onlyHRSeesAndDecidesContests() async throws {
        try await withContest { browser, database in
            #expect(try await browser.get("/hr/contestazioni").isLoginRedirect)
            #expect(try await browser.get("/hr/contestazioni/E2").isLoginRedirect)
            #expect(try await browser.post("/hr/contestazioni/E2", [("esito", "confermata"), ("riferimento", "x")]).isSessionExpiredPage)
            for username in ["m1", "e2"] {
                let user = Browser(browser.client)
                _ = try await user.login(username)
                let csrf = Browser.csrf(in: try await user.get(username == "e2" ? "/la-mia-valutazione" : "/valutazioni")) ?? ""
                #expect(try await user.get("/hr/contestazioni").status == .forbidden)
                #expect(try await user.get("/hr/contestazioni/E2").status == .forbidden)
                let post = try await user.post("/hr/contestazioni/E2", [("csrf", csrf), ("esito", "confermata"), ("riferimento", "x")])
                #expect(post.status == .forbidden, "\(username)")
            }
            #expect(try outcome(database) == "-|-")
        }
    }

    /// A contest comes once the year is published, and the manager takes part in the conciliation: their list and the
    /// person's page say it at once, before any reopening, beside the closed year.
    @Test func theManagerSeesAContestInThePublishedYear() async throws {
        try await withContest { browser, _ in
            _ = try await browser.login("m1")
            let page = try await contestShown(to: browser)
            #expect(page.text.contains("name=\"cosa_0\" disabled"), "\(page.text)")
        }
    }

    /// Once the year is reopened, a contested appraisal stays as the employee contested it until HR records the outcome:
    /// "valutazione confermata" confirmed ratings the manager had changed meanwhile, which the employee never saw.
    @Test func aContestedAppraisalStaysAsItIsUntilTheOutcome() async throws {
        try await withContest { browser, database in
            _ = try await browser.login("hr")
            let csrf = Browser.csrf(in: try await browser.get("/hr/contestazioni/E2")) ?? ""
            _ = try await browser.actOnClosedYear("/hr/riapertura", year: "2023", [("motivo", "Conciliazione di E2")])
            // Allocated as a draft, as a year can be: the manager could otherwise save it again.
            try database.withConnection { db in
                try db.execute("SET session_replication_role = replica")
                _ = try db.execute("DELETE FROM appraisal_submissions WHERE year = 2023 AND employee_id = 'E2'")
            }
            let manager = Browser(browser.client)
            _ = try await manager.login("m1")
            let page = try await contestShown(to: manager)
            #expect(page.text.contains("name=\"cosa_0\" disabled"), "\(page.text)")
            let version = try #require(page.text.firstMatch(of: /name="version_0" value="(\d+)"/).map { String($0.1) })
            let saved = try await manager.post("/valutazioni/E2", [("csrf", Browser.csrf(in: page) ?? ""), ("azione", "bozza"),
                                                                    ("code_0", "OB1"), ("version_0", version), ("cosa_0", "2"), ("come_0", "C")])
            #expect(saved.status == .conflict)
            #expect(saved.text.contains("le modifiche non sono state salvate"))
            #expect(try ratingOfE2(database) == "4A")

            // HR's own change of a weight is refused as well, and says what to do first.
            let objectives = try await browser.get("/hr/obiettivi/E2?anno=2023")
            // Said up front, before HR types anything.
            #expect(objectives.text.contains("Il dipendente ha contestato questa valutazione il "), "\(objectives.text)")
            let digest = try #require(objectives.text.firstMatch(of: /name="versione" value="([0-9a-f]+)"/)).1
            let reweighted = try await browser.post("/hr/obiettivi/E2", [
                ("csrf", csrf), ("anno", "2023"), ("versione", String(digest)), ("rows", "2"),
                ("code_0", "OB1"), ("title_0", "Obiettivo"), ("weight_0", "60"),
                ("code_1", "OB2"), ("title_1", "Nuovo"), ("weight_1", "40"),
            ])
            #expect(reweighted.status == .conflict, "\(reweighted.text)")
            #expect(reweighted.text.contains("La valutazione di E2 del 2023 è contestata"), "\(reweighted.text)")
            #expect(reweighted.text.contains("Registri prima l&#39;esito della contestazione"))

            // Below the web, the database refuses it too.
            #expect(throws: (any Error).self) {
                try database.withConnection { db in
                    _ = try db.execute("UPDATE individual_objectives SET cosa = 1 WHERE year = 2023 AND employee_id = 'E2'")
                }
            }
            #expect(try ratingOfE2(database) == "4A")

            // The outcome changes the ratings, and then the manager's page is editable again.
            let contest = try await browser.get("/hr/contestazioni/E2")
            let stored = try #require(contest.text.firstMatch(of: /name="version_0" value="(\d+)"/).map { String($0.1) })
            let done = try await browser.post("/hr/contestazioni/E2", [("csrf", csrf), ("esito", "modificata"), ("riferimento", "Verbale n. 9/2024"),
                                                                        ("code_0", "OB1"), ("version_0", stored), ("cosa_0", "5"), ("come_0", "A")])
            #expect(done.location == "/hr/contestazioni/E2?anno=2023&registrato=1")
            #expect(try ratingOfE2(database) == "5A")
            let after = try await manager.get("/valutazioni/E2")
            #expect(!after.text.contains("Il dipendente ha contestato questa valutazione"))
            #expect(!after.text.contains("name=\"cosa_0\" disabled"))
        }
    }

    /// After a contest decided with new ratings and a new publication, the employee reads the outcome's figures, and
    /// beside them what they had contested; their reason keeps its lines.
    @Test func theEmployeeSeesWhatTheyContestedBesideTheOutcome() async throws {
        try await withContest { browser, database in
            let employee = Browser(browser.client)
            _ = try await employee.login("e2")
            let before = try await employee.get("/la-mia-valutazione")
            #expect(before.text.contains("<p class=\"reason\">Obiettivo &lt;b&gt;raggiunto&lt;/b&gt;</p>"))
            let contestedCents = try #require(try await OwnAppraisalFixture.expectedCents(of: "E2", in: database))

            _ = try await browser.login("hr")
            let contest = try await browser.get("/hr/contestazioni/E2")
            let csrf = Browser.csrf(in: contest) ?? ""
            _ = try await browser.actOnClosedYear("/hr/riapertura", year: "2023", [("motivo", "Conciliazione di E2")])
            // Rated on the web, E2 never sent as final by the manager: allocated as a draft, its ratings now the conciliation's.
            try database.withConnection { db in
                try db.execute("SET session_replication_role = replica")
                _ = try db.execute("DELETE FROM appraisal_submissions WHERE year = 2023 AND employee_id = 'E2'")
                _ = try db.execute("""
                    INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by)
                    SELECT body_id, year, employee_id, 'm1' FROM staff_years WHERE year = 2023 AND employee_id = 'E1'
                    ON CONFLICT DO NOTHING
                    """)
            }
            let version = try #require(try await browser.get("/hr/contestazioni/E2").text.firstMatch(of: /name="version_0" value="(\d+)"/)
                .map { String($0.1) })
            let done = try await browser.post("/hr/contestazioni/E2", [("csrf", csrf), ("esito", "modificata"), ("riferimento", "Verbale n. 8/2024"),
                                                                        ("code_0", "OB1"), ("version_0", version), ("cosa_0", "6"), ("come_0", "A")])
            #expect(done.location == "/hr/contestazioni/E2?anno=2023&registrato=1")
            let preview = try await browser.get("/hr/ripartizione")
            var confirm = [("csrf", csrf), ("anno", "2023"), ("anteprima", Browser.field("anteprima", in: preview) ?? "")]
            if let drafts = Browser.field("bozze", in: preview) { confirm.append(("bozze", drafts)) }
            if let returned = Browser.field("restituite", in: preview) { confirm.append(("restituite", returned)) }
            #expect(try await browser.post("/hr/ripartizione", confirm).status == .seeOther)
            #expect(try await browser.actOnClosedYear("/hr/pubblica", year: "2023").status == .seeOther)

            let after = try await employee.get("/la-mia-valutazione")
            #expect(after.text.contains("Esito: valutazione modificata (Verbale n. 8/2024). La procedura di conciliazione è conclusa."), "\(after.text)")
            #expect(after.text.contains("La valutazione contestata aveva punteggio finale 4, fascia MEDIA, premio \(OwnAppraisalFixture.italianEuros(contestedCents))"),
                    "\(after.text)")
            #expect(after.text.contains("<strong class=\"final-score\">6</strong>"))
            #expect(!after.text.contains("name=\"motivo\""))
            #expect(after.text.contains("le valutazioni ripartite ora sono quelle dell&#39;esito della conciliazione"), "\(after.text)")
            #expect(!after.text.contains("ripartita come si trovava"), "\(after.text)")
        }
    }
}
