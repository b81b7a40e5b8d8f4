import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SIPAVWeb

@Suite("HEAD answers wherever GET does")
struct HeadRequestTests {
    /// A monitor's HEAD gets the GET's status and headers, without the body; a page that needs a session redirects
    /// to the login as its GET does, and an unknown address is still 404.
    @Test(arguments: ["/login", "/trasparenza", "/sipav.css", "/hr", "/valutazioni/E1", "/non-esiste"])
    func headGetsTheStatusAndHeadersOfGet(path: String) async throws {
        try await withWebApp { browser, _ in
            let get = try await browser.client.execute(uri: path, method: .get, headers: [:], body: nil)
            let head = try await browser.client.execute(uri: path, method: .head, headers: [:], body: nil)
            #expect(head.status == get.status, "\(path)")
            #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
            #expect(head.headers[.location] == get.headers[.location], "\(path)")
            #expect(head.headers[.contentSecurityPolicy] == get.headers[.contentSecurityPolicy], "\(path)")
            #expect(head.body.readableBytes == 0, "\(path)")
        }
    }

    @Test func theLoginPageAnswers200ToHead() async throws {
        try await withWebApp { browser, _ in
            let head = try await browser.client.execute(uri: "/login", method: .head, headers: [:], body: nil)
            #expect(head.status == .ok)
        }
    }
}
