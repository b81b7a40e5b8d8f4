import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The stored objectives of the 2024 fixture year: `employee:code:weight:cosa/come` in order.
private func objectives(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("""
            SELECT employee_id || ':' || code || ':' || weight_bp || ':' || coalesce(cosa::text || come, '-') AS o
            FROM individual_objectives WHERE year = 2024 ORDER BY employee_id, position, code
            """).map { try $0.string("o") }
    }
}

private func digest(in page: TestResponse) -> String {
    page.text.firstMatch(of: /name="versione" value="([0-9a-f]+)"/).map { String($0.1) } ?? ""
}

@Suite("HR assigns objectives and weights, one person at a time or by CSV upload")
struct ObjectiveAdminTests {
    @Test func theListFlagsPeopleWithoutObjectivesAndEscapesNames() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/obiettivi")
            #expect(page.status == .ok)
            // S1, M1, M2 have no objectives; E1 and E2 have weights summing to 100 %.
            #expect(page.text.contains("3 persone senza obiettivi"))
            #expect(page.text.contains("&lt;script&gt;"))
            #expect(!page.text.contains(WebFixture.hostileName))
            let area = try await browser.get("/hr/obiettivi?area=A2")
            #expect(area.text.contains("Bianchi Anna"))
            #expect(!area.text.contains("&lt;script&gt;"))
            // A person with no objective yet is offered six rows, as many as a person has at most; one with objectives, three more.
            #expect(try await browser.get("/hr/obiettivi/M1").text.contains("name=\"rows\" value=\"6\""))
            let e1 = try await browser.get("/hr/obiettivi/E1").text
            #expect(e1.contains("name=\"rows\" value=\"5\"") || e1.contains("name=\"rows\" value=\"4\""), "\(e1)")
        }
    }

    @Test func theListIsPagedWithTheCountsOfEveryoneChosen() async throws {
        try await withWebApp { _, database in
            let assignments = ObjectiveAssignments(store: try database.store(), body: WebFixture.body, year: 2024)
            var query = PeopleChoice(pageSize: 2)
            var seen: [String] = []
            for number in 1...3 {
                query.page = number
                let page = try await assignments.page(query)
                #expect(page.lines.count == (number < 3 ? 2 : 1), "page \(number)")
                #expect(page.people == 5 && page.incomplete == 3, "page \(number)")
                seen += page.lines.map(\.employeeID)
            }
            // The pages, one after the other, are the whole list in its order: the Segretario Generale (no Area)
            // first, then Area by Area.
            let whole = try await assignments.page(PeopleChoice())
            #expect(seen == whole.lines.map(\.employeeID))
            #expect(Set(seen) == ["S1", "M1", "M2", "E1", "E2"])
            #expect(seen.first == "S1" && Array(seen.suffix(2)) == ["E2", "M2"])
            query.page = 4
            let past = try await assignments.page(query)
            #expect(past.lines.isEmpty && past.people == 5 && past.incomplete == 3, "past the last page, the counts are still there")

            let incomplete = try await assignments.page(PeopleChoice(pendingOnly: true))
            #expect(Set(incomplete.lines.map(\.employeeID)) == ["S1", "M1", "M2"])
            #expect(incomplete.people == 5 && incomplete.incomplete == 3)
            let found = try await assignments.page(PeopleChoice(search: "BIANCHI"))
            #expect(found.lines.map(\.employeeID) == ["E2"])
            let byID = try await assignments.page(PeopleChoice(area: "A1", search: "e1"))
            #expect(byID.lines.map(\.employeeID) == ["E1"])
            // A search is text, not a pattern: % and _ match only themselves.
            #expect(try await assignments.page(PeopleChoice(search: "%")).lines.isEmpty)
            // Only the incomplete, when nobody is: no line, and the counts of everyone chosen.
            let complete = try await assignments.page(PeopleChoice(area: "A1", search: "e1", pendingOnly: true))
            #expect(complete.lines.isEmpty && complete.people == 1 && complete.incomplete == 0)
        }
    }

    @Test func aTamperedRowCountIsReadAsNoRowsNotACrash() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/obiettivi/E1")
            let before = try objectives(database)
            let answer = try await browser.post("/hr/obiettivi/E1", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2024"), ("versione", digest(in: page)),
                                                                     ("rows", "-1")])
            #expect(answer.status != .internalServerError)
            #expect(try await browser.get("/hr/obiettivi").status == .ok, "the server still answers")
            #expect(try objectives(database).count <= before.count)
        }
    }

    @Test func theListPageSearchesFiltersAndLeadsBackFromPastTheEnd() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("hr")
            let found = try await browser.get("/hr/obiettivi?cerca=bianchi")
            #expect(found.text.contains("Bianchi Anna"))
            #expect(!found.text.contains("Dirigente Uno"))
            #expect(found.text.contains("value=\"bianchi\""))
            let incomplete = try await browser.get("/hr/obiettivi?incompleti=1")
            #expect(incomplete.text.contains("Dirigente Uno") && incomplete.text.contains("Segretaria Generale"))
            #expect(!incomplete.text.contains("Bianchi Anna"))
            #expect(incomplete.text.contains("5 persone; 3 persone senza obiettivi"))
            let past = try await browser.get("/hr/obiettivi?pagina=9&cerca=a%20b")
            #expect(past.status == .ok)
            #expect(past.text.contains("Nessuna persona in questa pagina"))
            #expect(past.text.contains("href=\"/hr/obiettivi?anno=2024&amp;cerca=a%20b\""))
            // One page: no page links.
            let all = try await browser.get("/hr/obiettivi")
            #expect(!all.text.contains("rel=\"next\"") && !all.text.contains("Pagina 1 di"))
        }
    }

    /// `paola caruso` found nobody called Caruso Paola, `nicolo` nobody called Nicolò.
    @Test func theSearchTakesWordsInAnyOrderWhateverTheAccents() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("hr")
            #expect(try await browser.get("/hr/obiettivi?cerca=anna%20BIANCHI").text.contains("Bianchi Anna"))
            // Word by word, each in the name or in the employee id.
            #expect(try await browser.get("/hr/obiettivi?cerca=anna%20%20e2").text.contains("Bianchi Anna"))
            #expect(!(try await browser.get("/hr/obiettivi?cerca=anna%20uno").text.contains("Bianchi Anna")))
            func matches(_ name: String, _ search: String) throws -> Bool {
                let words = PeopleChoice(search: search).searchWords
                return try database.withConnection { db in
                    !(try db.execute("SELECT 1 FROM (SELECT $2::text AS name, 'X1'::text AS id) p WHERE "
                                     + PeopleChoice.searchCondition("$1", name: "name", id: "id"), [words, name]).isEmpty)
                }
            }
            #expect(try matches("Nicolò D'Angelo", "nicolo"))
            #expect(try matches("Nicolò D’Angelo", "d'angelo NICOLÒ"))
            #expect(try matches("ÈRICA Nicolò", "erica x1"))
            #expect(try matches("Nicolò D'Angelo", "  "))
            #expect(!(try matches("Nicolò D'Angelo", "nicola")))
        }
    }

    @Test func theLinksOfAPageKeepTheChoice() {
        var choice = PeopleChoice(area: "A 1", search: "Rossi & C.", pendingOnly: true, page: 2, pageSize: 10)
        let values = choice.paging("/hr/obiettivi", flag: "incompleti", shown: 25, isEmpty: false)
        #expect(values["pageOf"] as? String == "Pagina 2 di 3")
        #expect(values["previous"] as? String == "/hr/obiettivi?area=A%201&cerca=Rossi%20%26%20C.&incompleti=1")
        #expect(values["next"] as? String == "/hr/obiettivi?area=A%201&cerca=Rossi%20%26%20C.&incompleti=1&pagina=3")
        choice.page = 3
        #expect(choice.paging("/hr/obiettivi", flag: "incompleti", shown: 25, isEmpty: false)["next"] == nil)
        choice.page = 4
        #expect(choice.paging("/hr/obiettivi", flag: "incompleti", shown: 0, isEmpty: true)["pastTheEnd"] as? String
                == "/hr/obiettivi?area=A%201&cerca=Rossi%20%26%20C.&incompleti=1")
        #expect(PeopleChoice().paging("/hr/obiettivi", flag: "incompleti", shown: 500, isEmpty: false).isEmpty,
                "one page: no links")
    }

    @Test func savingOnePersonKeepsTheRatingsOfKeptObjectivesAndNeedsWeightsOf100() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'B' WHERE year = 2024 AND employee_id = 'E1' AND code = 'OB1'")
            }
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/obiettivi/E1")
            #expect(page.status == .ok)
            #expect(page.text.contains("cosa 5, come B"))
            let csrf = Browser.csrf(in: page) ?? ""
            // OB1 kept at 50 %, OB2 removed, OB3 new at 30 %: 80 % in all, refused.
            var fields: [(String, String)] = [("csrf", csrf), ("anno", "2024"), ("versione", digest(in: page)), ("rows", "4"),
                                              ("code_0", "OB1"), ("title_0", "Tempi"), ("weight_0", "50"),
                                              ("code_1", "OB2"), ("title_1", "Archivio"), ("weight_1", "40"), ("remove_1", "on"),
                                              ("code_2", "OB3"), ("title_2", "Nuovo <obiettivo>"), ("weight_2", "30"),
                                              ("code_3", ""), ("title_3", ""), ("weight_3", "")]
            let refused = try await browser.post("/hr/obiettivi/E1", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("I pesi sommano a 80,00 %"))
            #expect(refused.text.contains("Nuovo &lt;obiettivo&gt;"))
            #expect(try objectives(database) == ["E1:OB1:6000:5B", "E1:OB2:4000:-", "E2:OB1:10000:-"])

            fields[fields.firstIndex { $0.0 == "weight_2" }!] = ("weight_2", "50")
            // A title has a length, as in objectives.csv.
            var tooLong = fields
            tooLong[tooLong.firstIndex { $0.0 == "title_2" }!] = ("title_2", String(repeating: "t", count: 501))
            let long = try await browser.post("/hr/obiettivi/E1", tooLong)
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("Il titolo ha al massimo 500 caratteri."))
            #expect(try objectives(database) == ["E1:OB1:6000:5B", "E1:OB2:4000:-", "E2:OB1:10000:-"])
            let saved = try await browser.post("/hr/obiettivi/E1", fields)
            #expect(saved.location == "/hr/obiettivi/E1?anno=2024&salvato=1")
            #expect(try objectives(database) == ["E1:OB1:5000:5B", "E1:OB3:5000:-", "E2:OB1:10000:-"])

            // The same form again is out of date: refused, nothing written.
            fields[fields.firstIndex { $0.0 == "weight_0" }!] = ("weight_0", "40")
            fields[fields.firstIndex { $0.0 == "weight_2" }!] = ("weight_2", "60")
            fields[fields.firstIndex { $0.0 == "title_2" }!] = ("title_2", "Testo digitato nel modulo superato")
            let stale = try await browser.post("/hr/obiettivi/E1", fields)
            #expect(stale.status == .conflict)
            // What was typed is not lost: shown apart from the form, which holds the objectives as they now are.
            let unsaved = try #require(stale.text.firstRange(of: "<h2 id=\"non-salvati\">Le modifiche non salvate</h2>"), "\(stale.text)")
            #expect(stale.text[unsaved.upperBound...].contains("<td>Testo digitato nel modulo superato</td><td>60</td>"), "\(stale.text)")
            #expect(!stale.text[..<unsaved.lowerBound].contains("Testo digitato nel modulo superato"))
            #expect(try objectives(database) == ["E1:OB1:5000:5B", "E1:OB3:5000:-", "E2:OB1:10000:-"])
            let audited = try database.withConnection { db in
                try db.execute("SELECT count(*) AS n FROM audit_log WHERE table_name = 'individual_objectives' AND actor = 'hr'")[0].int("n")
            }
            #expect(audited >= 2)
        }
    }

    /// A closed year refuses a save or an upload that would change nothing too: it says the year is closed, not
    /// "Obiettivi salvati" or "File importato".
    @Test func aClosedYearSavesNothingAndSaysSoEvenForAnUnchangedForm() async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            try await PublishedYearFixture.insertAllocated(into: database.store())
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/obiettivi/E2?anno=2023")
            let csrf = Browser.csrf(in: page) ?? ""
            let unchanged = try await browser.post("/hr/obiettivi/E2", [("csrf", csrf), ("anno", "2023"), ("versione", digest(in: page)),
                                                                        ("rows", "1"), ("code_0", "OB1"), ("title_0", ""), ("weight_0", "100")])
            #expect(unchanged.status == .conflict, "\(unchanged.text)")
            #expect(unchanged.text.contains(HTML.escape(ObjectiveAdminRoutes.lockedMessage)))
            let same = Array("employee_id;objective;title;weight;cosa;come\nE2;OB1;;100;4;A\n".utf8)
            let uploaded = try await HRPagesFixture.upload(same, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                           fields: [("anno", "2023")], with: browser)
            #expect(uploaded.status == .conflict, "\(uploaded.text)")
            #expect(uploaded.text.contains(HTML.escape(ObjectiveAdminRoutes.lockedMessage)))
        }
    }

    /// Every objective of an assessable person ticked for removal: refused next to the total, their objectives and
    /// ratings kept (saved, the year could no longer be allocated); a person not assessable may have none.
    @Test func anAssessablePersonKeepsAtLeastOneObjective() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'B' WHERE year = 2024 AND employee_id = 'E1' AND code = 'OB1'")
            }
            _ = try await browser.login("hr")
            func removingAll(_ employee: String) async throws -> TestResponse {
                let page = try await browser.get("/hr/obiettivi/\(employee)")
                let rows = try database.withConnection { db in
                    try db.execute("SELECT code, weight_bp FROM individual_objectives WHERE year = 2024 AND employee_id = $1 ORDER BY code",
                                   [employee]).map { (try $0.string("code"), try $0.int("weight_bp")) }
                }
                var fields: [(String, String)] = [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2024"), ("versione", digest(in: page)),
                                                  ("rows", String(rows.count))]
                for (i, row) in rows.enumerated() {
                    fields += [("code_\(i)", row.0), ("title_\(i)", ""), ("weight_\(i)", String(row.1 / 100)), ("remove_\(i)", "on")]
                }
                return try await browser.post("/hr/obiettivi/\(employee)", fields)
            }
            let before = try objectives(database)
            let refused = try await removingAll("E1")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Una persona valutabile ha almeno un obiettivo"), "\(refused.text)")
            #expect(try objectives(database) == before)

            try database.withConnection { db in
                try db.execute("UPDATE staff_years SET not_assessable_reason = 'Servizio di due mesi' WHERE year = 2024 AND employee_id = 'E2'")
            }
            let saved = try await removingAll("E2")
            #expect(saved.location == "/hr/obiettivi/E2?anno=2024&salvato=1", "\(saved.status)")
            #expect(try objectives(database) == before.filter { !$0.hasPrefix("E2:") })
        }
    }

    @Test func aCSVUploadIsAllOrNothingWithEveryFaultNamed() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try objectives(database)
            let bad = HRPagesFixture.csv([
                "employee_id;objective;title;weight;cosa;come",
                "M1;OB1;Bilancio;60;;", "M1;OB2;Personale;40;;",
                "E2;OB1;Bilancio sociale;70;;", "E2;OB2;Sportello;20;;",
                "X9;OB1;Sconosciuto;100;;",
                "S1;OB1;Coordinamento;100;7;A",
            ])
            let refused = try await HRPagesFixture.upload(bad, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains("obiettivi.csv, riga 6, campo employee_id"))
            #expect(html.contains("obiettivi.csv, riga 7, campo cosa"))
            #expect(html.contains("nulla è stato scritto"))
            // Listed beside the file field, which they describe.
            let list = try #require(html.firstMatch(of: /<ul class="faults" id="file-errori">(.*?)<\/ul>/.dotMatchesNewlines()))
            #expect(list.1.contains("<li class=\"fault error\">obiettivi.csv, riga 6, campo employee_id"))
            #expect(list.1.contains("<li class=\"fault error\">obiettivi.csv, riga 7, campo cosa"))
            #expect(html.contains("<input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv\" aria-invalid=\"true\" aria-describedby=\"file-errori\">"))
            #expect(try objectives(database) == before)

            // Weights that do not sum to 100: the fault's value is their sum, the rule names the person.
            let unbalanced = HRPagesFixture.csv(["employee_id;objective;title;weight;cosa;come", "E2;OB1;Bilancio sociale;70;;", "E2;OB2;Sportello;20;;"])
            let weights = try await HRPagesFixture.upload(unbalanced, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(weights.status == .unprocessableContent)
            #expect(weights.text.contains("obiettivi.csv, riga 2, campo weight («90"), "\(weights.text)")
            #expect(weights.text.contains("i pesi degli obiettivi di E2 sommano a 90,00: devono sommare a 100"), "\(weights.text)")
            #expect(try objectives(database) == before)

            // Every fault in one round: a row's, and another person's weights; the person with a faulty row is not also
            // told their weights do not add up (the row left out would make them look short).
            let both = HRPagesFixture.csv(["employee_id;objective;title;weight;cosa;come", "E2;OB1;Bilancio sociale;50;;",
                                           "E2;OB2;Sportello;40;;", "M1;OB1;Bilancio;60;7;A", "M1;OB2;Personale;40;;"])
            let once = try await HRPagesFixture.upload(both, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                      fields: [("anno", "2024")], with: hr)
            #expect(once.status == .unprocessableContent)
            #expect(once.text.contains("obiettivi.csv, riga 2, campo weight («90"), "\(once.text)")
            #expect(once.text.contains("obiettivi.csv, riga 4, campo cosa («7»)"), "\(once.text)")
            #expect(!once.text.contains("i pesi degli obiettivi di M1"), "\(once.text)")
            #expect(try objectives(database) == before)

            let good = HRPagesFixture.csv([
                "employee_id;objective;title;weight;cosa;come",
                "M1;OB1;Bilancio;60;;", "M1;OB2;Personale;40;;", "E2;OB1;Bilancio sociale;66,67;;", "E2;OB2;Sportello;33,33;4;B",
            ])
            let done = try await HRPagesFixture.upload(good, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(done.location == "/hr/obiettivi?anno=2024&importati=2")
            #expect(try objectives(database) == ["E1:OB1:6000:-", "E1:OB2:4000:-", "E2:OB1:6667:-", "E2:OB2:3333:4B",
                                                 "M1:OB1:6000:-", "M1:OB2:4000:-"])
        }
    }

    /// A file with its cosa and come columns deleted (in a spreadsheet) would clear the ratings managers gave: refused,
    /// nothing written. A file that gives any rating may still leave some blank on purpose.
    @Test func anUploadWithNoRatingDoesNotClearTheStoredOnes() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'A' WHERE employee_id = 'E2' AND year = 2024")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try objectives(database)
            let noRatings = HRPagesFixture.csv(["employee_id;objective;title;weight", "E2;OB1;Bilancio sociale;100"])
            let refused = try await HRPagesFixture.upload(noRatings, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                          fields: [("anno", "2024")], with: hr)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("cancellerebbe una valutazione già registrata"), "\(refused.text)")
            #expect(try objectives(database) == before)
            // Nor its title column, deleted the same way: the stored title stays.
            let noTitles = HRPagesFixture.csv(["employee_id;objective;weight;cosa;come", "E2;OB1;100;5;A"])
            let untitled = try await HRPagesFixture.upload(noTitles, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                           fields: [("anno", "2024")], with: hr)
            #expect(untitled.status == .unprocessableContent)
            #expect(untitled.text.contains("cancellerebbe un titolo già registrato"), "\(untitled.text)")
            let title = try database.withConnection {
                try $0.execute("SELECT title FROM individual_objectives WHERE employee_id = 'E2' AND year = 2024")[0].string("title")
            }
            #expect(title == "Bilancio sociale")
        }
    }

    /// A file that rates some people and gives another none, whose draft a manager has saved, would clear that draft:
    /// refused, naming the person and how many ratings, nothing written. Rating any one of their objectives is enough.
    @Test func anUploadThatGivesAPersonNoRatingDoesNotClearTheirDraft() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'A' WHERE employee_id = 'E2' AND year = 2024")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try objectives(database)
            let header = "employee_id;objective;title;weight;cosa;come"
            let mixed = HRPagesFixture.csv([header, "M1;OB1;Bilancio;60;4;B", "M1;OB2;Personale;40;4;B",
                                            "E2;OB1;Bilancio sociale;66,67;;", "E2;OB2;Sportello;33,33;;"])
            let refused = try await HRPagesFixture.upload(mixed, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                          fields: [("anno", "2024")], with: hr)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("non porta alcuna valutazione per 1 persona di cui cancellerebbe una valutazione già registrata "
                                          + "degli stessi obiettivi: E2 (1) (matricola e numero di valutazioni)"), "\(refused.text)")
            #expect(refused.text.contains("Riporti nel file le colonne cosa e come di questa persona"))
            #expect(try objectives(database) == before, "nothing written")
            let oneRated = HRPagesFixture.csv([header, "M1;OB1;Bilancio;60;4;B", "M1;OB2;Personale;40;4;B",
                                               "E2;OB1;Bilancio sociale;66,67;;", "E2;OB2;Sportello;33,33;5;A"])
            let done = try await HRPagesFixture.upload(oneRated, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                       fields: [("anno", "2024")], with: hr)
            #expect(done.location == "/hr/obiettivi?anno=2024&importati=2", "\(done.text)")
        }
    }

    /// A weight on the form is taken as objectives.csv takes it: above 0 (an objective that does not count is removed),
    /// a comma or a point, and `1.000` refused as ambiguous. The form took 0 and refused 33.33.
    @Test func theFormTakesWeightsAsTheFileDoes() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("hr")
            func save(_ weights: (String, String)) async throws -> TestResponse {
                let page = try await browser.get("/hr/obiettivi/E1")
                return try await browser.post("/hr/obiettivi/E1", [
                    ("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2024"), ("versione", digest(in: page)), ("rows", "2"),
                    ("code_0", "OB1"), ("title_0", "Tempi"), ("weight_0", weights.0),
                    ("code_1", "OB2"), ("title_1", "Archivio"), ("weight_1", weights.1),
                ])
            }
            let zero = try await save(("100", "0"))
            #expect(zero.status == .unprocessableContent)
            #expect(zero.text.contains("Peso in percentuale sopra 0 e fino a 100"), "\(zero.text)")
            #expect(try objectives(database).prefix(2) == ["E1:OB1:6000:-", "E1:OB2:4000:-"])
            let point = try await save(("66.67", "33.33"))
            #expect(point.location == "/hr/obiettivi/E1?anno=2024&salvato=1", "\(point.text)")
            #expect(try objectives(database).prefix(2) == ["E1:OB1:6667:-", "E1:OB2:3333:-"])
            // `1.000` is one thousand to some and one to others: refused as the files refuse it, saying how to write it.
            let ambiguous = try await save(("1.000", "99"))
            #expect(ambiguous.status == .unprocessableContent)
            #expect(ambiguous.text.contains("aria-describedby=\"weight_0-errore\"><span class=\"field-error\" id=\"weight_0-errore\">"
                                            + HTML.escape(FormNumbers.ambiguousPercentMessage)), "\(ambiguous.text)")
            #expect(try objectives(database).prefix(2) == ["E1:OB1:6667:-", "E1:OB2:3333:-"])
            let tenth = try await save(("30.5", "69,5"))
            #expect(tenth.location == "/hr/obiettivi/E1?anno=2024&salvato=1", "\(tenth.text)")
            #expect(try objectives(database).prefix(2) == ["E1:OB1:3050:-", "E1:OB2:6950:-"])
        }
    }

    @Test func anUploadReplacesItsPeoplesObjectivesAndLeavesEveryoneElse() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let first = HRPagesFixture.csv([
                "employee_id;objective;title;weight;cosa;come",
                "M1;OB1;Bilancio;60;5;A", "M1;OB2;Personale;40;3;C", "E2;OB1;Bilancio sociale;100;;",
            ])
            _ = try await HRPagesFixture.upload(first, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            let others = try objectives(database).filter { !$0.hasPrefix("M1:") && !$0.hasPrefix("E2:") }
            let lastAudit = try database.withConnection { db in try db.execute("SELECT coalesce(max(audit_id), 0) AS id FROM audit_log")[0].int64("id") }
            // The second file keeps M1's OB2 (re-weighted, ratings as written in the file), drops OB1, adds OB3.
            let second = HRPagesFixture.csv([
                "employee_id;objective;title;weight;cosa;come",
                "M1;OB3;Formazione;30;;", "M1;OB2;Personale;70;6;B",
            ])
            let done = try await HRPagesFixture.upload(second, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(done.location == "/hr/obiettivi?anno=2024&importati=1")
            let after = try objectives(database)
            #expect(after.filter { $0.hasPrefix("M1:") } == ["M1:OB3:3000:-", "M1:OB2:7000:6B"])
            #expect(after.filter { $0.hasPrefix("E2:") } == ["E2:OB1:10000:-"])
            #expect(after.filter { !$0.hasPrefix("M1:") && !$0.hasPrefix("E2:") } == others)
            let logged = try database.withConnection { db in
                try db.execute("""
                    SELECT operation || ' ' || coalesce(old_value->>'employee_id', '') || ' ' || coalesce(old_value->>'code', '') AS entry
                    FROM audit_log WHERE table_name = 'individual_objectives' AND audit_id > $1 ORDER BY entry
                    """, [lastAudit]).map { try $0.string("entry") }
            }
            // The dropped objective's deletion and the kept one's update are on record, row by row; the new one's
            // insertion as one line for the statement.
            #expect(logged.contains("DELETE M1 OB1"))
            #expect(logged.contains("UPDATE M1 OB2"))
            #expect(logged.contains { $0.hasPrefix("INSERT") })
        }
    }

    @Test func weightsNotSummingTo100InTheFileAreRefused() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let before = try objectives(database)
            let file = HRPagesFixture.csv(["employee_id;objective;title;weight", "E2;OB1;A;70", "E2;OB2;B;20"])
            let refused = try await HRPagesFixture.upload(file, filename: "o.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("o.csv, riga 2, campo weight («90,00»)"), "\(refused.text)")
            #expect(refused.text.contains("devono sommare a 100"))
            #expect(try objectives(database) == before)
            #expect(try await HRPagesFixture.upload(file, filename: "o.csv", to: "/hr/obiettivi/importa", csrf: nil, with: hr).status == .forbidden)
        }
    }

    @Test func onlyHRAssignsObjectives() async throws {
        try await withWebApp { browser, database in
            let before = try objectives(database)
            #expect(try await browser.get("/hr/obiettivi").location == "/login?torna=%2Fhr%2Fobiettivi")
            let (manager, csrf) = try await HRPagesFixture.loggedIn("m1", on: browser.client)
            #expect(try await manager.get("/hr/obiettivi").status == .forbidden)
            #expect(try await manager.get("/hr/obiettivi/E1").status == .forbidden)
            let post = try await manager.post("/hr/obiettivi/E1", [("csrf", csrf), ("anno", "2024"), ("rows", "1"), ("code_0", "X"), ("weight_0", "100")])
            #expect(post.status == .forbidden)
            let file = HRPagesFixture.csv(["employee_id;objective;title;weight", "E1;X;A;100"])
            #expect(try await HRPagesFixture.upload(file, to: "/hr/obiettivi/importa", csrf: csrf, with: manager).status == .forbidden)
            #expect(try objectives(database) == before)
        }
    }
}
