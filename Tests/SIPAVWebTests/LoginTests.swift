import HummingbirdTesting
import Testing
@testable import SIPAVWeb

@Suite("Login, logout, throttling")
struct LoginTests {
    /// The fixture body's session cookie.
    let sessionCookie = WebApp.sessionCookie(for: WebFixture.body)

    /// Two bodies served on one host share its cookies: each has a cookie of its own, a valid cookie name, the same
    /// from one start of the server to the next.
    @Test func eachBodyHasASessionCookieOfItsOwn() {
        let bodies = ["ENTE", "CCIAA-TO", "CCIAA-MI", "Comune di Aosta", "ente", "Ü"]
        let names = bodies.map(WebApp.sessionCookie(for:))
        #expect(Set(names).count == bodies.count)
        #expect(names.allSatisfy { $0.hasPrefix("sipav_session_") && $0.count == 30 })
        #expect(names.allSatisfy { $0.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) } })
        // FNV-1a of "ENTE" (computed apart): fixed, not seeded per process as Swift's own hashing is.
        #expect(WebApp.sessionCookie(for: "ENTE") == "sipav_session_cef8d36cfa60b22d")
        // The login form's token and HR's chosen year, likewise.
        #expect(WebApp.cookieName(LoginRoutes.loginCSRFCookie, for: "ENTE") == "sipav_login_csrf_cef8d36cfa60b22d")
        #expect(WebApp.cookieName(HRYear.cookie, for: "CCIAA-TO") != WebApp.cookieName(HRYear.cookie, for: "CCIAA-MI"))
    }

    @Test func aManagerLogsInWithASecureSessionCookie() async throws {
        try await withWebApp { browser, database in
            let response = try await browser.login("m1")
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(browser.setCookieHeaders.first { $0.hasPrefix(sessionCookie + "=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            let token = try #require(browser.cookies[sessionCookie])
            // Only the token's SHA-256 is stored.
            let stored = try database.withConnection { db in try db.execute("SELECT token_hash FROM sessions").map { try $0.string("token_hash") } }
            #expect(stored.count == 1)
            #expect(stored.first != token && stored.first?.count == 64)
            let home = try await browser.get("/")
            #expect(home.location == "/valutazioni")
        }
    }

    @Test func aWrongPasswordGetsTheGenericMessage() async throws {
        try await withWebApp { browser, _ in
            let wrong = try await browser.login("m1", password: "sbagliata")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Nome utente o password non corretti."))
            #expect(browser.cookies[sessionCookie] == nil)
            let unknown = try await browser.login("nessuno", password: "sbagliata")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("Nome utente o password non corretti."))
        }
    }

    @Test func theSixthTryAfterFiveWrongPasswordsIsThrottled() async throws {
        try await withWebApp { browser, _ in
            for _ in 1...5 {
                #expect(try await browser.login("m2", password: "sbagliata").status == .unauthorized)
            }
            // Even the right password is refused now.
            let sixth = try await browser.login("m2")
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.text.contains("Troppi tentativi"))
            #expect(browser.cookies[sessionCookie] == nil)
            // Another username is not affected.
            #expect(try await browser.login("m1").status == .seeOther)
        }
    }

    /// Guesses sent all at once are counted against one another: at most five wrong passwords are checked, the rest
    /// are throttled, and then so is the right one.
    @Test func guessesSentAtOnceAreThrottledAsOneAfterAnother() async throws {
        try await withWebApp { browser, _ in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for guess in 1...20 {
                    group.addTask {
                        let guesser = Browser(browser.client)
                        return Int(try await guesser.login("m2", password: "sbagliata-\(guess)").status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count <= 5, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 429 }.count >= 15, "\(statuses.sorted())")
            #expect(try await browser.login("m2").status == .tooManyRequests)
        }
    }

    /// The cost read from a bcrypt hash, on which a try at an account still on its temporary password (hashed at a lower
    /// cost) is topped up with a check against a hash of the full cost, and the decoy of a given cost.
    @Test func theCostOfABcryptHashIsRead() {
        #expect(Password.cost(of: Password.decoy(cost: 5)) == 5)
        #expect(Password.cost(of: "$2b$06$" + String(repeating: "a", count: 53)) == 6)
        #expect(Password.cost(of: "nessun hash") == nil)
    }

    /// Tries older than a day count for nothing: a login clears them, so that the table does not only grow.
    @Test func aLoginClearsTriesOlderThanADay() async throws {
        try await withWebApp { browser, database in
            try database.withConnection { db in
                try db.execute("""
                    INSERT INTO login_attempts (body_id, username, succeeded, attempted_at)
                    VALUES ('ENTE', 'chiunque', false, now() - interval '2 days'), ('ENTE', 'm2', false, now() - interval '1 hour')
                    """)
            }
            #expect(try await browser.login("m1").status == .seeOther)
            let left = try database.withConnection { db in
                try db.execute("SELECT username FROM login_attempts WHERE NOT succeeded ORDER BY username").map { try $0.string("username") }
            }
            #expect(left == ["m2"])
        }
    }

    /// A username longer than any account's is wrong, not an error of the server (its try could not be recorded).
    @Test func anOverlongUsernameIsAWrongLogin() async throws {
        try await withWebApp { browser, _ in
            let response = try await browser.login(String(repeating: "x", count: 3_500), password: "sbagliata")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Nome utente o password non corretti."))
        }
    }

    @Test func aLoginWithoutTheFormsTokenIsRefused() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.get("/login")
            let response = try await browser.post("/login", [("username", "m1"), ("password", WebFixture.password)])
            #expect(response.status == .forbidden)
            #expect(browser.cookies[sessionCookie] == nil)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let page = try await browser.get("/valutazioni")
            let csrf = try #require(Browser.csrf(in: page))
            let token = try #require(browser.cookies[sessionCookie])
            let response = try await browser.post("/logout", [("csrf", csrf)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/login")
            #expect(browser.cookies[sessionCookie] == nil)
            let remaining = try database.withConnection { db in try db.execute("SELECT count(*) AS n FROM sessions")[0].int("n") }
            #expect(remaining == 0)
            // The old cookie opens nothing any more.
            let replay = try await browser.client.execute(uri: "/valutazioni", method: .get, headers: [.cookie: "\(sessionCookie)=\(token)"])
            #expect(replay.status == .seeOther)
            #expect(replay.headers[.location] == "/login?torna=%2Fvalutazioni")
        }
    }

    @Test func pagesNeedALogin() async throws {
        try await withWebApp { browser, _ in
            for uri in ["/", "/valutazioni", "/valutazioni/E1"] {
                let response = try await browser.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.location == (uri == "/" ? "/login" : "/login?torna=" + uri.replacingOccurrences(of: "/", with: "%2F")),
                        "\(uri)")
            }
        }
    }
}
