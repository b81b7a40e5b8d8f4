import Foundation
import HummingbirdTesting
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// One row of the authorisation table: a request, the records it runs against, the Area of the person it is about,
/// and the answer of each requester.
struct AuthorisationRoute: Sendable, CustomTestStringConvertible {
    let request: Authorisation.Request
    let records: Authorisation.Records
    let area: Authorisation.StaffArea
    let answers: [Authorisation.Requester: Authorisation.Answer]

    init(_ method: Authorisation.Method, _ path: String, _ records: Authorisation.Records, _ area: Authorisation.StaffArea,
         _ answers: [Authorisation.Answer], form: [(String, Authorisation.FormValue)] = []) {
        precondition(answers.count == Authorisation.Requester.allCases.count, "\(path): one answer per requester")
        request = Authorisation.Request(method, path, form: form)
        (self.records, self.area) = (records, area)
        self.answers = Dictionary(uniqueKeysWithValues: zip(Authorisation.Requester.allCases, answers))
    }

    var testDescription: String { request.description }

    /// Whether this row is an instance of the registered route `pattern` (`:name` stands for any one segment).
    func instantiates(_ method: String, _ pattern: String) -> Bool {
        let path = request.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let segments = path.split(separator: "/"), patternSegments = pattern.split(separator: "/")
        return request.method.name == method && segments.count == patternSegments.count
            && zip(segments, patternSegments).allSatisfy { $1.hasPrefix(":") || $0 == $1 }
    }
}

/// The forms the table's POSTs send: each would change something if it were let through.
enum AuthorisationForms {
    typealias Form = [(String, Authorisation.FormValue)]

    static let login: Form = [("csrf", .loginToken), ("username", "e1"), ("password", .text(WebFixture.password))]
    static let rateE1: Form = [("code_0", "OB1"), ("version_0", .ratingVersion(employee: "E1", code: "OB1")),
                               ("cosa_0", .otherCosa(employee: "E1", code: "OB1")), ("come_0", "A"), ("code_1", "OB2"),
                               ("version_1", .ratingVersion(employee: "E1", code: "OB2")),
                               ("cosa_1", .otherCosa(employee: "E1", code: "OB2")), ("come_1", "A")]
    static func rateOne(_ employee: String) -> Form {
        [("code_0", "OB1"), ("version_0", .ratingVersion(employee: employee, code: "OB1")),
         ("cosa_0", .otherCosa(employee: employee, code: "OB1")), ("come_0", "A")]
    }
    static let contest: Form = [("motivo", "Non condivido il punteggio"), ("ripartizione", .latestRun)]
    static let acknowledgement: Form = [("ripartizione", .latestRun), ("conferma", "1")]
    /// HR's forms of a year carry it (`anno`): the one their page was shown for.
    static let year: Form = [("anno", .year)]
    static let allocate: Form = year + [("anteprima", .previewDigest), ("bozze", .drafts)]
    /// Publishing and reopening carry the allocation run their page shows (`ripartizione`).
    static let publish: Form = year + [("ripartizione", .standingRun)]
    static let reopen: Form = publish + [("motivo", "Correzione della valutazione di E2")]
    /// The return to draft carries its year in the path, like the opening for rating.
    static let returnToDraft: Form = [("motivo", "Punteggio di OB2 da correggere"), ("inviata", .submissionStamp(employee: "E1"))]
    static let outcome: Form = [("esito", "confermata"), ("riferimento", "Verbale n. 7/2024")]
    static let organ: Form = year + [("code_0", "OB1"), ("version_0", .ratingVersion(employee: "S1", code: "OB1")), ("cosa_0", "5"),
                              ("come_0", "A"), ("riferimento", "Decreto del Presidente n. 3/2024")]
    static let fundLine: Form = year + [("fondo", "staff"), ("descrizione", "Risparmi"), ("importo", "12.480,00"), ("riferimento", "Det. 5")]
    static let confirmation: Form = year + [("tipo", "giunta"), ("data", "15/03/2024"), ("riferimento", "Delibera n. 12"),
                                            ("mostrato", .shownConfirmation(kind: "giunta"))]
    /// The OIV's, recorded again after a fund line withdrew both confirmations.
    static let oivConfirmation: Form = year + [("tipo", "oiv"), ("data", "20/03/2024"), ("riferimento", "Verbale OIV 1/2024"),
                                               ("mostrato", .shownConfirmation(kind: "oiv"))]
    static let validated: Form = year + [("ambito", "ente"), ("percentuale", "85"), ("riferimento", "Verbale OIV 2/2024"),
                                         ("mostrato", .shownValidated(scope: "ente"))]
    static let unvalidate: Form = year + [("ambito", "ente"), ("mostrato", .shownValidated(scope: "ente"))]
    static let fundLine1: Form = year + [("impronta", .fundLineFingerprint(line: 1))]
    static let objectivesE1: Form = year + [("versione", .objectivesDigest(employee: "E1")), ("rows", "2"),
                                     ("code_0", "OB1"), ("title_0", "Tempi"), ("weight_0", "50"),
                                     ("code_1", "OB2"), ("title_1", "Archivio"), ("weight_1", "50")]
    static let objectivesFile = HRPagesFixture.csv(["employee_id;objective;title;weight", "E2;OB1;Bilancio sociale;50",
                                                    "E2;OB2;Sportello;50"])
    static let account: Form = [("utente", "intruso"), ("ruolo", "personale"), ("matricola", ""), ("password", "chiave-estranea-77")]
    static let accountsFile = HRPagesFixture.csv(["utente;ruolo;matricola", "intruso;personale;"])
    static let ownPassword: Form = [("attuale", .text(WebFixture.password)), ("nuova", "una-nuova-password-2026"),
                                    ("ripetuta", "una-nuova-password-2026")]
}

