import HummingbirdTesting
import Postgres
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

@Suite("HR's accounts page: list, create, disable and enable, import from CSV")
struct AccountAdminTests {
    static let newPassword = "una-password-nuova"

    @Test func listsTheBodysAccountsWithRolesInItalianAndEscapesNames() async throws {
        try await withWebApp { browser, database in
            try await HRPagesFixture.addEmployee(database)
            try database.withConnection { db in
                try db.execute("UPDATE accounts SET disabled = true WHERE username = 'm2'")
            }
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.get("/hr/utenti")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<th scope=\"row\">m1</th><td>Dirigente</td><td>M1</td><td>Dirigente Uno</td>"))
            #expect(html.contains("<th scope=\"row\">hr</th><td>Ufficio personale</td><td>—</td><td>—</td>"))
            #expect(html.contains("<th scope=\"row\">e1</th><td>Dipendente</td><td>E1</td>"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Rossi"))
            #expect(!html.contains(WebFixture.hostileName))
            #expect(html.contains("<tr class=\"disabled\">\n    <th scope=\"row\">m2</th>"))
            #expect(html.contains("action=\"/hr/utenti/m2/riattiva\""))
            #expect(html.contains("action=\"/hr/utenti/m1/disattiva\""))
            // No button for one's own account.
            #expect(!html.contains("/hr/utenti/hr/disattiva"))
            #expect(html.contains("5 account, di cui 1 disattivato."))
            #expect(html.contains("enctype=\"multipart/form-data\""))
        }
    }

    @Test func hrCreatesAnAccountThatLogsInAndIsStoredOnlyAsAHash() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let created = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "anna.bianchi"), ("ruolo", "dipendente"),
                                                           ("matricola", "E2"), ("password", Self.newPassword)])
            #expect(created.status == .seeOther)
            #expect(created.location == "/hr/utenti?esito=creato&utente=anna.bianchi")
            #expect(try await hr.get(created.location ?? "").text.contains("Account «anna.bianchi» creato: al primo accesso dovrà scegliere una password propria."))

            let stored = try HRPagesFixture.accounts(database).filter { $0.contains(" anna.bianchi ") }
            #expect(stored.count == 1)
            #expect(stored.first?.hasPrefix("ENTE anna.bianchi employee E2 false $2b$04$") == true)
            #expect(!(try HRPagesFixture.accounts(database).joined().contains(Self.newPassword)))
            // On record with its key and values (SQL/0015).
            let audit = try database.withConnection { db in
                try db.execute("""
                    SELECT actor || ' ' || (record_key ->> 'username') || ' ' || (new_value ->> 'role') || ' ' || (new_value ->> 'employee_id') AS a
                    FROM audit_log WHERE table_name = 'accounts' AND operation = 'INSERT' ORDER BY audit_id DESC LIMIT 1
                    """).map { try $0.string("a") }
            }
            #expect(audit == ["hr anna.bianchi employee E2"])

            // HR chose the password: its owner chooses their own before anything else.
            let employee = Browser(browser.client)
            let login = try await employee.login("anna.bianchi", password: Self.newPassword)
            #expect(login.status == .seeOther)
            #expect(try await employee.get("/").location == "/password")
            #expect(try await employee.get("/la-mia-valutazione").location == "/password")
            let form = try await employee.get("/password")
            _ = try await employee.post("/password", [("csrf", Browser.csrf(in: form) ?? ""), ("attuale", Self.newPassword),
                                                      ("nuova", "tutta-mia-2026"), ("ripetuta", "tutta-mia-2026")])
            #expect(try await employee.get("/").location == "/la-mia-valutazione")
        }
    }

    /// (username, role, matricola, password, field in error, its message).
    static let refusals: [(String, String, String, String, String, String)] = [
        ("", "dipendente", "E2", newPassword, "utente", "il nome utente è obbligatorio"),
        ("anna bianchi", "dipendente", "E2", newPassword, "utente", AccountRules.usernameRule),
        ("m1", "dipendente", "E2", newPassword, "utente", "esiste già un account con questo nome utente"),
        ("M1", "dipendente", "E2", newPassword, "utente", "esiste già un account con questo nome utente"),
        ("anna", "capo", "E2", newPassword, "ruolo", "il ruolo è personale, dirigente o dipendente"),
        ("anna", "dirigente", "", newPassword, "matricola", "la matricola è obbligatoria per il ruolo dirigente"),
        ("anna", "dipendente", "X9", newPassword, "matricola", "nessuna persona con questa matricola nel personale dell'anno 2024"),
        // An id written in another case: the staff's spelling is named, not "nobody".
        ("anna", "dipendente", "e2", newPassword, "matricola", "nel personale dell'anno 2024 la matricola è scritta E2: la scriva così"),
        ("anna", "dipendente", "E2", "corta", "password", "la password iniziale deve avere almeno 8 caratteri"),
        ("anna", "dirigente", "E2", newPassword, "ruolo", "il ruolo dirigente è per chi nell'anno 2024 è dirigente o Segretario Generale"),
        ("anna", "dipendente", "M1", newPassword, "matricola", "questa persona ha già l'account «m1» attivo: lo disattivi prima di crearne o riattivarne un altro"),
    ]

    @Test(arguments: refusals)
    func aWrongFieldIsShownBesideItAndNothingIsCreated(_ refusal: (String, String, String, String, String, String)) async throws {
        let (username, role, employee, password, field, message) = refusal
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", username), ("ruolo", role),
                                                        ("matricola", employee), ("password", password)])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("<span class=\"field-error\" id=\"\(field)-errore\">\(HTML.escape(message.prefix(1).uppercased() + message.dropFirst()))"))
            #expect(page.text.contains("L&#39;account non è stato creato"))
            #expect(!page.text.contains(Self.newPassword))
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    @Test func disablingEndsTheSessionsAndEnablingAllowsLoginAgain() async throws {
        try await withWebApp { browser, database in
            let (manager, _) = try await HRPagesFixture.loggedIn("m1", on: browser.client)
            #expect(try await manager.get("/valutazioni").status == .ok)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)

            let disabled = try await hr.post("/hr/utenti/m1/disattiva", [("csrf", csrf)])
            #expect(disabled.status == .seeOther)
            #expect(disabled.location == "/hr/utenti?esito=disattivato&utente=m1")
            #expect(try await manager.get("/valutazioni").isLoginRedirect)
            let sessions = try database.withConnection { db in
                try db.execute("SELECT count(*) AS n FROM sessions WHERE username = 'm1'")[0].int("n")
            }
            #expect(sessions == 0)
            #expect(try await Browser(browser.client).login("m1").status == .unauthorized)
            let update = try database.withConnection { db in
                try db.execute("""
                    SELECT actor, old_value ->> 'disabled' AS old, new_value ->> 'disabled' AS new FROM audit_log
                    WHERE table_name = 'accounts' AND operation = 'UPDATE' ORDER BY audit_id DESC LIMIT 1
                    """).map { "\(try $0.string("actor")) \(try $0.string("old")) \(try $0.string("new"))" }
            }
            #expect(update == ["hr false true"])

            let enabled = try await hr.post("/hr/utenti/m1/riattiva", [("csrf", csrf)])
            #expect(enabled.location == "/hr/utenti?esito=riattivato&utente=m1")
            #expect(try await Browser(browser.client).login("m1").status == .seeOther)
        }
    }

    /// A username with characters a link escapes (an e-mail address) is disabled from the button its page shows,
    /// and a second account whose name differs only in case is refused, also when both are asked for at once.
    @Test func anEmailUsernameIsManagedFromItsLinkAndCaseMakesNoOtherName() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let created = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "anna@ente.it"), ("ruolo", "dipendente"),
                                                           ("matricola", "E2"), ("password", Self.newPassword)])
            #expect(created.status == .seeOther)
            let page = try await hr.get("/hr/utenti")
            let action = try #require(page.text.firstMatch(of: /action="(\/hr\/utenti\/anna[^"]*\/disattiva)"/)?.1)
            #expect(action.contains("%40"), "\(action)")
            let disabled = try await hr.post(String(action), [("csrf", csrf)])
            #expect(disabled.status == .seeOther, "\(disabled.text)")
            #expect(try HRPagesFixture.accounts(database).contains { $0.contains(" anna@ente.it ") && $0.contains(" true ") })

            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for name in ["dup.user", "DUP.USER", "Dup.User", "dup.USER"] {
                    group.addTask {
                        Int(try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", name), ("ruolo", "personale"), ("matricola", ""),
                                                             ("password", Self.newPassword)]).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 303 }.count == 1, "\(statuses)")
            #expect(try HRPagesFixture.accounts(database).filter { $0.lowercased().contains(" dup.user ") }.count == 1)
        }
    }

    @Test(arguments: ["disattiva", "riattiva"])
    func hrCannotDisableOrEnableTheirOwnAccount(action: String) async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let refused = try await hr.post("/hr/utenti/hr/\(action)", [("csrf", csrf)])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("proprio account"))
            #expect(try HRPagesFixture.accounts(database) == before)
            #expect(try await hr.get("/hr/utenti").status == .ok)
        }
    }

    @Test func anUnknownAccountIsNotFound() async throws {
        try await withWebApp { browser, _ in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await hr.post("/hr/utenti/nessuno/disattiva", [("csrf", csrf)]).status == .notFound)
        }
    }

    // MARK: Import

    @Test func importCreatesEveryAccountWithATemporaryPasswordShownOnce() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            // M2's own account first disabled: one personal account per person.
            try database.withConnection { db in try db.execute("UPDATE accounts SET disabled = true WHERE username = 'm2'") }
            let file = HRPagesFixture.csv(["utente;ruolo;matricola", "ufficio.verdi;personale;", "dir.due;Dirigente;M2",
                                           "\"anna.bianchi\";dipendente;E2"])
            let page = try await HRPagesFixture.upload(file, csrf: csrf, with: hr)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("3 account creati dal file utenti.csv."))
            let rows = html.matches(of: /<th scope="row">([^<]+)<\/th><td><bdi>([^<]+)<\/bdi><\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td><code class="password">([0-9a-f]{16})<\/code>/)
                .map { (String($0.1), String($0.3), String($0.4), String($0.5), String($0.2)) }
            #expect(rows.map(\.0) == ["ufficio.verdi", "dir.due", "anna.bianchi"])
            // The person's name beside each account, for the slips HR hands out.
            #expect(rows.map(\.4) == ["—", "Dirigente Due", "Bianchi Anna"])
            #expect(rows.map(\.1) == ["Ufficio personale", "Dirigente", "Dipendente"])
            #expect(rows.map(\.2) == ["—", "M2", "E2"])
            #expect(Set(rows.map(\.3)).count == 3)
            #expect(page.headers[.cacheControl] == "no-store")

            // Only hashes are stored, and the log holds no password either.
            let stored = try HRPagesFixture.accounts(database).joined(separator: "\n")
            let log = try database.withConnection { db in
                try db.execute("SELECT string_agg(coalesce(old_value::text, '') || coalesce(new_value::text, ''), ' ') AS t FROM audit_log")[0]
                    .string("t")
            }
            for (_, _, _, password, _) in rows {
                #expect(!stored.contains(password))
                #expect(!log.contains(password))
            }
            // Nor the hashes: a digest of each, which shows a change without giving a hash to attack (SQL/0015).
            #expect(!log.contains("$2b$"))
            #expect(log.contains("\"password_hash\": \"md5:"))
            #expect(stored.contains("ENTE dir.due manager M2 false $2b$04$"))
            #expect(stored.contains("ENTE ufficio.verdi hr - false $2b$04$"))
            let actors = try database.withConnection { db in
                try db.execute("""
                    SELECT actor || ' ' || (record_key ->> 'username') AS a FROM audit_log
                    WHERE table_name = 'accounts' AND operation = 'INSERT' ORDER BY audit_id DESC LIMIT 3
                    """).map { try $0.string("a") }
            }
            #expect(Set(actors) == ["hr ufficio.verdi", "hr dir.due", "hr anna.bianchi"])

            // Each temporary password opens its account.
            for (username, _, _, password, _) in rows {
                let user = Browser(browser.client)
                #expect(try await user.login(username, password: password).status == .seeOther, "\(username)")
                #expect(try await user.get("/").status == .seeOther)
            }
            #expect(try await Browser(browser.client).login("anna.bianchi", password: WebFixture.password).status == .unauthorized)
        }
    }

    @Test func aBadLineAmongGoodOnesImportsNothingAndNamesFileLineFieldAndRule() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let file = HRPagesFixture.csv(["utente;ruolo;matricola", "anna.bianchi;dipendente;E2", "capo.area;capo;M2",
                                           "dir.uno;dirigente;", "luigi;dipendente;X9", "mario rossi;dipendente;E1",
                                           "ok.ultimo;personale;"])
            let page = try await HRPagesFixture.upload(file, filename: "C:\\Documenti\\nuovi <utenti>.csv", csrf: csrf, with: hr)
            #expect(page.status == .unprocessableContent)
            let html = page.text
            #expect(html.contains("Nessun account è stato importato"))
            let faults = html.matches(of: /<tr><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><td>([^<]*)<\/td><td>(?:<code>([^<]*)<\/code>)?<\/td><td>([^<]*)<\/td><\/tr>/)
                .map { [String($0.1), String($0.2), String($0.3), String($0.4 ?? ""), String($0.5)] }
            let file2 = "nuovi &lt;utenti&gt;.csv"
            #expect(faults == [
                [file2, "3", "ruolo", "capo", "il ruolo è personale, dirigente o dipendente"],
                [file2, "4", "matricola", "", "la matricola è obbligatoria per il ruolo dirigente"],
                [file2, "5", "matricola", "X9", "nessuna persona con questa matricola nel personale dell&#39;anno 2024"],
                [file2, "6", "utente", "mario rossi", HTML.escape(AccountRules.usernameRule)],
            ])
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    /// One personal account per person: a file giving one person two, or one to a person who has one, imports nothing.
    @Test func aPersonGivenTwoAccountsIsRefused() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let file = HRPagesFixture.csv(["utente;ruolo;matricola", "a.uno;dipendente;E2", "a.due;dipendente;E2", "b.uno;dipendente;E1",
                                           "hr.e1;personale;E1", "capo.due;dipendente;M2"])
            let page = try await HRPagesFixture.upload(file, csrf: csrf, with: hr)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("<td class=\"num\">3</td><td>matricola</td><td><code>E2</code></td><td>questa persona ha già un account alla riga 2 del file</td>"))
            #expect(page.text.contains("<td class=\"num\">6</td><td>matricola</td><td><code>M2</code></td><td>questa persona ha già l&#39;account «m2» attivo: lo disattivi prima di crearne o riattivarne un altro</td>"))
            #expect(!page.text.contains("<td class=\"num\">5</td>"), "an HR account naming E1 is not a second personal account")
            // The file field is marked and described by the faults' caption.
            #expect(page.text.contains("<caption id=\"file-errori\">Errori del file: 2, elencati qui sotto; nessun account è stato creato</caption>"))
            #expect(page.text.contains("type=\"file\" accept=\".csv,text/csv\" required aria-invalid=\"true\" aria-describedby=\"file-errori\">"))
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    /// A disabled account is not enabled again while the person has another enabled one; the database refuses it too.
    @Test func reenablingASecondPersonalAccountIsRefused() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await hr.post("/hr/utenti/m1/disattiva", [("csrf", csrf)]).status == .seeOther)
            let created = try await hr.post("/hr/utenti", [("csrf", csrf), ("utente", "m1.nuovo"), ("ruolo", "dirigente"),
                                                           ("matricola", "M1"), ("password", Self.newPassword)])
            #expect(created.status == .seeOther)
            let enabled = try await hr.post("/hr/utenti/m1/riattiva", [("csrf", csrf)])
            #expect(enabled.status == .conflict)
            #expect(enabled.text.contains("L&#39;account «m1» non è stato riattivato perché questa persona ha già l&#39;account «m1.nuovo» attivo"))
            #expect(try HRPagesFixture.accounts(database).contains { $0.hasPrefix("ENTE m1 manager M1 true ") })
            let refused = try database.withConnection { db in
                try #require(throws: PostgresError.self) {
                    try db.execute("UPDATE accounts SET disabled = false WHERE username = 'm1'")
                }
            }
            #expect(refused.sqlState == "23505" && refused.constraint == "accounts_one_personal_account")
        }
    }

    @Test func usernamesThatExistOrRepeatAreRefused() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let file = HRPagesFixture.csv(["utente;ruolo;matricola", "m1;dirigente;M1", "anna;dipendente;E2", "Anna;dipendente;E1"])
            let page = try await HRPagesFixture.upload(file, csrf: csrf, with: hr)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("<td class=\"num\">2</td><td>utente</td><td><code>m1</code></td><td>esiste già un account con questo nome utente: non viene sovrascritto</td>"))
            #expect(page.text.contains("<td class=\"num\">4</td><td>utente</td><td><code>Anna</code></td><td>nome utente già presente alla riga 3 del file</td>"))
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    /// (the file's bytes, the rule shown).
    static let badFiles: [([UInt8], String)] = [
        (HRPagesFixture.csv(["utente;ruolo", "anna;dipendente"]), "colonna obbligatoria assente dall&#39;intestazione"),
        (HRPagesFixture.csv(["utente;ruolo;matricola"]), "il file non elenca alcun account"),
        (HRPagesFixture.csv(["utente;ruolo;matricola", "anna;dipendente"]), "la riga ha 2 campi, l&#39;intestazione ne ha 3"),
        // "André" saved in Latin-1: é is the single byte E9.
        (Array("utente;ruolo;matricola\nAndr".utf8) + [0xE9] + Array(";dipendente;E1\n".utf8), "il file non è in UTF-8"),
        ([], "il file è vuoto"),
    ]

    @Test(arguments: badFiles)
    func aFileThatCannotBeReadIsRefusedInItalian(_ bad: ([UInt8], String)) async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let page = try await HRPagesFixture.upload(bad.0, csrf: csrf, with: hr)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains(bad.1))
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    // MARK: Who may

    /// Every action of the page, as (method, path): GET, a form's POST, or the upload of a file.
    static let actions: [(String, String)] = [
        ("GET", "/hr/utenti"), ("POST", "/hr/utenti"), ("UPLOAD", "/hr/utenti/importa"),
        ("POST", "/hr/utenti/m2/disattiva"), ("POST", "/hr/utenti/m2/riattiva"),
    ]

    static let createFields = [("utente", "intruso"), ("ruolo", "personale"), ("matricola", ""), ("password", "chiave-estranea-77")]
    static let importFile = HRPagesFixture.csv(["utente;ruolo;matricola", "intruso;personale;"])

    func send(_ action: (String, String), as browser: Browser, csrf: String?) async throws -> TestResponse {
        switch action.0 {
        case "GET": return try await browser.get(action.1)
        case "UPLOAD": return try await HRPagesFixture.upload(Self.importFile, csrf: csrf, with: browser)
        default: return try await browser.post(action.1, (csrf.map { [("csrf", $0)] } ?? []) + Self.createFields)
        }
    }

    @Test func anotherRolesImportIsRefusedBeforeItsBodyIsRead() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (manager, csrf) = try await HRPagesFixture.loggedIn("m1", on: browser.client)
            // Not a multipart form at all: reading it as one would fail (400) before the role was known.
            let plain = try await manager.post("/hr/utenti/importa", [("csrf", csrf)])
            #expect(plain.status == .forbidden)
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    @Test(arguments: ["m1", "e1"])
    func managersAndEmployeesAreRefusedEveryActionAndNothingChanges(username: String) async throws {
        try await withWebApp { browser, database in
            try await HRPagesFixture.addEmployee(database)
            try database.withConnection { db in try db.execute("UPDATE accounts SET disabled = true WHERE username = 'm2'") }
            let before = try HRPagesFixture.accounts(database)
            let (user, csrf) = try await HRPagesFixture.loggedIn(username, on: browser.client)
            #expect(!csrf.isEmpty)
            for action in Self.actions {
                let response = try await send(action, as: user, csrf: csrf)
                #expect(response.status == .forbidden, "\(username) \(action)")
                #expect(!response.text.contains("Nuovo account"))
            }
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    @Test func withoutASessionEveryActionShowsTheLoginPage() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            for action in Self.actions {
                let response = try await send(action, as: browser, csrf: "0123456789abcdef0123456789abcdef")
                // The page leads to the login; a form posted gets the login page saying nothing was saved.
                #expect(action.0 == "GET" ? response.isLoginRedirect : response.isSessionExpiredPage, "\(action)")
            }
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    @Test func withoutTheCSRFTokenEveryPostIsRefused() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            for action in Self.actions where action.0 != "GET" {
                for token in [nil, String(csrf.reversed())] {
                    let response = try await send(action, as: hr, csrf: token)
                    #expect(response.status == .forbidden, "\(action) \(token ?? "none")")
                    #expect(response.text.contains("Il modulo è scaduto"))
                }
            }
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }
}
