import Hummingbird
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// A refusal is a page of the application, in Italian, with the same security headers as every other page.
@Suite("Error pages")
struct ErrorPageTests {
    static let policy = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    @Test func anAddressThatMatchesNoRouteGetsThePageNotFound() async throws {
        try await withWebApp { browser, _ in
            let missing = try await browser.get("/nessuna/pagina")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<h1>Pagina non trovata</h1>"))
            #expect(missing.text.contains("controlli il collegamento"))
            #expect(missing.headers[.contentSecurityPolicy] == Self.policy)
        }
    }

    /// A form past 1 MB, and a refusal of the framework's (a line number that is no number), are the application's page
    /// in Italian with its headers: they were an empty body, which the browser shows as a blank page.
    @Test func aFormTooLargeAndAMalformedAddressGetAPageWithTheHeaders() async throws {
        try await withWebApp { browser, database in
            _ = try await browser.login("hr")
            let csrf = Browser.csrf(in: try await browser.get("/hr/fondo")) ?? ""
            let lines = { try database.withConnection { try $0.execute("SELECT count(*)::int AS n FROM fund_lines").first?.int("n") } }
            let before = try lines()
            let large = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2024"), ("fondo", "staff"),
                                                                   ("descrizione", String(repeating: "x", count: 1_100_000)), ("importo", "1")])
            #expect(large.status == .contentTooLarge)
            #expect(large.text.contains("<h1>Richiesta troppo grande</h1>"))
            #expect(large.text.contains(HTML.escape(WebError.formTooLarge.message)))
            let malformed = try await browser.post("/hr/fondo/righe/tre/elimina", [("csrf", csrf), ("anno", "2024")])
            #expect(malformed.status == .badRequest)
            #expect(malformed.text.contains("<h1>Richiesta non valida</h1>"))
            for page in [large, malformed] {
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.headers[.contentSecurityPolicy] == Self.policy)
            }
            #expect(try lines() == before)
        }
    }

    /// An error no check foresaw is the application's page in Italian, with the headers, not an empty 500 without them.
    @Test func anUnforeseenErrorIsAPageWithTheHeaders() async throws {
        struct Unforeseen: Error {}
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.get("/guasto") { _, _ -> Response in throw Unforeseen() }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/guasto", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentSecurityPolicy] == Self.policy)
                #expect(String(buffer: response.body).contains("errore interno"))
                #expect(!String(buffer: response.body).contains("Unforeseen"), "the error itself goes to the log")
            }
        }
    }

    /// No text of the application holds a NUL: an address or a form with one is refused with a page in Italian
    /// (it reached PostgreSQL, which refused it as a server error: an empty 500), and nothing is written.
    @Test func aNULInAnAddressOrAFormIsRefused() async throws {
        try await withWebApp { browser, database in
            let login = try await browser.post("/login", [("username", "hr\u{0}"), ("password", "x")])
            #expect(login.status == .badRequest)
            #expect(login.text.contains("carattere non ammesso (NUL)"))
            _ = try await browser.login("hr")
            for address in ["/valutazioni?cerca=%00", "/hr/obiettivi?area=a%00", "/hr/registro?utente=%00", "/valutazioni/E1%00"] {
                let page = try await browser.get(address)
                #expect(page.status == .badRequest, "\(address)")
                #expect(page.text.contains("<h1>Richiesta non valida</h1>"), "\(address)")
                #expect(page.headers[.contentSecurityPolicy] == Self.policy)
            }
            let csrf = Browser.csrf(in: try await browser.get("/hr/fondo")) ?? ""
            let lines = try database.withConnection { try $0.execute("SELECT count(*)::int AS n FROM fund_lines").first?.int("n") }
            let form = try await browser.post("/hr/fondo/righe", [("csrf", csrf), ("anno", "2024"), ("fondo", "staff"), ("descrizione", "Econ\u{0}omie"), ("importo", "1")])
            #expect(form.status == .badRequest)
            #expect(try database.withConnection { try $0.execute("SELECT count(*)::int AS n FROM fund_lines").first?.int("n") } == lines)
        }
    }

    @Test func aForbiddenPageSaysSoInItalianWithTheSecurityHeaders() async throws {
        try await withWebApp { browser, _ in
            _ = try await browser.login("m1")
            let forbidden = try await browser.get("/hr")
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("<h1>Accesso non consentito</h1>"))
            #expect(!forbidden.text.contains("<h1>403</h1>"))
            #expect(forbidden.headers[.contentSecurityPolicy] == Self.policy)
            #expect(forbidden.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}
