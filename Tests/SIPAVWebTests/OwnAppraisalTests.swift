import SIPAVTestSupport
import Postgres
import Foundation
import HummingbirdTesting
import SIPAVReports
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

    /// The amount is explained as `sipav db report explain` explains it: every step, its figure as the command line
    /// prints it, and how it is obtained; the coefficient is a percentage, as in the CSV and on the command line.
    /// In a year whose appraisals were submitted on the web, an appraisal allocated as it stood, never submitted as
    /// final, is said to be so on the employee's page; a submitted one, or a year rated outside (no submission at all),
    /// is not.
    /// The latest year published, then reopened for a revision: the page shows the year published before it, saying so.
    @Test func aLaterYearUnderReviewIsSaidAboveTheYearShown() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            #expect(!(try await browser.get("/la-mia-valutazione")).text.contains("riaperti per una revisione"))
            try database.withConnection { db in
                try db.execute("SET session_replication_role = replica")
                try db.execute("UPDATE years SET state = 'validated' WHERE body_id = 'ENTE' AND year = 2024")
                try db.execute("""
                    INSERT INTO year_reopenings (body_id, year, from_state, to_state, reason)
                    VALUES ('ENTE', 2024, 'published', 'validated', 'Esito di una conciliazione')
                    """)
            }
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.text.contains("La mia valutazione 2023"))
            #expect(page.text.contains("I risultati dell&#39;anno 2024 sono stati riaperti per una revisione")
                    || page.text.contains("I risultati dell'anno 2024 sono stati riaperti per una revisione"))
            #expect(page.text.contains("Qui sotto la valutazione del 2023, l&#39;ultimo anno pubblicato.")
                    || page.text.contains("Qui sotto la valutazione del 2023, l'ultimo anno pubblicato."))
        }
    }

    /// Once a later year is published, the earlier ones stay within reach (an answer may still be due there): the page
    /// lists every published year, shows the one asked for, and an answer goes to the year shown.
    @Test func everyPublishedYearStaysWithinReachAndAnAnswerGoesToTheYearShown() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            try await TransparencyPrivacyTests.insertEarlierYear(database)
            _ = try await browser.login("e2")
            let latest = try await browser.get("/la-mia-valutazione")
            #expect(latest.text.contains("La mia valutazione 2023"))
            #expect(latest.text.contains("<strong aria-current=\"page\">2023</strong> <a href=\"/la-mia-valutazione?anno=2022\">2022</a>"),
                    "\(latest.text)")
            #expect(latest.text.contains("<strong class=\"final-score\">4</strong>"))
            let earlier = try await browser.get("/la-mia-valutazione?anno=2022")
            #expect(earlier.text.contains("La mia valutazione 2022"))
            #expect(earlier.text.contains("<strong class=\"final-score\">6</strong>"))
            #expect(earlier.text.contains("<input type=\"hidden\" name=\"anno\" value=\"2022\">"))
            // A year not published, or not the person's, is not shown: the latest is.
            #expect(try await browser.get("/la-mia-valutazione?anno=2024").text.contains("La mia valutazione 2023"))
            let csrf = try #require(Browser.csrf(in: earlier))
            let run = try #require(Browser.field("ripartizione", in: earlier))
            let answered = try await browser.post("/la-mia-valutazione/presa-visione", [("csrf", csrf), ("anno", "2022"), ("ripartizione", run), ("conferma", "1")])
            #expect(answered.location == "/la-mia-valutazione?anno=2022&risposta=1")
            let years = try database.withConnection { db in
                try db.execute("SELECT year FROM appraisal_responses WHERE employee_id = 'E2' ORDER BY year").map { try $0.int("year") }
            }
            #expect(years == [2022])
            #expect(try await browser.get("/la-mia-valutazione").text.contains("Prendo visione</button>"), "2023 still waits for its answer")
        }
    }

    @Test func anAppraisalPaidAsADraftIsSaidSoToTheEmployee() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e2")
            #expect(!(try await browser.get("/la-mia-valutazione").text.contains("non era stata inviata come definitiva")),
                    "no submission in the year: rated outside")
            try database.withConnection { db in
                // The record of a submission made before the allocation (the year's lock is set aside to write it here).
                try db.execute("SET session_replication_role = replica")
                try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2023, 'E1', 'm1')")
                try db.execute("SET session_replication_role = origin")
            }
            let draft = try await browser.get("/la-mia-valutazione")
            #expect(draft.text.contains("La valutazione non era stata inviata come definitiva dal valutatore"), "\(draft.text)")
            let e1 = Browser(browser.client)
            _ = try await e1.login("e1")
            let submitted = try await e1.get("/la-mia-valutazione")
            #expect(submitted.text.contains("Persona E1") && !submitted.text.contains("non era stata inviata come definitiva"))
        }
    }

    @Test func theAmountIsExplainedStepByStepAsTheCommandLineDoes() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let report = try #require(try await OwnAppraisalFixture.explanation(of: "E2", in: database))
            let steps = try #require(report.tables.first { $0.key == "steps" })
            let printed = OutputFormat.table.render(report)
            _ = try await browser.login("e2")
            let html = try await browser.get("/la-mia-valutazione").text
            // E2's final score is 4: the coefficient is 4/6.
            #expect(html.contains("<td class=\"num coefficient\">66,67 %</td>"))
            #expect(!html.contains(">0,67<"))
            #expect(html.contains("<span class=\"hint\">quota × 60 % × coefficiente</span>"))
            #expect(html.contains("<span class=\"hint\">quota × 25 % × risultato ente "))
            #expect(html.contains("<span class=\"hint\">quota × 15 % × risultato Area "))
            // The rounding in words, not the setting's name.
            #expect(html.contains("arrotondamento all&#39;intero più vicino (0,5 per eccesso); fascia"), "\(html)")
            #expect(!html.contains("half_up"))
            #expect(steps.rows.count >= 10)
            for row in steps.rows {
                let label = row[0].italianText(), value = row[1].italianText()
                let how = row[2].italianText(empty: "")
                #expect(printed.contains(value), "\(label): \(value) is not printed so by the command line")
                #expect(html.contains("<th scope=\"row\">\(label)"), "\(label)")
                #expect(html.contains(">\(value)</"), "\(label): \(value)")
                if !how.isEmpty { #expect(html.contains("<span class=\"hint\">\(OwnAppraisalTests.escaped(how))</span>"), "\(how)") }
            }
            let cents = try #require(try await OwnAppraisalFixture.expectedCents(of: "E2", in: database))
            #expect(html.contains("<td class=\"num amount\"><strong>\(OwnAppraisalFixture.italianEuros(cents))</strong></td>"))
        }
    }

    /// A manager (a *dirigente*, or the Segretario Generale) is paid from the managers' fund: they read their own
    /// appraisal and amount, from a link in their menu, and answer it as an employee does.
    @Test(arguments: [("m1", "M1"), ("sg", "S1")])
    func aManagerReadsAndAnswersTheirOwnAppraisal(username: String, employee: String) async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let cents = try #require(try await OwnAppraisalFixture.expectedCents(of: employee, in: database))
            let score = try #require(PublishedYearFixture.people.first { $0.0 == employee }?.4)
            #expect(cents > 0)
            _ = try await browser.login(username)
            #expect(try await browser.get("/").location == "/valutazioni")
            #expect(try await browser.get("/valutazioni").text.contains("<a href=\"/la-mia-valutazione\">La mia valutazione</a>"))
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<a href=\"/valutazioni\">Valutazioni</a>"))
            #expect(html.contains("Persona \(employee) · matricola \(employee)"))
            #expect(html.contains("<strong class=\"final-score\">\(score)</strong>"))
            #expect(html.contains("<td class=\"num amount\"><strong>\(OwnAppraisalFixture.italianEuros(cents))</strong></td>"))
            // The managers' fund: 80 % individual, 20 % ente, no Area component.
            #expect(html.contains("<span class=\"hint\">quota × 80 % × coefficiente</span>"))
            #expect(html.contains("<span class=\"hint\">quota × 20 % × risultato ente "))
            #expect(!html.contains("Componente Area"))
            for (other, _, _, _, _) in PublishedYearFixture.people where other != employee {
                #expect(!html.contains("Persona \(other)"), "\(other)")
            }
            let csrf = try #require(Browser.csrf(in: page))
            let response = try await browser.respond("/la-mia-valutazione/presa-visione", [("csrf", csrf)])
            #expect(response.status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["\(employee):acknowledged:"])
            #expect(try await browser.get("/la-mia-valutazione").text.contains("Ha preso visione della valutazione il"))
        }
    }

    /// Whatever the request names, a manager reads and answers only their own appraisal here; another person's
    /// (their own staff's, another manager's) is not on this page.
    @Test func aManagerCannotReadAnotherPersonsAppraisal() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let own = OwnAppraisalFixture.italianEuros(try #require(try await OwnAppraisalFixture.expectedCents(of: "M1", in: database)))
            // M2 has M1's score and category, so M2's amount is M1's too: the names tell them apart.
            var others: [String] = []
            for employee in ["S1", "E1", "E2"] {
                others.append(OwnAppraisalFixture.italianEuros(try #require(try await OwnAppraisalFixture.expectedCents(of: employee, in: database))))
            }
            #expect(!others.contains(own))
            _ = try await browser.login("m1")
            for uri in ["/la-mia-valutazione?employee=M2", "/la-mia-valutazione?dipendente=E1&matricola=S1",
                        "/la-mia-valutazione?utente=m2&anno=2023"] {
                let page = try await browser.get(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.text.contains("Persona M1") && page.text.contains(own), "\(uri)")
                for other in ["M2", "S1", "E1", "E2"] { #expect(!page.text.contains("Persona \(other)"), "\(uri): \(other)") }
                for amount in others { #expect(!page.text.contains(amount), "\(uri): \(amount)") }
            }
            for uri in ["/la-mia-valutazione/M2", "/la-mia-valutazione/E1"] {
                let page = try await browser.get(uri)
                #expect(page.status == .notFound || page.status == .forbidden, "\(uri): \(page.status)")
                #expect(!page.text.contains("Persona "), "\(uri)")
            }
            let csrf = try #require(Browser.csrf(in: try await browser.get("/la-mia-valutazione")))
            let contested = try await browser.respond("/la-mia-valutazione/contestazione", [
                ("csrf", csrf), ("motivo", "Motivo"), ("employee", "E1"), ("dipendente", "M2"), ("matricola", "S1"),
            ])
            #expect(contested.status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["M1:contested:Motivo"])
        }
    }

    /// Text as the templates write it into HTML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
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
            let response = try await browser.respond("/la-mia-valutazione/presa-visione", [("csrf", csrf)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/la-mia-valutazione?anno=2023&risposta=1")
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:acknowledged:"])
            let page = try await browser.get("/la-mia-valutazione?risposta=1")
            #expect(page.text.contains("Ha preso visione della valutazione il"))
            #expect(!page.text.contains("Prendo visione</button>"))
            #expect(!page.text.contains("Contesto la valutazione</button>"))
            let again = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", "Ci ho ripensato")])
            #expect(again.status == .conflict)
            #expect(again.text.contains("ha già preso visione della valutazione il "))
            #expect(again.text.contains("readonly>Ci ho ripensato</textarea>"))
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
            let blank = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", "   \n ")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("<span class=\"field-error\" id=\"motivo-errore\">Indichi il motivo della contestazione.</span>"))
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            // A reason has at most 2.000 characters, as a return's: a longer one is given back to be shortened.
            let long = String(repeating: "Motivo lungo. ", count: 150)
            let tooLong = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", long)])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("Il motivo ha al più 2.000 caratteri (ne ha 2.099)"), "\(tooLong.text)")
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            // Counted in code points, as the database counts: combining marks are not one character with their letter.
            let marks = "a" + String(repeating: "\u{0301}", count: 5_000)
            let marked = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", marks)])
            #expect(marked.status == .unprocessableContent)
            #expect(marked.text.contains("Il motivo ha al più 2.000 caratteri (ne ha 5.001)"))
            #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            try database.withConnection { db in
                let refused = #expect(throws: PostgresError.self) {
                    try db.execute("INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason) VALUES ('ENTE', 2023, 'E2', 'contested', $1)",
                                   [marks])
                }
                #expect(refused?.constraint == "appraisal_responses_reason_length")
                // A reason on record before the limit (written with the check off) still takes its outcome: the limit is
                // checked when a reason is written, not on every update of its row.
                try db.execute("SET session_replication_role = replica")
                try db.execute("INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason) VALUES ('ENTE', 2023, 'E2', 'contested', $1)",
                               [marks])
                try db.execute("SET session_replication_role = DEFAULT")
                try db.execute("UPDATE appraisal_responses SET outcome = 'confirmed', outcome_reference = 'Verbale', outcome_at = now() WHERE employee_id = 'E2'")
                try db.execute("DELETE FROM appraisal_responses WHERE employee_id = 'E2'")
            }
            // A line break the browser sends as CR LF is one character, as the page's maxlength counts it.
            let lines = Array(repeating: "Riga del motivo.", count: 112).joined(separator: "\r\n")
            #expect(FormData.textArea(lines).unicodeScalars.count == 112 * 16 + 111)
            let taken = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", lines)])
            #expect(taken.status == .seeOther, "\(taken.text)")
            try database.withConnection { db in try db.execute("DELETE FROM appraisal_responses WHERE employee_id = 'E2'") }
            let contested = try await browser.respond("/la-mia-valutazione/contestazione",
                                                   [("csrf", csrf), ("motivo", "Obiettivo <b>non</b> assegnato")])
            #expect(contested.status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["E2:contested:Obiettivo <b>non</b> assegnato"])
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.text.contains("<p class=\"reason\">Obiettivo &lt;b&gt;non&lt;/b&gt; assegnato</p>"))
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
            let response = try await browser.respond("/la-mia-valutazione/presa-visione", [("csrf", csrf)])
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

    /// HR has no appraisal here (its account need not name a person), and no link to the page.
    @Test func hrIsForbidden() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("hr")
            #expect(try await browser.get("/la-mia-valutazione").status == .forbidden)
            #expect(!(try await browser.get("/hr").text.contains("href=\"/la-mia-valutazione\"")))
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
            #expect(try await browser.get("/la-mia-valutazione").text.contains("<a href=\"/la-mia-valutazione\" aria-current=\"page\">La mia valutazione</a>"))
        }
    }

    @Test func withoutLoginThePageRedirectsToLogin() async throws {
        try await withWebApp { browser, _ in
            let page = try await browser.get("/la-mia-valutazione")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?torna=%2Fla-mia-valutazione")
            let post = try await browser.post("/la-mia-valutazione/presa-visione", [])
            #expect(post.isSessionExpiredPage)
        }
    }
}
