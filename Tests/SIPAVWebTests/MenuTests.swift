import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The menu marks the page's own entry (`aria-current="page"`), and only that one.
@Suite("The menu marks the current page")
struct MenuTests {
    /// The marked entries' pages, without the year an HR page's links name (`?anno=2024`).
    static func current(_ html: String) -> [String] {
        html.matches(of: /<a href="([^"?]+)(?:\?anno=\d+)?" aria-current="page">/).map { String($0.1) }
    }

    @Test func eachPageMarksItsOwnEntry() async throws {
        try await withWebApp { browser, _ in
            let (hr, _) = try await HRPagesFixture.loggedIn("hr", on: browser.client)
            for (path, entry) in [("/hr", "/hr"), ("/hr/fondo", "/hr/fondo"), ("/hr/obiettivi/E1", "/hr/obiettivi"),
                                  ("/hr/segretario", "/hr"), ("/hr/registro", "/hr/registro"), ("/password", "/password"),
                                  ("/hr/contestazioni", "/hr/contestazioni")] {
                let page = try await hr.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(Self.current(page.text) == [entry], "\(path)")
            }
            let (manager, _) = try await HRPagesFixture.loggedIn("m1", on: browser.client)
            #expect(Self.current(try await manager.get("/valutazioni/E1").text) == ["/valutazioni"])
            // A page outside the menu marks nothing.
            #expect(Self.current(try await Browser(browser.client).get("/login").text).isEmpty)
        }
    }
}
