import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import SIPAV
import SIPAVStore
import SIPAVTestSupport
@testable import SIPAVWeb

/// What the authorisation table needs: who asks, what they ask, the records they ask it of, the answer they may get,
/// and a digest of the database to show that a refused request changed nothing.
enum Authorisation {
    /// Who sends a request, relative to the Area whose staff the route concerns.
    enum Requester: String, CaseIterable, Sendable {
        case anonymous
        /// e1, the employee E1 (Area A1).
        case employee
        /// The manager of the other Area: m2 for A1's people, m1 for A2's.
        case otherManager
        /// The manager of the Area: m1 for A1's people, m2 for A2's.
        case ownManager
        /// sg, the Segretario Generale: rates every other person.
        case segretario
        case hr

        /// The account that asks; nil without a login.
        func username(_ area: StaffArea) -> String? {
            switch self {
            case .anonymous: nil
            case .employee: "e1"
            case .otherManager: area == .a1 ? "m2" : "m1"
            case .ownManager: area == .a1 ? "m1" : "m2"
            case .segretario: "sg"
            case .hr: "hr"
            }
        }
    }

    /// The Area of the person a route is about (A1 when it is about nobody in particular).
    enum StaffArea: Sendable { case a1, a2 }

    /// The answer one requester may get from one route.
    enum Answer: String, Sendable {
        /// Served: 2xx, or 3xx to a page other than the login page.
        case ok
        /// 403 Forbidden.
        case no
        /// 303 to the login page.
        case login
        /// Logged out: 303 to the login page, the session cookie cleared.
        case out

        var isRefusal: Bool { self == .no || self == .login }

        func accepts(_ response: TestResponse) -> Bool {
            let code = response.status.code
            switch self {
            case .ok:
                return (200..<300).contains(code) || ((300..<400).contains(code) && response.location != nil
                                                      && !response.isLoginRedirect)
            case .no: return code == 403
            // A page asked for without a session leads to the login; a form posted without one gets the login page.
            case .login: return response.isLoginRedirect || response.isSessionExpiredPage
            case .out:
                return code == 303 && response.location == "/login" && response.headers[values: .setCookie].contains {
                    $0.hasPrefix(WebApp.sessionCookie(for: WebFixture.body) + "=;") && $0.contains("Max-Age=0")
                }
            }
        }
    }

    /// How a request is sent.
    enum Method: Sendable {
        case get
        /// A form, `application/x-www-form-urlencoded`.
        case post
        /// A file upload, `multipart/form-data`, as the import forms send it.
        case upload(filename: String, bytes: [UInt8])

        var name: String {
            switch self {
            case .get: "GET"
            case .post, .upload: "POST"
            }
        }
    }

    /// A form field's value: a text, or what the page the requester would have read carries.
    enum FormValue: Sendable, ExpressibleByStringLiteral {
        case text(String)
        /// The digest of the allocation preview of the server's year (`anteprima`).
        case previewDigest
        /// The number of appraisals of the server's year not yet submitted, that the confirmation acknowledges (`bozze`).
        case drafts
        /// The version of a person's objectives on HR's form (`versione`).
        case objectivesDigest(employee: String)
        /// The stored version of one objective's rating (`version_i`).
        case ratingVersion(employee: String, code: String)
        /// A *cosa* other than the one stored for an objective (`cosa_i`), so that a rating form let through changes the
        /// rating: a save that changes no rating writes nothing.
        case otherCosa(employee: String, code: String)
        /// The login form's double-submit token: the request also carries it as the cookie.
        case loginToken
        /// What identifies a fund line as HR's page shows it (`impronta`).
        case fundLineFingerprint(line: Int)
        /// The year HR's page was shown for, which its forms carry (`anno`): the server's year.
        case year
        /// The publication an employee's page shows (the latest allocation run of the body's most recent published year),
        /// which the response forms carry (`ripartizione`).
        case latestRun
        /// The allocation run HR's page of the server's year shows (the year's standing one), which the publishing and
        /// reopening forms carry (`ripartizione`); empty for none.
        case standingRun
        /// The submission a person's page shows, which the return form carries (`inviata`); empty for a draft.
        case submissionStamp(employee: String)
        /// The confirmation (`giunta`, `oiv`) the fund page shows, which its form carries (`mostrato`); empty for none.
        case shownConfirmation(kind: String)
        /// The OIV-validated result of a scope (`ente`, `area:A1`) the page shows, which its forms carry (`mostrato`).
        case shownValidated(scope: String)

