import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// The submissions of the fixture's year as stored: "employee:submitted_by", in order.
func storedSubmissions(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT employee_id || ':' || submitted_by AS s FROM appraisal_submissions ORDER BY employee_id")
            .map { try $0.string("s") }
    }
}

/// The row of the staff list that links to `employee`.
func staffRow(_ employee: String, in html: String) throws -> String {
    let start = try #require(html.range(of: "/valutazioni/\(employee)\""))
    let end = try #require(html.range(of: "</tr>", range: start.upperBound..<html.endIndex))
    return String(html[start.lowerBound..<end.lowerBound])
}

/// m1 rates E1 completely and submits it as final; returns the CSRF token.
@discardableResult
func submitE1(_ browser: Browser) async throws -> String {
    _ = try await browser.login("m1")
    let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
    let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "invia")])
    #expect(response.status == .seeOther)
    #expect(response.location == "/valutazioni/E1?inviato=1")
    return csrf
}

/// m2 rates E2's only objective (4 A) and saves it as a draft: rated, not submitted.
func saveE2Draft(_ m2: Browser) async throws {
    _ = try await m2.login("m2")
    let csrf = try #require(Browser.csrf(in: try await m2.get("/valutazioni/E2")))
    let response = try await m2.post("/valutazioni/E2", [("csrf", csrf), ("code_0", "OB1"), ("version_0", "1"), ("cosa_0", "4"),
                                                         ("come_0", "A"), ("azione", "bozza")])
    #expect(response.status == .seeOther)
}

