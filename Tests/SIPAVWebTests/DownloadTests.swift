import Foundation
import HummingbirdTesting
import SIPAVFiles
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

@Suite("HR's downloads: every report as CSV and JSON, the command line's bytes")
struct DownloadTests {
    /// The `sipav db report` kind of each download.
    static let commandKind: [DownloadReport: String] = [
        .organizzazione: "organisation", .punteggi: "scores", .ripartizione: "allocation", .statistiche: "statistics",
    ]

    /// What `sipav db report <kind> --format <format>` prints for the fixture's year 2023.
    static func commandLine(_ report: DownloadReport, format: String, on database: TestDatabase) throws -> [UInt8] {
        let process = Process()
        process.executableURL = SipavBinary.url
        process.arguments = ["db", "report", try #require(commandKind[report]), "--body", WebFixture.body,
                             "--year", String(PublishedYearFixture.year), "--format", format, "--database", database.conninfo]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SIPAV_CONFIG")
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(String(decoding: message, as: UTF8.self))")
        return [UInt8](bytes)
    }

    /// `preview`: the year is open, so the file's name says *anteprima* (a one-table CSV has no title to say it).
    static func expectSameBytes(_ report: DownloadReport, _ format: String, as hr: Browser, on database: TestDatabase,
                                preview: Bool = false) async throws {
        let file = try await hr.get("/hr/scarica/\(report.rawValue).\(format)?anno=2023")
        #expect(file.status == .ok, "\(report) \(format)")
        let name = "sipav-2023-\(report.rawValue)\(preview ? "-anteprima" : "").\(format)"
        #expect(file.headers[.contentDisposition] == "attachment; filename=\"\(name)\"")
        #expect(file.headers[.contentType] == (format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8"))
        let expected = try commandLine(report, format: format, on: database)
        #expect(expected.count > 100)
        #expect(Array(file.body.readableBytesView) == expected, "\(report) \(format)")
    }