        init(stringLiteral value: String) { self = .text(value) }
    }

    /// One request: the method, a concrete path, and for a form its fields (the session's CSRF token is added).
    struct Request: Sendable, CustomStringConvertible {
        let method: Method
        let path: String
        let form: [(String, FormValue)]

        init(_ method: Method, _ path: String, form: [(String, FormValue)] = []) {
            (self.method, self.path, self.form) = (method, path, form)
        }

        var description: String { "\(method.name) \(path)" }
    }

    /// The records a route runs against.
    enum Records: String, Sendable {
        /// The server works on 2024, being rated; 2023 is published. Besides `WebFixture` and `OwnAppraisalFixture`:
        /// an objective each for M1 and S1, fund line 1, an OIV-validated figure of the ente, and ex.e3, a disabled account (E3 has no other).
        case rating
        /// As `rating`, with E1's appraisal of 2024 submitted as final by m1.
        case submitted
        /// The server works on 2023, published, which E2 contests.
        case contested
        /// The server works on 2023, allocated and not yet published.
        case allocated
        /// The server works on 2023, imported and not yet allocated.
        case open

        var configuredYear: Int? { self == .rating || self == .submitted ? nil : PublishedYearFixture.year }
        var serverYear: Int { configuredYear ?? WebFixture.year }

