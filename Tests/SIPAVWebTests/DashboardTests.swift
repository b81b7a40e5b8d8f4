import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// `n` in Italian form: thousands grouped with a dot.
func italianInteger(_ n: Int) -> String {
    let digits = String(n)
    var grouped = ""
    for (i, digit) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { grouped += "." }
        grouped.append(digit)
    }
    return grouped
}

/// The dashboard's lines as a reader counts them from the stored fixture: per Area (by position), then the
/// Segretario Generale, then the total; each (name, total, rated, submitted, missing).
func expectedDashboard(_ database: TestDatabase) throws -> [(String, Int, Int, Int, Int)] {
    try database.withConnection { db in
        let areas = try db.execute("SELECT area_id, name FROM areas WHERE year = 2024 ORDER BY position")
            .map { (try $0.string("area_id"), try $0.string("name")) }
        let people = try db.execute("SELECT employee_id, coalesce(area_id, '') AS area FROM staff_years WHERE year = 2024")
            .map { (try $0.string("employee_id"), try $0.string("area")) }
        // A person not assessable has nothing to rate: counted as rated.
        let notAssessable = Set(try db.execute("SELECT employee_id FROM staff_years WHERE year = 2024 AND not_assessable_reason IS NOT NULL")
            .map { try $0.string("employee_id") })
        let objectives = try db.execute("SELECT employee_id, coalesce(cosa::text, '') AS cosa FROM individual_objectives WHERE year = 2024")
            .map { (try $0.string("employee_id"), try $0.string("cosa")) }
        let submitted = Set(try db.execute("SELECT employee_id FROM appraisal_submissions WHERE year = 2024")
            .map { try $0.string("employee_id") })
        func line(_ name: String, area: String) -> (String, Int, Int, Int, Int) {
            let ids = people.filter { $0.1 == area }.map(\.0)
            let rated = ids.filter { id in
                let own = objectives.filter { $0.0 == id }
                return notAssessable.contains(id) || (!own.isEmpty && own.allSatisfy { !$0.1.isEmpty })
            }.count
            let done = ids.filter(submitted.contains).count
            return (name, ids.count, rated, done, ids.count - done)
        }
        let lines = areas.map { line($0.1, area: $0.0) } + [line("Segretario Generale", area: "")]
        return lines + [("Totale", lines.map(\.1).reduce(0, +), lines.map(\.2).reduce(0, +), lines.map(\.3).reduce(0, +),
                         lines.map(\.4).reduce(0, +))]
    }
}

@Suite("HR's dashboard")
struct DashboardTests {
    @Test func countsPerAreaTheStaffRatedSubmittedAndMissing() async throws {
        try await withWebApp { browser, database in
            // 1,200 more people in Area Due, to see the numbers in Italian form; E1 submitted, E2 rated as a draft.
            try database.withConnection { db in
                try db.execute("INSERT INTO employees (body_id, employee_id, name) SELECT 'ENTE', 'X' || g, 'Persona ' || g FROM generate_series(1, 1200) g")
                try db.execute("""
                    INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id)
                    SELECT 'ENTE', 2024, 'X' || g, 'dipendente', 'C', 'A2' FROM generate_series(1, 1200) g
                    """)
                // Two of them not assessable, with nothing to rate: rated, so that submitted never exceeds rated.
                try db.execute("UPDATE staff_years SET not_assessable_reason = 'in servizio per un mese', months = 1 WHERE employee_id IN ('X1', 'X2')")
            }
            try await submitE1(browser)
            try await saveE2Draft(Browser(browser.client))

            let hr = Browser(browser.client)
            _ = try await hr.login("hr")
            let page = try await hr.get("/hr")
            #expect(page.status == .ok)
            let html = page.text
            let expected = try expectedDashboard(database)
            #expect(expected.map(\.0) == ["Area Uno", "Area Due", "Segretario Generale", "Totale"])
            #expect(expected[1].1 == 1_202)
            var position = html.startIndex
            for (name, total, rated, submitted, missing) in expected {
                // The Segretario Generale's line leads to the page where HR records the appraisal of the political head.
                let link = name == "Segretario Generale" ? " · <a href=\"/hr/segretario?anno=2024\">valutazione dell'organo di vertice</a>" : ""
                // An Area with appraisals still to submit leads to its people on HR's list, each with their appraisal's state.
                let people = missing > 0 ? ["Area Uno": "A1", "Area Due": "A2"][name].map {
                    " · <a href=\"/hr/obiettivi?anno=2024&amp;area=\($0)\">chi sono</a>"
                } ?? "" : ""
                let row = "<th scope=\"row\">\(name)\(link)</th><td class=\"num\">\(italianInteger(total))</td><td class=\"num\">"
                    + "\(italianInteger(rated))</td><td class=\"num\">\(italianInteger(submitted))</td><td class=\"num\">"
                    + "\(italianInteger(missing))\(people)</td></tr>"
                let found = html.range(of: row, range: position..<html.endIndex)
                #expect(found != nil, "\(name): \(row)")
                if let found { position = found.upperBound }
            }
            #expect(html.contains("<td class=\"num\">1.202</td>"))
            let areaOne = try await hr.get("/hr/obiettivi?anno=2024&area=A1").text
            #expect(areaOne.contains("<th scope=\"col\">Valutazione</th>"))
            #expect(areaOne.contains("<span class=\"summary\">E1</span></td><td class=\"no-phone\">Area Uno</td><td class=\"num\">2</td>"
                                     + "<td class=\"num\">100,00 %</td><td class=\"status\">inviata</td><td class=\"num\">4 (MEDIA)</td>"),
                    "\(areaOne)")
            // A draft with every objective rated has its score too; a person not assessable none.
            let areaTwo = try await hr.get("/hr/obiettivi?anno=2024&area=A2&cerca=E2").text
            #expect(areaTwo.contains("<td class=\"status\">bozza</td><td class=\"num\">4 (MEDIA)</td>"), "\(areaTwo)")
            let notAssessable = try await hr.get("/hr/obiettivi?anno=2024&area=A2&cerca=X1").text
            #expect(notAssessable.contains("<td class=\"status\">non valutabile, da inviare</td><td class=\"num\">—</td>"), "\(notAssessable)")
            #expect(html.contains("<a href=\"/hr?anno=2024\" aria-current=\"page\">Cruscotto</a>"))
            #expect(try await hr.get("/").location == "/hr")
        }
    }

    @Test(arguments: ["m1", "sg", "e1"])
    func onlyHRSeesTheDashboard(username: String) async throws {
        try await withWebApp { browser, database in
            try await Accounts(store: try database.store(), body: WebFixture.body)
                .add(username: "e1", password: WebFixture.password, role: .employee, employeeID: "E1", cost: 4, actor: "test")
            _ = try await browser.login(username)
            let page = try await browser.get("/hr")
            #expect(page.status == .forbidden)
            #expect(!page.text.contains("Cruscotto"))
        }
    }

    @Test func withoutLoginTheDashboardRedirectsToLogin() async throws {
        try await withWebApp { browser, _ in
            let page = try await browser.get("/hr")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?torna=%2Fhr")
        }
    }
}
