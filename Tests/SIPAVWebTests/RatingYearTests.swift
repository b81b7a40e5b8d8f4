import SIPAVTestSupport
import HummingbirdTesting
import Testing
import SIPAVStore
@testable import SIPAVWeb

/// 2025 beside the fixture's 2024, in `state` (imported for planning unless told): M1 manages Area A1 again, and E1 has
/// `objectives` (code, title, weight in basis points; by default one new objective).
func insertNextYear(_ database: TestDatabase, state: String = "planning",
                    objectives: [(String, String, Int)] = [("OB9", "Obiettivo del 2025", 10_000)]) throws {
    try database.withConnection { db in
        try db.execute("INSERT INTO years (body_id, year) VALUES ('ENTE', 2025)")
        try db.execute("INSERT INTO areas (body_id, year, area_id, name, manager_id, position) VALUES ('ENTE', 2025, 'A1', 'Area Uno', 'M1', 1)")
        try db.execute("""
            INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id) VALUES
                ('ENTE', 2025, 'M1', 'dirigente', 'DIR', 'A1'), ('ENTE', 2025, 'E1', 'dipendente', 'C', 'A1')
            """)
        for (position, (code, title, weight)) in objectives.enumerated() {
            try db.execute("""
                INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position)
                VALUES ('ENTE', 2025, 'E1', $1, $2, $3, $4)
                """, [code, title, weight, position + 1])
        }
        if state != "planning" { try db.execute("UPDATE years SET state = $1 WHERE year = 2025", [state]) }
    }
}

private func state(_ database: TestDatabase, _ year: Int) throws -> String {
    try database.withConnection { db in try db.execute("SELECT state FROM years WHERE year = $1", [year])[0].string("state") }
}

@Suite("Managers rate the year open for rating, not the one being planned")
struct RatingYearTests {
    @Test func aYearImportedForPlanningDoesNotTakeTheManagersAwayFromTheYearTheyRate() async throws {
        try await withWebApp { browser, database in
            try insertNextYear(database)
            _ = try await browser.login("m1")
            #expect(try await browser.get("/valutazioni").text.contains("<h1>Valutazioni 2024</h1>"))
            let form = try await browser.get("/valutazioni/E1")
            #expect(form.text.contains("OB1 · peso 60 %"))
            #expect(!form.text.contains("OB9"))
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: try #require(Browser.csrf(in: form)),
                                                                         ratings: [("5", "A"), ("3", "B")]))
            #expect(saved.status == .seeOther)
            #expect(try storedRatings(database, of: "E1").sorted() == ["OB1:5A:v2", "OB2:3B:v2", "OB9:--:v1"])
        }
    }

    @Test func aYearInPlanningIsShownReadOnlyAndTakesNoRating() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try database.withConnection { db in _ = try db.execute("UPDATE years SET state = 'planning' WHERE year = 2024") }
            let list = try await browser.get("/valutazioni").text
            #expect(list.contains("L&#39;anno 2024 è in programmazione") || list.contains("L'anno 2024 è in programmazione"))
            let page = try await browser.get("/valutazioni/E1")
            #expect(!page.text.contains("Salva bozza"))
            #expect(page.text.contains("<select id=\"cosa_0\" name=\"cosa_0\" disabled>"))
            let refused = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]))
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("ancora in programmazione"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    @Test func theStoreRefusesARatingOfAYearInPlanning() async throws {
        try await withWebApp { _, database in
            try database.withConnection { db in _ = try db.execute("UPDATE years SET state = 'planning' WHERE year = 2024") }
            let ratings = Ratings(store: try database.store(), body: WebFixture.body, year: 2024, manager: "M1")
            let refusal = await thrownError {
                _ = try await ratings.save([SubmittedRating(code: "OB1", cosa: 5, come: .a, version: 1),
                                            SubmittedRating(code: "OB2", cosa: 3, come: .b, version: 1)], of: "E1", actor: "m1")
            }
            guard case .notOpen? = refusal as? RatingRefusal else {
                Issue.record("not refused as not open: \(String(describing: refusal))")
                return
            }
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
        }
    }

    @Test func hrOpensAYearForRatingAndTheManagersMoveToIt() async throws {
        try await withWebApp { browser, database in
            try insertNextYear(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let dashboard = try await hr.get("/hr")
            #expect(dashboard.text.contains("action=\"/hr/anni/2025/apertura\""))
            #expect(!dashboard.text.contains("action=\"/hr/anni/2024/apertura\""))
            // M1 has no objective in 2025: said before the year is opened, with the way to them.
            #expect(dashboard.text.contains("<strong>1</strong> persona valutabile non ha obiettivi, o ha pesi che non sommano a 100 %"),
                    "\(dashboard.text)")
            #expect(dashboard.text.contains("href=\"/hr/obiettivi?anno=2025&amp;incompleti=1\""))
            // 2024 is still being rated: said, and opening 2025 needs its box ticked, as the managers leave 2024 for it.
            #expect(dashboard.text.contains("L&#39;anno 2024 è ancora in valutazione: aperto il 2025, i dirigenti valutano il 2025"),
                    "\(dashboard.text)")
            #expect(dashboard.text.contains("name=\"anno_precedente_aperto\" value=\"2024\" required"))
            let refused = try await hr.post("/hr/anni/2025/apertura", [("csrf", csrf)])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("L&#39;anno 2025 non è stato aperto: L&#39;anno 2024 è ancora in valutazione"), "\(refused.text)")
            #expect(try state(database, 2025) == "planning")
            let opened = try await hr.post("/hr/anni/2025/apertura", [("csrf", csrf), ("anno_precedente_aperto", "2024")])
            #expect(opened.location == "/hr?anno=2025&esito=aperto")
            #expect(try state(database, 2025) == "rating")
            let audited = try database.withConnection { db in
                try db.execute("SELECT actor FROM audit_log WHERE table_name = 'years' AND operation = 'UPDATE'").map { try $0.string("actor") }
            }
            #expect(audited == ["hr"])
            // Once only: an open year is not opened again.
            #expect(try await hr.post("/hr/anni/2025/apertura", [("csrf", csrf)]).location == "/hr?anno=2025&esito=non-aperto")
            _ = try await browser.login("m1")
            #expect(try await browser.get("/valutazioni").text.contains("<h1>Valutazioni 2025</h1>"))
        }
    }

    @Test func theMigrationOpensAYearInPlanningThatIsAlreadyBeingRated() async throws {
        try await withWebApp { _, database in
            try insertNextYear(database)
            try database.withConnection { db in
                try db.execute("UPDATE years SET state = 'planning' WHERE year = 2024")
                try db.execute("UPDATE individual_objectives SET cosa = 4, come = 'B' WHERE year = 2024 AND employee_id = 'E2'")
                let migration = try #require(try Migrations().migrations.first { $0.version.hasPrefix("0023_") })
                try db.execute(migration.sql)
            }
            #expect(try state(database, 2024) == "rating")
            #expect(try state(database, 2025) == "planning")
        }
    }
}
