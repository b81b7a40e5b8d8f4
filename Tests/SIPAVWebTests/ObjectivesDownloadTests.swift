import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

@Suite("HR downloads the year's objectives.csv, to change and upload again")
struct ObjectivesDownloadTests {
    /// The file holds every objective with its weight and ratings, as `sipav db export` writes it, and the objectives
    /// page takes it back as it is: an upload refused for lacking ratings can be mended from it.
    @Test func theDownloadedFileIsTheYearsObjectivesAndUploadsBackUnchanged() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'A', version = version + 1 WHERE employee_id = 'E1' AND code = 'OB1'")
                // Positions from 0, as an import and an upload number them (the fixture's start from 1).
                _ = try db.execute("UPDATE individual_objectives SET position = position - 1")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/obiettivi?anno=2024")
            #expect(page.text.contains("href=\"/hr/scarica/objectives.csv?anno=2024\" download>scarica objectives.csv</a>"))
            #expect(try await hr.get("/hr/scarica?anno=2024").text.contains("href=\"/hr/scarica/objectives.csv?anno=2024\""))

            let file = try await hr.get("/hr/scarica/objectives.csv?anno=2024")
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"sipav-2024-objectives.csv\"")
            #expect(file.text == "\u{FEFF}employee_id;objective;title;weight;cosa;come\n"
                    + "E1;OB1;Ridurre i tempi di risposta;60;5;A\nE1;OB2;Digitalizzare l'archivio;40;;\nE2;OB1;Bilancio sociale;100;;\n",
                    "\(file.text)")

            let uploaded = try await HRPagesFixture.upload(Array(file.text.utf8), filename: "objectives.csv", to: "/hr/obiettivi/importa",
                                                           csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            // Nothing changed, not even a version: a manager's page open meanwhile stays current, and the log has no line.
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:--:v1"])
            #expect(try storedRatings(database, of: "E2") == ["OB1:--:v1"])
            let updates = try database.withConnection { db in
                try db.execute("SELECT count(*) AS n FROM audit_log WHERE table_name = 'individual_objectives' AND actor = 'hr'")[0].int("n")
            }
            #expect(updates == 0)
        }
    }

    /// An upload that only moves an objective in its person's list keeps its version, as a re-import does: a manager's
    /// form open on it is not out of date.
    @Test func anObjectiveOnlyMovedKeepsItsVersion() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let file = "employee_id;objective;title;weight;cosa;come\nE1;OB2;Digitalizzare l'archivio;40;;\nE1;OB1;Ridurre i tempi di risposta;60;;\n"
            let uploaded = try await HRPagesFixture.upload(Array(file.utf8), filename: "objectives.csv", to: "/hr/obiettivi/importa",
                                                           csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            #expect(try storedRatings(database, of: "E1") == ["OB2:--:v1", "OB1:--:v1"])
        }
    }

    @Test(arguments: ["m1", "sg"])
    func onlyHRDownloadsIt(username: String) async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login(username)
            #expect(try await browser.get("/hr/scarica/objectives.csv?anno=2024").status == .forbidden)
        }
    }
}
