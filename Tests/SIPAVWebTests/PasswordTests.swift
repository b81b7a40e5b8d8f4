import Foundation
import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

private func passwordHash(_ database: TestDatabase, _ username: String) throws -> String {
    try database.withConnection { db in
        try db.execute("SELECT password_hash FROM accounts WHERE username = $1", [username])[0].string("password_hash")
    }
}

private func mustChange(_ database: TestDatabase, _ username: String) throws -> Bool {
    try database.withConnection { db in
        try db.execute("SELECT must_change_password FROM accounts WHERE username = $1", [username])[0].bool("must_change_password")
    }
}

/// A browser logged in as `username` whose last page is the change-password form.
private func onPasswordPage(_ username: String, password: String = WebFixture.password,
                            client: any TestClientProtocol) async throws -> (Browser, String) {
    let browser = Browser(client)
    _ = try await browser.login(username, password: password)
    let page = try await browser.get(PasswordRoutes.path)
    #expect(page.status == .ok)
    return (browser, Browser.csrf(in: page) ?? "")
}

/// Every user changes their own password; whoever got one from HR must, before anything else.
@Suite("Own password: change, forced change after HR's password, HR's temporary password")
struct PasswordTests {
    static let chosen = "scelta-da-me-2026"

    @Test func theOwnerChangesTheirPasswordAndOnlyTheNewOneOpens() async throws {
        try await withWebApp { browser, database in
            let (m1, csrf) = try await onPasswordPage("m1", client: browser.client)
            let before = try passwordHash(database, "m1")
            let changed = try await m1.post(PasswordRoutes.path, [("csrf", csrf), ("attuale", WebFixture.password),
                                                                  ("nuova", Self.chosen), ("ripetuta", Self.chosen)])
            #expect(changed.status == .seeOther)
            #expect(changed.location == "/password?esito=cambiata")
            #expect(try await m1.get(changed.location ?? "").text.contains("Password cambiata."))
            #expect(try passwordHash(database, "m1") != before)
            #expect(try await m1.get("/valutazioni").status == .ok)

            #expect(try await Browser(browser.client).login("m1").status == .unauthorized)
            let again = Browser(browser.client)
            #expect(try await again.login("m1", password: Self.chosen).status == .seeOther)
            #expect(try await again.get("/").location == "/valutazioni")

            let audit = try database.withConnection { db in
                try db.execute("""
                    SELECT actor, new_value::text AS v FROM audit_log WHERE table_name = 'accounts' AND operation = 'UPDATE'
                    ORDER BY audit_id DESC LIMIT 1
                    """).map { try $0.string("actor") + " " + $0.string("v") }
            }
            #expect(audit.count == 1)
            #expect(audit.first?.hasPrefix("m1 ") == true)
            #expect(audit.first?.contains(Self.chosen) == false)
        }
    }

    /// (current, new, repeated, field in error, message).
    static let refusals: [(String, String, String, String, String)] = [
        ("sbagliata-davvero", chosen, chosen, "attuale", "la password attuale non è corretta"),
        (WebFixture.password, "corta", "corta", "nuova", "la nuova password deve avere almeno 8 caratteri"),
        (WebFixture.password, WebFixture.password, WebFixture.password, "nuova", "la nuova password deve essere diversa da quella attuale"),
        (WebFixture.password, "io-sono-M1-davvero", "io-sono-M1-davvero", "nuova", "la nuova password non deve contenere il nome utente"),
        (WebFixture.password, chosen, chosen + "x", "ripetuta", "le due nuove password non coincidono"),
        // Easy to guess, whatever the length: spaces, few different characters, one of the most common.
        (WebFixture.password, "          ", "          ", "nuova", "la nuova password non può essere fatta solo di spazi"),
        (WebFixture.password, "12121212", "12121212", "nuova", "la nuova password deve avere almeno 4 caratteri diversi"),
        (WebFixture.password, "Password123", "Password123", "nuova", "la nuova password è tra le più comuni: ne scelga una meno prevedibile"),
        // bcrypt reads 72 bytes: a longer password would share its hash with every other of the same first 72.
        (WebFixture.password, String(repeating: "Q", count: 73), String(repeating: "Q", count: 73), "nuova",
         "la nuova password può avere al più 72 caratteri (le lettere accentate contano due)"),
    ]

