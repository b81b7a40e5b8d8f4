import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

private func withOpenYear(_ test: @escaping @Sendable (Browser, TestDatabase) async throws -> Void) async throws {
    try await withWebApp(year: PublishedYearFixture.year) { browser, database in
        try await database.store().importYear(try PublishedYearFixture.records(), actor: "test", progress: nil)
        try await test(browser, database)
    }
}

private func fundLines(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT line_no || '|' || fund || '|' || description || '|' || amount_cents AS l FROM fund_lines WHERE year = 2023 ORDER BY line_no")
            .map { try $0.string("l") }
    }
}

private func confirmations(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT kind || '|' || reference AS c FROM fund_confirmations WHERE year = 2023 ORDER BY kind").map { try $0.string("c") }
    }
}

private func validated(_ database: TestDatabase) throws -> [String] {
    try database.withConnection { db in
        try db.execute("SELECT scope || ':' || scope_id || '=' || percent::text || '|' || reference AS v FROM validated_results WHERE year = 2023 ORDER BY scope, scope_id")
            .map { try $0.string("v") }
    }
}

/// The body's year 2022, holding the confirmation `kind` with `reference`: another year's act.
private func recordIn2022(_ database: TestDatabase, kind: String, on day: String, reference: String) throws {
    try database.withConnection { db in
        try db.execute("INSERT INTO years (body_id, year) VALUES ('ENTE', 2022)")
        try db.execute("INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES ('ENTE', 2022, $1, $2::date, $3)",
                       [kind, day, reference])
    }
}

