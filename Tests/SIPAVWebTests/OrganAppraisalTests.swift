import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The Segretario Generale (S1) with two objectives to rate.
private func withSegretarioObjectives(_ test: @escaping @Sendable (Browser, TestDatabase) async throws -> Void) async throws {
    try await withWebApp { browser, database in
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position) VALUES
                    ('ENTE', 2024, 'S1', 'SG1', 'Coordinamento dei dirigenti', 5000, 1),
                    ('ENTE', 2024, 'S1', 'SG2', 'Prevenzione della corruzione', 5000, 2)
                """)
        }
        try await test(browser, database)
    }
}

private func submission(_ database: TestDatabase) throws -> String? {
    try database.withConnection { db in
        try db.execute("SELECT submitted_by || '|' || reference AS s FROM appraisal_submissions WHERE employee_id = 'S1'").first?.string("s")
    }
}

private func ratings(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT coalesce(cosa || come, '-') AS r FROM individual_objectives WHERE employee_id = 'S1' ORDER BY code")
            .map { try $0.string("r") }
    }
}

/// The form's fields with every objective rated as `cosa`/`come` and `reference`.
private func fields(_ response: TestResponse, reference: String, rated: [(String, String)]) -> [(String, String)] {
    let page = response.text
    var fields = [("csrf", Browser.csrf(in: response) ?? ""), ("anno", Browser.hrYear(in: response) ?? ""), ("riferimento", reference)]
    for (index, rating) in rated.enumerated() {
        let code = page.firstMatch(of: try! Regex("name=\"code_\(index)\" value=\"([^\"]*)\""))?.output[1].substring.map(String.init) ?? ""
        let version = page.firstMatch(of: try! Regex("name=\"version_\(index)\" value=\"([^\"]*)\""))?.output[1].substring.map(String.init) ?? ""
        fields += [("code_\(index)", code), ("version_\(index)", version), ("cosa_\(index)", rating.0), ("come_\(index)", rating.1)]
    }
    return fields
}

/// The submission S1's page of objectives shows, as its return form sends it.
private func shownSubmission(_ hr: Browser) async throws -> (String, String) {
    let page = try await hr.get("/hr/obiettivi/S1")
    return (AppraisalReturnRoutes.shownField, try #require(Browser.field(AppraisalReturnRoutes.shownField, in: page)))
}

/// The final score a page shows.
private func finalScore(_ html: String) -> String? {
    guard let match = html.firstMatch(of: /class="final-score">([^<]+)</) else { return nil }
    return String(match.output.1)
}

@Suite("HR records the Segretario Generale's appraisal from the act of the political head")
struct OrganAppraisalTests {
    @Test func recordingNeedsEveryRatingAndTheActThenIsFinalAndAudited() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            #expect(page.status == .ok)
            #expect(page.text.contains("Coordinamento dei dirigenti"))

            let unrated = try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 12", rated: [("5", "A"), ("", "")]))
            #expect(unrated.status == .unprocessableContent)
            let noAct = try await hr.post("/hr/segretario", fields(page, reference: "  ", rated: [("5", "A"), ("4", "B")]))
            #expect(noAct.status == .unprocessableContent)
            #expect(noAct.text.contains("Indichi l&#39;atto") || noAct.text.contains("Indichi l'atto"))
            #expect(noAct.text.contains("<option value=\"4\" selected>"), "the ratings typed are kept")
            #expect(try submission(database) == nil)
            #expect(try ratings(database) == ["-", "-"])

            let recorded = try await hr.post("/hr/segretario", fields(page, reference: "Decreto del Presidente n. 12 del 30/06/2025",
                                                                      rated: [("5", "A"), ("4", "B")]))
            #expect(recorded.status == .seeOther)
            #expect(try submission(database) == "hr|Decreto del Presidente n. 12 del 30/06/2025")
            #expect(try ratings(database) == ["5A", "4B"])
            let shown = try await hr.get("/hr/segretario?registrata=1")
            #expect(shown.text.contains("secondo l&#39;atto Decreto del Presidente n. 12 del 30/06/2025")
                || shown.text.contains("secondo l'atto Decreto del Presidente n. 12 del 30/06/2025"))
            #expect(!shown.text.contains("id=\"registra-valutazione\""), "final: no form")

            // Once only; and the audit log names whose appraisal and which act.
            let again = try await hr.post("/hr/segretario", fields(page, reference: "Altro", rated: [("6", "A"), ("6", "A")]))
            #expect(again.status == .conflict)
            #expect(try ratings(database) == ["5A", "4B"])
            // The refused ratings are not shown over the recorded ones: the page shows what is stored.
            let refusedScore = finalScore(again.text), storedScore = finalScore(shown.text)
            #expect(refusedScore != nil && refusedScore == storedScore)
            let logged = try database.withConnection { db in
                try db.execute("""
                    SELECT actor, record_key ->> 'employee_id' AS person, new_value ->> 'reference' AS act FROM audit_log
                    WHERE table_name = 'appraisal_submissions' AND operation = 'INSERT'
                    """).map { "\(try $0.string("actor")) \(try $0.string("person")) \(try $0.string("act"))" }
            }
            #expect(logged == ["hr S1 Decreto del Presidente n. 12 del 30/06/2025"])
        }
    }

    @Test func theDashboardLeadsThereAndCountsTheSegretarioOnceRecorded() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try await hr.get("/hr")
            #expect(before.text.contains("<a href=\"/hr/segretario?anno=2024\">"))
            let page = try await hr.get("/hr/segretario")
            _ = try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 1", rated: [("6", "A"), ("6", "A")]))
            let counted = try expectedDashboard(database)
            let segretario = try #require(counted.first { $0.0 == "Segretario Generale" })
            #expect(segretario.3 == 1 && segretario.4 == 0)
            let after = try await hr.get("/hr")
            #expect(after.text.contains("<tr class=\"done\"><th scope=\"row\">Segretario Generale"))
        }
    }

    @Test func withoutObjectivesThereIsNothingToRecord() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            #expect(page.text.contains("Nessun obiettivo assegnato"))
            #expect(!page.text.contains("id=\"registra-valutazione\""))
            let posted = try await hr.post("/hr/segretario", [("csrf", csrf), ("anno", "2024"), ("riferimento", "Decreto n. 1")])
            #expect(posted.status == .unprocessableContent)
            #expect(try submission(database) == nil)
        }
    }

    /// The act is recorded with its ratings whatever the Segretario Generale's situation: the fields a manager's page
    /// shows disabled for a person not assessable stay open on HR's form.
    @Test func aSegretarioNotAssessableStillHasTheFieldsToRecord() async throws {
        try await withSegretarioObjectives { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE staff_years SET not_assessable_reason = 'aspettativa' WHERE year = 2024 AND employee_id = 'S1'")
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            #expect(page.text.contains("<select id=\"cosa_0\" name=\"cosa_0\">"), "\(page.text)")
            #expect(!page.text.contains("name=\"cosa_0\" disabled"))
        }
    }

    /// A form read before another change is refused; the page then shows the stored versions, the typed ratings beside.
    @Test func aFormOutOfDateIsShownWithTheStoredVersionsAndWhatWasTyped() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET version = version + 1 WHERE employee_id = 'S1'")
            }
            let refused = try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 3", rated: [("6", "A"), ("4", "B")]))
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Nel modulo non salvato: cosa 6, come A"))
            #expect(refused.text.contains("Nel modulo non salvato: cosa 4, come B"))
            #expect(try submission(database) == nil)
            let retried = try await hr.post("/hr/segretario", fields(refused, reference: "Decreto n. 3", rated: [("6", "A"), ("4", "B")]))
            #expect(retried.status == .seeOther)
            #expect(try ratings(database) == ["6A", "4B"])
        }
    }

    /// In a closed year nothing is recorded, and the page shows what is stored.
    @Test func aClosedYearRecordsNothing() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            try database.withConnection { db in try forceYearState(db, "allocated", year: 2024) }
            let refused = try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 1", rated: [("6", "A"), ("6", "A")]))
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("è chiuso"))
            #expect(!refused.text.contains("id=\"registra-valutazione\""))
            #expect(!refused.text.contains("class=\"final-score\""), "nothing rated is stored, so no final score")
            #expect(try submission(database) == nil)
            #expect(try ratings(database) == ["-", "-"])
        }
    }

    @Test func onlyHRRecordsIt() async throws {
        try await withSegretarioObjectives { browser, database in
            for username in ["sg", "m1"] {
                let client = Browser(browser.client)
                _ = try await client.login(username)
                #expect(try await client.get("/hr/segretario").status == .forbidden)
                let home = try await client.get("/")
                let posted = try await client.post("/hr/segretario", [("csrf", Browser.csrf(in: home) ?? ""), ("riferimento", "x")])
                #expect(posted.status == .forbidden)
            }
            #expect(try submission(database) == nil)
        }
    }

    @Test func aChangeOfTheObjectivesSendsItBackToDraft() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            _ = try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 1",
                                                           rated: [("6", "A"), ("5", "A")]))
            #expect(try submission(database) != nil)
            let editor = try await hr.get("/hr/obiettivi/S1")
            let digest = editor.text.firstMatch(of: /name="versione" value="([^"]*)"/)?.output.1 ?? ""
            let saved = try await hr.post("/hr/obiettivi/S1", [
                ("csrf", Browser.csrf(in: editor) ?? ""), ("anno", Browser.hrYear(in: editor) ?? ""), ("versione", String(digest)), ("rows", "2"),
                ("code_0", "SG1"), ("title_0", "Coordinamento dei dirigenti e dei servizi"), ("weight_0", "50"),
                ("code_1", "SG2"), ("title_1", "Prevenzione della corruzione"), ("weight_1", "50"),
            ])
            #expect(saved.status == .seeOther)
            #expect(try submission(database) == nil)
            #expect(try await hr.get("/hr/segretario").text.contains("id=\"registra-valutazione\""))
        }
    }

    /// HR returns the recorded appraisal to draft: the pages say that HR records it again from the act (there is no
    /// manager to send it), and the Segretario Generale's page shows the return until it is recorded again.
    @Test func aReturnedAppraisalIsRecordedAgainFromTheAct() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            #expect(try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 12", rated: [("5", "A"), ("4", "B")])).status == .seeOther)
            let person = try await hr.get("/hr/obiettivi/S1").text
            #expect(person.contains("l'ufficio personale la corregge e la registra di nuovo dall'atto dell'organo di vertice"))
            #expect(!person.contains("il valutatore ne vede il motivo"))

            let motivo = "Il decreto è stato rettificato."
            let done = try await hr.post("/hr/anni/2024/valutazioni/S1/bozza", [("csrf", csrf), ("motivo", motivo), try await shownSubmission(hr)])
            #expect(done.status == .seeOther)
            #expect(try submission(database) == nil)
            let returned = try await hr.get(try #require(done.location)).text
            #expect(returned.contains("— motivo: \(HTML.escape(motivo))<br>L'ufficio personale deve registrarla di nuovo dall'atto"))
            #expect(!returned.contains("Il valutatore deve inviarla di nuovo"))
            let organ = try await hr.get("/hr/segretario")
            #expect(organ.text.contains("Restituita in bozza da hr il "))
            #expect(organ.text.contains("— motivo: \(HTML.escape(motivo))<br>La registri di nuovo dall'atto qui sotto."))
            #expect(organ.text.contains("id=\"registra-valutazione\""))

            #expect(try await hr.post("/hr/segretario", fields(organ, reference: "Decreto n. 14", rated: [("5", "A"), ("5", "B")])).status == .seeOther)
            #expect(try submission(database) == "hr|Decreto n. 14")
            #expect(!(try await hr.get("/hr/segretario").text.contains("Restituita in bozza")))
        }
    }

    /// A return still standing when the year is allocated: the page says how the appraisal was paid, not to record it.
    @Test func aReturnStandingInAnAllocatedYearSaysHowItWasPaid() async throws {
        try await withSegretarioObjectives { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/segretario")
            #expect(try await hr.post("/hr/segretario", fields(page, reference: "Decreto n. 12", rated: [("5", "A"), ("4", "B")])).status == .seeOther)
            #expect(try await hr.post("/hr/anni/2024/valutazioni/S1/bozza", [("csrf", csrf), ("motivo", "Da rettificare"), try await shownSubmission(hr)]).status == .seeOther)
            try database.withConnection { try forceYearState($0, "allocated", year: WebFixture.year) }
            let organ = try await hr.get("/hr/segretario").text
            #expect(organ.contains("— motivo: Da rettificare<br>Non è tornata definitiva prima della ripartizione: è stata ripartita "
                                   + "con le valutazioni come si trovavano allora."))
            #expect(!organ.contains("La registri di nuovo"))
        }
    }
}
