import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

@Suite("Two edits of the same appraisal never overwrite each other silently")
struct RatingConflictTests {
    /// Someone else saves E1 (versions 1 → 2) while m1's form, read at version 1, is still open.
    private func saveMeanwhile(_ database: TestDatabase) throws {
        try database.withConnection { db in
            _ = try db.execute("UPDATE individual_objectives SET cosa = 2, come = 'C', version = version + 1 WHERE employee_id = 'E1'")
        }
    }

    @Test func aFormShownAgainForAnInvalidFieldKeepsTheVersionsItWasReadWith() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try saveMeanwhile(database)
            let invalid = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("9", "A"), ("3", "B")]))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("name=\"version_0\" value=\"1\""))
            #expect(invalid.text.contains("name=\"version_1\" value=\"1\""))
            // Corrected and saved again with the versions the page carries: the other save is met, not overwritten.
            let corrected = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]))
            #expect(corrected.status == .conflict)
            #expect(try storedRatings(database, of: "E1") == ["OB1:2C:v2", "OB2:2C:v2"])
        }
    }

    @Test func anIncompleteFinalSubmissionShownAgainKeepsTheVersionsItWasReadWith() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try saveMeanwhile(database)
            let incomplete = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("", "")])
                                                        + [("azione", "invia")])
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.text.contains("name=\"version_0\" value=\"1\""))
            #expect(!incomplete.text.contains("name=\"version_0\" value=\"2\""))
        }
    }

    @Test func aFormRefusedAsOutOfDateShowsTheStoredRatingsAndBesideThemWhatWasTyped() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try saveMeanwhile(database)
            // The second objective typed as it now stands: only the first differs.
            let refused = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("2", "C")]))
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("sotto ogni obiettivo in cui differisce, quanto aveva indicato"))
            // The fields hold what is stored, with its versions, so that the next save knowingly replaces it.
            #expect(refused.text.contains("name=\"version_0\" value=\"2\""))
            #expect(refused.text.contains("name=\"version_1\" value=\"2\""))
            #expect(refused.text.contains("<option value=\"2\" selected>2</option>"))
            #expect(refused.text.components(separatedBy: "Nel modulo non salvato: ").count == 2)
            #expect(refused.text.contains("Nel modulo non salvato: cosa 5, come A"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:2C:v2", "OB2:2C:v2"])
            // Typed again on the page as shown, the save goes through.
            let again = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: [2, 2], ratings: [("5", "A"), ("2", "C")]))
            #expect(again.status == .seeOther)
            let stored = try storedRatings(database, of: "E1")
            #expect(stored.map { $0.prefix(6) } == ["OB1:5A", "OB2:2C"], "\(stored)")
        }
    }

    @Test func aRatingClearedInTheRefusedFormIsNamedAsNone() {
        #expect(RatingView.describe(cosa: nil, come: nil) == "nessuna valutazione")
        #expect(RatingView.describe(cosa: 0, come: .c) == "cosa 0, come C")
    }

    @Test func theSameDraftPostedTwiceIsSavedBothTimes() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let fields = e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")])
            #expect(try await browser.post("/valutazioni/E1", fields).status == .seeOther)
            let again = try await browser.post("/valutazioni/E1", fields)
            #expect(again.status == .seeOther)
            #expect(again.location == "/valutazioni/E1?salvato=1")
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
        }
    }

    @Test func aDraftDifferingFromTheStoredRatingsIsStillAConflict() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
            // Same first objective, another second one: the whole save is refused.
            let other = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("1", "C")]))
            #expect(other.status == .conflict)
            #expect(other.text.contains("in un&#39;altra finestra o scheda") || other.text.contains("in un'altra finestra o scheda"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
        }
    }

    @Test func theSameFinalSubmissionPostedTwiceLandsOnTheSubmittedPage() async throws {
        try await withWebApp { browser, database in
            let csrf = try await submitE1(browser)
            let again = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "invia")])
            #expect(again.status == .seeOther)
            #expect(again.location == "/valutazioni/E1?inviato=1")
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }
}
