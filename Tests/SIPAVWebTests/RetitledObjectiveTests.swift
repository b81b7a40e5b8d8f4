import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// An objective whose title HR changes while it holds a manager's rating keeps the rating, and the rating page says so
/// until the manager saves the ratings again (SQL/0037): it showed the rating beside the new title without a word, to
/// be sent as final for an objective the manager never rated. A change of weight alone says nothing.
@Suite("An objective retitled after its rating")
struct RetitledObjectiveTests {
    static let note = "L'ufficio personale ha cambiato il titolo di questo obiettivo dopo la"

    func flags(_ database: TestDatabase, of employee: String) throws -> [String] {
        try database.withConnection { db in
            try db.execute("""
                SELECT code || ':' || retitled_after_rating AS f FROM individual_objectives
                WHERE year = 2024 AND employee_id = $1 ORDER BY position, code
                """, [employee]).map { try $0.string("f") }
        }
    }

    func savePerson(_ hr: Browser, _ fields: [(String, String)]) async throws -> TestResponse {
        let page = try await hr.get("/hr/obiettivi/E1")
        let digest = page.text.firstMatch(of: /name="versione" value="([0-9a-f]+)"/).map { String($0.1) } ?? ""
        return try await hr.post("/hr/obiettivi/E1", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2024"), ("versione", digest),
                                                      ("rows", "2")] + fields)
    }

    @Test func hrsNewTitleIsFlaggedToTheManagerUntilTheRatingsAreSaved() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'B' WHERE year = 2024 AND employee_id = 'E1' AND code = 'OB1'")
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            // The weights alone: nothing to check.
            let weights = try await savePerson(hr, [("code_0", "OB1"), ("title_0", "Ridurre i tempi di risposta"), ("weight_0", "50"),
                                                    ("code_1", "OB2"), ("title_1", "Digitalizzare l'archivio"), ("weight_1", "50")])
            #expect(weights.location == "/hr/obiettivi/E1?anno=2024&salvato=1", "\(weights.text)")
            #expect(try flags(database, of: "E1") == ["OB1:false", "OB2:false"])
            // A new title for the rated objective, and for the unrated one: only the rated one is flagged.
            let titles = try await savePerson(hr, [("code_0", "OB1"), ("title_0", "Sportello digitale"), ("weight_0", "50"),
                                                   ("code_1", "OB2"), ("title_1", "Archivio"), ("weight_1", "50")])
            #expect(titles.location == "/hr/obiettivi/E1?anno=2024&salvato=1", "\(titles.text)")
            #expect(try flags(database, of: "E1") == ["OB1:true", "OB2:false"])

            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni/E1")
            #expect(page.text.components(separatedBy: Self.note).count == 2, "one note, under OB1: \(page.text)")
            let versions = try database.withConnection { db in
                try db.execute("SELECT version FROM individual_objectives WHERE year = 2024 AND employee_id = 'E1' ORDER BY position")
                    .map { try $0.int("version") }
            }
            let csrf = try #require(Browser.csrf(in: page))
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, versions: versions, ratings: [("5", "B"), ("", "")])
                                                   + [("azione", "bozza")])
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(try flags(database, of: "E1") == ["OB1:false", "OB2:false"])
            #expect(!(try await browser.get("/valutazioni/E1")).text.contains(Self.note))
        }
    }

    /// An upload that keeps a rated objective's rating under a new title flags it; one that gives it new ratings does not.
    @Test func anUploadsNewTitleUnderTheSameRatingIsFlagged() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE individual_objectives SET cosa = 4, come = 'B' WHERE year = 2024 AND employee_id = 'E2'")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            for (line, flagged) in [("E2;OB1;Bilancio sociale 2024;100;4;B", true), ("E2;OB1;Bilancio di genere;100;5;A", false)] {
                let file = HRPagesFixture.csv(["employee_id;objective;title;weight;cosa;come", line])
                let done = try await HRPagesFixture.upload(file, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf,
                                                           fields: [("anno", "2024")], with: hr)
                #expect(done.location == "/hr/obiettivi?anno=2024&importati=1", "\(done.text)")
                #expect(try flags(database, of: "E2") == ["OB1:\(flagged)"], "\(line)")
            }
        }
    }
}
