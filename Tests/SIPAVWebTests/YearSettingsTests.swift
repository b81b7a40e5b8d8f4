import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

@Suite("The rating pages score with the year's own settings")
struct YearSettingsTests {
    @Test func aYearsStoredMatrixDecidesTheScoreShown() async throws {
        try await withWebApp { browser, database in
            // The year's matrix scores 4 A as 1 (the default gives 4).
            try database.withConnection { db in
                try db.execute("""
                    UPDATE years SET settings_yaml = $1 WHERE body_id = 'ENTE' AND year = 2024
                    """, ["individual:\n  matrix:\n    A: [0, 1, 1, 1, 1, 5, 6]\n    B: [0, 1, 1, 1, 1, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]\n"])
            }
            try await saveE2Draft(browser)
            let page = try await browser.get("/valutazioni/E2?salvato=1")
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong class=\"final-score\">1</strong>"))
            #expect(page.text.contains("<strong class=\"band\">BASSA</strong>"))
        }
    }

    @Test func unreadableStoredSettingsAreSaidNotGuessed() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE years SET settings_yaml = 'individual: [not, a, map' WHERE body_id = 'ENTE' AND year = 2024")
            }
            _ = try await browser.login("m2")
            let page = try await browser.get("/valutazioni/E2")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Le impostazioni dell&#39;anno 2024 non si possono leggere")
                || page.text.contains("Le impostazioni dell'anno 2024 non si possono leggere"))
        }
    }
}
