import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// A page asked for with a method it does not take is 405 with the methods it takes, the application's page in Italian
/// with its headers: not 404, as if it did not exist. `GET /logout` offers the *Esci* button.
@Suite("Methods a page does not take")
struct MethodNotAllowedTests {
    @Test(arguments: [
        ("/hr/fondo", "GET, HEAD"), ("/hr/fondo/righe", "POST"), ("/valutazioni/E1", "GET, HEAD, POST"),
        // A fixed segment before a parameter, as the router resolves it: the upload's address takes POST alone.
        ("/hr/obiettivi/importa", "POST"), ("/hr/obiettivi/E1", "GET, HEAD, POST"), ("/", "GET, HEAD"),
    ])
    func aMethodThePageDoesNotTakeIs405WithTheMethodsItTakes(path: String, allow: String) async throws {
        try await withWebApp { browser, _ in
            for method in [HTTPRequest.Method.put, .delete, .patch, .options, .trace] {
                let response = try await browser.client.execute(uri: path, method: method, headers: [:], body: nil)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(method) \(path)")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentSecurityPolicy] == ErrorPageTests.policy)
                #expect(String(buffer: response.body).contains("<h1>Operazione non consentita</h1>"), "\(method) \(path)")
                #expect(String(buffer: response.body).contains(HTML.escape(MethodNotAllowed.message)))
            }
        }
    }

    /// An address only a form posts to, typed in the address bar: 405 too, and HEAD the same without the body.
    @Test func aGetOfAnAddressOnlyAFormPostsToIs405() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("hr")
            let page = try await browser.get("/hr/fondo/righe")
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "POST")
            let head = try await browser.client.execute(uri: "/hr/fondo/righe", method: .head, headers: [:], body: nil)
            #expect(head.status == .methodNotAllowed)
            #expect(head.headers[.allow] == "POST")
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func anAddressOfNoPageIsStill404WhateverTheMethod() async throws {
        try await withWebApp { browser, _ in
            for method in [HTTPRequest.Method.get, .put, .delete, .options] {
                let response = try await browser.client.execute(uri: "/nessuna/pagina", method: method, headers: [:], body: nil)
                #expect(response.status == .notFound, "\(method)")
                #expect(response.headers[.allow] == nil)
                #expect(String(buffer: response.body).contains("<h1>Pagina non trovata</h1>"))
            }
        }
    }

    /// Logging out is a form with the CSRF token: `/logout` typed in the address bar shows the *Esci* button, which logs
    /// out; with no session there is nothing to end, and the login page follows.
    @Test func logoutTypedInTheAddressBarOffersTheButton() async throws {
        try await withWebApp { browser, _ in
            #expect(try await browser.get("/logout").location == "/login")
            _ = try await browser.login("m1")
            let page = try await browser.get("/logout")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Esci</h1>"))
            let csrf = try #require(Browser.csrf(in: page))
            #expect(page.text.contains("<form method=\"post\" action=\"/logout\">\n  <input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">\n  <button type=\"submit\">Esci</button>"))
            let out = try await browser.post("/logout", [("csrf", csrf)])
            #expect(out.location == "/login")
            #expect(try await browser.get("/valutazioni").isLoginRedirect)
        }
    }
}
