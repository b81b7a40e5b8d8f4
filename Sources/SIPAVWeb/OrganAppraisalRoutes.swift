import Hummingbird
import SIPAV

/// HR records the Segretario Generale's appraisal from the act of the body's political head
/// (`/hr/segretario`): every objective's ratings and the act's reference, final in one go (`OrganAppraisal`).
struct OrganAppraisalRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/segretario"

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: OrganAppraisalRoutes.path)) { request, _ in try await page(request) }
        router.post(RouterPath(stringLiteral: OrganAppraisalRoutes.path)) { request, _ in try await record(request) }
    }

    private func organ(_ hrYear: HRYear) -> OrganAppraisal {
        OrganAppraisal(store: web.configuration.store, body: web.configuration.body, year: hrYear.year)
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let notice = request.query["registrata"] != nil
            ? Notice(text: "Valutazione registrata come definitiva.", isError: false) : nil
        let hrYear = try await web.hrYear(request)
        return try await render(organ(hrYear), hrYear, session: session, notice: notice)
    }

    func record(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let organ = organ(hrYear)
        guard let employee = try await organ.segretario(), let appraisal = try await organ.appraisal(of: employee) else {
            throw WebError.notFound
        }
        guard !appraisal.objectives.isEmpty else {
            return try await render(organ, hrYear, session: session, status: .unprocessableContent,
                                    notice: Notice(text: "Il Segretario Generale non ha obiettivi: li assegni prima. Nulla è stato registrato.",
                                                   isError: true))
        }
        let reference = (form["riferimento"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard var ratings = RatingForm(form, count: appraisal.objectives.count) else {
            return try await render(organ, hrYear, session: session, status: .conflict, notice: Notice(text: RatingRoutes.staleMessage, isError: true))
        }
        ratings.requireEveryRating()
        guard ratings.errors.isEmpty else {
            return try await render(organ, hrYear, session: session, submitted: ratings, reference: reference, status: .unprocessableContent,
                                    notice: Notice(text: "Ogni obiettivo va valutato: nulla è stato registrato.", isError: true))
        }
        guard !reference.isEmpty else {
            return try await render(organ, hrYear, session: session, submitted: ratings, status: .unprocessableContent,
                                    notice: Notice(text: "Indichi l'atto dell'organo di vertice: nulla è stato registrato.", isError: true),
                                    referenceError: true)
        }
        do {
            try await organ.record(ratings.ratings, of: employee, reference: reference, actor: session.account.username)
        } catch let refusal as OrganAppraisalRefusal {
            let text = switch refusal {
            case .none: "L'anno non ha un Segretario Generale: nulla è stato registrato."
            case .recorded: "La valutazione è già registrata come definitiva: nulla è stato registrato."
            case .stale: RatingRoutes.staleMessage
            case .yearLocked: "L'anno \(organ.year) è chiuso: per registrare la valutazione lo riapra con un motivo dalla pagina "
                + "Ripartizione. Nulla è stato registrato."
            case .contested: "La valutazione è contestata: resta com'è finché non ne registra l'esito dalla pagina Contestazioni. "
                + "Nulla è stato registrato."
            }
            let stale = refusal == .stale
            return try await render(organ, hrYear, session: session, submitted: stale ? nil : ratings, unsaved: stale ? ratings : nil,
                                    reference: reference, status: .conflict,
                                    notice: Notice(text: stale ? RatingRoutes.staleTypedMessage : text, isError: true))
        }
        return HTML.redirect(to: hrYear.address(OrganAppraisalRoutes.path, "registrata=1"))
    }

    private func render(_ organ: OrganAppraisal, _ hrYear: HRYear, session: WebSession, submitted: RatingForm? = nil,
                        unsaved: RatingForm? = nil, reference: String = "",
                        status: HTTPResponse.Status = .ok, notice: Notice?, referenceError: Bool = false) async throws -> Response {
        var values = web.layout(session, title: "Valutazione del Segretario Generale \(organ.year)", hrYear: hrYear)
        values["year"] = String(organ.year)
        if let notice { values["notice"] = ["text": notice.text, "isError": notice.isError] }
        guard let employee = try await organ.segretario(), let appraisal = try await organ.appraisal(of: employee) else {
            values["none"] = true
            return web.pages.render("organ-appraisal", values, status: status)
        }
        let state = hrYear.state
        // What was typed is shown back only in a form still open: a final or closed appraisal shows what is stored.
        let typed = appraisal.submission == nil && !state.isLocked ? submitted : nil
        values.merge(RatingView(appraisal: appraisal, submitted: typed, settings: try await web.individualSettings(year: organ.year),
                                isLocked: state.isLocked, unsaved: appraisal.submission == nil && !state.isLocked ? unsaved : nil).values) { $1 }
        values["reference"] = reference
        values["noObjectives"] = appraisal.objectives.isEmpty
        if state.isLocked { values["locked"] = RatingRoutes.lockedNotice(state) }
        if appraisal.submission == nil,
           let returned = try await AppraisalReturns(store: web.configuration.store, body: web.configuration.body, year: organ.year)
               .pendingReturn(of: employee) {
            values["returned"] = returned.values(in: state)
        }
        if referenceError { values["referenceError"] = "Indichi l'atto." }
        return web.pages.render("organ-appraisal", values, status: status)
    }
}
