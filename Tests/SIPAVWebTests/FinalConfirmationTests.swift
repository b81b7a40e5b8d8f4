import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// The hidden fields of a page's form, in order: (name, value), the CSRF token first.
private func hiddenFields(_ html: String) -> [(String, String)] {
    html.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/).map { (String($0.1), String($0.2)) }
}

@Suite("A final submission is confirmed after seeing its score and band")
struct FinalConfirmationTests {
    @Test func invia_definitivaShowsTheScoreAndBandAndSavesNothingUntilConfirmed() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let review = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "rivedi")])
            #expect(review.status == .ok)
            // 0,6 × 5 + 0,4 × 3 = 4,20 → 4, MEDIA.
            #expect(review.text.contains("Punteggio finale <strong>4</strong> · fascia <strong>MEDIA</strong>."))
            #expect(review.text.contains("name=\"azione\" value=\"invia\" class=\"final\">Conferma l&#39;invio definitivo</button>")
                    || review.text.contains("name=\"azione\" value=\"invia\" class=\"final\">Conferma l'invio definitivo</button>"))
            #expect(!review.text.contains("Salva bozza"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)

            let confirmed = try await browser.post("/valutazioni/E1", hiddenFields(review.text) + [("azione", "invia")])
            #expect(confirmed.location == "/valutazioni/E1?inviato=1")
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
            #expect(try storedSubmissions(database) == ["E1:m1"])
        }
    }

    @Test func confirmingAndOpeningTheNextSendsThenShowsTheNextPersonNamingTheOneSent() async throws {
        try await withWebApp { browser, database in
            try WebFixture.addToAreaUno(database, 1, name: "Verdi Carla", prefix: "N")
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let review = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "rivedi")])
            #expect(review.text.contains("value=\"invia-e-successiva\""))
            #expect(review.text.contains("La successiva da inviare: Verdi Carla (N1)."))
            let sent = try await browser.post("/valutazioni/E1", hiddenFields(review.text) + [("azione", "invia-e-successiva")])
            #expect(sent.location == "/valutazioni/N1?inviata=E1")
            #expect(try storedSubmissions(database) == ["E1:m1"])
            let next = try await browser.get(try #require(sent.location))
            #expect(next.status == .ok)
            #expect(next.text.contains("inviata come definitiva. Ecco la successiva da inviare."))
            #expect(next.text.contains("<h1>Verdi Carla</h1>"))

            // The last one to send offers no "next"; a person not yet sent is not named as sent.
            let lastCSRF = try #require(Browser.csrf(in: next))
            let last = try await browser.post("/valutazioni/N1", [("csrf", lastCSRF), ("code_0", "OB1"), ("version_0", "1"),
                                                                   ("cosa_0", "4"), ("come_0", "A"), ("azione", "rivedi")])
            #expect(!last.text.contains("invia-e-successiva"))
            let notSent = try await browser.get("/valutazioni/E1?inviata=N1")
            #expect(!notSent.text.contains("Ecco la successiva"))
        }
    }

    /// A person not assessable needs no objective (as in the files): with none, their appraisal is still sent, as it is,
    /// and they are among those to send.
    @Test func aPersonNotAssessableWithNoObjectiveIsSentAsTheyAre() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("INSERT INTO employees (body_id, employee_id, name) VALUES ('ENTE', 'NV1', 'Neri Ugo')")
                try db.execute("""
                    INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id, not_assessable_reason)
                    VALUES ('ENTE', 2024, 'NV1', 'dipendente', 'C', 'A1', 'assunto a dicembre')
                    """)
            }
            _ = try await browser.login("m1")
            let list = try await browser.get("/valutazioni")
            #expect(list.text.contains("non valutabile, da inviare"))
            let page = try await browser.get("/valutazioni/E1")
            #expect(page.text.contains("Successiva da inviare: Neri Ugo (NV1)"), "the next to send counts them")
            let csrf = try #require(Browser.csrf(in: page))
            let review = try await browser.post("/valutazioni/NV1", [("csrf", csrf), ("azione", "rivedi")])
            #expect(review.status == .ok)
            #expect(review.text.contains("Valutazione non effettuabile: fascia BASSA."))
            let sent = try await browser.post("/valutazioni/NV1", hiddenFields(review.text) + [("azione", "invia")])
            #expect(sent.location == "/valutazioni/NV1?inviato=1")
            #expect(try storedSubmissions(database) == ["NV1:m1"])
        }
    }

    @Test func goingBackShowsTheFormAsTypedAndSavesNothing() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let review = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]) + [("azione", "rivedi")])
            let back = try await browser.post("/valutazioni/E1", hiddenFields(review.text) + [("azione", "modifica")])
            #expect(back.status == .ok)
            #expect(back.text.contains("Salva bozza"))
            #expect(back.text.contains("<option value=\"5\" selected>5</option>"))
            #expect(back.text.contains("<option value=\"B\" selected>B</option>"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    @Test func anIncompleteAppraisalIsNotOfferedForConfirmation() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let review = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("", "")]) + [("azione", "rivedi")])
            #expect(review.status == .unprocessableContent)
            #expect(!review.text.contains("Conferma l"))
            #expect(try storedSubmissions(database).isEmpty)
        }
    }
}
