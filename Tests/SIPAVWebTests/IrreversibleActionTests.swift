import SIPAVTestSupport
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// Actions that cannot be undone say so next to their button, and a closed year does not look editable.
@Suite("Irreversible actions and closed years")
struct IrreversibleActionTests {
    @Test func submittingAsFinalSaysWhoCanStillChangeTheAppraisal() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni/E1").text
            #expect(page.contains("aria-describedby=\"invia-definitiva\" name=\"azione\" value=\"rivedi\" class=\"final\">Invia definitiva…</button>"))
            #expect(page.contains("<p class=\"hint\" id=\"invia-definitiva\">Prima dell'invio si vedono punteggio finale e fascia, da confermare. Inviata come definitiva, la valutazione non si modifica più "
                                  + "dal valutatore"))
            #expect(page.contains("può correggerla solo l'ufficio personale"))
        }
    }

    static func lock(_ database: TestDatabase, _ state: String) throws {
        try database.withConnection { db in try forceYearState(db, state, year: 2024) }
    }

    @Test(arguments: [("allocated", "ripartito"), ("published", "pubblicato")])
    func aClosedYearsRatingPageIsReadOnly(state: String, name: String) async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("sg")
            let open = try await browser.get("/valutazioni/E1").text
            #expect(open.contains("Bozza: la salvi quante volte vuole"))
            #expect(open.contains("Successiva da inviare"))
            try Self.lock(database, state)
            let page = try await browser.get("/valutazioni/E1")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<p class=\"notice locked\" role=\"status\">L&#39;anno è chiuso (\(name)): le valutazioni non si "
                                  + "modificano più, salvo riapertura motivata da parte dell&#39;ufficio personale.</p>"))
            #expect(!html.contains("Bozza: la salvi"))
            #expect(!html.contains("name=\"azione\""))
            #expect(!html.contains("Invia definitiva"))
            #expect(!html.contains("Successiva da inviare"))
            #expect(!html.contains("Tutte le valutazioni"))
            let selects = html.matches(of: /<select id="(cosa|come)_\d" name="[a-z_0-9]+"( disabled)?>/)
            #expect(selects.count == 4)
            #expect(selects.allSatisfy { $0.2 != nil })
        }
    }

    /// HR's page of a person's objectives and the fund page of a closed year show what is recorded without offering to
    /// change it (a save was refused only once posted).
    @Test func aClosedYearsObjectivesAndFundAreShownNotOffered() async throws {
        try await withWebApp { browser, database in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let openPerson = try await hr.get("/hr/obiettivi/E1").text
            let openFund = try await hr.get("/hr/fondo").text
            #expect(openPerson.contains("Salva gli obiettivi</button>") && openFund.contains("Aggiungi la riga</button>"))
            try Self.lock(database, "allocated")
            let person = try await hr.get("/hr/obiettivi/E1").text
            #expect(person.contains("<p class=\"notice locked\" role=\"status\">\(HTML.escape(ObjectiveAdminRoutes.closedNotice))</p>"))
            #expect(person.contains("<fieldset class=\"plain\" disabled>"))
            #expect(!person.contains("Salva gli obiettivi</button>"))
            #expect(!person.contains("name=\"code_2\""), "no blank rows to fill")
            #expect(person.contains("value=\"OB1\""), "the objectives are shown")
            let fund = try await hr.get("/hr/fondo").text
            #expect(fund.contains("<p class=\"notice locked\" role=\"status\">\(HTML.escape(FundRoutes.lockedMessage))</p>"))
            #expect(!fund.contains("Aggiungi la riga</button>"))
            #expect(!fund.contains(">Elimina</button>"))
            #expect(!fund.contains("Registra la conferma</button>"))
        }
    }

    @Test func aSaveInAClosedYearIsRefusedAsClosedEvenWithInvalidFields() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try Self.lock(database, "allocated")
            // A half-filled objective would otherwise ask to correct the fields: nothing can be saved anyway.
            let response = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", ""), ("3", "B")])
                                                  + [("azione", "invia")])
            #expect(response.status == .conflict)
            #expect(response.text.contains("è già stato ripartito"))
            #expect(!response.text.contains("Alcuni campi non sono validi"))
            #expect(!response.text.contains("name=\"azione\""))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            #expect(try storedSubmissions(database).isEmpty)
        }
    }

    @Test func takingNoteSaysItClosesTheContest() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            let page = try await browser.get("/la-mia-valutazione").text
            #expect(page.contains("<button type=\"submit\" aria-describedby=\"presa-visione\">Prendo visione</button>"))
            #expect(page.contains("<p class=\"hint\" id=\"presa-visione\">Prendendo visione si chiude la possibilità di contestare "
                                  + "la valutazione"))
            #expect(page.contains("<input type=\"checkbox\" id=\"conferma-visione\" name=\"conferma\" value=\"1\" required>\n"
                                  + "      Ho letto la valutazione e non intendo contestarla.</label>"))
        }
    }

    /// Taking note, which cannot be undone, is recorded only with its box ticked: without it (a click by mistake, a
    /// browser that does not enforce `required`) the page says what is missing next to the box and records nothing.
    @Test func takingNoteNeedsItsBoxTicked() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            let page = try await browser.get("/la-mia-valutazione")
            let csrf = try #require(Browser.csrf(in: page))
            let run = try #require(Browser.field("ripartizione", in: page))
            for box in [[], [("conferma", "")], [("conferma", "sì")]] {
                let refused = try await browser.post("/la-mia-valutazione/presa-visione", [("csrf", csrf), ("ripartizione", run)] + box)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("La presa visione non è stata registrata: confermi di aver letto la valutazione e di "
                                              + "non volerla contestare."))
                #expect(refused.text.contains("name=\"conferma\" value=\"1\" required aria-invalid=\"true\" "
                                              + "aria-describedby=\"conferma-visione-errore\">"))
                #expect(refused.text.contains("<span class=\"field-error\" id=\"conferma-visione-errore\">Spunti la casella per "
                                              + "prendere visione.</span>"))
                #expect(try OwnAppraisalFixture.responses(database).isEmpty)
            }
            let taken = try await browser.post("/la-mia-valutazione/presa-visione", [("csrf", csrf), ("ripartizione", run), ("conferma", "1")])
            #expect(taken.status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:acknowledged:"])
        }
    }

    @Test func aContestAfterTakingNoteSaysWhyAndGivesTheReasonBack() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/la-mia-valutazione")))
            #expect(try await browser.respond("/la-mia-valutazione/presa-visione", [("csrf", csrf)]).status == .seeOther)
            let reason = "Non mi è stato assegnato l'obiettivo <b>OB2</b>.\nLo segnalo."
            let refused = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", reason)])
            #expect(refused.status == .conflict)
            let html = refused.text
            #expect(html.contains("La contestazione non è stata registrata: ha già preso visione della valutazione il "))
            #expect(html.contains("la presa visione chiude la possibilità di contestarla"))
            #expect(html.contains("<textarea id=\"motivo-non-registrato\" rows=\"5\" readonly>\(HTML.escape(reason))</textarea>"))
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:acknowledged:"])
        }
    }

    @Test func aSecondContestGivesItsReasonBackToo() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            _ = try await browser.login("e2")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/la-mia-valutazione")))
            #expect(try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", "Primo")]).status == .seeOther)
            let again = try await browser.respond("/la-mia-valutazione/contestazione", [("csrf", csrf), ("motivo", "Secondo")])
            #expect(again.status == .conflict)
            #expect(again.text.contains("Ha già contestato questa valutazione il "))
            #expect(again.text.contains("readonly>Secondo</textarea>"))
            let acknowledged = try await browser.respond("/la-mia-valutazione/presa-visione", [("csrf", csrf)])
            #expect(acknowledged.status == .conflict)
            #expect(acknowledged.text.contains("la presa visione non è stata registrata"))
            #expect(!acknowledged.text.contains("motivo-non-registrato"))
            #expect(try OwnAppraisalFixture.responses(database) == ["E2:contested:Primo"])
        }
    }
}
