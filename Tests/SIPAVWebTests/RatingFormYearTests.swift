import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// 2025 beside the fixture's 2024 in `state`, with E1 given the same objective codes (OB1, OB2, version 1): a form of one
/// year would pass the other's version check.
private func insertNextYearWithTheSameCodes(_ database: TestDatabase, state: String) throws {
    try insertNextYear(database, state: state, objectives: [("OB1", "Nuovo obiettivo uno", 6000), ("OB2", "Nuovo obiettivo due", 4000)])
}

/// E1's ratings of `year`, as `code:cosa come:version`, and whether that year's appraisal was submitted.
private func e1Record(_ database: TestDatabase, year: Int) throws -> (ratings: [String], submitted: Bool) {
    try database.withConnection { db in
        let ratings = try db.execute("""
            SELECT code || ':' || coalesce(cosa::text, '-') || coalesce(come, '-') || ':v' || version AS r
            FROM individual_objectives WHERE employee_id = 'E1' AND year = $1 ORDER BY position
            """, [year]).map { try $0.string("r") }
        let submitted = try db.execute("SELECT count(*) AS n FROM appraisal_submissions WHERE employee_id = 'E1' AND year = $1",
                                       [year])[0].int("n") > 0
        return (ratings, submitted)
    }
}

@Suite("A rating form saves into the year its page showed, or nothing")
struct RatingFormYearTests {
    @Test func theRatingFormCarriesItsYear() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            #expect(Browser.field("anno", in: try await browser.get("/valutazioni/E1")) == "2024")
        }
    }

    /// HR opens 2025 while a manager has 2024's page open: the ratings typed on it go into neither year, a final submission
    /// included, and the page shows 2025 as it is.
    @Test func aPageOfTheYearBeforeSavesNothingOnceTheNextIsOpened() async throws {
        try await withWebApp { browser, database in
            try insertNextYearWithTheSameCodes(database, state: "planning")
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni/E1")
            let csrf = try #require(Browser.csrf(in: page))
            #expect(Browser.field("anno", in: page) == "2024")
            try database.withConnection { db in _ = try db.execute("UPDATE years SET state = 'rating' WHERE year = 2025") }

            for action in ["bozza", "invia"] {
                let refused = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("6", "A"), ("6", "A")], year: 2024)
                                                         + [("azione", action)])
                #expect(refused.status == .conflict)
                #expect(refused.text.contains("Il modulo era della valutazione 2024, ma ora si valuta l&#39;anno 2025: nulla è stato salvato"),
                        "\(refused.text)")
                #expect(Browser.field("anno", in: refused) == "2025")
            }
            #expect(try e1Record(database, year: 2024).ratings == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try e1Record(database, year: 2025).ratings == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try !e1Record(database, year: 2024).submitted && !e1Record(database, year: 2025).submitted)

            // The page of 2025 saves into 2025.
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")], year: 2025)
                                                   + [("azione", "bozza")])
            #expect(saved.location == "/valutazioni/E1?salvato=1")
            #expect(try e1Record(database, year: 2025).ratings == ["OB1:5A:v2", "OB2:3B:v2"])
            #expect(try e1Record(database, year: 2024).ratings == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    @Test func aFormWithoutItsYearSavesNothing() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            for year in ["", "duemila"] {
                let refused = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")], year: nil)
                                                         + [("anno", year), ("azione", "bozza")])
                #expect(refused.status == .conflict)
                #expect(refused.text.contains(year.isEmpty ? "Il modulo non indica l&#39;anno della valutazione: nulla è stato salvato"
                                                           : "Il modulo era della valutazione duemila"))
            }
            #expect(try e1Record(database, year: 2024).ratings == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    /// A manager's appraisal of a year managers no longer rate is not returned to draft: nobody could send it again.
    @Test func aFinalAppraisalOfAYearNoLongerRatedIsNotReturnedToDraft() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let sent = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "invia")])
            #expect(sent.location == "/valutazioni/E1?inviato=1")
            try insertNextYearWithTheSameCodes(database, state: "rating")

            let (hr, hrCSRF) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/obiettivi/E1?anno=2024")
            #expect(!page.text.contains("Restituisci in bozza</button>"))
            #expect(page.text.contains("I valutatori lavorano ora sull&#39;anno 2025: restituita in bozza, la valutazione 2024 non sarebbe"),
                    "\(page.text)")
            let refused = try await hr.post("/hr/anni/2024/valutazioni/E1/bozza", [("csrf", hrCSRF), ("motivo", "Da correggere"),
                                                                                  ("inviata", "0")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("La valutazione non è stata restituita in bozza. I valutatori lavorano ora sull&#39;anno 2025"))
            #expect(try e1Record(database, year: 2024).submitted)
        }
    }

    /// Ratings typed on 2024's page before the session expired are not shown on 2025's once HR opened it.
    @Test func ratingsCarriedThroughLoginComeBackOnlyOnTheirYearsPage() async throws {
        try await withWebApp { browser, database in
            try insertNextYearWithTheSameCodes(database, state: "planning")
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try database.withConnection { db in
                try db.execute("UPDATE sessions SET created_at = now() - interval '481 minutes', expires_at = now() - interval '1 minute'")
                try db.execute("UPDATE years SET state = 'rating' WHERE year = 2025")
            }
            let login = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("6", "A"), ("6", "A")], year: 2024)
                                                   + [("azione", "bozza")], headers: [.init("Sec-Fetch-Site")!: "same-origin"])
            #expect(Browser.field("anno", in: login) == "2024")
            let fields = [("csrf", try #require(Browser.csrf(in: login))), ("username", "m1"), ("password", WebFixture.password),
                          ("torna", "/valutazioni/E1")]
                + ["anno", "code_0", "version_0", "cosa_0", "come_0", "code_1", "version_1", "cosa_1", "come_1"].map {
                    ($0, Browser.field($0, in: login) ?? "")
                }
            let resumed = try await browser.post("/login", fields)
            #expect(resumed.text.contains(RatingResumption.notShownMessage.replacingOccurrences(of: "'", with: "&#39;")), "\(resumed.text)")
            #expect(resumed.text.contains("Il modulo era della valutazione 2024, ma ora si valuta l&#39;anno 2025"))
            #expect(!resumed.text.contains("<option value=\"6\" selected>"))
            #expect(try e1Record(database, year: 2025).ratings == ["OB1:--:v1", "OB2:--:v1"])
        }
    }
}