@Suite("HR's fund lines, confirmations and OIV-validated results")
struct FundPageTests {
    @Test func amountsInItalianFormBecomeExactCentsAndTheTotalsFollow() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/fondo")
            #expect(page.status == .ok)
            #expect(page.text.contains("734.312,44 €"))
            let csrf = Browser.csrf(in: page) ?? ""
            let added = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "staff"),
                                                                    ("descrizione", "Risparmi <2023>"), ("importo", "12.480,00"),
                                                                    ("riferimento", "Det. 5")])
            #expect(added.location == "/hr/fondo?anno=2023&esito=riga-conferme")
            #expect(try fundLines(database).last == "3|staff|Risparmi <2023>|1248000")
            let shown = try await browser.get("/hr/fondo?anno=2023&esito=riga-conferme")
            #expect(shown.text.contains("Risparmi &lt;2023&gt;"))
            #expect(shown.text.contains("746.792,44 €"))
            // The Giunta's and the OIV's confirmations were of the fund as it was: withdrawn with the change, to be recorded again.
            #expect(shown.text.contains(HTML.escape(FundRoutes.confirmationsWithdrawn)))
            #expect(try confirmations(database).isEmpty)
            #expect(shown.text.components(separatedBy: "Non ancora registrata.").count == 3)

            for bad in ["12.480,001", "-5", "dodici", ""] {
                let refused = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "staff"), ("descrizione", "X"),
                                                                          ("importo", bad)])
                #expect(refused.status == .unprocessableContent, "\(bad)")
                #expect(refused.text.contains("importo in euro, non negativo, con al più due decimali"), "\(bad)")
            }
            #expect(try fundLines(database).count == 3)
            let listed = try await browser.get("/hr/fondo")
            let fingerprint = try #require(listed.text.firstMatch(of: /righe\/3\/elimina"[^>]*>.*?name="impronta" value="([0-9a-f]+)"/)?.1)
            let removed = try await browser.post("/hr/fondo/righe/3/elimina", [("csrf", csrf), ("anno", "2023"), ("impronta", String(fingerprint))])
            #expect(removed.location == "/hr/fondo?anno=2023&esito=eliminata")
            #expect(try fundLines(database).count == 2)
        }
    }

    /// Removing a line withdraws the confirmations too; the page said each one was recorded, with its date and act.
    @Test func removingALineWithdrawsTheConfirmations() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/fondo")
            #expect(page.text.components(separatedBy: "<p class=\"summary recorded\">Conferma registrata: ").count == 3)
            let recorded = try confirmations(database)
            #expect(recorded.count == 2)
            let fingerprint = try #require(page.text.firstMatch(of: /righe\/2\/elimina"[^>]*>.*?name="impronta" value="([0-9a-f]+)"/)?.1)
            let removed = try await browser.post("/hr/fondo/righe/2/elimina", [("csrf", Browser.csrf(in: page) ?? ""), ("anno", "2023"),
                                                                                ("impronta", String(fingerprint))])
            #expect(removed.location == "/hr/fondo?anno=2023&esito=eliminata-conferme")
            #expect(try confirmations(database).isEmpty)
            let withdrawn = try database.withConnection { db in
                try db.execute("SELECT count(*) AS n FROM audit_log WHERE table_name = 'fund_confirmations' AND operation = 'DELETE'")[0].int("n")
            }
            #expect(withdrawn > 0, "the audit log keeps the confirmations withdrawn")
        }
    }

    /// A confirmation whose act is on record for another year of the body too (a reference copied from last year's) is
    /// said beside it, naming the year; one of its own is not.
    @Test func aConfirmationWithAnotherYearsActSaysSo() async throws {
        try await withOpenYear { browser, database in
            let stored = try database.withConnection { db in
                // The fixture's two acts share their reference: the OIV's made its own.
                try db.execute("UPDATE fund_confirmations SET reference = 'Verbale OIV n. 2/2023' WHERE year = 2023 AND kind = 'oiv'")
                return try db.execute("SELECT kind, confirmed_on::text AS day, reference FROM fund_confirmations WHERE year = 2023 ORDER BY kind")
                    .map { [try $0.string("kind"), try $0.string("day"), try $0.string("reference")] }
            }
            try #require(stored.count == 2)
            _ = try await browser.login("hr")
            #expect(!(try await browser.get("/hr/fondo")).text.contains("Lo stesso atto"))
            try database.withConnection { db in
                try db.execute("INSERT INTO years (body_id, year) VALUES ('ENTE', 2022)")
                // The Giunta's act of 2023 recorded for 2022 too; 2022's OIV act its own.
                try db.execute("INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES ('ENTE', 2022, $1, $2::date, $3)",
                               stored[0])
                try db.execute("INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES ('ENTE', 2022, $1, $2::date, 'Verbale n. 1/2022')",
                               [stored[1][0], stored[1][1]])
            }
            let page = try await browser.get("/hr/fondo").text
            #expect(page.components(separatedBy: "Lo stesso atto è registrato anche per l&#39;anno 2022").count == 2, "\(page)")
        }
    }

    /// An OIV-validated result whose act is on record for another year is recorded only once HR ticks the box that says
    /// it is the same act for this year too (as `db import` wants `--reuse-acts`), and is then said beside it, naming
    /// the year; an act of its own needs no box.
    @Test func aValidatedResultWithAnotherYearsActIsRecordedOnlyWhenSaidToBeTheSame() async throws {
        try await withOpenYear { browser, database in
            try recordIn2022(database, kind: "oiv", on: "2023-05-02", reference: "Verbale OIV n. 4/2023")
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/oiv")
            let csrf = Browser.csrf(in: page) ?? ""
            let form = [("csrf", csrf), ("anno", "2023"), ("ambito", "ente"), ("percentuale", "95,8"),
                        ("riferimento", "Verbale OIV n. 4/2023"), ("mostrato", "")]
            let refused = try await browser.post("/hr/oiv", form)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.text.contains("Il risultato non è stato registrato: lo stesso atto è registrato anche per l&#39;anno 2022"), "\(refused.text)")
            #expect(refused.text.contains("value=\"Verbale OIV n. 4/2023\"") && refused.text.contains("name=\"stesso_atto\" value=\"si\""))
            #expect(try database.withConnection { try $0.execute("SELECT 1 FROM validated_results WHERE year = 2023 AND scope = 'ente'") }.isEmpty)
            let recorded = try await browser.post("/hr/oiv", form + [("stesso_atto", "si")])
            #expect(recorded.status == .seeOther, "\(recorded.text)")
            let own = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"), ("percentuale", "95,8"),
                                                         ("riferimento", "Verbale OIV n. 5/2024"), ("mostrato", "")])
            #expect(own.status == .seeOther, "\(own.text)")
            let shown = try await browser.get("/hr/oiv").text
            #expect(shown.components(separatedBy: "Lo stesso atto è registrato anche per l&#39;anno 2022").count == 2, "\(shown)")
            #expect(!shown.contains("name=\"stesso_atto\""))
        }
    }

    /// The Giunta's confirmation given with another year's act is refused unless HR ticks the box, and says why beside
    /// the reference; once recorded, the same act given again (another date, say) asks nothing.
    @Test func aConfirmationWithAnotherYearsActIsRecordedOnlyWhenSaidToBeTheSame() async throws {
        try await withOpenYear { browser, database in
            try recordIn2022(database, kind: "giunta", on: "2022-03-02", reference: "Delibera n. 12/2022")
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/fondo")
            let csrf = Browser.csrf(in: page) ?? ""
            let shown = try #require(page.text.firstMatch(of: /name="tipo" value="giunta">\s*<input type="hidden" name="mostrato" value="([^"]*)">/)).1
            func stored() throws -> [String] {
                try database.withConnection { db in
                    try db.execute("SELECT reference FROM fund_confirmations WHERE year = 2023 AND kind = 'giunta'").map { try $0.string("reference") }
                }
            }
            let before = try stored()
            let form = [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "02/03/2023"),
                        ("riferimento", "Delibera n. 12/2022"), ("mostrato", String(shown))]
            let refused = try await browser.post("/hr/fondo/conferme", form)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.text.contains("La conferma non è stata registrata: lo stesso atto è registrato anche per l&#39;anno 2022"))
            #expect(refused.text.contains("id=\"riferimento-giunta\" name=\"riferimento\" value=\"Delibera n. 12/2022\" aria-invalid=\"true\""))
            #expect(refused.text.contains("id=\"stesso-atto-giunta\" name=\"stesso_atto\" value=\"si\""))
            #expect(!refused.text.contains("id=\"stesso-atto-oiv\""))
            #expect(try stored() == before)
            let recorded = try await browser.post("/hr/fondo/conferme", form + [("stesso_atto", "si")])
            #expect(recorded.status == .seeOther, "\(recorded.text)")
            #expect(try stored() == ["Delibera n. 12/2022"])
            let again = try await browser.get("/hr/fondo")
            let shownNow = try #require(again.text.firstMatch(of: /name="tipo" value="giunta">\s*<input type="hidden" name="mostrato" value="([^"]*)">/)).1
            let redated = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "03/03/2023"),
                                                                        ("riferimento", "Delibera n. 12/2022"), ("mostrato", String(shownNow))])
            #expect(redated.status == .seeOther, "\(redated.text)")
        }
    }

    /// The form reads an amount as fund.yaml does: a comma or a point marks the decimals, and `12.480`, thousands or
    /// decimals, is refused next to the field with how to write it. The form took `12.480` as twelve thousand.
    @Test func amountsAreReadAsTheFundFileReadsThem() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let csrf = Browser.csrf(in: try await browser.get("/hr/fondo")) ?? ""
            func add(_ amount: String) async throws -> TestResponse {
                try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "staff"), ("descrizione", "Risparmi " + amount),
                                                           ("importo", amount), ("riferimento", "Det. 6")])
            }
            for (amount, cents) in [("1234.56", 123_456), ("1234,56", 123_456), ("1.234,56", 123_456), ("12480", 1_248_000), ("12.480,00", 1_248_000)] {
                #expect(try await add(amount).location?.hasPrefix("/hr/fondo?anno=2023&esito=riga") == true, "\(amount)")
                #expect(try fundLines(database).last?.hasSuffix("|Risparmi \(amount)|\(cents)") == true, "\(amount)")
            }
            let count = try fundLines(database).count
            for ambiguous in ["12.480", "1.500", "1,500", "12.480 €"] {
                let refused = try await add(ambiguous)
                #expect(refused.status == .unprocessableContent, "\(ambiguous)")
                #expect(refused.text.contains("<span class=\"field-error\" id=\"importo-errore\">" + HTML.escape(FormNumbers.ambiguousAmountMessage)),
                        "\(ambiguous)")
                #expect(refused.text.contains("scriva 12480 o 12.480,00"))
            }
            for malformed in ["12.48.0", "1,500.001", "1.500.000,123"] {
                let refused = try await add(malformed)
                #expect(refused.status == .unprocessableContent, "\(malformed)")
                #expect(refused.text.contains(HTML.escape(FundRoutes.amountMessage)), "\(malformed)")
            }
            #expect(try fundLines(database).count == count)
        }
    }

    /// A fund holds at most 1.000.000.000.000,00 €, its lines together: a line that would take it past that is
    /// refused with its amount's field marked, and nothing is added.
    @Test func aLineThatWouldTakeTheFundPastItsLargestTotalIsRefused() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let csrf = Browser.csrf(in: try await browser.get("/hr/fondo")) ?? ""
            let before = try fundLines(database)
            let refused = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "staff"), ("descrizione", "X"),
                                                                      ("importo", "1.000.000.000.000,00")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Con questa riga il fondo supererebbe in tutto 1.000.000.000.000,00 €"))
            #expect(try fundLines(database) == before)
            let added = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "managers"), ("descrizione", "X"),
                                                                    ("importo", "999.999.910.000,00")])
            #expect(added.location == "/hr/fondo?anno=2023&esito=riga-conferme")
        }
    }

    /// Two officers on the same page: a line removed from a page that is out of date is refused when its number
    /// now names another line, and a line sent twice (a double click) is added once.
    @Test func aStaleRemovalAndADoubleSubmitChangeNothing() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/fondo")
            let csrf = Browser.csrf(in: page) ?? ""
            let line = [("csrf", csrf), ("anno", "2023"), ("fondo", "staff"), ("descrizione", "Economie"), ("importo", "5.000,00"), ("riferimento", "Det. 9")]
            #expect(try await browser.post("/hr/fondo/righe", line).location == "/hr/fondo?anno=2023&esito=riga-conferme")
            let twice = try await browser.post("/hr/fondo/righe", line)
            #expect(twice.status == .conflict)
            #expect(twice.text.contains("Una riga identica"))
            #expect(try fundLines(database).count == 3)

            let shown = try await browser.get("/hr/fondo")
            let fingerprint = String(try #require(shown.text.firstMatch(of: /righe\/3\/elimina"[^>]*>.*?name="impronta" value="([0-9a-f]+)"/)?.1))
            // Meanwhile another officer removes line 3 and adds a new one, which takes number 3.
            try database.withConnection { db in
                try db.execute("DELETE FROM fund_lines WHERE year = 2023 AND line_no = 3")
                try db.execute("INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents) SELECT body_id, 2023, 3, 'staff', 'Altra riga', 100 FROM years WHERE year = 2023")
            }
            let stale = try await browser.post("/hr/fondo/righe/3/elimina", [("csrf", csrf), ("anno", "2023"), ("impronta", fingerprint)])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("La riga non è più quella mostrata"))
            #expect(try fundLines(database).last == "3|staff|Altra riga|100")
        }
    }

    @Test func aRefusedLineComesBackAsTypedInTheFundChosen() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/fondo")
            #expect(page.text.contains("<option value=\"staff\">Personale non dirigente</option>"
                                       + "<option value=\"managers\">Dirigenza</option>"))
            let csrf = Browser.csrf(in: page) ?? ""
            let typed = [("fondo", "managers"), ("descrizione", "Risparmi dirigenza"), ("importo", "1.5.0"), ("riferimento", "Det. 7")]
            let badAmount = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023")] + typed)
            #expect(badAmount.status == .unprocessableContent)
            let noDescription = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "managers"), ("descrizione", ""),
                                                                            ("importo", "2.000,50"), ("riferimento", "Det. 7")])
            #expect(noDescription.status == .unprocessableContent)
            for refused in [badAmount, noDescription] {
                #expect(refused.text.contains("<option value=\"staff\">Personale non dirigente</option>"
                                              + "<option value=\"managers\" selected>Dirigenza</option>"))
                #expect(refused.text.contains("name=\"riferimento\" value=\"Det. 7\""))
            }
            #expect(badAmount.text.contains("name=\"descrizione\" value=\"Risparmi dirigenza\""))
            #expect(badAmount.text.contains("name=\"importo\" inputmode=\"decimal\" value=\"1.5.0\""))
            #expect(noDescription.text.contains("name=\"importo\" inputmode=\"decimal\" value=\"2.000,50\""))

            let corrected = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023")] + typed.dropLast(2)
                                                                       + [("importo", "1,50"), ("riferimento", "Det. 7")])
            #expect(corrected.location == "/hr/fondo?anno=2023&esito=riga-conferme")
            #expect(try fundLines(database).last == "3|managers|Risparmi dirigenza|150")

            try database.withConnection { db in try forceYearState(db, "allocated", year: 2023) }
            let locked = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023")] + typed.dropLast(2)
                                                                    + [("importo", "3"), ("riferimento", "Det. 8")])
            #expect(locked.status == .conflict)
            #expect(locked.text.contains("<option value=\"managers\" selected>Dirigenza</option>"))
            #expect(locked.text.contains("name=\"riferimento\" value=\"Det. 8\""))
        }
    }

    @Test func confirmationsNeedDateAndReferenceAndTheLockedYearRefusesChanges() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let csrf = Browser.csrf(in: try await browser.get("/hr/fondo")) ?? ""
            let bad = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "31/02/2024"),
                                                                     ("riferimento", "Delibera 9"), ("mostrato", "")])
            #expect(bad.status == .unprocessableContent)
            // What was typed comes back in the Giunta's form, not in the OIV's.
            // Only the date is at fault: it alone is marked, and the notice says so.
            #expect(bad.text.contains("id=\"data-giunta\" name=\"data\" value=\"31/02/2024\" placeholder=\"15/03/2024\" aria-invalid=\"true\""))
            #expect(bad.text.contains("id=\"riferimento-giunta\" name=\"riferimento\" value=\"Delibera 9\">"))
            #expect(bad.text.contains("la data non è valida; la scriva come gg/mm/aaaa"))
            // A date far from the fund's year (2023) is a slip of the pen, as in fund.yaml.
            // A kind no page sends is no confirmation to refuse field by field.
            let unknown = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "xyz"), ("data", "15/03/2024"),
                                                                         ("riferimento", "Delibera 9"), ("mostrato", "")])
            #expect(unknown.status == .notFound)
            let far = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "15/03/2093"),
                                                                     ("riferimento", "Delibera 9"), ("mostrato", "")])
            #expect(far.status == .unprocessableContent)
            #expect(far.text.contains("la scriva come gg/mm/aaaa, dal 2022 al 2028"), "\(far.text)")
            #expect(!bad.text.contains("id=\"riferimento-oiv\" name=\"riferimento\" value=\"Delibera 9\""))
            #expect(!bad.text.contains("id=\"data-oiv\" name=\"data\" value=\"31/02/2024\""))
            let good = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "15/03/2024"),
                                                                      ("riferimento", "Delibera 9"), ("mostrato", "01/03/2024|Delibera n. 1")])
            #expect(good.location == "/hr/fondo?anno=2023&esito=conferma")
            let stored = try database.withConnection { db in
                try db.execute("SELECT confirmed_on::text || '|' || reference AS c FROM fund_confirmations WHERE year = 2023 AND kind = 'giunta'")[0]
                    .string("c")
            }
            #expect(stored == "2024-03-15|Delibera 9")

            try database.withConnection { db in try forceYearState(db, "allocated", year: 2023) }
            let locked = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2023"), ("fondo", "managers"), ("descrizione", "X"),
                                                                     ("importo", "1")])
            #expect(locked.status == .conflict)
            #expect(locked.text.contains("L&#39;anno è chiuso") || locked.text.contains("L'anno è chiuso"))
            #expect(try fundLines(database).count == 2)
            // A confirmation refused by the closed year keeps what was typed, without blaming the fields.
            let closed = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "oiv"), ("data", "20/03/2024"),
                                                                        ("riferimento", "Verbale OIV 5"), ("mostrato", "")])
            #expect(closed.status == .conflict)
            #expect(closed.text.contains("id=\"riferimento-oiv\" name=\"riferimento\" value=\"Verbale OIV 5\">"))
            #expect(!closed.text.contains("aria-invalid"))
        }
    }

    @Test func aValidatedResultReplacesTheComputedOneUntilRemoved() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/oiv")
            #expect(page.status == .ok)
            #expect(page.text.contains("Area Uno"))
            #expect(page.text.contains("100,00 %"))
            // Each row's fields name their scope for a screen reader, not just "Percentuale".
            #expect(page.text.contains("aria-label=\"Percentuale validata: Area Uno\""))
            let csrf = Browser.csrf(in: page) ?? ""
            let refused = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"), ("percentuale", "101"),
                                                              ("riferimento", "Verbale OIV 3")])
            #expect(refused.status == .unprocessableContent)
            let dotted = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"), ("percentuale", "95,8 punti"),
                                                             ("riferimento", "Verbale OIV 3")])
            #expect(dotted.status == .unprocessableContent)
            #expect(dotted.text.contains("al più due decimali"))
            // What was typed comes back in its row's fields; only the field at fault is marked, and named.
            #expect(dotted.text.contains("value=\"95,8 punti\" aria-label=\"Percentuale validata: Area Uno\" aria-invalid=\"true\""))
            #expect(dotted.text.contains("La percentuale va da 0 a 100, con al più due decimali, come 95,8 o 95,85."))
            // `95.850`, thousands or decimals: refused as the files refuse it, saying how to write it.
            let ambiguous = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"), ("percentuale", "95.850"),
                                                                ("riferimento", "Verbale OIV 3")])
            #expect(ambiguous.status == .unprocessableContent)
            #expect(ambiguous.text.contains("<span class=\"field-error\" id=\"percentuale-errore\">" + HTML.escape(FormNumbers.ambiguousPercentMessage)))
            #expect(dotted.text.contains("value=\"Verbale OIV 3\" aria-label=\"Riferimento dell'atto dell'OIV: Area Uno\">"))
            #expect(!dotted.text.contains(HTML.escape("Indichi il riferimento dell'atto dell'OIV.")))
            let noReference = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"), ("percentuale", "95,8"),
                                                                  ("riferimento", " ")])
            #expect(noReference.status == .unprocessableContent)
            #expect(noReference.text.contains(HTML.escape("Indichi il riferimento dell'atto dell'OIV.")))
            #expect(noReference.text.contains("value=\"95,8\" aria-label=\"Percentuale validata: Area Uno\">"))
            #expect(dotted.text.contains("value=\"\" aria-label=\"Percentuale validata: Area Due\">"))
            // A point marks decimals as in the files: the form refused 95.85.
            let recorded = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"), ("percentuale", "95.85"),
                                                               ("riferimento", "Verbale OIV 3"), ("mostrato", "")])
            #expect(recorded.location == "/hr/oiv?anno=2023&esito=registrato", "\(recorded.text)")
            let stored = try validated(database)
            #expect(stored.count == 1)
            #expect(stored.first.map { $0.hasPrefix("area:A1=95.85") && $0.hasSuffix("|Verbale OIV 3") } == true)
            let shown = try await browser.get("/hr/oiv")
            #expect(shown.text.contains("<strong>95,85 %</strong> · Verbale OIV 3"))
            let unknown = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:ZZ"), ("percentuale", "90"),
                                                              ("riferimento", "x"), ("mostrato", "")])
            #expect(unknown.status == .notFound)
            let removed = try await browser.post("/hr/oiv/elimina", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A1"),
                                                                     ("mostrato", "95.85|Verbale OIV 3")])
            #expect(removed.location == "/hr/oiv?anno=2023&esito=eliminato")
            #expect(try validated(database).isEmpty)
        }
    }

    /// An objective whose indicators the board suppressed has no figure: the page offers it no form, and the ente's
    /// figure is its other objective's.
    @Test func anObjectiveWithEveryIndicatorSuppressedIsNotOfferedForValidation() async throws {
        try await withOpenYear { browser, database in
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO objectives (body_id, year, objective_id, title, owner_area_id, weight, position)
                    SELECT body_id, year, 'OE2', 'Obiettivo soppresso', owner_area_id, weight, position + 10
                    FROM objectives WHERE year = 2023 AND objective_id = 'OE'
                    """)
                try db.execute("""
                    INSERT INTO objective_lines SELECT body_id, year, 'OE2', line_id FROM objective_lines WHERE year = 2023 AND objective_id = 'OE'
                    """)
                try db.execute("""
                    INSERT INTO indicators (body_id, year, indicator_id, objective_id, name, kind, suppressed_reference, position)
                    VALUES ('ENTE', 2023, 'I-OE2', 'OE2', 'Non fatto', 'yes_no', 'Delibera n. 9', 1)
                    """)
                try db.execute("""
                    INSERT INTO indicator_steps (body_id, year, indicator_id, step, percent)
                    SELECT body_id, year, 'I-OE2', step, percent FROM indicator_steps WHERE year = 2023 AND indicator_id = 'I-OE'
                    """)
            }
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/oiv")
            #expect(page.status == .ok)
            #expect(page.text.contains("value=\"objective:OE\""), "\(page.text)")
            #expect(!page.text.contains("objective:OE2"))
            #expect(!page.text.contains("non si possono calcolare"))
        }
    }

    @Test func resultsThatCannotBeComputedAreExplainedInItalian() async throws {
        try await withOpenYear { browser, database in
            let indicator = try database.withConnection { db in
                try db.execute("""
                    UPDATE indicators SET measured_number = NULL, measured_date = NULL, measured_yes = NULL
                    WHERE indicator_id = (SELECT min(indicator_id) FROM indicators WHERE year = 2023 AND suppressed_reference IS NULL
                                          AND num_nonnulls(measured_number, measured_date, measured_yes) = 1)
                    RETURNING indicator_id
                    """)[0].string("indicator_id")
            }
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/oiv")
            #expect(page.text.contains("I risultati dell&#39;anno non si possono calcolare: l&#39;indicatore \(indicator) "
                                       + "non è ancora misurato: i risultati richiedono il suo valore misurato (lo aggiunga al piano e importi di nuovo l&#39;anno: sipav db export, poi sipav db import)"))
            #expect(!page.text.contains("is not measured yet"))
        }
    }

    @Test func onlyHRChangesTheFundAndTheResults() async throws {
        try await withOpenYear { browser, database in
            for path in ["/hr/fondo", "/hr/oiv"] { #expect(try await browser.get(path).isLoginRedirect) }
            _ = try await browser.login("m1")
            let csrf = Browser.csrf(in: try await browser.get("/valutazioni")) ?? ""
            for path in ["/hr/fondo", "/hr/oiv"] { #expect(try await browser.get(path).status == .forbidden) }
            let posts: [(String, [(String, String)])] = [
                ("/hr/fondo/righe", [("fondo", "staff"), ("descrizione", "X"), ("importo", "1")]),
                ("/hr/fondo/righe/1/elimina", []),
                ("/hr/fondo/conferme", [("tipo", "oiv"), ("data", "01/01/2024"), ("riferimento", "x")]),
                ("/hr/oiv", [("ambito", "ente"), ("percentuale", "50"), ("riferimento", "x")]),
                ("/hr/oiv/elimina", [("ambito", "ente")]),
            ]
            for (path, fields) in posts {
                #expect(try await browser.post(path, [("csrf", csrf)] + fields).status == .forbidden, "\(path)")
            }
            #expect(try fundLines(database).count == 2)
            #expect(try validated(database).isEmpty)
        }
    }
}

/// Two officers (or two tabs) on the same OIV-validated result or fund confirmation: the later form, from a page shown
/// before the first was recorded, is refused (409) with the record as it now is, and nothing is overwritten; a removal
/// from such a page likewise. A closed year's OIV page offers no form.
@Suite("Acts recorded from two pages")
struct ActsFromTwoPagesTests {
    private func validated(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            try db.execute("SELECT scope || ':' || scope_id || '=' || trim_scale(percent)::text || '|' || reference AS v FROM validated_results ORDER BY 1")
                .map { try $0.string("v") }
        }
    }

    @Test func aValidatedResultFromAnOutdatedPageIsRefused() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let tab = try await browser.get("/hr/oiv")
            let csrf = Browser.csrf(in: tab) ?? ""
            #expect(tab.text.contains("name=\"mostrato\" value=\"\""))
            let first = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"), ("percentuale", "90"),
                                                           ("riferimento", "Verbale B"), ("mostrato", "")])
            #expect(first.location == "/hr/oiv?anno=2023&esito=registrato")
            // The other tab, shown before: its form says there was no validated result.
            let second = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"), ("percentuale", "85"),
                                                            ("riferimento", "Verbale A"), ("mostrato", "")])
            #expect(second.status == .conflict)
            #expect(second.text.contains("dopo che la pagina è stata aperta è stato registrato, cambiato o eliminato"))
            #expect(second.text.contains("<strong>90,00 %</strong> · Verbale B"), "the record as it now is")
            #expect(second.text.contains("value=\"85\""), "what was typed comes back")
            #expect(try validated(database) == ["area:A2=90|Verbale B"])
            // A form without the field is refused too.
            let bare = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"), ("percentuale", "80"),
                                                          ("riferimento", "Verbale C")])
            #expect(bare.status == .conflict)
            // From the page as it is now, the change goes through; a removal from the page before it does not.
            let current = try await browser.get("/hr/oiv")
            #expect(current.text.contains("name=\"mostrato\" value=\"90|Verbale B\""))
            let changed = try await browser.post("/hr/oiv", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"), ("percentuale", "85"),
                                                             ("riferimento", "Verbale A"), ("mostrato", "90|Verbale B")])
            #expect(changed.location == "/hr/oiv?anno=2023&esito=registrato")
            let staleRemoval = try await browser.post("/hr/oiv/elimina", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"),
                                                                          ("mostrato", "90|Verbale B")])
            #expect(staleRemoval.status == .conflict)
            #expect(try validated(database) == ["area:A2=85|Verbale A"])
            let removal = try await browser.post("/hr/oiv/elimina", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"),
                                                                     ("mostrato", "85|Verbale A")])
            #expect(removal.location == "/hr/oiv?anno=2023&esito=eliminato")
            let again = try await browser.post("/hr/oiv/elimina", [("csrf", csrf), ("anno", "2023"), ("ambito", "area:A2"),
                                                                   ("mostrato", "85|Verbale A")])
            #expect(again.status == .conflict)
            #expect(try validated(database).isEmpty)

            try database.withConnection { db in try forceYearState(db, "allocated", year: 2023) }
            let closed = try await browser.get("/hr/oiv")
            #expect(closed.text.contains("L&#39;anno è chiuso") || closed.text.contains("L'anno è chiuso"))
            #expect(!closed.text.contains("action=\"/hr/oiv\""))
        }
    }

    @Test func aConfirmationFromAnOutdatedPageIsRefused() async throws {
        try await withOpenYear { browser, database in
            _ = try await browser.login("hr")
            let tab = try await browser.get("/hr/fondo")
            let csrf = Browser.csrf(in: tab) ?? ""
            let first = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "15/03/2024"),
                                                                      ("riferimento", "Delibera 9"), ("mostrato", "01/03/2024|Delibera n. 1")])
            #expect(first.location == "/hr/fondo?anno=2023&esito=conferma")
            let second = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "16/03/2024"),
                                                                       ("riferimento", "Delibera 10"), ("mostrato", "01/03/2024|Delibera n. 1")])
            #expect(second.status == .conflict)
            #expect(second.text.contains("registrata: 15/03/2024, Delibera 9"), "the record as it now is")
            #expect(second.text.contains("value=\"Delibera 10\""), "what was typed comes back")
            let stored = try database.withConnection { db in
                try db.execute("SELECT confirmed_on::text || '|' || reference AS c FROM fund_confirmations WHERE kind = 'giunta'")[0].string("c")
            }
            #expect(stored == "2024-03-15|Delibera 9")
            let page = try await browser.get("/hr/fondo")
            #expect(page.text.contains("name=\"mostrato\" value=\"15/03/2024|Delibera 9\""))
            let corrected = try await browser.post("/hr/fondo/conferme", [("csrf", csrf), ("anno", "2023"), ("tipo", "giunta"), ("data", "16/03/2024"),
                                                                          ("riferimento", "Delibera 10"), ("mostrato", "15/03/2024|Delibera 9")])
            #expect(corrected.location == "/hr/fondo?anno=2023&esito=conferma")
        }
    }
}