extension Authorisation {
    /// Every route of the application, with a concrete path, against each requester. Columns: anonymous; employee e1;
    /// the manager of another Area; the manager of the Area (m1 for A1, m2 for A2); the Segretario Generale; HR.
    /// `.ok` served, `.no` 403, `.login` 303 to the login page, `.out` logged out.
    static let table: [AuthorisationRoute] = {
        typealias R = AuthorisationRoute
        typealias F = AuthorisationForms
        return [
            //  request                                          records      Area  anon    e1      other   own     SG      HR
            // Public: the style sheet, the transparency page, the login page and form.
            R(.get,  "/sipav.css",                               .rating,     .a1, [.ok,    .ok,    .ok,    .ok,    .ok,    .ok]),
            R(.get,  "/trasparenza",                             .rating,     .a1, [.ok,    .ok,    .ok,    .ok,    .ok,    .ok]),
            R(.get,  "/login",                                   .rating,     .a1, [.ok,    .ok,    .ok,    .ok,    .ok,    .ok]),
            R(.post, "/login",                                   .rating,     .a1, [.ok,    .ok,    .ok,    .ok,    .ok,    .ok], form: F.login),
            // Any session: the home page leads each role to its own page.
            R(.get,  "/",                                        .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .ok]),
            // `/logout` typed in the address bar: the page with the *Esci* button.
            R(.get,  "/logout",                                  .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .ok]),
            R(.post, "/logout",                                  .rating,     .a1, [.login, .out,   .out,   .out,   .out,   .out]),
            // Any session: one's own password, nobody else's.
            R(.get,  "/password",                                .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .ok]),
            R(.post, "/password",                                .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .ok], form: F.ownPassword),
            // Managers: their own staff only; the Segretario Generale rates everyone but himself.
            R(.get,  "/valutazioni",                             .rating,     .a1, [.login, .no,    .ok,    .ok,    .ok,    .no]),
            R(.get,  "/valutazioni/E1",                          .rating,     .a1, [.login, .no,    .no,    .ok,    .ok,    .no]),
            R(.post, "/valutazioni/E1",                          .rating,     .a1, [.login, .no,    .no,    .ok,    .ok,    .no], form: F.rateE1),
            R(.get,  "/valutazioni/E2",                          .rating,     .a2, [.login, .no,    .no,    .ok,    .ok,    .no]),
            R(.post, "/valutazioni/E2",                          .rating,     .a2, [.login, .no,    .no,    .ok,    .ok,    .no], form: F.rateOne("E2")),
            // M1 is m1 himself: nobody rates their own appraisal.
            R(.get,  "/valutazioni/M1",                          .rating,     .a1, [.login, .no,    .no,    .no,    .ok,    .no]),
            R(.post, "/valutazioni/M1",                          .rating,     .a1, [.login, .no,    .no,    .no,    .ok,    .no], form: F.rateOne("M1")),
            // The employee, and each manager (paid from the managers' fund): their own appraisal only; no route takes an
            // employee id.
            R(.get,  "/la-mia-valutazione",                      .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .no]),
            R(.post, "/la-mia-valutazione/presa-visione",        .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .no], form: F.acknowledgement),
            R(.post, "/la-mia-valutazione/contestazione",        .rating,     .a1, [.login, .ok,    .ok,    .ok,    .ok,    .no], form: F.contest),
            // HR only.
            R(.get,  "/hr",                                      .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.get,  "/hr/ripartizione",                         .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/ripartizione",                         .open,       .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.allocate),
            R(.post, "/hr/pubblica",                             .allocated,  .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.publish),
            R(.post, "/hr/riapertura",                           .allocated,  .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.reopen),
            R(.post, "/hr/anni/2023/apertura",                   .open,       .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/anni/2024/valutazioni/E1/bozza",       .submitted,  .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.returnToDraft),
            R(.get,  "/hr/segretario",                           .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/segretario",                           .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.organ),
            R(.get,  "/hr/contestazioni",                        .contested,  .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.get,  "/hr/contestazioni/E2",                     .contested,  .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/contestazioni/E2",                     .contested,  .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.outcome),
            R(.get,  "/hr/fondo",                                .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/fondo/righe",                          .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.fundLine),
            R(.post, "/hr/fondo/righe/1/elimina",                .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.fundLine1),
            R(.post, "/hr/fondo/conferme",                       .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.confirmation),
            R(.get,  "/hr/oiv",                                  .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/oiv",                                  .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.validated),
            R(.post, "/hr/oiv/elimina",                          .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.unvalidate),
            R(.get,  "/hr/obiettivi",                            .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.upload(filename: "obiettivi.csv", bytes: F.objectivesFile),
                     "/hr/obiettivi/importa",                    .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.year),
            R(.get,  "/hr/obiettivi/E1",                         .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/obiettivi/E1",                         .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.objectivesE1),
            R(.get,  "/hr/utenti",                               .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/utenti",                               .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok], form: F.account),
            R(.upload(filename: "utenti.csv", bytes: F.accountsFile),
                     "/hr/utenti/importa",                       .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/utenti/e2/disattiva",                  .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/utenti/ex.e3/riattiva",                .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.post, "/hr/utenti/e2/password-temporanea",        .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.get,  "/hr/registro",                             .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.get,  "/hr/registro.csv",                         .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.get,  "/hr/scarica",                              .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            R(.get,  "/hr/scarica/punteggi.csv?anno=2023",       .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
            // HR chooses the year of its pages: a cookie, nothing written.
            R(.get,  "/hr/anno?anno=2023&torna=%2Fhr%2Ffondo",  .rating,     .a1, [.login, .no,    .no,    .no,    .no,    .ok]),
        ]
    }()

    /// The routes the application registers, as (method, pattern), read from `Sources/SIPAVWeb`: every
    /// `router.get(…)` and `router.post(…)`, with `X.path` replaced by the value of X's `static let path`. An expression
    /// of another shape is returned as it is written, so that the test names it.
    static func registeredRoutes() throws -> [(method: String, pattern: String)] {
        let folder = SipavBinary.repositoryRoot.appendingPathComponent("Sources/SIPAVWeb")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        let texts = try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        var paths: [String: String] = [:]
        for text in texts {
            for match in text.matches(of: /struct (\w+)[^{]*\{[^}]*?static let path = "([^"]*)"/) {
                paths[String(match.1)] = String(match.2)
            }
        }
        var routes: [(method: String, pattern: String)] = []
        for text in texts {
            for line in text.split(separator: "\n") {
                guard let match = line.firstMatch(of: /router\.(get|post)\((.*)\)\s*\{/) else { continue }
                var expression = String(match.2)
                if expression.hasPrefix("RouterPath(stringLiteral: "), expression.hasSuffix(")") {
                    expression = String(expression.dropFirst("RouterPath(stringLiteral: ".count).dropLast())
                }
                let parts = expression.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
                let values = parts.map { part -> String? in
                    if part.count >= 2, part.hasPrefix("\""), part.hasSuffix("\"") { return String(part.dropFirst().dropLast()) }
                    if part.hasSuffix(".path") { return paths[String(part.dropLast(".path".count))] }
                    return nil
                }
                let pattern = values.contains { $0 == nil } ? expression : values.map { $0! }.joined()
                routes.append((match.1.uppercased(), pattern))
            }
        }
        return routes
    }
}

@Suite("Authorisation: every route against every role, another Area, another person, another body")
struct AuthorisationTableTests {
    typealias Requester = Authorisation.Requester

    /// Every registered route has a row, and every row is one of them: the route the router picks for its path, where a
    /// literal segment wins over a parameter (`/hr/obiettivi/importa` before `/hr/obiettivi/:employee`).
    @Test func theTableListsEveryRegisteredRouteAndNothingElse() throws {
        let registered = try Authorisation.registeredRoutes()
        #expect(registered.count >= 39, "routes read from Sources/SIPAVWeb: \(registered.count)")
        func parameters(_ pattern: String) -> Int { pattern.split(separator: "/").filter { $0.hasPrefix(":") }.count }
        var covered: Set<String> = []
        for route in Authorisation.table {
            let matches = registered.filter { route.instantiates($0.method, $0.pattern) }
            let fewest = matches.map { parameters($0.pattern) }.min()
            let picked = matches.filter { parameters($0.pattern) == fewest }
            #expect(picked.count == 1, "\(route.request) is an instance of \(picked.count) registered routes")
            covered.formUnion(picked.map { "\($0.method) \($0.pattern)" })
        }
        for (method, pattern) in registered {
            #expect(covered.contains("\(method) \(pattern)"), "\(method) \(pattern) is not in the table")
        }
    }

    /// Each requester logs in afresh and sends the row's request; a refusal (403 or the login page) leaves every table
    /// as it was, the audit log included, and shows nobody's name; the same form, when served, does change the records.
    @Test(arguments: Authorisation.table)
    func eachRequesterGetsTheAnswerOfTheTableAndARefusalChangesNothing(route: AuthorisationRoute) async throws {
        try await withWebApp(year: route.records.configuredYear) { browser, database in
            try await route.records.prepare(database)
            let values = Authorisation.FormValues(database: database, body: WebFixture.body, year: route.records.serverYear)
            for requester in Requester.allCases {
                let expected = try #require(route.answers[requester])
                let who = "\(requester.rawValue) (\(requester.username(route.area) ?? "no session")) \(route.request)"
                let caller = try await Authorisation.Caller.of(requester, route.area, on: browser.client)
                let before = try Authorisation.Digest.of(database)
                let response = try await caller.send(route.request, values: values)
                #expect(expected.accepts(response),
                        "\(who): expected \(expected), got \(response.status.code) \(response.location ?? "")")
                let changed = Authorisation.Digest.changed(before, try Authorisation.Digest.of(database))
                if expected.isRefusal {
                    #expect(changed.isEmpty, "\(who) was refused but changed \(changed)")
                    #expect(!response.text.contains("Persona "), "\(who): the refusal shows a person's name")
                }
                // The form is one that changes the records when let through: its refusals above are the authorisation's.
                if expected == .ok, route.request.method.name == "POST", route.request.path != "/login" {
                    #expect(!changed.isEmpty, "\(who) was served but changed nothing")
                }
                if expected == .out {
                    #expect(try await caller.browser.get("/").location == "/login", "\(who): the session outlived the logout")
                }
            }
        }
    }

    // MARK: Another Area's staff

    @Test(arguments: [("m1", "E2"), ("m2", "E1")])
    func aManagerCannotReadNorRateAnotherAreasStaff(manager: String, employee: String) async throws {
        try await withWebApp { browser, database in
            try await Authorisation.Records.rating.prepare(database)
            let values = Authorisation.FormValues(database: database, body: WebFixture.body, year: WebFixture.year)
            let caller = try await Authorisation.Caller.logIn(manager, on: browser.client)
            let before = try Authorisation.Digest.of(database)
            let ratings = try storedRatings(database, of: employee)
            let form = employee == "E1" ? AuthorisationForms.rateE1 : AuthorisationForms.rateOne(employee)
            for request in [Authorisation.Request(.get, "/valutazioni/\(employee)"),
                            Authorisation.Request(.post, "/valutazioni/\(employee)", form: form),
                            Authorisation.Request(.post, "/valutazioni/\(employee)", form: form + [("azione", "invia")])] {
                let response = try await caller.send(request, values: values)
                #expect(response.status == .forbidden, "\(manager) \(request)")
            }
            #expect(try storedRatings(database, of: employee) == ratings)
            #expect(Authorisation.Digest.changed(before, try Authorisation.Digest.of(database)).isEmpty)
            let list = try await caller.browser.get("/valutazioni")
            #expect(!list.text.contains("/valutazioni/\(employee)\""), "\(manager)'s list links to \(employee)")
        }
    }

    // MARK: Another person's appraisal

    @Test func anEmployeeSeesOnlyTheirOwnAppraisalWhateverTheRequestSays() async throws {
        try await withWebApp { browser, database in
            try await OwnAppraisalFixture.insert(into: database, published: true)
            let own = try #require(try await OwnAppraisalFixture.expectedCents(of: "E1", in: database))
            let other = try #require(try await OwnAppraisalFixture.expectedCents(of: "E2", in: database))
            #expect(own != other)
            let e1 = try await Authorisation.Caller.logIn("e1", on: browser.client)
            for uri in ["/la-mia-valutazione", "/la-mia-valutazione?dipendente=E2", "/la-mia-valutazione?employee=E2&anno=2023",
                        "/la-mia-valutazione?matricola=E2&utente=e2"] {
                let page = try await e1.browser.get(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.text.contains("Persona E1") && page.text.contains(OwnAppraisalFixture.italianEuros(own)), "\(uri)")
                #expect(!page.text.contains("Persona E2") && !page.text.contains(OwnAppraisalFixture.italianEuros(other)), "\(uri)")
            }
            for uri in ["/la-mia-valutazione/E2", "/valutazioni/E2", "/hr/contestazioni/E2", "/hr/obiettivi/E2",
                        "/hr/scarica/ripartizione.csv?anno=2023"] {
                let page = try await e1.browser.get(uri)
                #expect(page.status == .forbidden || page.status == .notFound, "\(uri): \(page.status)")
                #expect(!page.text.contains("Persona E2") && !page.text.contains(OwnAppraisalFixture.italianEuros(other)), "\(uri)")
            }
            // A form naming E2 records e1's own response, never E2's.
            let values = Authorisation.FormValues(database: database, body: WebFixture.body, year: PublishedYearFixture.year)
            let contested = try await e1.send(Authorisation.Request(.post, "/la-mia-valutazione/contestazione", form: [
                ("motivo", "Motivo"), ("employee", "E2"), ("dipendente", "E2"), ("employee_id", "E2"), ("ripartizione", .latestRun),
            ]), values: values)
            #expect(contested.status == .seeOther)
            #expect(try OwnAppraisalFixture.responses(database) == ["E1:contested:Motivo"])
        }
    }

    // MARK: Another body's records

    /// ALTRO's sessions (hr, m1, e1: the usernames ENTE has too) are unknown to ENTE's application: every route
    /// answers as to an anonymous visitor, nothing changes, and the session still works on ALTRO's.
    @Test func anotherBodysSessionOpensNothingHere() async throws {
        try await Authorisation.withTwoBodies { ente, altro, database in
            let values = Authorisation.FormValues(database: database, body: WebFixture.body, year: PublishedYearFixture.year)
            for (username, _, _) in Authorisation.OtherBody.accounts {
                let caller = try await Authorisation.Caller.logIn(username, password: Authorisation.OtherBody.password, on: altro)
                caller.client.target = ente
                // The login form itself is not a use of the session: below, ALTRO's passwords on ENTE's login.
                for route in Authorisation.table where route.request.path != "/login" || route.request.method.name == "GET" {
                    let expected = try #require(route.answers[.anonymous])
                    let before = try Authorisation.Digest.of(database)
                    let response = try await caller.send(route.request, values: values)
                    #expect(expected.accepts(response),
                            "ALTRO's \(username) \(route.request): expected \(expected), got \(response.status.code) \(response.location ?? "")")
                    if expected.isRefusal {
                        let changed = Authorisation.Digest.changed(before, try Authorisation.Digest.of(database))
                        #expect(changed.isEmpty, "ALTRO's \(username) \(route.request) changed \(changed)")
                    }
                }
                caller.client.target = altro
                #expect(try await caller.browser.get("/").location != "/login", "ALTRO's \(username) lost the session")
            }
        }
    }

    /// The same usernames with ALTRO's passwords do not log in to ENTE, nor ENTE's passwords to ALTRO; each body's own do.
    @Test func anotherBodysCredentialsDoNotLogInHere() async throws {
        try await Authorisation.withTwoBodies { ente, altro, database in
            func sessions() throws -> Int {
                try database.withConnection { try $0.execute("SELECT count(*)::int AS n FROM sessions")[0].int("n") }
            }
            let opened = try sessions()
            for (username, _, _) in Authorisation.OtherBody.accounts {
                let browser = Browser(ente)
                let refused = try await browser.login(username, password: Authorisation.OtherBody.password)
                #expect(refused.status == .unauthorized, "\(username) with ALTRO's password on ENTE: \(refused.status)")
                #expect(browser.cookies[WebApp.sessionCookie(for: WebFixture.body)] == nil)
            }
            for username in ["hr", "m1", "e1"] {
                let refused = try await Browser(altro).login(username)
                #expect(refused.status == .unauthorized, "\(username) with ENTE's password on ALTRO: \(refused.status)")
            }
            #expect(try sessions() == opened)
            for username in ["hr", "m1", "e1"] {
                #expect(try await Browser(ente).login(username).location == "/", "\(username) on ENTE")
                #expect(try await Browser(altro).login(username, password: Authorisation.OtherBody.password).location == "/",
                        "\(username) on ALTRO")
            }
        }
    }

    /// ENTE's people rate, contest and acknowledge, and ENTE's HR reopens, edits, reallocates and publishes the year
    /// ALTRO also has, for the same employee ids and usernames: ALTRO's rows stay as they were, and no page of ENTE
    /// shows ALTRO's names or figures.
    @Test func thisBodysActionsNeverChangeNorShowAnotherBodysRecords() async throws {
        try await Authorisation.withTwoBodies { ente, _, database in
            typealias Request = Authorisation.Request
            let altroBefore = try Authorisation.Digest.of(database, body: Authorisation.OtherBody.body)
            let enteBefore = try Authorisation.Digest.of(database, body: WebFixture.body)
            let values = Authorisation.FormValues(database: database, body: WebFixture.body, year: PublishedYearFixture.year)
            let hr = try await Authorisation.Caller.logIn("hr", on: ente)
            let m1 = try await Authorisation.Caller.logIn("m1", on: ente)
            let e1 = try await Authorisation.Caller.logIn("e1", on: ente)
            let e2 = try await Authorisation.Caller.logIn("e2", on: ente)
            let actions: [(Authorisation.Caller, String, Request)] = [
                (e2, "e2", Request(.post, "/la-mia-valutazione/contestazione", form: AuthorisationForms.contest)),
                (hr, "hr", Request(.post, "/hr/riapertura", form: AuthorisationForms.reopen)),
                (m1, "m1", Request(.post, "/valutazioni/E1", form: [("code_0", "OB1"), ("version_0", .ratingVersion(employee: "E1", code: "OB1")),
                                                                    ("cosa_0", "5"), ("come_0", "A")])),
                (hr, "hr", Request(.post, "/hr/contestazioni/E2", form: [("esito", "modificata"), ("riferimento", "Verbale n. 8/2024"),
                                                                         ("code_0", "OB1"), ("version_0", .ratingVersion(employee: "E2", code: "OB1")),
                                                                         ("cosa_0", "6"), ("come_0", "A")])),
                (hr, "hr", Request(.post, "/hr/obiettivi/E3", form: AuthorisationForms.year + [("versione", .objectivesDigest(employee: "E3")), ("rows", "1"),
                                                                     ("code_0", "OB1"), ("title_0", "Nuovo titolo"), ("weight_0", "100")])),
                (hr, "hr", Request(.upload(filename: "obiettivi.csv", bytes: HRPagesFixture.csv([
                    "employee_id;objective;title;weight;cosa;come", "E4;OB1;Sportello;100;4;A"])), "/hr/obiettivi/importa",
                                   form: AuthorisationForms.year)),
                (hr, "hr", Request(.post, "/hr/fondo/righe", form: AuthorisationForms.fundLine)),
                (hr, "hr", Request(.post, "/hr/fondo/conferme", form: AuthorisationForms.confirmation)),
                (hr, "hr", Request(.post, "/hr/fondo/conferme", form: AuthorisationForms.oivConfirmation)),
                (hr, "hr", Request(.post, "/hr/oiv", form: AuthorisationForms.year + [("ambito", "area:A1"), ("percentuale", "95"), ("riferimento", "Verbale OIV 3"),
                                                                       ("mostrato", .shownValidated(scope: "area:A1"))])),
                (hr, "hr", Request(.post, "/hr/oiv/elimina", form: AuthorisationForms.year + [("ambito", "area:A1"),
                                                                               ("mostrato", .shownValidated(scope: "area:A1"))])),
                (hr, "hr", Request(.post, "/hr/utenti", form: [("utente", "nuovo.e5"), ("ruolo", "dipendente"), ("matricola", "E5"),
                                                               ("password", "password-nuova")])),
                (hr, "hr", Request(.upload(filename: "utenti.csv", bytes: AuthorisationForms.accountsFile), "/hr/utenti/importa")),
                (hr, "hr", Request(.post, "/hr/utenti/m1/disattiva")),
                (hr, "hr", Request(.post, "/hr/utenti/m1/riattiva")),
                (hr, "hr", Request(.post, "/hr/utenti/e2/password-temporanea")),
                (hr, "hr", Request(.post, "/hr/ripartizione", form: AuthorisationForms.allocate)),
                (hr, "hr", Request(.post, "/hr/pubblica", form: AuthorisationForms.publish)),
                (e1, "e1", Request(.post, "/la-mia-valutazione/presa-visione", form: AuthorisationForms.acknowledgement)),
            ]
            for (caller, username, request) in actions {
                let response = try await caller.send(request, values: values)
                #expect(Authorisation.Answer.ok.accepts(response),
                        "ENTE's \(username) \(request): \(response.status.code) \(response.location ?? "")")
            }
            // ENTE's HR names an account only ALTRO has: not found, and ALTRO's stays enabled.
            #expect(try await hr.send(Request(.post, "/hr/utenti/altrove.hr/disattiva"), values: values).status == .notFound)
            #expect(try await hr.send(Request(.post, "/hr/utenti/altrove.hr/password-temporanea"), values: values).status == .notFound)

            #expect(!Authorisation.Digest.changed(enteBefore, try Authorisation.Digest.of(database, body: WebFixture.body)).isEmpty)
            let changed = Authorisation.Digest.changed(altroBefore, try Authorisation.Digest.of(database, body: Authorisation.OtherBody.body))
            #expect(changed.isEmpty, "ENTE's actions changed ALTRO's \(changed)")

            let figures = try Authorisation.OtherBody.figures(database)
            let enteE1 = try #require(try await OwnAppraisalFixture.expectedCents(of: "E1", in: database))
            #expect(!figures.contains(OwnAppraisalFixture.italianEuros(enteE1)), "ALTRO's E1 is paid as ENTE's: pick other figures")
            let reader = try await Authorisation.Caller.logIn("m1", on: ente)
            var pages: [(String, Authorisation.Caller, String)] = Authorisation.table.compactMap { route in
                // The year's choice is no page: it leads back to one of the others.
                guard case .get = route.request.method, route.request.path.hasPrefix("/hr") || route.request.path == "/trasparenza",
                      !route.request.path.hasPrefix(HRYearRoutes.path + "?") else { return nil }
                return ("hr", hr, route.request.path)
            }
            pages += [("hr", hr, "/hr/scarica/ripartizione.csv?anno=2023"), ("hr", hr, "/hr/scarica/punteggi.json?anno=2023"),
                      ("hr", hr, "/hr/registro?tabella=accounts"),
                      ("e1", e1, "/la-mia-valutazione"), ("m1", reader, "/valutazioni"), ("m1", reader, "/valutazioni/E1")]
            for (username, caller, path) in pages {
                let page = try await caller.browser.get(path)
                #expect(page.status == .ok, "ENTE's \(username) GET \(path): \(page.status)")
                for figure in figures {
                    #expect(!page.text.contains(figure), "ENTE's \(username) GET \(path) shows ALTRO's \(figure)")
                }
            }
        }
    }
}
