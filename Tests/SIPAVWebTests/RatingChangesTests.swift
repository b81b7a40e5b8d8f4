import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// Who last changed a person's ratings (SQL/0039, 0041, 0042): a rated objective deleted, or inserted with its rating, or
/// the weight of a rated objective changed, changes the person's final score as a changed rating does, and the manager's
/// rating page names who did it.
@Suite("A rated objective removed, added or given another weight is a change of the ratings")
struct RatingChangesTests {
    /// Who `rating_changes` names for `employee`, if anyone.
    func lastChanger(_ database: TestDatabase, of employee: String) throws -> String? {
        try database.withConnection { db in
            try db.execute("SELECT changed_by FROM rating_changes WHERE year = 2024 AND employee_id = $1", [employee])
                .first?.string("changed_by")
        }
    }

    /// m1 rates E1's two objectives (5 A, 3 B): the manager's page then names m1.
    func managerRatesE1(_ browser: Browser) async throws {
        _ = try await browser.login("m1")
        let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
        #expect(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")])).status == .seeOther)
        #expect(try await browser.get("/valutazioni/E1").text.contains(" da m1."))
    }

    /// HR saves E1's two objectives with these weights (in per cent), OB2 removed when told.
    func hrSavesE1(on browser: Browser, weights: (String, String), removingOB2: Bool = false) async throws -> TestResponse {
        let hr = Browser(browser.client)
        _ = try await hr.login("hr")
        let page = try await hr.get("/hr/obiettivi/E1")
        let version = try #require(page.text.firstMatch(of: /name="versione" value="([0-9a-f]+)"/)).1
        return try await hr.post("/hr/obiettivi/E1", [
            ("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2024"), ("versione", String(version)), ("rows", "2"),
            ("code_0", "OB1"), ("title_0", "Ridurre i tempi di risposta"), ("weight_0", weights.0),
            ("code_1", "OB2"), ("title_1", "Digitalizzare l'archivio"), ("weight_1", weights.1),
        ] + (removingOB2 ? [("remove_1", "on")] : []))
    }

    @Test func hrRemovingARatedObjectiveIsNamedOnTheManagersPage() async throws {
        try await withWebApp { browser, database in
            try await managerRatesE1(browser)
            // OB1 kept at 100 %, OB2 (rated 3 B) removed.
            let saved = try await hrSavesE1(on: browser, weights: ("100", "0"), removingOB2: true)
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(try storedRatings(database, of: "E1").count == 1)
            let managers = try await browser.get("/valutazioni/E1").text
            #expect(managers.contains(" da hr."), "\(managers)")
            #expect(try lastChanger(database, of: "E1") == "hr")
        }
    }

    @Test func writesOfTheObjectivesCountOnlyWhenARatingComesOrGoes() async throws {
        try await withWebApp { _, database in
            try database.withConnection { db in
                try db.execute("SELECT set_config('sipav.actor', 'ufficio.personale', false)")
                // An objective added without a rating, and an unrated one deleted: the ratings did not change.
                try db.execute("""
                    INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position)
                    VALUES ('ENTE', 2024, 'E2', 'OB9', 'Nuovo', 0, 2)
                    """)
                try db.execute("DELETE FROM individual_objectives WHERE year = 2024 AND employee_id = 'E2' AND code = 'OB9'")
            }
            #expect(try lastChanger(database, of: "E2") == nil)
            try database.withConnection { db in
                try db.execute("SELECT set_config('sipav.actor', 'ufficio.personale', false)")
                try db.execute("""
                    INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position)
                    VALUES ('ENTE', 2024, 'E2', 'OB9', 'Nuovo', 0, 4, 'B', 2)
                    """)
            }
            #expect(try lastChanger(database, of: "E2") == "ufficio.personale", "an objective added with its rating")
            try database.withConnection { db in
                try db.execute("SELECT set_config('sipav.actor', 'altro.ufficio', false)")
                try db.execute("DELETE FROM individual_objectives WHERE year = 2024 AND employee_id = 'E2' AND code = 'OB9'")
            }
            #expect(try lastChanger(database, of: "E2") == "altro.ufficio", "a rated objective deleted")
        }
    }

    @Test func aFirstImportsRatingsAndAPersonRemovedNameNobody() async throws {
        try await withWebApp { _, database in
            try database.withConnection { db in
                try db.transaction { db in
                    try db.execute("SELECT set_config('sipav.first_import', 'on', true)")
                    try db.execute("""
                        INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position)
                        VALUES ('ENTE', 2024, 'E2', 'OB9', 'Copiato', 0, 4, 'B', 2)
                        """)
                }
            }
            #expect(try lastChanger(database, of: "E2") == nil, "ratings copied in by a first import")
            // E2 leaves the year with the rated objective: nobody is left to name, and nothing fails.
            try database.withConnection { db in
                try db.execute("DELETE FROM staff_years WHERE year = 2024 AND employee_id = 'E2'")
            }
            #expect(try lastChanger(database, of: "E2") == nil)
            #expect(try storedRatings(database, of: "E2").isEmpty)
        }
    }

    @Test func hrChangingTheWeightOfARatedObjectiveIsNamedOnTheManagersPage() async throws {
        try await withWebApp { browser, database in
            try await managerRatesE1(browser)
            #expect(try lastChanger(database, of: "E1") == "m1")
            // Both objectives kept, their weights moved to 70 % and 30 %: the final score changes.
            let saved = try await hrSavesE1(on: browser, weights: ("70", "30"))
            #expect(saved.status == .seeOther, "\(saved.text)")
            let weights = try database.withConnection { db in
                try db.execute("SELECT weight_bp FROM individual_objectives WHERE year = 2024 AND employee_id = 'E1' ORDER BY code")
                    .map { try $0.int("weight_bp") }
            }
            #expect(weights == [7000, 3000])
            let managers = try await browser.get("/valutazioni/E1").text
            #expect(managers.contains(" da hr."), "\(managers)")
            #expect(try lastChanger(database, of: "E1") == "hr")
        }
    }

    @Test func theWeightOfAnUnratedObjectiveIsNoChangeOfTheRatings() async throws {
        try await withWebApp { _, database in
            try database.withConnection { db in
                try db.execute("SELECT set_config('sipav.actor', 'ufficio.personale', false)")
                try db.execute("""
                    INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position)
                    VALUES ('ENTE', 2024, 'E2', 'OB9', 'Nuovo', 0, 2)
                    """)
                try db.execute("UPDATE individual_objectives SET weight_bp = 500 WHERE year = 2024 AND employee_id = 'E2' AND code = 'OB9'")
                // The same weight written again changes nothing either.
                try db.execute("UPDATE individual_objectives SET weight_bp = weight_bp WHERE year = 2024 AND employee_id = 'E2'")
            }
            #expect(try lastChanger(database, of: "E2") == nil)
        }
    }
}
