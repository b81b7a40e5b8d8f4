import HummingbirdTesting
import SIPAVStore
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// HR's form for E1 as the fixture stores it (OB1 60 %, OB2 40 %), with OB1's weight `weight1`.
private func e1Objectives(csrf: String, digest: String, weight1: Int = 60) -> [(String, String)] {
    [("csrf", csrf), ("anno", "2024"), ("versione", digest), ("rows", "2"),
     ("code_0", "OB1"), ("title_0", "Ridurre i tempi di risposta"), ("weight_0", String(weight1)),
     ("code_1", "OB2"), ("title_1", "Digitalizzare l'archivio"), ("weight_1", String(100 - weight1))]
}

private func digest(in page: TestResponse) -> String {
    page.text.firstMatch(of: /name="versione" value="([0-9a-f]+)"/).map { String($0.1) } ?? ""
}

/// The audit lines of the withdrawn submissions: "actor employee submitted_by".
private func withdrawals(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("""
            SELECT actor || ' ' || (old_value->>'employee_id') || ' ' || (old_value->>'submitted_by') AS entry
            FROM audit_log WHERE table_name = 'appraisal_submissions' AND operation = 'DELETE' ORDER BY audit_id
            """).map { try $0.string("entry") }
    }
}

/// m2 rates E2's only objective (4 A) and submits it as final.
private func submitE2(_ m2: Browser) async throws {
    _ = try await m2.login("m2")
    let csrf = try #require(Browser.csrf(in: try await m2.get("/valutazioni/E2")))
    let response = try await m2.post("/valutazioni/E2", [("csrf", csrf), ("code_0", "OB1"), ("version_0", "1"), ("cosa_0", "4"),
                                                         ("come_0", "A"), ("azione", "invia")])
    #expect(response.status == .seeOther)
}

private let e1Notice = "La valutazione di \(HTML.escape(WebFixture.hostileName)) (E1), inviata come definitiva, torna in bozza: "
    + "il valutatore dovrà inviarla di nuovo."

@Suite("HR's change of a submitted appraisal's objectives sends it back to draft")
struct SubmissionWithdrawalTests {
    @Test func anHREditOfASubmittedAppraisalWithdrawsItsSubmission() async throws {
        try await withWebApp { browser, database in
            let m1 = Browser(browser.client)
            try await submitE1(m1)
            try await submitE2(Browser(browser.client))
            #expect(try storedSubmissions(database) == ["E1:m1", "E2:m2"])

            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let form = try await hr.get("/hr/obiettivi/E1")
            #expect(form.text.contains("Valutazione inviata come definitiva da m1 il "))
            #expect(form.text.contains("modificandola (obiettivi, pesi o titoli) torna in bozza"))
            let saved = try await hr.post("/hr/obiettivi/E1", e1Objectives(csrf: csrf, digest: digest(in: form), weight1: 70))
            #expect(saved.location == "/hr/obiettivi/E1?anno=2024&salvato=1&bozza=E1")
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v3", "OB2:3B:v3"])
            #expect(try storedSubmissions(database) == ["E2:m2"])
            #expect(try withdrawals(database) == ["hr E1 m1"])

            let page = try await hr.get(try #require(saved.location))
            #expect(page.text.contains("Obiettivi salvati."))
            #expect(page.text.contains(e1Notice))
            #expect(!page.text.contains("Valutazione inviata come definitiva da"))

            let appraisal = try await m1.get("/valutazioni/E1")
            #expect(!appraisal.text.contains("Inviata il "))
            #expect(appraisal.text.contains("value=\"rivedi\" class=\"final\">Invia definitiva…</button>"))
            // The withdrawal is recorded as a return, with the change named: the manager reads why.
            #expect(try staffRow("E1", in: try await m1.get("/valutazioni").text).contains("<td class=\"status\">restituita in bozza</td>"))
            #expect(appraisal.text.contains("— motivo: \(HTML.escape(SubmissionChange.changedOnTheWeb))"))
        }
    }

    @Test func anHRSaveThatChangesNothingKeepsTheSubmission() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let form = try await hr.get("/hr/obiettivi/E1")
            let saved = try await hr.post("/hr/obiettivi/E1", e1Objectives(csrf: csrf, digest: digest(in: form)))
            #expect(saved.location == "/hr/obiettivi/E1?anno=2024&salvato=1")
            #expect(try storedSubmissions(database) == ["E1:m1"])
            #expect(try withdrawals(database).isEmpty)
            let page = try await hr.get(try #require(saved.location))
            #expect(!page.text.contains("torna in bozza:"))
            #expect(page.text.contains("Valutazione inviata come definitiva da m1 il "))
        }
    }

    @Test func anAddressNamingASubmittedAppraisalClaimsNoWithdrawal() async throws {
        try await withWebApp { browser, database in
            try await submitE1(Browser(browser.client))
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/obiettivi/E1?salvato=1&bozza=E1").text.contains("torna in bozza:")))
            #expect(!(try await hr.get("/hr/obiettivi?importati=1&bozza=E1").text.contains("torna in bozza:")))
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    @Test func anUploadWithdrawsOnlyTheSubmissionsItChanges() async throws {
        try await withWebApp { browser, database in
            let m1 = Browser(browser.client)
            try await submitE1(m1)
            try await submitE2(Browser(browser.client))
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            // E1's OB2 re-rated (3 B → 2 B); E2 as stored and submitted; M1 has no appraisal submitted.
            let file = HRPagesFixture.csv([
                "employee_id;objective;title;weight;cosa;come",
                "E1;OB1;Ridurre i tempi di risposta;60;5;A", "E1;OB2;Digitalizzare l'archivio;40;2;B",
                "E2;OB1;Bilancio sociale;100;4;A",
                "M1;OB1;Bilancio;100;;",
            ])
            let done = try await HRPagesFixture.upload(file, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(done.location == "/hr/obiettivi?anno=2024&importati=3&bozza=E1")
            #expect(try storedSubmissions(database) == ["E2:m2"])
            #expect(try withdrawals(database) == ["hr E1 m1"])
            let list = try await hr.get(try #require(done.location))
            #expect(list.text.contains("File importato: obiettivi assegnati a 3 persone."))
            #expect(list.text.contains(e1Notice))
            #expect(!list.text.contains("Bianchi Anna (E2), inviata come definitiva"))
            #expect(try staffRow("E1", in: try await m1.get("/valutazioni").text).contains("<td class=\"status\">restituita in bozza</td>"))

            // The same file again changes nothing: E2 stays submitted.
            let again = try await HRPagesFixture.upload(file, filename: "obiettivi.csv", to: "/hr/obiettivi/importa", csrf: csrf, fields: [("anno", "2024")], with: hr)
            #expect(again.location == "/hr/obiettivi?anno=2024&importati=3")
            #expect(try storedSubmissions(database) == ["E2:m2"])
        }
    }
}
