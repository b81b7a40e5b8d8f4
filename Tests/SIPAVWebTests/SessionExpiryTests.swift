import SIPAVTestSupport
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
            _ = try await browser.login("m1")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/valutazioni/E1")))
            try setSession(database, "created_at = now() - interval '481 minutes', expires_at = now() - interval '1 minute'")
            let posted = try await browser.post("/valutazioni/E1", e1Form(csrf: csrf, ratings: [("5", "A"), ("3", "B")]))
            #expect(posted.isSessionExpiredPage)
            #expect(posted.text.contains("name=\"torna\" value=\"/valutazioni/E1\""))
            #expect(try storedRatings(database, of: "E1") == ["OB1:--:v1", "OB2:--:v1"])
            let login = try await browser.post("/login", [("csrf", Browser.csrf(in: posted) ?? ""), ("username", "m1"),
                                                          ("password", WebFixture.password), ("torna", "/valutazioni/E1")])
            #expect(login.status == .seeOther)
            #expect(login.location == "/valutazioni/E1")
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
