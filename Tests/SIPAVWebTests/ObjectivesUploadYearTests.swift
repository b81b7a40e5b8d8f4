import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The objectives of one year as stored: (code, cosa, come, version), in order.
private func stored(_ database: TestDatabase, year: Int, of employee: String = "E1") throws -> [String] {
    try database.withConnection { db in
        try db.execute("""
            SELECT code || ':' || coalesce(cosa::text, '-') || coalesce(come, '-') || ':v' || version AS r
            FROM individual_objectives WHERE year = $1 AND employee_id = $2 ORDER BY position
            """, [year, employee]).map { try $0.string("r") }
    }
}

private func auditLines(_ database: TestDatabase) throws -> Int {
    try database.withConnection { db in try db.execute("SELECT count(*) AS n FROM audit_log")[0].int("n") }
}

@Suite("An objectives.csv uploaded on the page of its own year only, and no ratings into a year in planning")
struct ObjectivesUploadYearTests {
    /// The review's case: 2025 opened with E1's objectives of 2024 (same codes and weights, every version 1, as every
    /// imported year's objectives start); HR downloads 2024's file, rated, keeps E1's rows and uploads it on 2025's page.
    /// The versions match, the codes too: only the year the file names tells it apart. Refused, naming both years,
    /// nothing written, not a line in the audit log. Each year's own file still uploads back on its own page.
    @Test func aDownloadOfAnotherYearIsRefusedWholeAndEachYearsOwnFileStillUploadsBack() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                // Rated as a first import copies ratings in: versions stay 1.
                _ = try db.execute("UPDATE individual_objectives SET cosa = 5, come = 'A' WHERE year = 2024 AND employee_id = 'E1'")
                _ = try db.execute("UPDATE individual_objectives SET position = position - 1")
            }
            try insertNextYear(database, state: "rating",
                               objectives: [("OB1", "Ridurre i tempi di risposta", 6000), ("OB2", "Digitalizzare l'archivio", 4000)])
            try database.withConnection { db in _ = try db.execute("UPDATE individual_objectives SET position = position - 1 WHERE year = 2025") }
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            func upload(_ text: String, year: Int) async throws -> TestResponse {
                try await HRPagesFixture.upload(Array(text.utf8), filename: "sipav-\(year)-objectives.csv", to: "/hr/obiettivi/importa",
                                                csrf: csrf, fields: [("anno", String(year))], with: hr)
            }
            let download2024 = try await hr.get("/hr/scarica/objectives.csv?anno=2024").text
            #expect(download2024.hasPrefix("\u{FEFF}employee_id;objective;title;weight;cosa;come;version;year\n"), "\(download2024)")
            #expect(download2024.contains("\nE1;OB1;Ridurre i tempi di risposta;60;5;A;1;2024\n"), "\(download2024)")
            let kept = download2024.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("E2;") }
                .joined(separator: "\n")
            let before = try auditLines(database)

            let refused = try await HRPagesFixture.upload(Array(kept.utf8), filename: "sipav-2024-objectives.csv",
                                                          to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2025")], with: hr)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.text.contains("Il file sipav-2024-objectives.csv non è stato importato"), "\(refused.text)")
            #expect(refused.text.contains("anno 2024 (colonna year)"), "\(refused.text)")
            #expect(refused.text.contains("anno 2025. Nulla è stato scritto."), "\(refused.text)")
            #expect(try stored(database, year: 2025) == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try auditLines(database) == before)

            // A row of another year among this year's rows is refused all the same.
            let download2025 = try await hr.get("/hr/scarica/objectives.csv?anno=2025").text
            #expect(download2025.contains("\nE1;OB1;Ridurre i tempi di risposta;60;;;1;2025\n"), "\(download2025)")
            let mixed = download2025.replacingOccurrences(of: "60;;;1;2025", with: "60;5;A;1;2024")
            #expect(try await upload(mixed, year: 2025).status == .unprocessableContent)
            #expect(try stored(database, year: 2025) == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try auditLines(database) == before)

            // Each year's own file, on its own page, round-trips: nothing changes, nothing logged.
            for (text, year) in [(download2025, 2025), (download2024, 2024)] {
                let taken = try await upload(text, year: year)
                #expect(taken.status == .seeOther, "\(taken.text)")
            }
            #expect(try stored(database, year: 2024) == ["OB1:5A:v1", "OB2:5A:v1"])
            #expect(try stored(database, year: 2025) == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try auditLines(database) == before)

            // A file that names no year (written by hand, or with the cells emptied) is read as before.
            let unnamed = download2025.replacingOccurrences(of: ";2025\n", with: ";\n")
                .replacingOccurrences(of: "Digitalizzare l'archivio", with: "Digitalizzare l'archivio storico")
            #expect(try await upload(unnamed, year: 2025).status == .seeOther)
            let title = try database.withConnection { db in
                try db.execute("SELECT title FROM individual_objectives WHERE year = 2025 AND code = 'OB2'")[0].string("title")
            }
            #expect(title == "Digitalizzare l'archivio storico")
        }
    }

    /// A year imported for planning takes objectives, titles and weights from an upload, as from HR's form, and no
    /// rating: a manager's form takes none either until HR opens the year for rating. Refused whole, naming the people,
    /// nothing written; the same file without ratings is taken.
    @Test func aYearInPlanningTakesNoRatingsFromAnUpload() async throws {
        try await withWebApp { browser, database in
            try insertNextYear(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            func upload(_ text: String) async throws -> TestResponse {
                try await HRPagesFixture.upload(Array(text.utf8), filename: "objectives.csv", to: "/hr/obiettivi/importa",
                                                csrf: csrf, fields: [("anno", "2025")], with: hr)
            }
            let before = try auditLines(database)
            let refused = try await upload("employee_id;objective;title;weight;cosa;come\nE1;OB9;Obiettivo del 2025;60;5;A\n"
                                           + "E1;OB10;Nuovo;40;;\n")
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.text.contains("porta valutazioni (cosa e come) per 1 obiettivo"), "\(refused.text)")
            #expect(refused.text.contains("anno 2025 è in programmazione: E1 (1)"), "\(refused.text)")
            #expect(try stored(database, year: 2025) == ["OB9:--:v1"])
            #expect(try auditLines(database) == before)

            let taken = try await upload("employee_id;objective;title;weight;cosa;come\nE1;OB9;Obiettivo del 2025;60;;\nE1;OB10;Nuovo;40;;\n")
            #expect(taken.status == .seeOther, "\(taken.text)")
            #expect(try stored(database, year: 2025) == ["OB9:--:v2", "OB10:--:v1"])

            // Once HR opens the year for rating, the same ratings are taken.
            try database.withConnection { db in _ = try db.execute("UPDATE years SET state = 'rating' WHERE year = 2025") }
            let rated = try await upload("employee_id;objective;title;weight;cosa;come\nE1;OB9;Obiettivo del 2025;60;5;A\nE1;OB10;Nuovo;40;;\n")
            #expect(rated.status == .seeOther, "\(rated.text)")
            #expect(try stored(database, year: 2025) == ["OB9:5A:v3", "OB10:--:v1"])
        }
    }
}
