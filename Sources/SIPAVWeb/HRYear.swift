import Hummingbird
import SIPAVStore

/// The year an HR page works on, among the body's years. A body imports next year's plan early in the year, while the
/// previous one is still rated, allocated and published: HR chooses the year (`HRYearRoutes`), which a cookie keeps.
/// A page reads `?anno=`, else that cookie, else the body's most recent year; a form carries the year it was shown for
/// (`anno`) and acts on that one only, so that two tabs on two years never mix. `sipav serve --year` fixes the year.
struct HRYear: Sendable {
    let year: Int
    let state: YearState
    /// The years HR may choose among, most recent first: the body's, or only the configured one.
    let choices: [(year: Int, state: YearState)]
    /// The page the year choice comes back to.
    var page: String = "/hr"

    /// The query parameter and form field naming the year.
    static let field = "anno"
    /// The cookie that keeps the year HR chose (its name's base: `WebApp.cookieName`).
    static let cookie = "sipav_hr_anno"

    /// `path` for this year: `/hr/fondo?anno=2024`, then `query` (`esito=riga`), if any.
    func address(_ path: String, _ query: String? = nil) -> String {
        path + "?\(HRYear.field)=\(year)" + (query.map { "&" + $0 } ?? "")
    }

    /// For the pages' shared header: the year and its state, the choice when there is one, the hidden field each
    /// form of the page carries, and the query (`?anno=2024`) each link to another HR page carries: the cookie is
    /// shared by every tab, so a page's next click keeps the year the page shows only if the link names it.
    var values: [String: Any] {
        var values: [String: Any] = ["year": String(year), "state": state.italianName, "page": page, "query": address("")]
        if choices.count > 1 {
            values["canChoose"] = true
            values["choices"] = choices.map { choice -> [String: Any] in
                ["year": String(choice.year), "state": choice.state.italianName, "current": choice.year == year]
            }
        }
        return values
    }
}

/// Which year HR's request names, by the rule of `HRYear`, as pure decisions over the years on record.
enum HRYearChoice {
    enum Refusal: Error, Equatable {
        /// The body has no year yet.
        case noYear
        /// The text is not a year HR may work on: not a number, not one of the body's, not the configured one.
        case notAYear(String)
        /// A form without the year it was shown for.
        case missing
    }

    /// The years HR may work on: only the configured one when the server's year is fixed, else all of the body's.
    static func allowed(_ years: [(year: Int, state: YearState)], configured: Int?) -> [(year: Int, state: YearState)] {
        guard let configured else { return years }
        return [(configured, years.first { $0.year == configured }?.state ?? .planning)]
    }

    /// A page's year: `asked` (the query) must be allowed; `remembered` (the cookie) counts only while it is, as a
    /// year the body no longer has, or one outside a fixed year, is a choice that no longer applies; else the most
    /// recent.
    static func page(asked: String?, remembered: String?, allowed: [Int]) -> Result<Int, Refusal> {
        if let asked { return posted(asked, allowed: allowed) }
        if let remembered, let year = Int(remembered), allowed.contains(year) { return .success(year) }
        guard let latest = allowed.max() else { return .failure(.noYear) }
        return .success(latest)
    }

    /// A form's year: the one it carries, which must be allowed.
    static func posted(_ text: String?, allowed: [Int]) -> Result<Int, Refusal> {
        guard let text else { return .failure(.missing) }
        guard let year = Int(text.trimmingCharacters(in: .whitespaces)), allowed.contains(year) else {
            return .failure(.notAYear(text))
        }
        return .success(year)
    }
}

extension WebApp {
    /// The year of an HR page (GET): `?anno=`, else the year HR chose, else the most recent. 404 for a year HR may
    /// not work on, or when the body has none.
    func hrYear(_ request: Request) async throws -> HRYear {
        let asked = request.query[HRYear.field]
        let remembered = request.cookies[cookieName(HRYear.cookie)]?.value
        var year = try await hrYear(refusedWith: .notFound) {
            HRYearChoice.page(asked: asked, remembered: remembered, allowed: $0)
        }
        year.page = (request.method == .post ? ReturnPath.of(post: request) : request.uri.path) ?? "/hr"
        return year
    }

    /// The year an HR form acts on: the one it carries in `anno`, whatever HR chose since in another tab. 400 when
    /// the form carries none, or one HR may not work on: nothing is written.
    func hrYear(posted text: String?, _ request: Request) async throws -> HRYear {
        var year = try await hrYear(refusedWith: .badRequest) { HRYearChoice.posted(text, allowed: $0) }
        year.page = ReturnPath.of(post: request) ?? "/hr"
        return year
    }

    /// The year HR's request names, if the body has one: for the pages that are not about one year (accounts, contests,
    /// the audit log), whose header still shows it and offers the choice.
    func hrYearIfAny(_ request: Request) async -> HRYear? {
        try? await hrYear(request)
    }

    /// The year `pick` chooses among those HR may work on; a refusal answers `status` (404 for a page, 400 for a form).
    private func hrYear(refusedWith status: HTTPResponse.Status,
                        _ pick: ([Int]) -> Result<Int, HRYearChoice.Refusal>) async throws -> HRYear {
        let body = configuration.body
        let years = try await configuration.store.withWebConnection { db in
            try db.execute("SELECT year, state FROM years WHERE body_id = $1 ORDER BY year DESC", [body]).map { row in
                (year: try row.int("year"), state: YearState(rawValue: try row.string("state")) ?? .planning)
            }
        }
        let allowed = HRYearChoice.allowed(years, configured: configuration.year)
        switch pick(allowed.map(\.year)) {
        case let .success(year):
            return HRYear(year: year, state: allowed.first { $0.year == year }?.state ?? .planning, choices: allowed)
        case let .failure(refusal):
            throw hrYearError(refusal, status: status)
        }
    }

    private func hrYearError(_ refusal: HRYearChoice.Refusal, status: HTTPResponse.Status) -> WebError {
        // Only a form writes: its refusal says that nothing was.
        let outcome = status == .badRequest ? "nulla è stato registrato" : "la pagina non si può mostrare"
        switch refusal {
        case .noYear:
            return WebError(status: .notFound, message: "Nessun anno di valutazione è stato ancora caricato.")
        case .missing:
            return WebError(status: .badRequest, message: "Il modulo non indica l'anno su cui agire: nulla è stato registrato. "
                                + "Ricarichi la pagina e riprovi.")
        case let .notAYear(text):
            let shown = String(text.prefix(20))
            if let configured = configuration.year {
                return WebError(status: status, message: "Questo servizio lavora solo sull'anno \(configured), non su «\(shown)»: \(outcome).")
            }
            return WebError(status: status, message: "L'ente non ha un anno «\(shown)»: \(outcome). Scelga uno degli anni dell'ente.")
        }
    }
}
