import Hummingbird
import SIPAV

/// HR and the employees' contests: `/hr/contestazioni` lists those of every year (open ones first), each with its
/// year; for one person and year (`/hr/contestazioni/E1?anno=2024`, the form's field `anno`) HR records the
/// outcome of the conciliation procedure: the appraisal confirmed, or changed with the new ratings; always with the
/// reference of the record (*verbale*). Without a year, the person's open contest, else their most recent.
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

    private var contests: Contests { Contests(store: web.configuration.store, body: web.configuration.body) }

    /// The year asked for (`anno`, in the query or the form), else the one of the person's contest HR most likely
    /// means; 404 when the person never contested.
    private func year(_ asked: String?, of employee: String) async throws -> Int {
        if let asked {
            guard let year = Int(asked) else { throw WebError.notFound }
            return year
        }
        guard let year = try await contests.year(of: employee) else { throw WebError.notFound }
        return year
    }

    static func pagePath(_ employee: String, year: Int) -> String {
        ContestRoutes.path + "/" + employee.addingPercentEncodingForPath() + "?anno=\(year)"
    }

    func list(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let all = try await contests.all()
        var values = web.layout(session, title: "Contestazioni", hrYear: await web.hrYearIfAny(request))
        values["contests"] = all.map(ContestRoutes.values)
        values["empty"] = all.isEmpty
        values["open"] = all.filter { $0.outcome == nil }.count
        return web.pages.render("contests", values)
    }

    func page(_ request: Request, employee: String) async throws -> Response {
        let session = try await web.requireHR(request)
        let year = try await year(request.query["anno"], of: employee)
        let notice = request.query["registrato"] != nil ? Notice(text: "Esito registrato.", isError: false) : nil
        return try await render(year, employee: employee, session: session, hrYear: await web.hrYearIfAny(request), notice: notice)
    }

    func record(_ request: Request, employee: String) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let year = try await year(form["anno"], of: employee)
        guard let appraisal = try await contests.appraisal(of: employee, year: year) else { throw WebError.notFound }
        let reference = (form["riferimento"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome: ContestOutcome
        var submitted: RatingForm? = nil
        switch form["esito"] {
        case "confermata": outcome = .confirmed
        case "modificata":
            guard var ratings = RatingForm(form, count: appraisal.objectives.count) else {
                return try await render(year, employee: employee, session: session, status: .conflict,
                                        notice: Notice(text: RatingRoutes.staleMessage, isError: true))
            }
            ratings.requireEveryRating()
            submitted = ratings
            outcome = .changed(ratings.ratings)
        default:
            return try await render(year, employee: employee, session: session, status: .unprocessableContent,
                                    notice: Notice(text: "Indichi l'esito: valutazione confermata o modificata.", isError: true))
        }
        // What HR typed comes back with any refusal, in the form it was typed in.
        let typed = (outcome: form["esito"] ?? "", reference: reference)
        if let submitted, !submitted.errors.isEmpty {
            return try await render(year, employee: employee, session: session, submitted: submitted, typed: typed,
                                    status: .unprocessableContent,
                                    notice: Notice(text: "Alcuni campi non sono validi: nulla è stato registrato.", isError: true))
        }
        guard !reference.isEmpty else {
            return try await render(year, employee: employee, session: session, submitted: submitted, typed: typed,
                                    status: .unprocessableContent,
                                    notice: Notice(text: "Indichi il riferimento del verbale di conciliazione: nulla è stato registrato.",
                                                   isError: true), referenceError: true)
        }
        do {
            try await contests.record(outcome, of: employee, year: year, reference: reference, actor: session.account.username)
        } catch let refusal as ContestRefusal {
            let text = switch refusal {
            case .notOpen: "Questa persona non ha una contestazione in attesa di esito: nulla è stato registrato."
            case .stale: RatingRoutes.staleMessage
            case .yearLocked: "L'anno \(year) è chiuso: per modificare le valutazioni lo riapra con un motivo dalla "
                + "pagina Ripartizione, poi registri l'esito e ripeta la ripartizione. Nulla è stato registrato."
            }
            // Refused as out of date, the form shows the stored ratings and versions, what was typed beside them.
            let stale = refusal == .stale
            return try await render(year, employee: employee, session: session, submitted: stale ? nil : submitted,
                                    unsaved: stale ? submitted : nil, typed: typed, status: .conflict,
                                    notice: Notice(text: stale && submitted != nil ? RatingRoutes.staleTypedMessage : text, isError: true))
        }
        return HTML.redirect(to: ContestRoutes.pagePath(employee, year: year) + "&registrato=1")
    }

    static func values(_ contest: Contest) -> [String: Any] {
        var values: [String: Any] = ["year": String(contest.year), "employeeID": contest.employeeID,
                                     "path": ContestRoutes.pagePath(contest.employeeID, year: contest.year),
                                     "name": contest.name, "area": contest.area, "at": contest.at, "reason": contest.reason,
                                     "isOpen": contest.outcome == nil]
        if let outcome = contest.outcome {
            values["outcome"] = outcome == "confirmed" ? "valutazione confermata" : "valutazione modificata"
            values["outcomeReference"] = contest.outcomeReference ?? ""
            values["outcomeAt"] = contest.outcomeAt ?? ""
        }
        if let returnedOn = contest.returnedOn {
            // The contest of a version since returned to draft has no page of its own: the person's page shows the year.
            values["returnedOn"] = returnedOn
            values["path"] = ObjectiveAdminRoutes.personPath(contest.employeeID)
                + "?\(HRYear.field)=\(contest.year)"
        }
        return values
    }

    private func render(_ year: Int, employee: String, session: WebSession, hrYear: HRYear? = nil, submitted: RatingForm? = nil,
                        unsaved: RatingForm? = nil, typed: (outcome: String, reference: String)? = nil,
                        status: HTTPResponse.Status = .ok, notice: Notice?, referenceError: Bool = false) async throws -> Response {
        guard let contest = try await contests.contest(of: employee, year: year),
              let appraisal = try await contests.appraisal(of: employee, year: year) else { throw WebError.notFound }
        var values = web.layout(session, title: "Contestazione di \(contest.name) (\(year))", hrYear: hrYear)
        values.merge(RatingView(appraisal: appraisal, submitted: submitted, settings: try await web.individualSettings(year: year),
                                unsaved: contest.outcome == nil ? unsaved : nil).values) { $1 }
        values["editable"] = contest.outcome == nil
        values["contest"] = ContestRoutes.values(contest)
        values["year"] = String(year)
        if let notice { values["notice"] = ["text": notice.text, "isError": notice.isError] }
        // The missing reference is said beside the field of the form that was sent, and tied to it.
        if referenceError {
            values[typed?.outcome == "modificata" ? "changedReferenceError" : "confirmedReferenceError"] = "Indichi il riferimento del verbale."
        }
        if let typed { values[typed.outcome == "confermata" ? "confirmedReference" : "changedReference"] = typed.reference }
        return web.pages.render("contest", values, status: status)
    }
}