        func prepare(_ database: TestDatabase) async throws {
            let store = try database.store()
            switch self {
            case .rating:
                try await OwnAppraisalFixture.insert(into: database, published: true)
                try await Accounts(store: store, body: WebFixture.body)
                    .add(username: "ex.e3", password: WebFixture.password, role: .employee, employeeID: "E3", cost: 4, actor: "test")
                try database.withConnection { db in
                    try db.execute("UPDATE accounts SET disabled = true WHERE body_id = 'ENTE' AND username = 'ex.e3'")
                    try db.execute("""
                        INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position)
                        VALUES ('ENTE', 2024, 'M1', 'OB1', 'Coordinare l''Area', 10000, 1),
                               ('ENTE', 2024, 'S1', 'OB1', 'Coordinare i dirigenti', 10000, 1)
                        """)
                    try db.execute("""
                        INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents)
                        VALUES ('ENTE', 2024, 1, 'staff', 'Fondo 2024', 50000000)
                        """)
                    try db.execute("""
                        INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference, position)
                        VALUES ('ENTE', 2024, 'ente', '', 90, 'Verbale OIV 1/2024', 1)
                        """)
                }
            case .submitted:
                try await Records.rating.prepare(database)
                try database.withConnection { db in
                    _ = try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('ENTE', 2024, 'E1', 'm1')")
                }
            case .contested:
                try await OwnAppraisalFixture.insert(into: database, published: true)
                let responses = AppraisalResponses(store: store, body: WebFixture.body, employee: "E2")
                guard try await responses.respond(year: PublishedYearFixture.year, .contested, reason: "Obiettivo raggiunto",
                                                  shown: try await responses.latestRun(year: PublishedYearFixture.year),
                                                  actor: "e2") else { throw FixtureError("E2's contest was not recorded") }
            case .allocated:
                try await OwnAppraisalFixture.insert(into: database, published: false)
            case .open:
                try await store.importYear(try PublishedYearFixture.records(), actor: "test", progress: nil)
                try await HRPagesFixture.addEmployee(database)
                // Imported with its ratings the year is being rated; here it stands for a year still in planning, which
                // HR opens for rating (the one route that changes nothing in a year already open).
                try database.withConnection { db in
                    try db.execute("UPDATE years SET state = 'planning' WHERE body_id = $1 AND year = $2",
                                   [WebFixture.body, PublishedYearFixture.year])
                }
            }
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A browser of one requester, over a client that can be pointed at another application.
    struct Caller {
        let browser: Browser
        let client: SwitchableClient
        /// The session's CSRF token; for an anonymous caller, a token of no session.
        let csrf: String

        static func anonymous(on target: any TestClientProtocol) -> Caller {
            let client = SwitchableClient(target)
            return Caller(browser: Browser(client), client: client, csrf: RandomToken.make())
        }

        /// Logs in through the login page, then reads the CSRF token from the page the home page leads to.
        static func logIn(_ username: String, password: String = WebFixture.password,
                          on target: any TestClientProtocol) async throws -> Caller {
            let client = SwitchableClient(target)
            let browser = Browser(client)
            let response = try await browser.login(username, password: password)
            guard response.location == "/" else { throw FixtureError("\(username) could not log in: \(response.status)") }
            var page = try await browser.get("/")
            while let next = page.location { page = try await browser.get(next) }
            guard let csrf = Browser.csrf(in: page) else { throw FixtureError("no CSRF token on \(username)'s page") }
            return Caller(browser: browser, client: client, csrf: csrf)
        }

        /// The caller, or anonymous, that `requester` stands for.
        static func of(_ requester: Requester, _ area: StaffArea, on target: any TestClientProtocol) async throws -> Caller {
            guard let username = requester.username(area) else { return anonymous(on: target) }
            return try await logIn(username, on: target)
        }

        /// Sends `request` with the caller's cookies and CSRF token, its form values read from `values`.
        func send(_ request: Request, values: FormValues) async throws -> TestResponse {
            switch request.method {
            case .get:
                return try await browser.get(request.path)
            case let .upload(filename, bytes):
                var fields: [(String, String)] = []
                for (name, value) in request.form {
                    fields.append((name, try await values.text(of: value, loginToken: "")))
                }
                return try await HRPagesFixture.upload(bytes, filename: filename, to: request.path, csrf: csrf, fields: fields,
                                                       with: browser)
            case .post:
                let loginToken = RandomToken.make()
                var fields: [(String, String)] = request.form.contains { $0.0 == "csrf" } ? [] : [("csrf", csrf)]
                for (name, value) in request.form {
                    fields.append((name, try await values.text(of: value, loginToken: loginToken)))
                }
                let usesLoginToken = request.form.contains { if case .loginToken = $0.1 { true } else { false } }
                client.extraCookie = usesLoginToken ? "\(WebApp.cookieName(LoginRoutes.loginCSRFCookie, for: WebFixture.body))=\(loginToken)" : nil
                defer { client.extraCookie = nil }
                return try await browser.post(request.path, fields)
            }
        }
    }

    /// Reads the values a form carries from the records of one body's year, as the page the requester would have read
    /// shows them.
    struct FormValues: Sendable {
        let database: TestDatabase
        let body: String
        let year: Int

        func text(of value: FormValue, loginToken: String) async throws -> String {
            let (body, year) = (self.body, self.year)
            switch value {
            case let .text(text):
                return text
            case .year:
                return String(year)
            case .loginToken:
                return loginToken
            case .previewDigest:
                return AllocationPreview(records: try await database.store().loadYear(body: body, year: year)).digest ?? "0"
            case .drafts:
                return String(try await YearProgress.read(store: database.store(), body: body, year: year).unsubmitted)
            case let .objectivesDigest(employee):
                let appraisal = try database.withConnection { db in
                    try Appraisal.readForHR(db, body: body, year: year, employee: employee)
                }
                return ObjectiveAssignments.digest(appraisal?.objectives ?? [])
            case .latestRun:
                return try database.withConnection { db in
                    try db.execute("""
                        SELECT coalesce(max(a.run_id)::text, '') AS r FROM allocation_runs a
                        WHERE a.body_id = $1 AND a.year = (SELECT max(y.year) FROM years y WHERE y.body_id = $1 AND y.state = 'published')
                        """, [body])[0].string("r")
                }
            case .standingRun:
                return try database.withConnection { db in
                    try StandingRun.of(db, body: body, year: year).map(String.init) ?? ""
                }
            case let .submissionStamp(employee):
                return try database.withConnection { db in
                    try Appraisal.readForHR(db, body: body, year: year, employee: employee)?.submission?.stamp ?? ""
                }
            case let .shownConfirmation(kind):
                return try await FundRecords(store: database.store(), body: body, year: year).confirmations()
                    .first { $0.kind == kind }?.shown ?? ""
            case let .shownValidated(scope):
                return try database.withConnection { db in try ShownRecord.validatedResults(db, body: body, year: year)[scope] ?? "" }
            case let .fundLineFingerprint(number):
                let lines = try await FundRecords(store: database.store(), body: body, year: year).lines()
                return lines.first { $0.number == number }.map(FundRecords.fingerprint) ?? ""
            case let .otherCosa(employee, code):
                return try database.withConnection { db in
                    try db.execute("""
                        SELECT CASE WHEN cosa = 6 THEN '5' ELSE '6' END AS c FROM individual_objectives
                        WHERE body_id = $1 AND year = $2 AND employee_id = $3 AND code = $4
                        """, [body, year, employee, code]).first?.string("c") ?? "6"
                }
            case let .ratingVersion(employee, code):
                return try database.withConnection { db in
                    try db.execute("""
                        SELECT version::text AS v FROM individual_objectives
                        WHERE body_id = $1 AND year = $2 AND employee_id = $3 AND code = $4
                        """, [body, year, employee, code]).first?.string("v") ?? "1"
                }
            }
        }
    }

    /// Each table's rows as one md5: two digests differ exactly where some row was added, changed or removed.
    enum Digest {
        /// Tables that change on any request, refused or not: sessions open and close, login attempts are counted.
        /// The audit log is not among them: a refused request must not write a line of it.
        static let churning: Set<String> = ["sessions", "login_attempts"]

        /// Every table of the schema but the churning ones; with `body`, only the rows of that body (of the tables
        /// that have a `body_id`).
        static func of(_ database: TestDatabase, body: String? = nil) throws -> [String: String] {
            try database.withConnection { db in
                let tables = try db.execute("""
                    SELECT t.table_name::text AS name FROM information_schema.tables t
                    WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                      AND ($1::text IS NULL OR EXISTS (
                          SELECT 1 FROM information_schema.columns c
                          WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'body_id'))
                    ORDER BY 1
                    """, [body]).map { try $0.string("name") }
                let parameters: [(any PostgresEncodable)?] = body == nil ? [] : [body]
                var digests: [String: String] = [:]
                for table in tables where !churning.contains(table) {
                    let rows = "FROM \"\(table)\" t" + (body == nil ? "" : " WHERE t.body_id = $1")
                    digests[table] = try db.execute("""
                        SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS d \(rows)
                        """, parameters)[0].string("d")
                }
                return digests
            }
        }

        /// The tables whose rows differ.
        static func changed(_ before: [String: String], _ after: [String: String]) -> [String] {
            Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        }
    }
}

/// A test client that forwards every request to one application's router, and can be pointed at another's: a browser
/// logged in on one body's server, then sending its cookie to another body's. It can add one cookie of its own.
final class SwitchableClient: TestClientProtocol, @unchecked Sendable {
    private let lock = NSLock()
    private var _target: any TestClientProtocol
    private var _extraCookie: String?

