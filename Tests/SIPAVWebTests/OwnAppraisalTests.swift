import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

@Suite("The employee's own appraisal: read once published, acknowledge or contest")
struct OwnAppraisalTests {
    @Test func beforePublicationTheEmployeeSeesOnlyAMessage() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: false)
            _ = try await browser.login("e1")
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.status == .ok)
            #expect(page.text.contains("La valutazione sarà visibile dopo la pubblicazione"))
            #expect(!page.text.contains("Punteggio finale"))
            #expect(!page.text.contains("Prendo visione"))
            #expect(!page.text.contains("€"))
        }
    }

    @Test func afterPublicationTheEmployeeSeesTheirOwnFiguresAndAmount() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let cents = try #require(try await OwnAppraisalFixture.expectedCents(of: "E1", in: database))
            let other = try #require(try await OwnAppraisalFixture.expectedCents(of: "E2", in: database))
            #expect(cents > 0 && cents != other)
            _ = try await browser.login("e1")
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("La mia valutazione 2023"))
            #expect(html.contains("Persona E1"))
            // One objective, weight 100 %, cosa 6, come A: the objective score, the mean and the final score are 6.
            #expect(html.contains("<td class=\"num\">100 %</td><td class=\"num\">6</td><td>A</td><td class=\"num\">6</td>"))
            #expect(html.contains("<strong class=\"unrounded\">6,00</strong>"))
            #expect(html.contains("<strong class=\"final-score\">6</strong>"))
            #expect(html.contains("<strong class=\"band\">ALTA</strong>"))
            #expect(html.contains("Quota teorica"))
            #expect(html.contains("Coefficiente individuale"))
            #expect(html.contains("Componente individuale"))
            #expect(html.contains("<td class=\"num amount\"><strong>\(OwnAppraisalFixture.italianEuros(cents))</strong></td>"))
            // Never another person's.
            #expect(!html.contains("Persona E2"))
            #expect(!html.contains(OwnAppraisalFixture.italianEuros(other)))
            #expect(html.contains("Prendo visione"))
            #expect(html.contains("Contesto la valutazione"))
        }
    }

    @Test func noRouteTakesAnEmployeeID() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            for uri in ["/la-mia-valutazione/E2", "/la-mia-valutazione?employee=E2"] {
                let page = try await browser.get(uri)
                #expect(!page.text.contains("Persona E2"), "\(uri)")
            }
            #expect(try await browser.get("/valutazioni/E2").status == .forbidden)
        }
    }

    @Test func acknowledgingWorksOnceAndThenTheFormIsGone() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/la-mia-valutazione")))
            let response = try await browser.post("/la-mia-valutazione/presa-visione", [("csrf", csrf)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/la-mia-valutazione?risposta=1")
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:acknowledged:"])
            let page = try await browser.get("/la-mia-valutazione?risposta=1")
            #expect(page.text.contains("Ha preso visione della valutazione il"))
            #expect(!page.text.contains("Prendo visione</button>"))
            #expect(!page.text.contains("Contesto la valutazione</button>"))
            let again = try await browser.post("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", "Ci ho ripensato")])
            #expect(again.status == .conflict)
            #expect(again.text.contains("Ha già risposto"))
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:acknowledged:"])
            // Every step is in the audit log, with the account as actor.
            let audited = try database.withConnection { db in
                try db.execute("SELECT count(*) AS n FROM audit_log WHERE table_name = 'appraisal_responses' AND actor = 'e1'")[0].int("n")
            }
            #expect(audited == 1)
        }
    }

    @Test func contestingNeedsAReason() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e2")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/la-mia-valutazione")))
            let blank = try await browser.post("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", "   \n ")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("<span class=\"field-error\" id=\"motivo-errore\">Indichi il motivo della contestazione.</span>"))
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            let contested = try await browser.post("/la-mia-valutazione/contestazione",
                                                   [("csrf", csrf), ("motivo", "Obiettivo <b>non</b> assegnato")])
            #expect(contested.status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["E2:contested:Obiettivo <b>non</b> assegnato"])
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.text.contains("Motivo: Obiettivo &lt;b&gt;non&lt;/b&gt; assegnato"))
            #expect(page.text.contains("in attesa dell'esito"))
            #expect(!page.text.contains("name=\"motivo\""))
        }
    }

    @Test func theSchemaRefusesAContestWithoutAReasonAndAnOutcomeIsShown() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            try database.withConnection { db in
                for reason in [nil, " "] as [String?] {
                    #expect(throws: (any Error).self) {
                        try db.execute("INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason) VALUES ('ENTE', 2023, 'E1', 'contested', $1)",
                                       [reason])
                    }
                }
                // Not locked with the year: written while the year is published.
                try db.execute("""
                    INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason, outcome, outcome_reference, outcome_at)
                    VALUES ('ENTE', 2023, 'E1', 'contested', 'Motivo', 'confirmed', 'Verbale n. 7', now())
                    """)
            }
            _ = try await browser.login("e1")
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.text.contains("Esito: valutazione confermata (Verbale n. 7)."))
            #expect(!page.text.contains("name=\"motivo\""))
        }
    }

    @Test func respondingBeforePublicationIsRefused() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: false)
            _ = try await browser.login("e1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/la-mia-valutazione")))
            let response = try await browser.post("/la-mia-valutazione/presa-visione", [("csrf", csrf)])
            #expect(response.status == .conflict)
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
        }
    }

    @Test(arguments: ["/la-mia-valutazione/presa-visione", "/la-mia-valutazione/contestazione"])
    func theFormsNeedTheCSRFToken(uri: String) async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            let missing = try await browser.post(uri, [("motivo", "Motivo")])
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post(uri, [("csrf", "sbagliato"), ("motivo", "Motivo")])
            #expect(wrong.status == .forbidden)
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
        }
    }

    @Test(arguments: ["m1", "sg", "hr"])
    func otherRolesAreForbidden(username: String) async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login(username)
            #expect(try await browser.get("/la-mia-valutazione").status == .forbidden)
            let landing = try await browser.get("/")
            let csrf = try #require(Browser.csrf(in: try await browser.get(landing.location ?? "/")))
            for uri in ["/la-mia-valutazione/presa-visione", "/la-mia-valutazione/contestazione"] {
                #expect(try await browser.post(uri, [("csrf", csrf), ("motivo", "Motivo")]).status == .forbidden, "\(uri)")
            }
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
        }
    }

    @Test func anEmployeeLandsOnTheirAppraisal() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: false)
            _ = try await browser.login("e1")
            let home = try await browser.get("/")
            #expect(home.location == "/la-mia-valutazione")
            #expect(try await browser.get("/la-mia-valutazione").text.contains("<a href=\"/la-mia-valutazione\">La mia valutazione</a>"))
        }
    }

    @Test func withoutLoginThePageRedirectsToLogin() async throws {
        try await withWebApp { browser, _ in
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login")
            let post = try await browser.post("/la-mia-valutazione/presa-visione", [])
            #expect(post.location == "/login")
        }
    }
}
