import HummingbirdTesting
import SIPAVReports
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// A count in a sentence agrees with it: one *persona*, two *persone*; the verb too (*1 contestazione attende*).
@Suite("Italian singular and plural beside a count")
struct ItalianPluralsTests {
    @Test(arguments: [(0, "0 persone"), (1, "1 persona"), (2, "2 persone"), (1_250, "1.250 persone")])
    func aCountTakesTheSingularOnlyForOne(count: Int, text: String) {
        #expect(ItalianNumbers.count(count, "persona", "persone") == text)
    }

    @Test(arguments: [(1, "riprovi tra 1 minuto."), (2, "riprovi tra 2 minuti."), (15, "riprovi tra 15 minuti.")])
    func aThrottledUserIsToldWhenToTryAgain(minutes: Int, text: String) {
        #expect(LoginRoutes.tryAgain(in: minutes) == text)
    }

    @Test(arguments: [(["E2"], "<strong>1</strong> contestazione attende l"),
                      (["E1", "E2"], "<strong>2</strong> contestazioni attendono l")])
    func theDashboardCountsTheOpenContests(contesting: [String], text: String) async throws {
        try await withWebApp(year: 2023) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            try database.withConnection { db in
                for employee in contesting {
                    try db.execute("""
                        INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason)
                        VALUES ($1, 2023, $2, 'contested', 'Obiettivo raggiunto')
                        """, [WebFixture.body, employee])
                }
            }
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr").text
            #expect(page.contains(text))
        }
    }

    @Test func theObjectivesPageCountsPeople() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("hr")
            #expect(try await browser.get("/hr/obiettivi?importati=1").text.contains("File importato: obiettivi assegnati a 1 persona."))
            #expect(try await browser.get("/hr/obiettivi?importati=2").text.contains("File importato: obiettivi assegnati a 2 persone."))
            // Bianchi Anna alone, with her objectives; Area Uno: M1 without objectives, E1 with them.
            #expect(try await browser.get("/hr/obiettivi?cerca=bianchi").text
                .contains("<p class=\"summary\">1 persona; nessuna persona senza obiettivi"))
            #expect(try await browser.get("/hr/obiettivi?area=A1").text
                .contains("<p class=\"summary\">2 persone; 1 persona senza obiettivi"))
        }
    }

    @Test func theAccountsPageCountsTheDisabledAndTheImported() async throws {
        try await withWebApp { browser, _ in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.post("/hr/utenti/m2/disattiva", [("csrf", csrf)])
            #expect(try await hr.get("/hr/utenti").text.contains("4 account, di cui 1 disattivato."))
            _ = try await hr.post("/hr/utenti/m1/disattiva", [("csrf", csrf)])
            #expect(try await hr.get("/hr/utenti").text.contains("4 account, di cui 2 disattivati."))

            let one = try await HRPagesFixture.upload(HRPagesFixture.csv(["utente;ruolo;matricola", "ufficio.verdi;personale;"]),
                                                      csrf: csrf, with: hr)
            #expect(one.text.contains("1 account creato dal file utenti.csv."))
            let two = try await HRPagesFixture.upload(HRPagesFixture.csv(["utente;ruolo;matricola", "anna.bianchi;dipendente;E2",
                                                                          "rossi;dipendente;E1"]), csrf: csrf, with: hr)
            #expect(two.text.contains("2 account creati dal file utenti.csv."))
        }
    }

    /// Past the faults the page lists, the one left over is *un altro problema*, two are *altri 2 problemi*.
    @Test(arguments: [(1, "… e un altro problema."), (2, "… e altri 2 problemi.")])
    func theDownloadsPageCountsTheFaultsItLeavesOut(more: Int, text: String) async throws {
        try await withWebApp { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            func faults(_ html: String) -> Int {
                html.firstMatch(of: /<ul class="faults">(.*?)<\/ul>/).map { $0.1.matches(of: /<li>/).count } ?? 0
            }
            // Each person added brings one objective still to rate: one fault more.
            let before = try await hr.get("/hr/scarica").text
            #expect(!before.contains("… e "))
            let fixture = faults(before)
            try #require(fixture > 0 && fixture < DownloadRoutes.faultsShown)
            try WebFixture.addToAreaUno(database, DownloadRoutes.faultsShown - fixture + more, name: "Persona", prefix: "X")
            let page = try await hr.get("/hr/scarica").text
            #expect(faults(page) == DownloadRoutes.faultsShown)
            #expect(page.contains(text))
        }
    }
}
