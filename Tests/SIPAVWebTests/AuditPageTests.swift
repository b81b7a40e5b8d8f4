import Foundation
import HummingbirdTesting
import SIPAVTestSupport
import SIPAV
import Testing
@testable import SIPAVWeb

@Suite("HR's audit log page")
struct AuditPageTests {
    /// The rows of the page's table: (when, who, table, operation, record, changes).
    static func rows(_ html: String) -> [(String, String, String, String, String, [String])] {
        let row = /<tr><td class="when">([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td><code>([^<]*)<\/code><\/td>\s*<td><ul class="changes">(.*?)<\/ul><\/td><\/tr>/
        let change = /<li><code>([^<]*)<\/code><\/li>/
        var rows: [(String, String, String, String, String, [String])] = []
        for match in html.matches(of: row) {
            let changes: [String] = String(match.6).matches(of: change).map { String($0.1) }
            rows.append((String(match.1), String(match.2), String(match.3), String(match.4), String(match.5), changes))
        }
        return rows
    }

    @Test func showsWhoChangedWhatNewestFirstWithoutPasswordHashes() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "anna"), ("ruolo", "dipendente"), ("matricola", "E2"),
                                                 ("password", "chiave-di-prova-42")])
            _ = try await hr.post("/hr/utenti/anna/disattiva", [("csrf", csrf)])

            let page = try await hr.get("/hr/registro")
            #expect(page.status == .ok)
            let rows = Self.rows(page.text)
            try #require(rows.count >= 2)
            let (at, actor, table, operation, record, changes) = rows[0]
            #expect(at.wholeMatch(of: /\d\d\/\d\d\/\d{4} alle \d\d:\d\d:\d\d/) != nil)
            #expect((actor, table, operation, record) == ("hr", "Utenti", "modifica", "utente anna, matricola E2"))
            #expect(changes == ["disattivato: no → sì"])
            // A record inserted by a small statement is on record with its key and values (SQL/0015).
            #expect((rows[1].1, rows[1].2, rows[1].3, rows[1].4) == ("hr", "Utenti", "inserimento", "utente anna, matricola E2"))
            #expect(rows[1].5.contains("ruolo: Dipendente"))
            #expect(rows[1].5.contains("password: (valore non mostrato)"))
            #expect(rows[1].5.contains("matricola: E2"))
            #expect(rows[1].5.contains { $0.wholeMatch(of: /creato il: \d\d\/\d\d\/\d{4} alle \d\d:\d\d:\d\d/) != nil }, "\(rows[1].5)")
            #expect(!rows[1].5.contains { $0.hasPrefix("utente:") }, "the key is in its own column")
            #expect(!page.text.contains("$2b$"))
            // The fixture's own inserts of staff: a line per person of the year.
            #expect(rows.filter { $0.2.hasPrefix("Personale dell") && $0.3 == "inserimento" && $0.4.hasPrefix("anno 2024, matricola ") }.count == 5)

            // A password change shows that it changed, not the hashes.
            try database.withConnection { db in
                try db.execute("UPDATE accounts SET password_hash = $1 WHERE username = 'anna'",
                               ["$2b$04$" + String(repeating: "a", count: 53)])
            }
            let changed = Self.rows(try await hr.get("/hr/registro").text)
            #expect(changed.first?.5 == ["password: (valore non mostrato) → (valore non mostrato)"])
        }
    }

    /// A body's shard moved to another node numbers its new entries from another range: the page still lists
    /// the newest first, by time.
    @Test func theNewestEntryComesFirstWhateverItsNumber() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO audit_log (body_id, audit_id, at, actor, table_name, operation, record_key)
                    OVERRIDING SYSTEM VALUE VALUES ($1, -1, now() + interval '1 hour', 'altro.nodo', 'fund_lines', 'INSERT', '{}')
                    """, [WebFixture.body])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let rows = Self.rows(try await hr.get("/hr/registro").text)
            #expect(rows.first?.1 == "altro.nodo")
        }
    }

    /// Every page tells the time of Italy, whatever the server's: an hour ahead of UTC in winter (CET), two in
    /// summer (CEST), on the day of Rome when UTC is still on the day before.
    @Test(arguments: [("2026-01-15 12:34:56+00", "15/01/2026 alle 13:34:56"),
                      ("2026-07-15 12:34:56+00", "15/07/2026 alle 14:34:56"),
                      ("2026-12-31 23:30:00+00", "01/01/2027 alle 00:30:00")])
    func timesAreInItalianFormOnTheClockOfItaly(utc: String, shown: String) async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO audit_log (body_id, at, actor, table_name, operation, record_key)
                    VALUES ($1, $2::timestamptz, 'orologio', 'fund_lines', 'INSERT', '{}')
                    """, [WebFixture.body, utc])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let rows = Self.rows(try await hr.get("/hr/registro").text)
            #expect(rows.filter { $0.1 == "orologio" }.map(\.0) == [shown])
        }
    }

    @Test func namesWithHTMLAreEscaped() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE employees SET name = $1 WHERE employee_id = 'E2'", [WebFixture.hostileName])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let html = try await hr.get("/hr/registro").text
            #expect(!html.contains("<script>"))
            // Each name as it was entered, quotes included: not as JSON escapes them.
            #expect(html.contains("nome: Bianchi Anna → &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Rossi</code>"))
        }
    }

    @Test func filtersByTableAndPagesAHundredAtATime() async throws {
        try await withWebApp { browser, database in
            // 250 people more, then every name changed: one line per changed row.
            let order = try database.withConnection { db in
                try db.execute("INSERT INTO employees (body_id, employee_id, name) SELECT 'ENTE', 'X' || g, 'Persona ' || g FROM generate_series(1, 250) g")
                try db.execute("UPDATE employees SET name = name || ' (rettifica)'")
                return try db.execute("""
                    SELECT record_key ->> 'employee_id' AS id FROM audit_log WHERE table_name = 'employees' AND operation = 'UPDATE'
                    ORDER BY audit_id DESC
                    """).map { try $0.string("id") }
            }
            #expect(order.count == 255)
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            var shown: [String] = []
            var uri: String? = "/hr/registro?tabella=employees"
            var pages = 0
            while let next = uri {
                let page = try await hr.get(next.replacing("&amp;", with: "&"))
                #expect(page.status == .ok)
                let rows = Self.rows(page.text)
                #expect(rows.allSatisfy { $0.2 == "Dipendenti" })
                #expect(rows.count <= AuditRoutes.pageSize)
                shown += rows.filter { $0.3 == "modifica" }.map { row in
                    String(row.4.firstMatch(of: /matricola (\S+)/)?.1 ?? "")
                }
                pages += 1
                uri = page.text.firstMatch(of: /<a href="([^"]+)" rel="next">/).map { String($0.1) }
                if pages == 1 { #expect(uri == "/hr/registro?pagina=2&amp;anno=2024&amp;tabella=employees") }
            }
            #expect(pages == 3)
            #expect(shown == order)

            let third = try await hr.get("/hr/registro?pagina=3&tabella=employees").text
            #expect(third.contains("<a href=\"/hr/registro?pagina=2&amp;anno=2024&amp;tabella=employees\" rel=\"prev\">"))
            #expect(third.contains("Pagina 3 · tabella Dipendenti"))
            #expect(third.contains("<option value=\"employees\" selected>Dipendenti</option>"))
            let none = try await hr.get("/hr/registro?tabella=nessuna").text
            #expect(none.contains("Nessuna modifica registrata per la tabella nessuna."))
        }
    }

    /// Tables, columns and values as HR reads them: weights as percentages, cents as euros, the year's state by
    /// its Italian name, yes and no; a name the page does not know is shown as written.
    @Test func tablesColumnsAndValuesAreInItalian() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents) VALUES ('ENTE', 2024, 1, 'staff', 'Fondo', 123456)")
                try db.execute("UPDATE fund_lines SET amount_cents = 234567 WHERE body_id = 'ENTE'")
                try db.execute("UPDATE individual_objectives SET weight_bp = 3000 WHERE employee_id = 'E1' AND code = 'OB1'")
                try db.execute("INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES ('ENTE', 2024, 'oiv', '2025-06-15', 'Verbale')")
                try db.execute("UPDATE fund_confirmations SET confirmed_on = '2025-06-16' WHERE body_id = 'ENTE'")
                try db.execute("UPDATE years SET state = 'validated' WHERE body_id = 'ENTE'")
                try db.execute("""
                    INSERT INTO audit_log (body_id, actor, table_name, operation, record_key, old_value, new_value)
                    VALUES ($1, 'hr', 'tabella_nuova', 'UPDATE', '{"body_id": "ENTE", "chiave_x": "K1"}', '{"campo_x": 1}', '{"campo_x": 2}')
                    """, [WebFixture.body])
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let rows = Self.rows(try await hr.get("/hr/registro").text)
            func line(_ table: String) -> (String, String, String, String, String, [String])? { rows.first { $0.2 == table } }
            #expect(line("Obiettivi individuali").map { [$0.3, $0.4] } == ["modifica", "anno 2024, matricola E1, codice OB1"])
            #expect(line("Obiettivi individuali")?.5 == ["peso: 60,00 % → 30,00 %"])
            #expect(line("Voci del fondo")?.5 == ["importo: 1.234,56 € → 2.345,67 €"])
            // A date as every other date of the log, a code of the key in Italian.
            #expect(line("Conferme del fondo").map { [$0.4] + $0.5 }
                    == ["anno 2024, tipo verifica dell&#39;OIV", "confermato il: 15/06/2025 → 16/06/2025"], "\(rows)")
            #expect(line("Anni")?.4 == "anno 2024")
            #expect(line("Anni")?.5.contains("stato: in valutazione → riaperto (da ripartire)") == true)
            #expect(line("tabella_nuova").map { [$0.4] + $0.5 } == ["chiave_x K1", "campo_x: 1 → 2"])
            #expect(!rows.contains { $0.2 == "individual_objectives" || $0.2 == "years" })
        }
    }

    /// The lines about one person, one user, some days of Italy, with the table filter too; the values are
    /// parameters, so a filter written as SQL finds nothing and changes nothing.
    @Test func filtersByPersonUserAndDaysTogetherWithTheTable() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("UPDATE employees SET name = name || ' (rettifica)' WHERE employee_id IN ('E1', 'E2')")
                try db.execute("UPDATE individual_objectives SET title = title || '.' WHERE employee_id IN ('E1', 'E2')")
                // 09/03 23:30, 10/03 13:00 and 12/03 00:30 in Rome.
                for (at, actor, table) in [("2001-03-09 22:30:00+00", "giorno0", "fund_lines"), ("2001-03-10 12:00:00+00", "giorno1", "fund_lines"),
                                           ("2001-03-10 12:00:01+00", "giorno1", "years"), ("2001-03-11 23:30:00+00", "giorno2", "fund_lines")] {
                    try db.execute("""
                        INSERT INTO audit_log (body_id, at, actor, table_name, operation, record_key)
                        VALUES ($1, $2::timestamptz, $3, $4, 'INSERT', '{}')
                        """, [WebFixture.body, at, actor, table])
                }
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            func rows(_ query: String) async throws -> [(String, String, String, String, String, [String])] {
                let page = try await hr.get("/hr/registro?" + query)
                #expect(page.status == .ok)
                return Self.rows(page.text)
            }

            // The three changes, and the fixture's four records of E1 (the person, the year's situation, two objectives).
            let person = try await rows("matricola=E1")
            #expect(person.filter { $0.3 == "modifica" }.count == 3)
            #expect(person.filter { $0.3 == "inserimento" }.count == 4)
            #expect(person.allSatisfy { $0.4.contains("matricola E1") })
            #expect(try await rows("matricola=E1&tabella=employees").map(\.3) == ["modifica", "inserimento"])
            // An employee id in either case.
            #expect(try await rows("matricola=e1").map(\.4) == person.map(\.4))
            // Days the wrong way round find nothing, and the page says why.
            let backwards = try await hr.get("/hr/registro?dal=12/03/2001&al=10/03/2001")
            #expect(backwards.text.contains("La data iniziale (12/03/2001) è dopo quella finale (10/03/2001)"))
            // Each field at fault is marked, and only it, keeping what was typed.
            func marked(_ page: TestResponse) -> [String] {
                page.text.matches(of: /<input id="([a-z_]+)"[^>]*aria-invalid="true"/).map { String($0.1) }
            }
            #expect(marked(backwards) == ["dal", "al"])
            let badYear = try await hr.get("/hr/registro?anno_dei_dati=abc&dal=10/03/2001")
            #expect(badYear.text.contains("L&#39;anno «abc» non è valido"))
            #expect(marked(badYear) == ["anno_dei_dati"])
            #expect(badYear.text.contains("name=\"anno_dei_dati\" type=\"text\" inputmode=\"numeric\" value=\"abc\""))
            #expect(marked(try await hr.get("/hr/registro?dal=2026-13-45")) == ["dal"])

            #expect(try await rows("utente=giorno1").map(\.1) == ["giorno1", "giorno1"])
            #expect(try await rows("utente=giorno1&tabella=years").map(\.2) == ["Anni"])

            let days = try await rows("dal=" + Browser.encode("10/03/2001") + "&al=" + Browser.encode("11/03/2001"))
            #expect(days.map(\.1) == ["giorno1", "giorno1"])
            #expect(try await rows("dal=2001-03-12&tabella=fund_lines").map(\.1) == ["giorno2"])
            #expect(try await rows("al=2001-03-09").map(\.1) == ["giorno0"])
            #expect(try await rows("dal=2001-03-12&al=2001-03-10").isEmpty)

            let filtered = try await hr.get("/hr/registro?utente=giorno1&dal=10/03/2001").text
            #expect(filtered.contains("value=\"giorno1\""))
            #expect(filtered.contains("<input id=\"dal\" name=\"dal\" type=\"date\" value=\"2001-03-10\">"))
            #expect(filtered.contains("href=\"/hr/registro.csv?utente=giorno1&amp;dal=2001-03-10\""))

            // The records of one year: the fixture's are all of 2024; of those of no year, the change of the name of a
            // person on its staff is kept (its reports show the name), the person's insertion and the accounts are not.
            let ofTheYear = try await rows("anno_dei_dati=2024&matricola=E1")
            let people = AuditLabels.table("employees")
            #expect(ofTheYear.count == person.filter { $0.2 != people }.count + 1 && ofTheYear.count == 6, "\(ofTheYear)")
            #expect(ofTheYear.filter { $0.2 == people }.map(\.3) == ["modifica"], "\(ofTheYear)")
            #expect(ofTheYear.allSatisfy { $0.4.contains("anno 2024") || $0.2 == people }, "\(ofTheYear)")
            #expect(try await rows("anno_dei_dati=2023").isEmpty)
            let byYear = try await hr.get("/hr/registro?anno_dei_dati=2024&utente=giorno1").text
            #expect(byYear.contains("href=\"/hr/registro.csv?utente=giorno1&amp;anno_dei_dati=2024\""), "\(byYear)")
            let wrongYear = try await hr.get("/hr/registro?anno_dei_dati=duemila")
            #expect(wrongYear.text.contains("L&#39;anno «duemila» non è valido"), "\(wrongYear.text)")
            #expect(Self.rows(wrongYear.text).isEmpty)

            let wrongDate = try await hr.get("/hr/registro?dal=31/02/2001")
            #expect(wrongDate.status == .ok)
            #expect(wrongDate.text.contains("La data iniziale «31/02/2001» non è valida"))
            #expect(Self.rows(wrongDate.text).isEmpty)

            for attack in ["E1' OR '1'='1", "x'); DROP TABLE audit_log; --"] {
                for name in ["matricola", "utente", "tabella"] {
                    let page = try await hr.get("/hr/registro?\(name)=" + Browser.encode(attack))
                    #expect(page.status == .ok)
                    #expect(Self.rows(page.text).isEmpty, "\(name)=\(attack)")
                }
            }
            let left = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM audit_log")[0].int("n") }
            #expect(left > 4)
        }
    }

    /// The links to the other pages keep every filter.
    @Test func pagesKeepTheFilters() async throws {
        try await withWebApp { browser, database in
            let actor = try database.withConnection { db in
                try db.execute("INSERT INTO employees (body_id, employee_id, name) SELECT 'ENTE', 'X' || g, 'Persona ' || g FROM generate_series(1, 150) g")
                try db.execute("UPDATE employees SET name = name || ' (rettifica)'")
                return try db.execute("SELECT actor, count(*) AS n FROM audit_log WHERE table_name = 'employees' GROUP BY actor")
                    .map { (try $0.string("actor"), try $0.int("n")) }
            }
            try #require(actor.count == 1 && actor[0].1 > AuditRoutes.pageSize)
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let first = try await hr.get("/hr/registro?tabella=employees&utente=" + Browser.encode(actor[0].0) + "&dal=01/01/2000").text
            let next = try #require(first.firstMatch(of: /<a href="([^"]+)" rel="next">/).map { String($0.1) })
            #expect(next == "/hr/registro?pagina=2&amp;anno=2024&amp;tabella=employees&amp;utente=\(actor[0].0.addingPercentEncodingForPath())&amp;dal=2000-01-01")
            let second = try await hr.get(next.replacing("&amp;", with: "&"))
            #expect(Self.rows(second.text).count == actor[0].1 - AuditRoutes.pageSize)
        }
    }

    /// The download: every line the filters let through, with the page's columns in Italian, for a spreadsheet.
    @Test func theFilteredLogDownloadsAsCSV() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            _ = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "anna"), ("ruolo", "dipendente"), ("matricola", "E2"),
                                                 ("password", "chiave-di-prova-42")])
            _ = try await hr.post("/hr/utenti/anna/disattiva", [("csrf", csrf)])

            let file = try await hr.get("/hr/registro.csv?tabella=accounts&utente=hr")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"sipav-registro-modifiche.csv\"")
            #expect(Array(file.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = file.text.dropFirst().split(separator: "\r\n").map(String.init)
            #expect(lines.first == "Quando;Chi;Tabella;Operazione;Record;Modifiche")
            #expect(lines.count == 3)
            let row = lines[1].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            #expect(row.count == 6)
            #expect(row.first?.wholeMatch(of: /\d\d\/\d\d\/\d{4} alle \d\d:\d\d:\d\d/) != nil)
            #expect(Array(row.dropFirst()) == ["hr", "Utenti", "modifica", "utente anna, matricola E2", "disattivato: no → sì"])
            #expect(lines[2].contains(";hr;Utenti;inserimento;utente anna, matricola E2;"), "\(lines[2])")
            #expect(lines[2].contains("ruolo: Dipendente") && lines[2].contains("password: (valore non mostrato)"), "\(lines[2])")

            let none = try await hr.get("/hr/registro.csv?utente=" + Browser.encode("nessuno' OR 1=1 --"))
            #expect(none.text.dropFirst().split(separator: "\r\n") == ["Quando;Chi;Tabella;Operazione;Record;Modifiche"])
            #expect(try await hr.get("/hr/registro.csv?al=2026-13-01").status == .badRequest)

            try await HRPagesFixture.addEmployee(database)
            let (employee, _) = try await HRPagesFixture.loggedIn("e1", on: browser.client)
            #expect(try await employee.get("/hr/registro.csv").status == .forbidden)
        }
    }

    @Test(arguments: ["m1", "e1"])
    func managersAndEmployeesAreRefused(username: String) async throws {
        try await withWebApp { browser, database in
            try await HRPagesFixture.addEmployee(database)
            let (user, _) = try await HRPagesFixture.loggedIn(username, on: browser.client)
            let page = try await user.get("/hr/registro")
            #expect(page.status == .forbidden)
            #expect(!page.text.contains("Registro delle modifiche"))
        }
    }

    @Test func withoutASessionTheLogRedirectsToLogin() async throws {
        try await withWebApp { browser, _ in
            let page = try await browser.get("/hr/registro?pagina=2")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?torna=%2Fhr%2Fregistro%3Fpagina%3D2")
        }
    }
}

