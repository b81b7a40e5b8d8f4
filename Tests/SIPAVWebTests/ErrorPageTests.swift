import HummingbirdTesting
import Testing
@testable import SIPAVWeb

/// A refusal is a page of the application, in Italian, with the same security headers as every other page.
@Suite("Error pages")
struct ErrorPageTests {
    static let policy = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'"

    @Test func anAddressThatMatchesNoRouteGetsThePageNotFound() async throws {
        try await withWebApp { browser, _ in
            let missing = try await browser.get("/nessuna/pagina")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<h1>Pagina non trovata</h1>"))
            #expect(missing.text.contains("controlli il collegamento"))
            #expect(missing.headers[.contentSecurityPolicy] == Self.policy)
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
