import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A browser over the in-process router: keeps the cookies the server sets and sends them back, and reads the
/// CSRF token of the last page.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// Every Set-Cookie header received, as sent.
    private(set) var setCookieHeaders: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    /// `headers`: beside the cookies and the content type, as a browser adds them (`Sec-Fetch-Site`).
    /// A rating form (`/valutazioni/E1`) is posted with the year its page carries (`anno`), read from the page now
    /// unless the fields give one, as a manager's browser sends it.
    func post(_ uri: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = fields
        if uri.hasPrefix("/valutazioni/"), !fields.contains(where: { $0.0 == "anno" }),
           let year = Browser.field("anno", in: try await send(uri, method: .get, body: nil, recordingCookies: false)) {
            fields.append(("anno", year))
        }
        let body = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body, extraHeaders: headers)
    }

    /// Logs in through the login page; returns the POST's response.
    func login(_ username: String, password: String = WebFixture.password) async throws -> TestResponse {
        let page = try await get("/login")
        return try await post("/login", [("csrf", Browser.csrf(in: page) ?? ""), ("username", username), ("password", password)])
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?, extraHeaders: HTTPFields = [:],
                      recordingCookies: Bool = true) async throws -> TestResponse {
        var headers = extraHeaders
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] where recordingCookies {
            setCookieHeaders.append(header)
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = pair.count > 1 ? String(pair[1]) : ""
            cookies[String(pair[0])] = value.isEmpty || header.contains("Max-Age=0") ? nil : value
        }
        return response
    }

    /// Posts an employee's response to `path` from their page as it is now: the form names the publication the page
    /// shows (`ripartizione`; empty when the page offers no response).
    func respond(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let page = try await get("/la-mia-valutazione")
        // Taking note is sent with its box ticked, as the person must tick it.
        let ticked = path.hasSuffix("/presa-visione") ? [("conferma", "1")] : []
        return try await post(path, fields + ticked + [("ripartizione", Browser.field("ripartizione", in: page) ?? "")])
    }

    /// Posts HR's publishing or reopening of `year` (`path`) from its allocation page as it is now: the form names the
    /// allocation run the page shows (`ripartizione`; empty when it shows none).
    func actOnClosedYear(_ path: String, year: String, _ fields: [(String, String)] = []) async throws -> TestResponse {
        let page = try await get("/hr/ripartizione?anno=\(year)")
        return try await post(path, [("csrf", Browser.csrf(in: page) ?? ""), ("anno", year)] + fields
                                  + [("ripartizione", Browser.field("ripartizione", in: page) ?? "")])
    }

    static func csrf(in response: TestResponse) -> String? {
        let html = String(buffer: response.body)
        guard let match = html.firstMatch(of: /name="csrf" value="([^"]+)"/) else { return nil }
        return String(match.1)
    }

    /// The year an HR page's forms carry (`anno`), as the page shows it.
    static func hrYear(in response: TestResponse) -> String? {
        let html = String(buffer: response.body)
        guard let match = html.firstMatch(of: /<input type="hidden" name="anno" value="([^"]+)">/) else { return nil }
        return String(match.1)
    }

    /// The value of the first form field `name` of `response` (a hidden field, or a box's value).
    static func field(_ name: String, in response: TestResponse) -> String? {
        response.text.firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\""))?.output[1].substring.map(String.init)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
    /// A 303 to the login page, which then comes back (`torna`) or goes home.
    var isLoginRedirect: Bool {
        status == .seeOther && (location == "/login" || location?.hasPrefix("/login?torna=%2F") == true)
    }
    /// The answer to a form posted without a session: 401 and the login page saying nothing was saved.
    var isSessionExpiredPage: Bool {
        status == .unauthorized && text.contains("Sessione scaduta: le modifiche non sono state salvate")
            && text.contains("action=\"/login\"")
    }
}