    @Test(arguments: DownloadReport.allCases, ["csv", "json"])
    func eachFileHoldsTheBytesTheCommandLinePrints(report: DownloadReport, format: String) async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            try await Self.expectSameBytes(report, format, as: hr, on: database)
        }
    }

    @Test func theYearsOwnStoredSettingsAreUsedAsTheCommandLineUsesThem() async throws {
        let settings = try String(contentsOf: SipavBinary.repositoryRoot.appendingPathComponent("Config/example-redistribute.yaml"),
                                  encoding: .utf8)
        try await withWebApp { browser, database in
            // Allocated with the settings it stores, as sipav db run allocates it: the command line prints an allocated
            // year's reports only while its recomputation is the allocation on record.
            try await PublishedYearFixture.insertAllocated(into: try database.store(), settingsText: settings,
                                                           settings: try SettingsFile.parse(text: settings, file: "settings.yaml"))
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            for report in DownloadReport.allCases {
                for format in ["csv", "json"] { try await Self.expectSameBytes(report, format, as: hr, on: database) }
            }
        }
    }

    /// An allocated year's amounts are downloaded only while they are the ones on record: an amount changed on
    /// record stops the allocation's and the statistics' files, naming the person, as on the command line.
    @Test func anAllocationThatIsNotTheRecordIsNotDownloaded() async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await hr.get("/hr/scarica/ripartizione.csv?anno=2023").status == .ok)
            let person = try database.withConnection { db in
                try db.execute("SET session_replication_role = replica")
                return try db.execute("""
                    UPDATE allocations SET amount_cents = amount_cents + 1
                    WHERE year = 2023 AND employee_id = (SELECT min(employee_id) FROM allocations WHERE year = 2023) RETURNING employee_id
                    """)[0].string("employee_id")
            }
            for file in ["ripartizione.csv", "statistiche.json"] {
                let refused = try await hr.get("/hr/scarica/\(file)?anno=2023")
                #expect(refused.status == .conflict, "\(file)")
                #expect(refused.text.contains("la ripartizione registrata differisce"), "\(refused.text)")
                #expect(refused.text.contains("\(person): registrato"), "\(refused.text)")
            }
            #expect(try await hr.get("/hr/scarica/punteggi.csv?anno=2023").status == .ok)

            // The right cents beside another share are not the record either: every figure is compared.
            try database.withConnection { db in
                try db.execute("SET session_replication_role = replica")
                try db.execute("UPDATE allocations SET amount_cents = amount_cents - 1 WHERE year = 2023 AND employee_id = $1", [person])
                try db.execute("UPDATE allocations SET share_numerator = share_numerator + 1 WHERE year = 2023 AND employee_id = $1", [person])
            }
            let otherShare = try await hr.get("/hr/scarica/ripartizione.csv?anno=2023")
            #expect(otherShare.status == .conflict)
            #expect(otherShare.text.contains("\(person): quota"), "\(otherShare.text)")
        }
    }

    @Test func thePageLinksEveryReportOfTheYear() async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/scarica?anno=2023")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>Scarica i rapporti 2023</h1>"))
            let links = html.matches(of: /<a href="(\/hr\/scarica\/[^"]+)" download>([A-Z]+)<\/a>/).map { "\($0.1) \($0.2)" }
            #expect(links == DownloadReport.allCases.flatMap { report in
                ["csv", "json"].map { "/hr/scarica/\(report.rawValue).\($0)?anno=2023 \($0.uppercased())" }
            })
            #expect(!html.contains("class=\"unavailable\""))
            #expect(html.contains("<strong class=\"year-link\">2023</strong>"))
            #expect(html.contains("<a class=\"year-link\" href=\"/hr/scarica?anno=2024\">2024</a>"))
        }
    }

    @Test func whenTheFundCannotBeAllocatedOnlyOrganisationAndScoresAreOffered() async throws {
        try await withWebApp { browser, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            try await store.reopen(body: WebFixture.body, year: 2023, reason: "prova", actor: "test")
            try database.withConnection { db in
                try db.execute("DELETE FROM fund_confirmations WHERE body_id = 'ENTE' AND year = 2023 AND kind = 'giunta'")
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let html = try await hr.get("/hr/scarica?anno=2023").text
            #expect(html.contains("La ripartizione e le statistiche non sono ancora disponibili: il fondo dell&#39;anno 2023 "
                                  + "non si può ripartire"))
            let links = html.matches(of: /<a href="\/hr\/scarica\/([^"?]+)\?anno=2023" download>/).map { String($0.1) }
            // The year's objectives.csv, to mend and upload again, whatever the fund.
            #expect(links == ["organizzazione.csv", "organizzazione.json", "punteggi.csv", "punteggi.json", "objectives.csv"])
            #expect(html.matches(of: /<span class="unavailable" aria-disabled="true">/).count == 4)
            for file in ["ripartizione.csv", "statistiche.json"] {
                let refused = try await hr.get("/hr/scarica/\(file)?anno=2023")
                #expect(refused.status == .conflict)
                #expect(refused.text.contains("non si può ripartire"))
            }
            try await Self.expectSameBytes(.punteggi, "csv", as: hr, on: database, preview: true)
        }
    }

    @Test func anOpenYearsReportsAreMarkedAsAPreview() async throws {
        try await withWebApp { browser, database in
            let store = try database.store()
            try await PublishedYearFixture.insertAllocated(into: store)
            try await store.reopen(body: WebFixture.body, year: 2023, reason: "prova", actor: "test")
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/scarica?anno=2023").text
            #expect(page.contains("i rapporti sono un&#39;anteprima") || page.contains("i rapporti sono un'anteprima"))
            let json = try await hr.get("/hr/scarica/ripartizione.json?anno=2023")
            #expect(json.headers[.contentDisposition] == "attachment; filename=\"sipav-2023-ripartizione-anteprima.json\"")
            #expect(json.text.contains("\"title\": \"Anteprima – Ripartizione del fondo 2023"))
            #expect(json.text.contains("\"notes\": [\"Anteprima: queste cifre non sono registrate.\""))
            let csv = try await hr.get("/hr/scarica/ripartizione.csv?anno=2023")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"sipav-2023-ripartizione-anteprima.csv\"")
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.first.map { $0.hasPrefix("\u{FEFF}") && $0.contains("Fondi (anteprima: cifre non registrate)") } == true)
            #expect(lines.contains { $0.contains("Importi individuali (anteprima: cifre non registrate)") })
            for kind in DownloadReport.allCases {
                let file = try await hr.get("/hr/scarica/\(kind.rawValue).json?anno=2023")
                #expect(file.text.contains("\"title\": \"Anteprima – "), "\(kind)")
            }
        }
    }

    @Test func aStoredYearsReportsSayNothingOfAPreview() async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/scarica?anno=2023").text.contains("anteprima")))
            for kind in DownloadReport.allCases {
                for format in ["csv", "json"] {
                    let file = try await hr.get("/hr/scarica/\(kind.rawValue).\(format)?anno=2023")
                    #expect(!file.text.lowercased().contains("anteprima"), "\(kind) \(format)")
                }
            }
        }
    }

    /// Each column of the allocation report has its own label; the JSON keys stay as they were.
    @Test func theAllocationsColumnsHaveDistinctLabels() async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let lines = try await hr.get("/hr/scarica/ripartizione.csv?anno=2023").text.split(separator: "\r\n").map(String.init)
            let funds = try #require(lines.first { $0.hasPrefix("Fondo;") })
            let people = try #require(lines.first { $0.hasPrefix("Matricola;") })
            for header in [funds, people] {
                let labels = header.split(separator: ";").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                #expect(Set(labels).count == labels.count, "\(header)")
            }
            #expect(funds.split(separator: ";").prefix(3) == ["Fondo", "Persone", "Stanziato"])
            #expect(people.contains(";Componente Ente;Componente Area;"))
            let json = try await hr.get("/hr/scarica/ripartizione.json?anno=2023").text
            for key in ["\"fund\": ", "\"fund_cents\": ", "\"area\": ", "\"ente_cents\": ", "\"area_cents\": "] {
                #expect(json.contains(key), "\(key)")
            }
        }
    }

    @Test func aYearStillBeingRatedOffersNoReport() async throws {
        try await withWebApp { browser, _ in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/scarica")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Scarica i rapporti 2024</h1>"))
            #expect(page.text.contains("I rapporti dell&#39;anno 2024 non si possono ancora produrre"))
            // Only the year's objectives.csv, which needs no computing.
            #expect(page.text.matches(of: /\ download>/).count == 1)
            #expect(page.text.contains("<a href=\"/hr/scarica/objectives.csv?anno=2024\" download>objectives.csv</a>"))
            #expect(page.text.matches(of: /<span class="unavailable" aria-disabled="true">/).count == 8)
            #expect(try await hr.get("/hr/scarica/punteggi.csv").status == .conflict)
        }
    }

    @Test(arguments: ["/hr/scarica/punteggi.xlsx", "/hr/scarica/premi.csv", "/hr/scarica/punteggi", "/hr/scarica?anno=1999",
                      "/hr/scarica/punteggi.csv?anno=2022", "/hr/scarica?anno=abc"])
    func unknownFilesAndYearsAreNotFound(uri: String) async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await hr.get(uri).status == .notFound)
        }
    }

    static let uris = ["/hr/scarica", "/hr/scarica?anno=2023", "/hr/scarica/punteggi.csv?anno=2023",
                       "/hr/scarica/ripartizione.json?anno=2023"]

    @Test(arguments: ["m1", "e1"])
    func managersAndEmployeesAreRefused(username: String) async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            try await HRPagesFixture.addEmployee(database)
            let (user, _) = try await HRPagesFixture.loggedIn(username, on: browser.client)
            for uri in Self.uris {
                let response = try await user.get(uri)
                #expect(response.status == .forbidden, "\(username) \(uri)")
                #expect(response.headers[.contentDisposition] == nil)
            }
        }
    }

    @Test func withoutASessionDownloadsRedirectToLogin() async throws {
        try await withWebApp { browser, database in
            try await PublishedYearFixture.insertAllocated(into: try database.store())
            for uri in Self.uris {
                let response = try await browser.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.isLoginRedirect, "\(uri)")
            }
        }
    }
}
