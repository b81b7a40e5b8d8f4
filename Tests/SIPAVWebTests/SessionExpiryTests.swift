import SIPAVTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// m1's session's expiry, in minutes from now (rounded down), and from login.
private func expiry(_ database: TestDatabase) throws -> (fromNow: Int, fromLogin: Int) {
    try database.withConnection { db in
        let row = try db.execute("""
            SELECT floor(extract(epoch FROM expires_at - now()) / 60)::integer AS from_now,
                   floor(extract(epoch FROM expires_at - created_at) / 60)::integer AS from_login
            FROM sessions WHERE username = 'm1'
            """)[0]
        return (try row.int("from_now"), try row.int("from_login"))
    }
}

private func setSession(_ database: TestDatabase, _ assignments: String) throws {
    try database.withConnection { db in _ = try db.execute("UPDATE sessions SET \(assignments) WHERE username = 'm1'") }
}

@Suite("A session lasts while it is used, and its end loses no form silently")
struct SessionExpiryTests {
    @Test func aFormPostedAfterTheSessionEndedIsAnswered401AndLoginLeadsBackToItsPage() async throws {
        try await withWebApp { browser, database in
            let (hr, csrf) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            try database.withConnection { db in
                _ = try db.execute("UPDATE sessions SET created_at = now() - interval '481 minutes', expires_at = now() - interval '1 minute'")
            }
            let posted = try await hr.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2024"), ("voce", "Risorse stabili")])
            #expect(posted.isSessionExpiredPage)
            #expect(posted.text.contains("name=\"torna\" value=\"/hr/fondo\""), "\(posted.text)")
            let login = try await hr.post("/login", [("csrf", Browser.csrf(in: posted) ?? ""), ("username", "hr"),
                                                     ("password", WebFixture.password), ("torna", "/hr/fondo")])
            #expect(login.status == .seeOther)
            #expect(login.location == "/hr/fondo")
        }
    }

