import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// A manager's list of their staff, a page at a time: the counts of all their staff, whatever is chosen;
/// an Area, a search and the not-yet-submitted filter; the way back from past the last page.
@Suite("A manager's staff, a page at a time")
struct StaffListTests {
    @Test func pagesFollowOneAnotherWithTheCountsOfEveryone() async throws {
        try await withWebApp { _, database in
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'A' WHERE year = 2024 AND employee_id = 'E2'")
                try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2024, 'E2', 's')")
            }
            // The Segretaria Generale sees everyone but herself: M1, E1 (Area Uno), M2, E2 (Area Due).
            let ratings = Ratings(store: try database.store(), body: WebFixture.body, year: 2024, manager: "S1")
            let whole = try await ratings.staff(PeopleChoice())
            #expect(whole.lines.count == 4)
            #expect((whole.people, whole.complete, whole.submitted, whole.chosen) == (4, 1, 1, 4))
            var seen: [String] = []
            for number in 1...2 {
                let page = try await ratings.staff(PeopleChoice(page: number, pageSize: 3))
                #expect((page.people, page.complete, page.submitted, page.chosen) == (4, 1, 1, 4), "page \(number)")
                seen += page.lines.map(\.employeeID)
            }
            #expect(seen == whole.lines.map(\.employeeID))
            let past = try await ratings.staff(PeopleChoice(page: 3, pageSize: 3))
            #expect(past.lines.isEmpty && past.people == 4, "past the last page, the counts are still there")