/// The audit page's values: an allocation run stored without a settings file used the defaults, and says so.
@Suite("The audit page's values")
struct AuditValueTests {
    @Test func emptySettingsReadAsTheDefaults() {
        #expect(AuditLabels.value("\"\"", of: "settings_yaml") == "predefinite")
        #expect(AuditLabels.value("\"fund: {}\"", of: "settings_yaml") == "fund: {}")
        #expect(AuditLabels.value("\"\"", of: "description") == "")
        #expect(AuditLabels.value("275", of: "drafts_paid") == "275")
        #expect(AuditLabels.value("2024", of: "year") == "2024")
        // A `numeric` as PostgreSQL writes it: in Italian form, its decimals and no more; a percentage with its sign.
        #expect(AuditLabels.value("92.5000000000000000", of: "percent") == "92,5 %")
        #expect(AuditLabels.value("95", of: "percent") == "95 %")
        #expect(AuditLabels.value("1234.50", of: "measured_number") == "1.234,5")
        #expect(AuditLabels.value("\"92.5\"", of: "reference") == "92.5")
        #expect(AuditLabels.column("returned_drafts_paid") == "di cui restituite in bozza")
        // Codes in Italian: the fund and the kind of a confirmation.
        #expect(AuditLabels.value("\"managers\"", of: "fund") == "dirigenza")
        #expect(AuditLabels.value("\"oiv\"", of: "kind") == "verifica dell'OIV")
        // And an indicator's: how its target scale is met, never the plan's English keyword.
        for kind in ThresholdKind.allCases {
            #expect(AuditLabels.value("\"\(kind.rawValue)\"", of: "kind") != kind.rawValue, "\(kind)")
        }
        #expect(AuditLabels.value("\"at_least\"", of: "kind") == "almeno la soglia (≥)")
        #expect(AuditLabels.value("\"yes_no\"", of: "kind") == "sì/no")
        #expect(AuditLabels.column("kind") == "tipo")
    }

    /// A reason is read as it was entered: its quotes, backslashes and line breaks, not the escapes JSON writes them
    /// with; so is a key's text. A number with decimals is in Italian form, as on every other page.
    @Test func textsReadAsEnteredNotAsJSONEscapesThem() {
        let entered = "Rettifica dell'\"errore\" materiale\nsegnalato dall'OIV (C:\\verbali\\12)\tpag. 3"
        let json = String(decoding: try! JSONEncoder().encode(entered), as: UTF8.self)
        #expect(json.contains("\\n") && json.contains("\\\""))
        #expect(AuditLabels.value(json, of: "reason") == entered)
        #expect(AuditLabels.value("\"a\\u00e8 b\"", of: "title") == "aè b")
        #expect(AuditLabels.value("12.5", of: "measured_number") == "12,5")
        let line = AuditLine(id: 1, at: "", instant: "", actor: "hr", table: "individual_objectives", operation: "UPDATE",
                             key: [("employee_id", "\"E\\\"1\""), ("code", "\"OB 1\"")], person: nil, changes: [])
        #expect(AuditLabels.record(line).contains("matricola E\"1"), "\(AuditLabels.record(line))")
    }
}
