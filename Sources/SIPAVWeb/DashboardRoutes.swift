import Hummingbird
import SIPAV
import SIPAVReports

/// HR's dashboard: per Area of the year, the staff, the appraisals rated, submitted and missing.
/// Only an HR account sees it: anyone else answers 403.
struct DashboardRoutes: Sendable {
    let web: WebApp

    func register(on router: Router<BasicRequestContext>) {
        router.get("/hr") { request, _ in try await dashboard(request) }
        router.post("/hr/anni/:year/apertura") { request, context in
            guard let year = Int(try context.parameters.decoded("year")) else { throw WebError.notFound }
            return try await openForRating(request, year: year)
        }
    }

    static let notices = ["aperto": "Anno aperto alla valutazione: i dirigenti possono inserire le valutazioni.",
                          "non-aperto": "L'anno non è in programmazione: non è stato cambiato."]

    /// HR opens a year in planning for rating: from then the managers rate it (and it is their default year, as
    /// the most recent past planning).
    func openForRating(_ request: Request, year: Int) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        // The path names the year, as a form's `anno` does: one of those HR may work on.
        let hrYear = try await web.hrYear(posted: String(year), request)
        let opening = YearOpening(store: web.configuration.store, body: web.configuration.body)
        // An earlier year still open loses its managers' appraisals not yet sent: only with the box ticked for it.
        if hrYear.state == .planning, let earlier = try await opening.earlierStillOpen(before: hrYear.year),
           form[YearOpening.earlierOpenField] != String(earlier.year) {
            return try await render(session, hrYear, status: .conflict, notice: [
                "text": "L'anno \(hrYear.year) non è stato aperto: " + YearOpening.earlierOpenWarning(hrYear.year, earlier: earlier)
                    + " Per aprirlo comunque, spunti la casella.", "isError": true,
            ])
        }
        let opened = try await opening.open(year: hrYear.year, actor: session.account.username)
        return HTML.redirect(to: hrYear.address("/hr", "esito=" + (opened ? "aperto" : "non-aperto")))
    }

    func dashboard(_ request: Request) async throws -> Response {
        let session = try await web.requireSession(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        return try await render(session, try await web.hrYear(request), notice: WebApp.notice(request, DashboardRoutes.notices))
    }

    private func render(_ session: WebSession, _ hrYear: HRYear, status: HTTPResponse.Status = .ok,
                        notice: [String: Any]?) async throws -> Response {
        let year = hrYear.year
        let lines = try await Dashboard(store: web.configuration.store, body: web.configuration.body, year: year).lines()
        var values = web.layout(session, title: "Cruscotto \(year)", hrYear: hrYear)
        values["year"] = String(year)
        values["lines"] = lines.map { line in
            var values = DashboardRoutes.values(line)
            // Who is still to submit: the Area's people on HR's list, each with how far their appraisal has gone.
            if let area = line.areaID, line.missing > 0 {
                values["peoplePath"] = hrYear.address(ObjectiveAdminRoutes.path, "area=" + area.addingPercentEncodingForPath())
            }
            return values
        }
        values["overall"] = DashboardRoutes.values(DashboardLine.sum(lines, name: "Totale"))
        values["state"] = hrYear.state.italianName
        // With the server's year fixed, only that one: another is refused.
        let opening = YearOpening(store: web.configuration.store, body: web.configuration.body)
        var planning: [[String: Any]] = []
        for year in try await opening.planningYears() where (web.configuration.year ?? year) == year {
            var values: [String: Any] = ["year": String(year)]
            if let earlier = try await opening.earlierStillOpen(before: year) {
                values["earlierOpen"] = ["text": YearOpening.earlierOpenWarning(year, earlier: earlier), "year": String(earlier.year),
                                         "field": YearOpening.earlierOpenField]
            }
            let incomplete = try await opening.incomplete(year: year)
            if incomplete > 0 {
                values["incomplete"] = ItalianNumbers.agreeing(incomplete, "persona valutabile non ha obiettivi, o ha pesi che non sommano a 100 %",
                                                               "persone valutabili non hanno obiettivi, o hanno pesi che non sommano a 100 %")
                values["incompleteCount"] = ItalianNumbers.integer(incomplete)
            }
            planning.append(values)
        }
        values["planning"] = planning
        if let notice { values["notice"] = notice }
        // Contests of every year: an employee contests the last published year, often behind the one shown here.
        let openContests = try await Contests(store: web.configuration.store, body: web.configuration.body).openCount()
        if openContests > 0 {
            values["openContests"] = ["count": ItalianNumbers.integer(openContests),
                                      "waiting": ItalianNumbers.agreeing(openContests, "contestazione attende",
                                                                         "contestazioni attendono")]
        }
        return web.pages.render("dashboard", values, status: status)
    }

    /// A line's figures in Italian form (thousands with a dot).
    static func values(_ line: DashboardLine) -> [String: Any] {
        return ["name": line.name, "total": ItalianNumbers.integer(line.total), "rated": ItalianNumbers.integer(line.rated),
                "submitted": ItalianNumbers.integer(line.submitted), "missing": ItalianNumbers.integer(line.missing), "complete": line.missing == 0,
                // Rated by the body's political head, recorded by HR (`OrganAppraisalRoutes`).
                "organ": line.isSegretario]
    }
}