@Suite("Draft and final appraisals")
struct SubmissionTests {
    @Test func aDraftIsSavedThenSubmittedAndBecomesReadOnly() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let form = try await browser.get("/valutazioni/E1")
            #expect(form.text.contains("<button type=\"submit\" name=\"azione\" value=\"bozza\">Salva bozza</button>"))
            #expect(form.text.contains("value=\"rivedi\" class=\"final\">Invia definitiva…</button>"))
            #expect(try staffRow("E1", in: try await browser.get("/valutazioni").text).contains("da valutare"))
            let csrf = try #require(Browser.csrf(in: form))
            let draft = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("", "")]) + [("azione", "bozza")])
            #expect(draft.status == .seeOther)
            // OB2, left unrated, is left as it was: no new version.
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)
            #expect(try staffRow("E1", in: try await browser.get("/valutazioni").text).contains("<td class=\"status\">bozza</td>"))

            let submitted = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 1], ratings: [("5", "A"), ("3", "B")])
                                                   + [("azione", "invia")])
            #expect(submitted.status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            #expect(try storedSubmissions(database) == ["E1:m1"])
            let page = try await browser.get(try #require(submitted.location))
            #expect(page.text.contains("Valutazione inviata come definitiva."))
            #expect(page.text.contains("Inviata il "))
            #expect(page.text.contains(" da m1: la valutazione è definitiva"))
            #expect(page.text.contains("<strong class=\"band\">MEDIA</strong>"))
            #expect(!page.text.contains("Salva bozza"))
            #expect(!page.text.contains("Invia definitiva"))
            #expect(page.text.contains("name=\"cosa_0\" disabled"))
            #expect(try staffRow("E1", in: try await browser.get("/valutazioni").text).contains("<td class=\"status\">inviata</td>"))
        }
    }

    @Test func submittingWithAnUnratedObjectiveIsRefusedAndNothingIsMarked() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("", "")]) + [("azione", "invia")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("La valutazione non è stata inviata né salvata"))
            #expect(response.text.contains("Per l&#39;invio definitivo indicare il cosa.") || response.text.contains("Per l'invio definitivo indicare il cosa."))
            #expect(!response.text.contains("Inviata il "))
            // The manager's entries are kept on the page.
            #expect(response.text.contains("<option value=\"5\" selected>5</option>"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    /// A form that names one objective twice (tampered with, or built by hand) would leave the other unrated in a
    /// final submission: it is refused as out of date, and nothing is saved or submitted.
    @Test func aFormThatRepeatsAnObjectiveIsRefused() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let form = [("csrf", csrf), ("code_0", "OB1"), ("version_0", "1"), ("cosa_0", "5"), ("come_0", "A"),
                        ("code_1", "OB1"), ("version_1", "1"), ("cosa_1", "6"), ("come_1", "A"), ("azione", "invia")]
            let response = try await browser.post("/valutazioni/E1", form)
            #expect(response.status == .conflict)
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    /// A person who cannot be assessed (a reason recorded, or too few months of service) counts in band BASSA
    /// whatever their ratings: their appraisal is submitted as it is, without every objective rated.
    @Test func aNotAssessableAppraisalIsSubmittedWithoutRatings() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE staff_years SET not_assessable_reason = 'aspettativa per tutto l''anno' WHERE employee_id = 'E1'")
            }
            _ = try await browser.login("m1")
            // The page and the list say there is nothing to rate, only to submit; the dashboard counts it as rated.
            let page = try await browser.get("/valutazioni/E1")
            #expect(page.text.contains("Non c'è nulla da valutare: gli obiettivi non si valutano. La invii come definitiva per confermare che la valutazione non è effettuabile."))
            #expect(!page.text.contains("quando ogni obiettivo è valutato"))
            #expect(try staffRow("E1", in: try await browser.get("/valutazioni").text).contains("<td class=\"status\">non valutabile, da inviare</td>"))
            let csrf = try #require(Browser.csrf(in: page))
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("", ""), ("", "")]) + [("azione", "invia")])
            #expect(response.location == "/valutazioni/E1?inviato=1", "\(response.text)")
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    /// Nothing to rate for a person not assessable: the fields are shown disabled, with no draft to save, and ratings
    /// posted all the same are not stored. A manager could rate them, and the employee's page then showed 6s with no
    /// bonus.
    @Test(arguments: ["bozza", "invia"])
    func aNotAssessableAppraisalTakesNoRating(action: String) async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE staff_years SET not_assessable_reason = 'aspettativa per tutto l''anno' WHERE employee_id = 'E1'")
            }
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni/E1")
            #expect(page.text.contains("<select id=\"cosa_0\" name=\"cosa_0\" disabled"), "\(page.text)")
            #expect(page.text.contains("<select id=\"come_1\" name=\"come_1\" disabled"))
            #expect(!page.text.contains("Salva bozza"))
            let csrf = try #require(Browser.csrf(in: page))
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("6", "A"), ("6", "A")]) + [("azione", action)])
            #expect(response.status == .seeOther, "\(response.text)")
            let stored = try storedRatings(database, of: "E1")
            #expect(stored.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == ["OB1:--", "OB2:--"], "\(stored)")
        }
    }

    @Test(arguments: ["bozza", "invia"])
    func aPostToASubmittedAppraisalIsRefusedAndChangesNothing(action: String) async throws {
        try await withWebApp { browser, database in
            let csrf = try await submitE1(browser)
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: [("1", "C"), ("1", "C")])
                                                  + [("azione", action)])
            #expect(response.status == .conflict)
            #expect(response.text.contains("Questa valutazione è già stata inviata come definitiva il "))
            #expect(response.text.contains("si rivolga all&#39;ufficio personale") || response.text.contains("si rivolga all'ufficio personale"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    /// After each appraisal, the next one to submit in the order of the list (Area, then name), from the top
    /// again after the last; people without objectives and appraisals already submitted are skipped.
    @Test func eachAppraisalLeadsToTheNextOneToSubmit() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("sg")
            // The Segretario Generale's staff: M1 and E1 (Area Uno), E2 and M2 (Area Due); M1 and M2 have no objectives.
            let e1 = try await browser.get("/valutazioni/E1").text
            #expect(e1.contains("<a href=\"/valutazioni/E2\">Successiva da inviare: Bianchi Anna (E2) →</a>"))
            #expect(e1.contains("(è l'ultima valutazione da inviare)"))
            let e2 = try await browser.get("/valutazioni/E2").text
            #expect(e2.contains("<a href=\"/valutazioni/E1\">Successiva da inviare: \(HTML.escape(WebFixture.hostileName)) (E1) →</a>"))
            // In Area Uno "<script>…" (E1) sorts before "Dirigente Uno" (M1); in Area Due, M2 is the last of all.
            #expect(try await browser.get("/valutazioni/M1").text.contains("<a href=\"/valutazioni/E2\">"))
            #expect(try await browser.get("/valutazioni/M2").text.contains("<a href=\"/valutazioni/E1\">"))

            let m1 = Browser(browser.client)
            try await submitE1(m1)
            let afterE1 = try await browser.get("/valutazioni/E2").text
            #expect(!afterE1.contains("Successiva da inviare"))
            #expect(!afterE1.contains("Tutte le valutazioni"))
            #expect(try await browser.get("/valutazioni/M2").text.contains("<a href=\"/valutazioni/E2\">Successiva da inviare"))
            // m1's only person is submitted: nothing left.
            #expect(try await m1.get("/valutazioni/E1").text.contains("Tutte le valutazioni del suo personale sono state inviate."))
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    @Test func theListShowsEachPersonsStatus() async throws {
        try await withWebApp { browser, _ in
            try await submitE1(browser)
            try await saveE2Draft(Browser(browser.client))
            let sg = Browser(browser.client)
            _ = try await sg.login("sg")
            let list = try await sg.get("/valutazioni").text
            for (employee, status) in [("E1", "inviata"), ("E2", "bozza"), ("M1", "da valutare"), ("M2", "da valutare")] {
                #expect(try staffRow(employee, in: list).contains("<td class=\"status\">\(status)</td>"), "\(employee)")
            }
            #expect(list.contains("Valutazioni complete: <strong>2</strong> su <strong>4</strong> · inviate: <strong>1</strong>"))
        }
    }

    @Test(arguments: [nil, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"])
    func submittingRequiresTheSessionsCSRFToken(csrf: String?) async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            var fields = e1Form(csrf: csrf ?? "", ratings: [("6", "A"), ("6", "A")]) + [("azione", "invia")]
            if csrf == nil { fields.removeFirst() }
            let response = try await browser.post("/valutazioni/E1", fields)
            #expect(response.status == .forbidden)
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    @Test func aSubmissionIsAuditedAndLockedWithTheYear() async throws {
        try await withWebApp { browser, database in
            try await submitE1(browser)
            let audited = try database.withConnection { db in
                try db.execute("""
                    SELECT operation || ':' || actor AS a FROM audit_log WHERE table_name = 'appraisal_submissions'
                    """).map { try $0.string("a") }
            }
            #expect(audited == ["INSERT:m1"])
            try database.withConnection { db in try forceYearState(db, "allocated", year: 2024) }
            #expect(throws: (any Error).self) {
                try database.withConnection { db in _ = try db.execute("DELETE FROM appraisal_submissions WHERE employee_id = 'E1'") }
            }
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    @Test func anAllocatedYearCannotBeSubmitted() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try database.withConnection { db in try forceYearState(db, "allocated", year: 2024) }
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "invia")])
            #expect(response.status == .conflict)
            #expect(response.text.contains("è già stato ripartito"))
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    @Test func anAppraisalWithoutObjectivesCannotBeSubmitted() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("sg")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/M1")))
            let response = try await browser.post("/valutazioni/M1", [("csrf", csrf), ("azione", "invia")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("non è ancora assegnato alcun obiettivo"))
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    /// The manager reviewed a final score; HR then swapped two of the objectives' weights. The confirmation, whose
    /// ratings the draft already holds, is refused as stale: making it final would store a score other than the one
    /// reviewed. A draft posted twice is still taken.
    @Test func aFinalSubmissionAfterHRChangedAWeightIsRefused() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let ratings = [("5", "A"), ("3", "B")]
            // A draft posted twice (a double click): the second finds the first's ratings and is taken.
            for _ in 0..<2 {
                let draft = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: ratings) + [("azione", "bozza")])
                #expect(draft.status == .seeOther)
            }
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            let review = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: ratings) + [("azione", "rivedi")])
            #expect(review.status == .ok)
            // As HR's objectives form does: the weights swapped, each row's version moved on.
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET weight_bp = 10000 - weight_bp, version = version + 1 WHERE employee_id = 'E1'")
            }
            let confirmed = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: ratings) + [("azione", "invia")])
            #expect(confirmed.status == .conflict)
            #expect(confirmed.text.contains("Nel frattempo questa valutazione è stata modificata"), "\(confirmed.text)")
            #expect(try storedSubmissions(database).isEmpty)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v3", "OB2:3B:v3"])
        }
    }
}