    @Test(arguments: refusals)
    func aRefusedChangeNamesTheFieldAndChangesNothing(_ refusal: (String, String, String, String, String)) async throws {
        let (current, new, repeated, field, message) = refusal
        try await withWebApp { browser, database in
            let (m1, csrf) = try await onPasswordPage("m1", client: browser.client)
            let before = try passwordHash(database, "m1")
            let page = try await m1.post(PasswordRoutes.path, [("csrf", csrf), ("attuale", current), ("nuova", new), ("ripetuta", repeated)])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("<span class=\"field-error\" id=\"\(field)-errore\">\(HTML.escape(message.prefix(1).uppercased() + message.dropFirst() + "."))</span>"))
            #expect(try passwordHash(database, "m1") == before)
            #expect(try await Browser(browser.client).login("m1").status == .seeOther)
        }
    }

    @Test func wrongCurrentPasswordsCountAsFailedLoginsAndAreThrottled() async throws {
        try await withWebApp { browser, database in
            let (m1, csrf) = try await onPasswordPage("m1", client: browser.client)
            for _ in 0..<LoginThrottle().maximumFailures {
                let wrong = try await m1.post(PasswordRoutes.path, [("csrf", csrf), ("attuale", "indovino-\(UUID())"),
                                                                    ("nuova", Self.chosen), ("ripetuta", Self.chosen)])
                #expect(wrong.status == .unprocessableContent)
            }
            let throttled = try await m1.post(PasswordRoutes.path, [("csrf", csrf), ("attuale", WebFixture.password),
                                                                    ("nuova", Self.chosen), ("ripetuta", Self.chosen)])
            #expect(throttled.status == .tooManyRequests)
            #expect(try await Browser(browser.client).login("m1").status == .tooManyRequests)
            #expect(try passwordHash(database, "m1") != "")
        }
    }

    @Test func theRightCurrentPasswordStartsTheCountOfFailuresAgain() async throws {
        try await withWebApp { browser, _ in
            let (m1, csrf) = try await onPasswordPage("m1", client: browser.client)
            func attempt(_ current: String, _ new: String = Self.chosen) async throws -> TestResponse {
                try await m1.post(PasswordRoutes.path, [("csrf", csrf), ("attuale", current), ("nuova", new), ("ripetuta", new)])
            }
            let failures = LoginThrottle().maximumFailures - 1
            for _ in 0..<failures { #expect(try await attempt("indovino-\(UUID())").status == .unprocessableContent) }
            // Right current password, new one refused: the failures before no longer count.
            #expect(try await attempt(WebFixture.password, "corta").status == .unprocessableContent)
            for _ in 0..<failures { #expect(try await attempt("indovino-\(UUID())").status == .unprocessableContent) }
            #expect(try await attempt(WebFixture.password).status == .seeOther)
        }
    }

    @Test func changingThePasswordEndsTheOtherSessionsOnly() async throws {
        try await withWebApp { browser, _ in
            let other = Browser(browser.client)
            _ = try await other.login("m1")
            #expect(try await other.get("/valutazioni").status == .ok)
            let (m1, csrf) = try await onPasswordPage("m1", client: browser.client)
            _ = try await m1.post(PasswordRoutes.path, [("csrf", csrf), ("attuale", WebFixture.password),
                                                        ("nuova", Self.chosen), ("ripetuta", Self.chosen)])
            #expect(try await other.get("/valutazioni").isLoginRedirect)
            #expect(try await m1.get("/valutazioni").status == .ok)
        }
    }

    @Test func withoutTheCSRFTokenNothingChanges() async throws {
        try await withWebApp { browser, database in
            let (m1, _) = try await onPasswordPage("m1", client: browser.client)
            let before = try passwordHash(database, "m1")
            let refused = try await m1.post(PasswordRoutes.path, [("attuale", WebFixture.password), ("nuova", Self.chosen),
                                                                  ("ripetuta", Self.chosen)])
            #expect(refused.status == .forbidden)
            #expect(try passwordHash(database, "m1") == before)
            #expect(try await Browser(browser.client).get(PasswordRoutes.path).isLoginRedirect)
        }
    }

    /// HR's temporary password: shown once, the account's sessions end, and its owner goes nowhere but the
    /// change-password page until they choose their own.
    @Test func hrsTemporaryPasswordMustBeChangedAtTheNextLogin() async throws {
        try await withWebApp { browser, database in
            let m1Before = Browser(browser.client)
            _ = try await m1Before.login("m1")
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(try await hr.get("/hr/utenti").text.contains("action=\"/hr/utenti/m1/password-temporanea\""))
            let shown = try await hr.post("/hr/utenti/m1/password-temporanea", [("csrf", csrf)])
            #expect(shown.status == .ok)
            let temporary = try #require(shown.text.firstMatch(of: /<code class="password">([0-9a-f]{16})<\/code>/)).1
            #expect(try mustChange(database, "m1"))
            #expect(try await m1Before.get("/valutazioni").isLoginRedirect)
            #expect(try await Browser(browser.client).login("m1").status == .unauthorized)
            #expect(try await hr.get("/hr/utenti").text.contains("attivo, password da cambiare al primo accesso"))

            let m1 = Browser(browser.client)
            #expect(try await m1.login("m1", password: String(temporary)).status == .seeOther)
            for page in ["/", "/valutazioni", "/valutazioni/E1", "/hr"] {
                #expect(try await m1.get(page).location == PasswordRoutes.path, "\(page)")
            }
            let form = try await m1.get(PasswordRoutes.path)
            #expect(form.text.contains("class=\"notice warning must-change\""))
            // Only the password page and logging out are offered until then.
            #expect(!form.text.contains("href=\"/valutazioni\""))
            let changed = try await m1.post(PasswordRoutes.path, [("csrf", Browser.csrf(in: form) ?? ""), ("attuale", String(temporary)),
                                                                  ("nuova", Self.chosen), ("ripetuta", Self.chosen)])
            #expect(changed.location == "/")
            #expect(try !mustChange(database, "m1"))
            #expect(try await m1.get("/").location == "/valutazioni")
            let list = try await m1.get("/valutazioni")
            #expect(list.status == .ok)
            #expect(list.text.contains("href=\"/valutazioni\""))
        }
    }

    /// A forgotten password often comes after wrong ones: the temporary password HR gives opens at once.
    @Test func hrsTemporaryPasswordIsNotThrottledByEarlierWrongOnes() async throws {
        try await withWebApp { browser, _ in
            for _ in 1...6 { _ = try await Browser(browser.client).login("m1", password: "sbagliata") }
            #expect(try await Browser(browser.client).login("m1").status == .tooManyRequests)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let shown = try await hr.post("/hr/utenti/m1/password-temporanea", [("csrf", csrf)])
            let temporary = try #require(shown.text.firstMatch(of: /<code class="password">([0-9a-f]{16})<\/code>/)).1
            #expect(try await Browser(browser.client).login("m1", password: String(temporary)).status == .seeOther)
        }
    }

    @Test func hrResetsNeitherTheirOwnPasswordNorAnUnknownOneAndOthersCannotReset() async throws {
        try await withWebApp { browser, database in
            let before = try HRPagesFixture.accounts(database)
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            #expect(!(try await hr.get("/hr/utenti").text.contains("/hr/utenti/hr/password-temporanea")))
            #expect(try await hr.post("/hr/utenti/hr/password-temporanea", [("csrf", csrf)]).status == .forbidden)
            #expect(try await hr.post("/hr/utenti/nessuno/password-temporanea", [("csrf", csrf)]).status == .notFound)
            #expect(try await hr.post("/hr/utenti/m1/password-temporanea", []).status == .forbidden)
            let (m2, m2csrf) = try await HRPagesFixture.loggedIn("m2", on: browser.client)
            #expect(try await m2.post("/hr/utenti/m1/password-temporanea", [("csrf", m2csrf)]).status == .forbidden)
            #expect(try HRPagesFixture.accounts(database) == before)
        }
    }

    /// Another HR officer's temporary password, shown to whoever asked for it, would let them log in as that officer
    /// and act under that name in the audit log: neither offered nor done; a manager's still is.
    @Test func hrDoesNotResetAnotherHROfficersPassword() async throws {
        try await withWebApp { browser, database in
            try await Accounts(store: try database.store(), body: WebFixture.body)
                .add(username: "hr2", password: WebFixture.password, role: .hr, employeeID: nil, cost: 4, actor: "test")
            let before = try passwordHash(database, "hr2")
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let list = try await hr.get("/hr/utenti").text
            #expect(!list.contains("/hr/utenti/hr2/password-temporanea"))
            #expect(list.contains("/hr/utenti/m1/password-temporanea"))
            let refused = try await hr.post("/hr/utenti/hr2/password-temporanea", [("csrf", csrf)])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("sipav user password"), "\(refused.text)")
            #expect(try passwordHash(database, "hr2") == before)
            #expect(try !mustChange(database, "hr2"))
        }
    }
}

/// Temporary passwords (64 random bits, changed at the first login) are hashed at a lower bcrypt cost than the
/// passwords people choose, so that importing thousands of accounts takes seconds, not an hour.
@Suite("The cost of a temporary password's hash")
struct TemporaryPasswordCostTests {
    @Test func temporaryPasswordsAreHashedAtCostSixAtMost() async {
        #expect(Password.temporaryCost(configured: 12) == 6)
        #expect(Password.temporaryCost(configured: 4) == 4)
        let temporary = AccountAdminRoutes.temporaryPassword()
        #expect(temporary.count == 16)
        let hash = await Password.hash(temporary, cost: Password.temporaryCost(configured: 12))
        #expect(hash.hasPrefix("$2b$06$"))
        #expect(await Password.verify(temporary, hash: hash))
        #expect(!(await Password.verify(temporary + "0", hash: hash)))
    }
}