            let pending = try await ratings.staff(PeopleChoice(pendingOnly: true))
            #expect(Set(pending.lines.map(\.employeeID)) == ["M1", "E1", "M2"])
            #expect(pending.chosen == 3 && pending.people == 4)
            #expect(try await ratings.staff(PeopleChoice(area: "A2")).lines.map(\.employeeID).sorted() == ["E2", "M2"])
            #expect(try await ratings.staff(PeopleChoice(search: "DUE")).lines.map(\.employeeID) == ["M2"])
            #expect(try await ratings.staff(PeopleChoice(search: "_")).lines.isEmpty)
            #expect(try await ratings.areas().map(\.id) == ["A1", "A2"])
            let m1 = Ratings(store: try database.store(), body: WebFixture.body, year: 2024, manager: "M1")
            #expect(try await m1.areas().map(\.id) == ["A1"])
            #expect(try await m1.staff(PeopleChoice(area: "A2")).lines.isEmpty, "an Area not theirs shows nobody")
        }
    }

    /// The Segretaria Generale's list counts each person's objectives in a query of its own (the whole year at
    /// once, without nested loops): each of her lines is the line the person's Area manager sees, a person
    /// without objectives and one half rated among them.
    @Test func theSegretariaSeesEachPersonAsTheirManagerDoes() async throws {
        try await withWebApp { _, database in
            try database.withConnection { db in
                try db.execute("DELETE FROM individual_objectives WHERE year = 2024 AND employee_id = 'E1'")
                try db.execute("INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp) VALUES ('ENTE', 2024, 'E2', 'ZZ', 0)")
                try db.execute("""
                    UPDATE individual_objectives SET cosa = 4, come = 'B'
                    WHERE year = 2024 AND employee_id = 'E2' AND code = (SELECT min(code) FROM individual_objectives
                                                                         WHERE year = 2024 AND employee_id = 'E2')
                    """)
                try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2024, 'E2', 's')")
            }
            func lines(_ manager: String) async throws -> [String: String] {
                let ratings = Ratings(store: try database.store(), body: WebFixture.body, year: 2024, manager: manager)
                return Dictionary(uniqueKeysWithValues: try await ratings.staff(PeopleChoice()).lines.map {
                    ($0.employeeID, "\($0.name) \($0.area) \($0.rated)/\($0.total) \($0.submitted)")
                })
            }
            let segretaria = try await lines("S1")
            let (m1, m2) = (try await lines("M1"), try await lines("M2"))
            #expect(Set(segretaria.keys) == ["M1", "E1", "M2", "E2"])
            #expect(Set(m1.keys) == ["E1"] && Set(m2.keys) == ["E2"])
            #expect(segretaria["E1"] == m1["E1"] && segretaria["E2"] == m2["E2"])
            #expect(segretaria["E1"]?.hasSuffix(" 0/0 false") == true, "\(segretaria)")
            let e2Objectives = try database.withConnection { db in
                try db.execute("SELECT count(*)::int AS n FROM individual_objectives WHERE year = 2024 AND employee_id = 'E2'")[0].int("n")
            }
            #expect(e2Objectives > 1)
            #expect(segretaria["E2"]?.hasSuffix(" 1/\(e2Objectives) true") == true, "\(segretaria)")
        }
    }

    /// A browser sends a GET form's space as `+`: "Bianchi Anna" typed in the search box finds her, with a space
    /// left after it too; an apostrophe typed either way (' or the ’ of phones and word processors) finds a name
    /// written either way.
    @Test func theSearchReadsWhatABrowserSends() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("sg")
            for query in ["Bianchi+Anna", "bianchi+anna+", "Bianchi%20Anna"] {
                let found = try await browser.get("/valutazioni?cerca=" + query)
                #expect(found.text.contains("Bianchi Anna") && !found.text.contains("Nessun collaboratore"), "\(query)")
                #expect(found.text.contains("value=\"Bianchi Anna\"") || found.text.contains("value=\"bianchi anna\""), "\(query)")
            }
            try database.withConnection { db in
                try db.execute("UPDATE employees SET name = 'D’Angelo Anna' WHERE employee_id = 'E1'")
            }
            for query in ["D%27Angelo", "d%E2%80%99angelo"] {
                let found = try await browser.get("/valutazioni?cerca=" + query)
                #expect(found.text.contains("D’Angelo Anna"), "\(query)")
            }
        }
    }

    /// In a year already allocated the list says so, and an appraisal never submitted reads as allocated as it stood,
    /// not as a draft to send; a person not assessable has nothing to rate.
    @Test func anAllocatedYearsListSaysWhatWasPaid() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE staff_years SET not_assessable_reason = 'in servizio da poco' WHERE employee_id = 'E2'")
            }
            _ = try await browser.login("sg")
            let open = try await browser.get("/valutazioni")
            #expect(open.text.contains("non valutabile, da inviare"))
            #expect(!open.text.contains("ripartita com"))
            try database.withConnection { db in try forceYearState(db, "allocated", year: 2024) }
            let closed = try await browser.get("/valutazioni")
            #expect(closed.text.contains("è stato ripartito: le valutazioni si possono leggere, non modificare"), "\(closed.text)")
            #expect(closed.text.contains("non inviata: ripartita com&#39;era") || closed.text.contains("non inviata: ripartita com'era"))
            #expect(!closed.text.contains(">bozza<") && !closed.text.contains(">da valutare<"))
            #expect(closed.text.contains("<td class=\"num\">—</td>"), "\(closed.text)")
        }
    }

    @Test func thePageSearchesFiltersAndSaysWhenNobodyMatches() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("sg")
            let found = try await browser.get("/valutazioni?cerca=bianchi")
            #expect(found.status == .ok)
            #expect(found.text.contains("Bianchi Anna") && !found.text.contains("Dirigente Uno"))
            #expect(found.text.contains("su <strong>4</strong>"), "the counts are of all the staff")
            #expect(found.text.contains("<option value=\"A2\">"), "the Segretaria Generale chooses among the Areas")
            let nobody = try await browser.get("/valutazioni?cerca=nessuno")
            #expect(nobody.text.contains("Nessun collaboratore corrisponde alla scelta"))
            #expect(!nobody.text.contains("<table"))
            let past = try await browser.get("/valutazioni?pagina=3&da-inviare=1")
            #expect(past.text.contains("Nessun collaboratore in questa pagina"))
            #expect(past.text.contains("href=\"/valutazioni?da-inviare=1\""))
        }
    }

    @Test func aPageNumberTooLargeForAnOffsetIsAPagePastTheLast() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("sg")
            let staff = try await browser.get("/valutazioni?pagina=9223372036854775807")
            #expect(staff.status == .ok)
            #expect(staff.text.contains("Nessun collaboratore in questa pagina"))
        }
        try await withWebApp { browser, _ in
            _ = try await browser.login("hr")
            for path in ["/hr/obiettivi?pagina=9223372036854775807", "/hr/registro?pagina=9223372036854775807",
                         "/hr/obiettivi?pagina=-5", "/hr/obiettivi?pagina=abc"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
        }
        #expect(PeopleChoice.pageNumber("9223372036854775807") == 1_000_000)
        #expect(PeopleChoice.pageNumber("0") == 1 && PeopleChoice.pageNumber(nil) == 1 && PeopleChoice.pageNumber("x") == 1)
    }

    /// Three people of the same name: the list, the link to the next appraisal and the page's title each give
    /// the employee id beside the name.
    @Test func homonymsAreToldApartByTheirEmployeeID() async throws {
        try await withWebApp { browser, database in
            try WebFixture.addToAreaUno(database, 3, name: "Caruso Paola", prefix: "P")
            _ = try await browser.login("m1")
            let list = try await browser.get("/valutazioni").text
            for id in ["P1", "P2", "P3"] {
                #expect(list.contains("<a href=\"/valutazioni/\(id)\">Caruso Paola</a> <span class=\"summary\">\(id)</span>"))
            }
            #expect(list.contains("<a href=\"/valutazioni/E1\">\(HTML.escape(WebFixture.hostileName))</a> <span class=\"summary\">E1</span>"))
            let p1 = try await browser.get("/valutazioni/P1").text
            #expect(p1.contains("<title>Valutazione di Caruso Paola (P1) · SIPAV</title>"))
            #expect(p1.contains("<a href=\"/valutazioni/P2\">Successiva da inviare: Caruso Paola (P2) →</a>"))
            #expect(try await browser.get("/valutazioni/P2").text
                .contains("<a href=\"/valutazioni/P3\">Successiva da inviare: Caruso Paola (P3) →</a>"))
        }
    }

    /// A manager of more than twenty people (117, say: one page, yet too long to scan) searches and filters;
    /// twenty are read at a glance.
    @Test(arguments: [(19, false), (20, true), (116, true)])
    func theSearchAndTheFilterAppearAboveTwentyPeople(added: Int, shown: Bool) async throws {
        try await withWebApp { browser, database in
            try WebFixture.addToAreaUno(database, added, name: "Persona", prefix: "X")
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni").text
            #expect(page.contains("su <strong>\(added + 1)</strong>"), "E1 and the people added")
            #expect(page.contains("<input id=\"cerca\" name=\"cerca\"") == shown)
            #expect(page.contains("name=\"da-inviare\"") == shown)
        }
    }

    @Test func aSmallListHasNoFilterAndAManagerOfOneAreaNoAreaChoice() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni")
            #expect(page.text.contains("href=\"/valutazioni/E1\""))
            #expect(!page.text.contains("class=\"filter\""), "one page of staff and nothing chosen: no form")
            let chosen = try await browser.get("/valutazioni?cerca=e1")
            #expect(chosen.text.contains("class=\"filter\""), "a choice made shows the form to change it")
            #expect(!chosen.text.contains("<select id=\"area\""), "one Area: nothing to choose")
        }
    }
}
