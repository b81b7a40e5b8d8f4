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
            // The same ratings (the import counts its rows as written again: their versions move on).
            let ratings = { (employee: String) in try storedRatings(database, of: employee).map { $0.split(separator: ":").prefix(2).joined(separator: ":") } }
            #expect(try ratings("E1") == ["OB1:5A", "OB2:--"])
            #expect(try ratings("E2") == ["OB1:--"])
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
