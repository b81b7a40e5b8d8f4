import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// The ratings of E1 as stored: (code, cosa, come, version).
func storedRatings(_ database: TestDatabase, of employee: String) throws -> [String] {
    try database.withConnection { db in
        try db.execute("""
            SELECT code || ':' || coalesce(cosa::text, '-') || coalesce(come, '-') || ':v' || version AS r
            FROM individual_objectives WHERE employee_id = $1 ORDER BY position
            """, [employee]).map { try $0.string("r") }
    }
}

/// The fields of E1's form with the given ratings and versions, on the page of `year` (the fixture's unless given; none
/// when nil).
func e1Form(csrf: String, versions: [Int] = [1, 1], ratings: [(String, String)], year: Int? = WebFixture.year) -> [(String, String)] {
    var fields = [("csrf", csrf)] + (year.map { [("anno", String($0))] } ?? [])
    for (i, code) in ["OB1", "OB2"].enumerated() {
        fields += [("code_\(i)", code), ("version_\(i)", String(versions[i])),
                   ("cosa_\(i)", ratings[i].0), ("come_\(i)", ratings[i].1)]
    }
    return fields
}

@Suite("Managers rate their own staff")
struct RatingTests {
    @Test func aManagerSeesTheirStaffWithProgress() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni")
            #expect(page.status == .ok)
            #expect(page.text.contains("/valutazioni/E1"))
            #expect(!page.text.contains("/valutazioni/E2"))
            #expect(!page.text.contains("/valutazioni/M1"))
            #expect(page.text.contains("Valutazioni complete: <strong>0</strong> su <strong>1</strong>"))
        }
    }

    @Test func theSegretarioGeneraleSeesEveryone() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("sg")
            let page = try await browser.get("/valutazioni")
            for id in ["E1", "E2", "M1", "M2"] { #expect(page.text.contains("/valutazioni/\(id)\""), "\(id)") }
            #expect(!page.text.contains("/valutazioni/S1\""))
        }
    }

    /// "Valutazione salvata" read as done: the notice says it is a draft, and how many objectives are rated.
    @Test func aSavedDraftSaysHowManyObjectivesAreRated() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            let form = try await browser.get("/valutazioni/E1")
            // The keyboard starts on the first field to rate, and only there.
            #expect(form.text.contains("<select id=\"cosa_0\" name=\"cosa_0\" autofocus>"), "\(form.text)")
            #expect(form.text.components(separatedBy: "autofocus").count == 2)
            let csrf = try #require(Browser.csrf(in: form))
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("", "")]))
            #expect(saved.status == .seeOther)
            let page = try await browser.get(try #require(saved.location))
            #expect(page.text.contains("Bozza salvata: valutato 1 obiettivo su 2. Non è ancora definitiva."), "\(page.text)")
            // Back to a draft half done, it starts where the manager left off.
            #expect(page.text.contains("<select id=\"cosa_1\" name=\"cosa_1\" autofocus>"))
            #expect(page.text.components(separatedBy: "autofocus").count == 2)
        }
    }

    @Test func savingShowsTheObjectiveScoresTheFinalScoreAndTheBand() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let form = try await browser.get("/valutazioni/E1")
            let csrf = try #require(Browser.csrf(in: form))
            // OB1 (60 %) cosa 5 come A → 5; OB2 (40 %) cosa 3 come B → 3; 0,6 × 5 + 0,4 × 3 = 4,20 → 4, MEDIA.
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]))
            #expect(saved.status == .seeOther)
            let page = try await browser.get(try #require(saved.location))
            #expect(page.text.contains("Bozza salvata: ogni obiettivo è valutato; quando è pronta, la invii come definitiva."))
            #expect(page.text.contains("Media ponderata <strong>4,20</strong>"))
            #expect(page.text.contains("<strong class=\"final-score\">4</strong>"))
            #expect(page.text.contains("<strong class=\"band\">MEDIA</strong>"))
            #expect(page.text.contains("peso 60 %"))
            // The scales and the year's matrix are on the page, for a manager who does not know them by heart.
            #expect(page.text.contains("<summary>Come si valuta</summary>"))
            #expect(page.text.contains("<tr><th scope=\"row\">B</th><td>0</td><td>1</td><td>2</td><td>3</td><td>3</td><td>4</td><td>5</td></tr>"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            let list = try await browser.get("/valutazioni")
            #expect(list.text.contains("Valutazioni complete: <strong>1</strong> su <strong>1</strong>"))
            // The list gives the final score and band beside the name, as the page does: the manager compares them.
            #expect(list.text.contains("<th scope=\"col\" class=\"num\">Punteggio</th>"))
            #expect(try staffRow("E1", in: list.text).contains("<td class=\"num\">4 (MEDIA)</td>"), "\(list.text)")
        }
    }

    /// Until every objective is rated there is no final score to show: the list says so with a dash, not a score of
    /// the objectives rated so far.
    @Test func theListShowsNoScoreForAnAppraisalNotComplete() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("6", "A"), ("", "")]))
            #expect(saved.status == .seeOther)
            #expect(try storedRatings(database, of: "E1").map { $0.prefix(6) } == ["OB1:6A", "OB2:--"])
            let row = try staffRow("E1", in: try await browser.get("/valutazioni").text)
            #expect(row.contains("<td class=\"num\">—</td>\n    <td class=\"status\">bozza</td>"), "\(row)")
        }
    }

    @Test func aHalfFilledObjectiveIsShownNextToTheFieldAndNothingIsSaved() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", ""), ("9", "B")]))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Indichi anche il come (A, B o C): cosa e come vanno insieme."))
            #expect(response.text.contains("Indichi per il cosa un numero intero da 0 a 6."))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    @Test func aFieldInErrorIsMarkedInvalidAndPointsToItsMessage() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", ""), ("", "B")]))
            #expect(response.status == .unprocessableContent)
            // The first field in error has the focus, the manager starts there; the next one is marked, without it.
            #expect(response.text.contains("<select id=\"come_0\" name=\"come_0\" aria-invalid=\"true\" aria-describedby=\"come_0-errore\" autofocus>"))
            #expect(response.text.contains("<select id=\"cosa_1\" name=\"cosa_1\" aria-invalid=\"true\" aria-describedby=\"cosa_1-errore\">"))
            #expect(response.text.components(separatedBy: "autofocus").count == 2)
            #expect(response.text.contains("<span class=\"field-error\" id=\"come_0-errore\">Indichi anche il come (A, B o C): cosa e come vanno insieme.</span>"))
            // The fields without errors are not marked.
            #expect(response.text.contains("<select id=\"cosa_0\" name=\"cosa_0\">"))
            #expect(response.text.contains("<select id=\"come_1\" name=\"come_1\">"))
        }
    }

    @Test func anotherAreasPersonIsForbiddenAndUnchanged() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni")))
            let other = try await browser.get("/valutazioni/E2")
            #expect(other.status == .forbidden)
            // The role is right; the person is not theirs.
            #expect(other.text.contains("Questa persona non è tra il personale che lei valuta in questo anno"), "\(other.text)")
            #expect(try await browser.get("/valutazioni/M1").status == .forbidden)
            #expect(try await browser.get("/valutazioni/NESSUNO").status == .forbidden)
            let post = try await browser.post("/valutazioni/E2", [("csrf", csrf), ("code_0", "OB1"), ("version_0", "1"),
                                                                  ("cosa_0", "6"), ("come_0", "A")])
            #expect(post.status == .forbidden)
            #expect(try storedRatings(database, of: "E2") == ["OB1:--:v1"])
        }
    }

    @Test func anHRAccountCannotRate() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("hr")
            #expect(try await browser.get("/valutazioni").status == .forbidden)
            #expect(try await browser.get("/valutazioni/E1").status == .forbidden)
        }
    }

    @Test(arguments: [nil, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"])
    func aPostWithoutTheSessionsCSRFTokenIsRefused(csrf: String?) async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            var fields = e1Form(csrf: csrf ?? "", ratings: [("6", "A"), ("6", "A")])
            if csrf == nil { fields.removeFirst() }
            let response = try await browser.post("/valutazioni/E1", fields)
            #expect(response.status == .forbidden)
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    @Test func aStaleSaveIsRefusedNotOverwritten() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            // Two forms read at version 1; the first save wins.
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            let second = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("1", "C"), ("1", "C")]))
            #expect(second.status == .conflict)
            #expect(second.text.contains("questa valutazione è stata modificata"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            // The refusal shows the current values and versions, so the next save can succeed.
            #expect(second.text.contains("name=\"version_0\" value=\"2\""))
        }
    }

    /// A save leaves the objectives whose ratings it does not change as they are: no new version (another open page of
    /// the person stays current) and no line in the audit log; a changed one moves on. A row posted with an old version
    /// whose stored ratings differ is still refused, and a final one whose version moved on too, its ratings the same.
    @Test func aSaveLeavesTheObjectivesItDoesNotChangeUntouched() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let versionLines = {
                try database.withConnection { db in
                    try db.execute("SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'individual_objectives' AND actor = 'm1'")[0].int("n")
                }
            }
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            let logged = try versionLines()
            #expect(logged == 2)
            // The same ratings again, then OB2 alone changed: OB1 stays at version 2, with no line of its own.
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            #expect(try versionLines() == logged)
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: [("5", "A"), ("4", "B")])).status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:4B:v3"])
            #expect(try versionLines() == logged + 1)
            // OB2 posted at version 2, which holds 4B since: refused, nothing written, though OB1 is unchanged.
            let stale = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: [("6", "A"), ("3", "B")]))
            #expect(stale.status == .conflict)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:4B:v3"])
            // A final form whose OB2 row is of an old version is refused even with the ratings it now holds.
            let final = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: [("5", "A"), ("4", "B")])
                                               + [("azione", "invia")])
            #expect(final.status == .conflict, "\(final.text)")
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:4B:v3"])
        }
    }

    /// The Segretario Generale rates everyone: the manager reopening a draft reads who changed its ratings last, and
    /// when. A save that changes no value is no change.
    @Test func theRatingPageSaysWhoLastChangedTheRatings() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            #expect(!(try await browser.get("/valutazioni/E1")).text.contains("Ultima modifica di valutazioni o pesi"))
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            let mine = try await browser.get("/valutazioni/E1").text
            #expect(mine.firstMatch(of: /Ultima modifica di valutazioni o pesi il \d\d\/\d\d\/\d{4} alle \d\d:\d\d da m1\./) != nil, "\(mine)")
            let sg = Browser(browser.client)
            _ = try await sg.login("sg")
            let sgCSRF = try #require(Browser.csrf(in: try await sg.get("/valutazioni/E1")))
            // The same values saved again: no change, m1 is still named.
            #expect(try await sg.post("/valutazioni/E1", e1Form(csrf: sgCSRF, versions: [2, 2], ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            #expect(try await browser.get("/valutazioni/E1").text.contains(" da m1."))
            #expect(try await sg.post("/valutazioni/E1", e1Form(csrf: sgCSRF, versions: [2, 2], ratings: [("6", "A"), ("3", "B")])).status == .seeOther)
            #expect(try await browser.get("/valutazioni/E1").text.contains(" da sg."))
            let recorded = try database.withConnection { db in
                try db.execute("SELECT changed_by FROM rating_changes WHERE employee_id = 'E1'").map { try $0.string("changed_by") }
            }
            #expect(recorded == ["sg"])
        }
    }

    /// A form opened before a new login carries the old session's token: nothing is saved, and the page shows back what
    /// was typed, ready to be saved again, rather than an error page that loses it.
    @Test func aFormOfAnEarlierSessionShowsBackWhatWasTyped() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let old = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            // The session's token is another now, as after a new login in another tab.
            try database.withConnection { db in
                try db.execute("UPDATE sessions SET csrf_token = 'un-altro-gettone-della-sessione-di-m1-dopo-un-nuovo-accesso' WHERE username = 'm1'")
            }
            let refused = try await browser.post("/valutazioni/E1", e1Form(csrf: old, ratings: [("5", "A"), ("2", "C")]))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Il modulo non era più valido (è stato aperto prima di un nuovo accesso): nulla è stato salvato."),
                    "\(refused.text)")
            #expect(refused.text.contains("<option value=\"5\" selected>5</option>") && refused.text.contains("<option value=\"C\" selected>C</option>"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            // The page's own token saves them.
            let csrf = try #require(Browser.csrf(in: refused))
            #expect(csrf != old)
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("2", "C")])).status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:2C:v2"])
        }
    }

    @Test func anAllocatedYearCannotBeRated() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try database.withConnection { db in try forceYearState(db, "allocated", year: 2024) }
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]))
            #expect(response.status == .conflict)
            #expect(response.text.contains("è già stato ripartito"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    @Test func htmlInNamesIsEscaped() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            for uri in ["/valutazioni", "/valutazioni/E1"] {
                let page = try await browser.get(uri)
                #expect(!page.text.contains("<script>"), "\(uri)")
                #expect(page.text.contains("&lt;script&gt;"), "\(uri)")
            }
        }
    }
}