    init(_ target: any TestClientProtocol) { _target = target }

    var target: any TestClientProtocol {
        get { lock.withLock { _target } }
        set { lock.withLock { _target = newValue } }
    }

    /// `name=value`, sent besides the browser's cookies.
    var extraCookie: String? {
        get { lock.withLock { _extraCookie } }
        set { lock.withLock { _extraCookie = newValue } }
    }

    var port: Int? { target.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if let extra = extraCookie { headers[.cookie] = [headers[.cookie], extra].compactMap { $0 }.joined(separator: "; ") }
        return try await target.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension Authorisation {
    /// A second body in the same database, ALTRO (*Comune di Altrove*): the 2023 year of `PublishedYearFixture` with
    /// the same employee ids but its own names (`Altrove E1`…), Areas and fund, and accounts with the same usernames as
    /// ENTE's (hr, m1, e1) and another password, plus altrove.hr.
    enum OtherBody {
        static let body = "ALTRO"
        static let password = "password-di-altrove"
        /// In every name of ALTRO's people, Areas, plan and fund lines.
        static let marker = "Altrove"
        static let accounts: [(String, AccountRole, String?)] = [("hr", .hr, nil), ("m1", .manager, "M1"),
                                                                  ("e1", .employee, "E1"), ("altrove.hr", .hr, nil)]
        /// ALTRO's fund lines, which no ENTE figure equals.
        static let fundEuros = ["512.345,67 €", "77.777,77 €"]

        static func records() throws -> YearRecords {
            let base = try PublishedYearFixture.records()
            let areas = base.plan.areas.map { Area(id: $0.id, name: "\($0.name) di \(marker)", manager: $0.manager) }
            let plan = OrganisationalPlan(body: "Comune di \(marker)", year: base.year, strategicLines: base.plan.strategicLines,
                                          areas: areas, objectives: base.plan.objectives)
            let staff = base.records.staff.map { person in
                StaffMember(id: person.id, name: "\(marker) \(person.id)", role: person.role, category: person.category,
                            area: person.area, partTimeBasisPoints: person.partTimeBasisPoints,
                            monthsOfService: person.monthsOfService, notAssessableReason: person.notAssessableReason)
            }
            let fund = Fund(year: base.year, lines: [FundLine(fund: .staff, description: "Fondo \(marker)", amount: Cents(512_345_67)),
                                                     FundLine(fund: .managers, description: "Risultato \(marker)", amount: Cents(77_777_77))],
                            giunta: base.fund.giunta, oiv: base.fund.oiv)
            return YearRecords(body: body, plan: plan, records: StaffRecords(staff: staff, objectives: base.records.objectives),
                               fund: fund, settingsYAML: nil)
        }

        /// Imports ALTRO's year and creates its accounts.
        static func insert(into database: TestDatabase) async throws {
            let store = try database.store()
            try await store.importYear(try records(), actor: "altrove-import", progress: nil)
            let accounts = Accounts(store: store, body: body)
            for (username, role, employee) in OtherBody.accounts {
                try await accounts.add(username: username, password: password, role: role, employeeID: employee, cost: 4,
                                       actor: "altrove-import")
            }
        }

        /// ALTRO's HR allocates and publishes the year through ALTRO's own application.
        static func allocateAndPublish(on client: any TestClientProtocol, _ database: TestDatabase) async throws {
            let hr = try await Caller.logIn("hr", password: password, on: client)
            let values = FormValues(database: database, body: body, year: PublishedYearFixture.year)
            for request in [Request(.post, "/hr/ripartizione", form: [("anno", .year), ("anteprima", .previewDigest), ("bozze", .drafts)]),
                            Request(.post, "/hr/pubblica", form: [("anno", .year), ("ripartizione", .standingRun)])] {
                let response = try await hr.send(request, values: values)
                guard response.status == .seeOther,
                      response.location?.hasPrefix("/hr/ripartizione?anno=\(PublishedYearFixture.year)&esito=") == true else {
                    throw FixtureError("ALTRO's \(request) answered \(response.status)")
                }
            }
        }

        /// Texts of ALTRO's that no page of ENTE's may show: the marker, the fund lines, and E1's amount.
        static func figures(_ database: TestDatabase) throws -> [String] {
            let cents = try database.withConnection { db in
                try db.execute("SELECT amount_cents FROM allocations WHERE body_id = $1 AND employee_id = 'E1'", [body])
                    .map { try $0.int64("amount_cents") }
            }
            return [marker] + fundEuros + cents.map(OwnAppraisalFixture.italianEuros)
        }
    }

    /// Runs `test` with ENTE's application on 2023 (published, accounts of `withWebApp` and `OwnAppraisalFixture`) and
    /// ALTRO's application on its own 2023, allocated and published by its HR, both over the same database.
    static func withTwoBodies(_ test: @escaping @Sendable (_ ente: any TestClientProtocol, _ altro: any TestClientProtocol,
                                                           TestDatabase) async throws -> Void) async throws {
        try await withWebApp(year: PublishedYearFixture.year) { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            try await OtherBody.insert(into: database)
            let altro = try await buildApplication(WebConfiguration(store: try database.store(), body: OtherBody.body,
                                                                    bcryptCost: 4))
            try await altro.test(.router) { altroClient in
                try await OtherBody.allocateAndPublish(on: altroClient, database)
                try await test(browser.client, altroClient, database)
            }
        }
    }
}
