import Hummingbird
import SIPAV

/// HR and the employees' contests: `/hr/contestazioni` lists them (open ones first); for one person HR records the
/// outcome of the conciliation procedure: the appraisal confirmed, or changed with the new ratings; always with the
/// reference of the record (*verbale*).
struct ContestRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/contestazioni"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: ContestRoutes.path)) { request, _ in try await list(request) }
        router.get(RouterPath(stringLiteral: ContestRoutes.path + "/:employee")) { request, context in
            try await page(request, employee: try context.parameters.decoded("employee"))
        }
        router.post(RouterPath(stringLiteral: ContestRoutes.path + "/:employee")) { request, context in
            try await record(request, employee: try context.parameters.decoded("employee"))
        }
    }

    private func contests() async throws -> Contests {
        Contests(store: web.configuration.store, body: web.configuration.body, year: try await web.hrYear())
    }

    func list(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let contests = try await contests()
        let all = try await contests.all()
        var values = web.layout(session, title: "Contestazioni \(contests.year)")
        values["year"] = String(contests.year)
        values["contests"] = all.map(ContestRoutes.values)
        values["empty"] = all.isEmpty
        values["open"] = all.filter { $0.outcome == nil }.count
        return web.pages.render("contests", values)
    }

    func page(_ request: Request, employee: String) async throws -> Response {
        let session = try await web.requireHR(request)
        let contests = try await contests()
        let notice = request.uri.queryParameters["registrato"] != nil ? Notice(text: "Esito registrato.", isError: false) : nil
        return try await render(contests, employee: employee, session: session, notice: notice)
    }

    func record(_ request: Request, employee: String) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let contests = try await contests()
        guard let appraisal = try await contests.appraisal(of: employee) else { throw WebError.notFound }
        let reference = (form["riferimento"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome: ContestOutcome
        var submitted: RatingForm? = nil
        switch form["esito"] {
        case "confermata": outcome = .confirmed
        case "modificata":
            guard var ratings = RatingForm(form, count: appraisal.objectives.count) else {
                return try await render(contests, employee: employee, session: session, status: .conflict,
                                        notice: Notice(text: RatingRoutes.staleMessage, isError: true))
            }
            ratings.requireEveryRating()
            submitted = ratings
            outcome = .changed(ratings.ratings)
        default:
            return try await render(contests, employee: employee, session: session, status: .unprocessableContent,
                                    notice: Notice(text: "Indichi l'esito: valutazione confermata o modificata.", isError: true))
        }
        // What HR typed comes back with any refusal, in the form it was typed in.
        let typed = (outcome: form["esito"] ?? "", reference: reference)
        if let submitted, !submitted.errors.isEmpty {
            return try await render(contests, employee: employee, session: session, submitted: submitted, typed: typed,
                                    status: .unprocessableContent,
                                    notice: Notice(text: "Alcuni campi non sono validi: nulla è stato registrato.", isError: true))
        }
        guard !reference.isEmpty else {
            return try await render(contests, employee: employee, session: session, submitted: submitted, status: .unprocessableContent,
                                    notice: Notice(text: "Indichi il riferimento del verbale di conciliazione: nulla è stato registrato.",
                                                   isError: true), referenceError: true)
        }
        do {
            try await contests.record(outcome, of: employee, reference: reference, actor: session.account.username)
        } catch let refusal as ContestRefusal {
            let text = switch refusal {
            case .notOpen: "Questa persona non ha una contestazione in attesa di esito: nulla è stato registrato."
            case .stale: RatingRoutes.staleMessage
            case .yearLocked: "L'anno \(contests.year) è chiuso: per modificare le valutazioni lo riapra con un motivo dalla "
                + "pagina Ripartizione, poi registri l'esito e ripeta la ripartizione. Nulla è stato registrato."
            }
            return try await render(contests, employee: employee, session: session, submitted: submitted, typed: typed,
                                    status: .conflict, notice: Notice(text: text, isError: true))
        }
        return HTML.redirect(to: ContestRoutes.path + "/" + employee.addingPercentEncodingForPath() + "?registrato=1")
    }

    static func values(_ contest: Contest) -> [String: Any] {
        var values: [String: Any] = ["employeeID": contest.employeeID, "path": contest.employeeID.addingPercentEncodingForPath(),
                                     "name": contest.name, "area": contest.area, "at": contest.at, "reason": contest.reason,
                                     "isOpen": contest.outcome == nil]
        if let outcome = contest.outcome {
            values["outcome"] = outcome == "confirmed" ? "valutazione confermata" : "valutazione modificata"
            values["outcomeReference"] = contest.outcomeReference ?? ""
            values["outcomeAt"] = contest.outcomeAt ?? ""
        }
        return values
    }

    private func render(_ contests: Contests, employee: String, session: WebSession, submitted: RatingForm? = nil,
                        typed: (outcome: String, reference: String)? = nil,
                        status: HTTPResponse.Status = .ok, notice: Notice?, referenceError: Bool = false) async throws -> Response {
        guard let contest = try await contests.contest(of: employee),
              let appraisal = try await contests.appraisal(of: employee) else { throw WebError.notFound }
        var values = web.layout(session, title: "Contestazione di \(contest.name)")
        values.merge(RatingView(appraisal: appraisal, submitted: submitted,
                               settings: try await web.individualSettings(year: contests.year)).values) { $1 }
        values["editable"] = contest.outcome == nil
        values["contest"] = ContestRoutes.values(contest)
        values["year"] = String(contests.year)
        if let notice { values["notice"] = ["text": notice.text, "isError": notice.isError] }
        if referenceError { values["referenceError"] = "Indichi il riferimento del verbale." }
        if let typed { values[typed.outcome == "confermata" ? "confirmedReference" : "changedReference"] = typed.reference }
        return web.pages.render("contest", values, status: status)
    }
}
