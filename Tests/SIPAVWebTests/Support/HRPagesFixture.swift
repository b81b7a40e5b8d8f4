import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SIPAVTestSupport
@testable import SIPAVWeb

/// What the tests of HR's accounts, audit log and downloads pages share.
enum HRPagesFixture {
    /// Every account of the database, one line each with its hash: a change anywhere shows.
    static func accounts(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            try db.execute("""
                SELECT body_id || ' ' || username || ' ' || role || ' ' || coalesce(employee_id, '-') || ' ' || disabled::text
                       || ' ' || password_hash AS line
                FROM accounts ORDER BY body_id, username
                """).map { try $0.string("line") }
        }
    }

    /// The employee account e1 (E1, whose name holds HTML), besides the managers and HR of `withWebApp`.
    static func addEmployee(_ database: TestDatabase) async throws {
        try await Accounts(store: try database.store(), body: WebFixture.body)
            .add(username: "e1", password: WebFixture.password, role: .employee, employeeID: "E1", cost: 4, actor: "test")
    }

    /// A browser logged in as `username`, with the CSRF token of its session.
    static func loggedIn(_ username: String, on client: any TestClientProtocol) async throws -> (Browser, String) {
        let browser = Browser(client)
        _ = try await browser.login(username)
        // The home page sends each role to its own page, whose header carries the session's token.
        var page = try await browser.get("/")
        while let next = page.location { page = try await browser.get(next) }
        return (browser, Browser.csrf(in: page) ?? "")
    }

    /// Posts `bytes` as the file `filename` of a `multipart/form-data` form, with the browser's cookies and `csrf`
    /// (none when nil), as a browser submits the import form.
    static func upload(_ bytes: [UInt8], filename: String = "utenti.csv", to uri: String = "/hr/utenti/importa",
                       csrf: String?, fields: [(String, String)] = [], with browser: Browser) async throws -> TestResponse {
        let boundary = "----sipav-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in (csrf.map { [("csrf", $0)] } ?? []) + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n"
                         + "Content-Type: text/csv\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if !browser.cookies.isEmpty {
            headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        return try await browser.client.execute(uri: uri, method: .post, headers: headers, body: body)
    }

    /// A CSV file as an Italian spreadsheet saves it: UTF-8 with BOM, `;`, CRLF.
    static func csv(_ lines: [String]) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(lines.map { $0 + "\r\n" }.joined().utf8)
    }
}