    /// A manager's ratings posted after the session ended are not saved, and not lost: the login page carries them in
    /// hidden fields (never in an address), through a mistyped password too, and logging in shows the rating page with
    /// them in the fields, the versions they were typed over kept, to be checked and saved.
    @Test func ratingsPostedAfterTheSessionEndedComeBackAtLoginToBeSaved() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let expire = "created_at = now() - interval '481 minutes', expires_at = now() - interval '1 minute'"
            try setSession(database, expire)
            let sameSite: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
            // Ratings posted from another site's page are not carried to whoever logs in next.
            for site in ["cross-site", "same-site", "none"] {
                let foreign = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("6", "A"), ("6", "A")]),
                                                     headers: [HTTPField.Name("Sec-Fetch-Site")!: site])
                #expect(foreign.isSessionExpiredPage && !foreign.text.contains("name=\"code_0\""), "\(site)")
            }
            #expect(!(try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("6", "A"), ("6", "A")]),
                                              headers: [HTTPField.Name("Origin")!: "https://altro.example"])).text.contains("name=\"code_0\""))
            let posted = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "")]) + [("azione", "invia")],
                                                headers: sameSite)
            #expect(posted.isSessionExpiredPage)
            #expect(posted.text.contains("tornerà alla pagina con i valori che aveva inserito, da controllare e salvare."))
            #expect(posted.text.contains("name=\"torna\" value=\"/valutazioni/E1\""))
            let carried = posted.text.matches(of: /<input type="hidden" name="((?:code|version|cosa|come)_\d)" value="([^"]*)">/).map { "\($0.1)=\($0.2)" }
            #expect(carried == ["code_0=OB1", "version_0=1", "cosa_0=5", "come_0=A",
                                "code_1=OB2", "version_1=1", "cosa_1=3", "come_1="], "\(carried)")
            #expect(!posted.text.contains("name=\"azione\"") && !posted.text.contains("value=\"invia\""))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            func logIn(_ page: TestResponse, password: String) async throws -> TestResponse {
                let hidden = page.text.matches(of: /<input type="hidden" name="((?:code|version|cosa|come)_\d|torna|anno)" value="([^"]*)">/)
                    .map { (String($0.1), String($0.2)) }
                return try await browser.post("/login", [("csrf", Browser.csrf(in: page) ?? ""), ("username", "m1"),
                                                         ("password", password)] + hidden)
            }
            let mistyped = try await logIn(posted, password: "non-è-questa")
            #expect(mistyped.status == .unauthorized)
            let page = try await logIn(mistyped, password: WebFixture.password)
            #expect(page.status == .ok)
            #expect(page.text.contains(RatingResumption.shownMessage))
            let selected = page.text.matches(of: /<option value="([0-9ABC]?)" selected>/).map { String($0.1) }
            #expect(selected == ["5", "A", "3", ""], "\(selected)")
            // What was missing is said as on any refused form; nothing is saved until the manager saves.
            #expect(page.text.contains("Indichi anche il come (A, B o C): cosa e come vanno insieme."))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            let pageCSRF = try #require(Browser.csrf(in: page))
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: pageCSRF, ratings: [("5", "A"), ("3", "B")]))
            #expect(saved.status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])

            // Saved since (here by the manager; it could be HR): the ratings on record in the fields, with their versions,
            // and beside each objective that differs, what the carried form said.
            try setSession(database, expire)
            let again = try await browser.post("/valutazioni/E1", e1Form(csrf: pageCSRF, ratings: [("5", "A"), ("2", "C")]), headers: sameSite)
            try database.withConnection { db in
                _ = try db.execute("UPDATE individual_objectives SET cosa = 6, come = 'A', version = version + 1 WHERE employee_id = 'E1' AND code = 'OB1'")
            }
            let stale = try await logIn(again, password: WebFixture.password)
            #expect(stale.text.contains(RatingResumption.changedMessage))
            #expect(stale.text.matches(of: /<option value="([0-9ABC]?)" selected>/).map { String($0.1) } == ["6", "A", "3", "B"])
            #expect(stale.text.contains("cosa 5, come A") && stale.text.contains("cosa 2, come C"))
            #expect(try storedRatings(database, of: "E1") == ["OB1:6A:v3", "OB2:3B:v2"])
        }
    }

    /// HR gives a manager a temporary password while the manager is rating: the ratings posted then come back after the
    /// login and the change of password it requires, through a refused change too, to be checked and saved.
    @Test func ratingsPostedAfterHRResetThePasswordComeBackAfterTheChangeOfPassword() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            let (hr, hrCSRF) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let shown = try await hr.post("/hr/utenti/m1/password-temporanea", [("csrf", hrCSRF)])
            let temporary = String(try #require(shown.text.firstMatch(of: /<code class="password">([0-9a-f]{16})<\/code>/)).1)
            let posted = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]),
                                                headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(posted.isSessionExpiredPage)
            func hidden(_ page: TestResponse) -> [(String, String)] {
                page.text.matches(of: /<input type="hidden" name="((?:code|version|cosa|come)_\d|torna|anno)" value="([^"]*)">/)
                    .map { (String($0.1), String($0.2)) }
            }
            let login = try await browser.post("/login", [("csrf", Browser.csrf(in: posted) ?? ""), ("username", "m1"),
                                                          ("password", temporary)] + hidden(posted))
            #expect(login.status == .ok)
            #expect(login.text.contains("action=\"/password\"") && login.text.contains(RatingResumption.afterPasswordMessage))
            #expect(hidden(login).map { "\($0.0)=\($0.1)" } == ["torna=/valutazioni/E1", "anno=\(WebFixture.year)",
                                                                "code_0=OB1", "version_0=1", "cosa_0=5", "come_0=A",
                                                                "code_1=OB2", "version_1=1", "cosa_1=3", "come_1=B"])
            let chosen = "Una-password-tutta-mia-2024"
            let mismatched = try await browser.post(PasswordRoutes.path, [("csrf", Browser.csrf(in: login) ?? ""), ("attuale", temporary),
                                                                          ("nuova", chosen), ("ripetuta", chosen + "x")] + hidden(login))
            #expect(mismatched.status == .unprocessableContent)
            #expect(hidden(mismatched).map { "\($0.0)=\($0.1)" } == hidden(login).map { "\($0.0)=\($0.1)" })
            let page = try await browser.post(PasswordRoutes.path, [("csrf", Browser.csrf(in: mismatched) ?? ""), ("attuale", temporary),
                                                                    ("nuova", chosen), ("ripetuta", chosen)] + hidden(mismatched))
            #expect(page.status == .ok)
            #expect(page.text.contains(RatingResumption.shownMessage))
            #expect(page.text.matches(of: /<option value="([0-9ABC]?)" selected>/).map { String($0.1) } == ["5", "A", "3", "B"])
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            let saved = try await browser.post("/valutazioni/E1", e1Form(csrf: try #require(Browser.csrf(in: page)), ratings: [("5", "A"), ("3", "B")]))
            #expect(saved.status == .seeOther)
            #expect(try storedRatings(database, of: "E1") == ["OB1:5A:v2", "OB2:3B:v2"])
        }
    }

    /// The page asked for before a login that must change its password is reached after the change.
    @Test func aPageAskedForIsReachedAfterTheChangeOfPasswordALoginRequires() async throws {
        try await withWebApp { browser, _ in
            let (hr, hrCSRF) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            let shown = try await hr.post("/hr/utenti/m1/password-temporanea", [("csrf", hrCSRF)])
            let temporary = String(try #require(shown.text.firstMatch(of: /<code class="password">([0-9a-f]{16})<\/code>/)).1)
            let m1 = Browser(browser.client)
            let page = try await m1.get("/login?torna=%2Fvalutazioni%2FE1")
            let login = try await m1.post("/login", [("csrf", Browser.csrf(in: page) ?? ""), ("username", "m1"),
                                                     ("password", temporary), ("torna", "/valutazioni/E1")])
            #expect(login.text.contains("name=\"torna\" value=\"/valutazioni/E1\""))
            #expect(!login.text.contains(RatingResumption.afterPasswordMessage))
            let chosen = "Una-password-tutta-mia-2024"
            let changed = try await m1.post(PasswordRoutes.path, [("csrf", Browser.csrf(in: login) ?? ""), ("attuale", temporary),
                                                                  ("nuova", chosen), ("ripetuta", chosen), ("torna", "/valutazioni/E1")])
            #expect(changed.location == "/valutazioni/E1")
            #expect(try await m1.get("/valutazioni/E1").status == .ok)
        }
    }

    @Test func aPageAskedForWithoutASessionIsReachedAfterLogin() async throws {
        try await withWebApp { browser, _ in
            let asked = try await browser.get("/valutazioni/E1?salvato=1")
            #expect(asked.location == "/login?torna=%2Fvalutazioni%2FE1%3Fsalvato%3D1")
            let page = try await browser.get(try #require(asked.location))
            #expect(page.text.contains("name=\"torna\" value=\"/valutazioni/E1?salvato=1\""))
            // A wrong password keeps the way back.
            let wrong = try await browser.post("/login", [("csrf", Browser.csrf(in: page) ?? ""), ("username", "m1"),
                                                          ("password", "sbagliata"), ("torna", "/valutazioni/E1?salvato=1")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("name=\"torna\" value=\"/valutazioni/E1?salvato=1\""))
            let login = try await browser.post("/login", [("csrf", Browser.csrf(in: page) ?? ""), ("username", "m1"),
                                                          ("password", WebFixture.password), ("torna", "/valutazioni/E1?salvato=1")])
            #expect(login.location == "/valutazioni/E1?salvato=1")
        }
    }

    @Test(arguments: ["//altro.example/x", "/\\altro.example", "https://altro.example/", "valutazioni", "/login", "/logout",
                      "/valutazioni\r\nSet-Cookie: x=1"])
    func aReturnPathToAnotherSiteOrNowhereLeadsHome(path: String) async throws {
        #expect(ReturnPath.safe(path) == nil)
        try await withWebApp { browser, _ in
            let page = try await browser.get("/login")
            let login = try await browser.post("/login", [("csrf", Browser.csrf(in: page) ?? ""), ("username", "m1"),
                                                          ("password", WebFixture.password), ("torna", path)])
            #expect(login.location == "/")
        }
    }

    @Test func theRefererOfAPostIsKeptOnlyWhenItIsThisSite() {
        #expect(ReturnPath.path(ofSameSite: "https://valutazioni.ente.example/valutazioni/E1?salvato=1#x",
                                authority: "valutazioni.ente.example") == "/valutazioni/E1?salvato=1")
        #expect(ReturnPath.path(ofSameSite: "https://altro.example/valutazioni/E1", authority: "valutazioni.ente.example") == nil)
        #expect(ReturnPath.path(ofSameSite: "https://valutazioni.ente.example.altro.example/x",
                                authority: "valutazioni.ente.example") == nil)
        #expect(ReturnPath.path(ofSameSite: "https://valutazioni.ente.example/x", authority: nil) == nil)
    }

    @Test func usingTheSessionMovesItsEndOnWithoutAWriteOnEveryRequest() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            #expect(try expiry(database).fromNow >= 479)
            // About to end: a use gives it the whole idle time again.
            try setSession(database, "expires_at = now() + interval '2 minutes'")
            #expect(try await browser.get("/valutazioni").status == .ok)
            #expect(try expiry(database).fromNow >= 479)
            // Just extended: the next use writes nothing (the end stays where it was put, to the microsecond).
            try setSession(database, "expires_at = now() + interval '478 minutes'")
            let before = try database.withConnection { db in try db.execute("SELECT expires_at::text AS e FROM sessions")[0].string("e") }
            #expect(try await browser.get("/valutazioni").status == .ok)
            let after = try database.withConnection { db in try db.execute("SELECT expires_at::text AS e FROM sessions")[0].string("e") }
            #expect(after == before)
        }
    }

    @Test func noUseExtendsASessionPastTheLimitFromLogin() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("m1")
            try setSession(database, "created_at = now() - interval '700 minutes', expires_at = now() + interval '1 minute'")
            #expect(try await browser.get("/valutazioni").status == .ok)
            let (fromNow, fromLogin) = try expiry(database)
            #expect(fromLogin <= 720)
            #expect(fromNow >= 19 && fromNow <= 20)
            try setSession(database, "created_at = now() - interval '721 minutes', expires_at = now() - interval '1 minute'")
            #expect(try await browser.get("/valutazioni").isLoginRedirect)
        }
    }

    @Test func theSessionCookieLastsAsLongAsTheLimit() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            #expect(browser.setCookieHeaders.contains { $0.hasPrefix(WebApp.sessionCookie(for: WebFixture.body) + "=") && $0.contains("Max-Age=43200") })
        }
    }
}
