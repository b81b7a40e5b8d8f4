import Hummingbird
import Postgres
import SIPAVReports
import SIPAVStore

/// HR returns one person's final appraisal to draft, with a reason (`AppraisalReturns`), from the person's page of
/// objectives. The year travels in the path, so that the return always concerns the year of the page it was asked
/// from. A refusal shows the form again on a page of its own, with what was typed.
struct AppraisalReturnRoutes: Sendable {
    let web: WebApp

    func register(on router: Router<BasicRequestContext>) {
        router.post("/hr/anni/:year/valutazioni/:employee/bozza") { request, context in
            guard let year = Int(try context.parameters.decoded("year")) else { throw WebError.notFound }
            return try await returnToDraft(request, year: year, employee: try context.parameters.decoded("employee"))
        }
    }

    static func action(year: Int, employee: String) -> String {
        "/hr/anni/\(year)/valutazioni/\(employee.addingPercentEncodingForPath())/bozza"
    }

    /// The form's field naming the submission the page showed (`Submission.stamp`).
    static let shownField = "inviata"

    /// The query parameter of the person's page after a return, holding the year.
    static let doneParameter = "restituita"

    static func doneNotice(year: Int) -> String {
        "Valutazione \(year) restituita in bozza, con il motivo indicato qui sotto."
    }

    /// The form's values on a page of the person (`appraisal-return-form`), when the appraisal can be returned: final,
    /// in a year open for rating.
    /// `ratingYear` is the year managers rate now: a manager's appraisal of another year is not offered to be returned
    /// (the page says why instead).
    static func formValues(_ appraisal: Appraisal, year: Int, state: YearState, ratingYear: Int?, reason: String = "",
                           reasonError: String? = nil) -> [String: Any]? {
        // A conciliation's outcome is an act's: it is not returned to a manager (the return would be refused).
        guard appraisal.submission != nil, appraisal.changedByContest == nil, AppraisalReturns.allows(state) else { return nil }
        if let text = unreachableText(appraisal, year: year, ratingYear: ratingYear) { return ["unreachable": text] }
        var values: [String: Any] = ["action": action(year: year, employee: appraisal.employeeID), "reason": reason,
                                     "limit": String(AppraisalReturns.reasonLimit), "fromAct": appraisal.submission?.reference != nil,
                                     "shownField": shownField, "shown": appraisal.submission?.stamp ?? ""]
        if let reasonError { values["reasonError"] = reasonError }
        return values
    }

    /// Why a manager could not act on `appraisal` of `year` once returned: managers rate `ratingYear` (the most recent year
    /// past planning), and reach no other. Nil when they could, or when HR itself records it again (an organ's act).
    static func unreachableText(_ appraisal: Appraisal, year: Int, ratingYear: Int?) -> String? {
        guard appraisal.submission?.reference == nil, let ratingYear, ratingYear != year else { return nil }
        return "I valutatori lavorano ora sull'anno \(ratingYear): restituita in bozza, la valutazione \(year) non sarebbe più "
            + "raggiungibile dal valutatore, che non potrebbe inviarla di nuovo: per questo non si restituisce."
    }

    func returnToDraft(_ request: Request, year: Int, employee: String) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        // The path names the year, as a form's `anno` does: one of those HR may work on (`serve --year` fixes it).
        let hrYear = try await web.hrYear(posted: String(year), request)
        let typed = form["motivo"] ?? ""
        let reason: String
        switch AppraisalReturns.checkedReason(typed) {
        case let .failure(error):
            return try await render(hrYear, employee: employee, session: session, status: .unprocessableContent,
                                    notice: Notice(text: "La valutazione non è stata restituita: " + error.text.prefix(1).lowercased()
                                                       + error.text.dropFirst(), isError: true),
                                    reason: typed, reasonError: error.text)
        case let .success(checked): reason = checked
        }
        let (body, configured) = (web.configuration.body, web.configuration.year)
        let read: @Sendable (Connection) throws -> Appraisal? = { db in
            try Appraisal.readForHR(db, body: body, year: year, employee: employee)
        }
        if let appraisal = try await web.configuration.store.withWebConnection(read), appraisal.submission != nil,
           let text = AppraisalReturnRoutes.unreachableText(appraisal, year: year,
                                                          ratingYear: try await web.configuration.store.ratingYear(body: body, configured: configured)) {
            return try await render(hrYear, employee: employee, session: session, status: .conflict,
                                    notice: Notice(text: "La valutazione non è stata restituita in bozza. " + text, isError: true), reason: typed)
        }
        let returns = AppraisalReturns(store: web.configuration.store, body: web.configuration.body, year: year)
        do {
            _ = try await returns.returnToDraft(employee, reason: reason, shown: form[AppraisalReturnRoutes.shownField] ?? "",
                                                actor: session.account.username)
        } catch let refusal as ReturnRefusal {
            if refusal == .unknown { throw WebError.notFound }
            return try await render(hrYear, employee: employee, session: session, status: .conflict,
                                    notice: Notice(text: AppraisalReturnRoutes.message(refusal, year: year, employee: employee),
                                                   isError: true), reason: typed)
        }
        return HTML.redirect(to: hrYear.address(ObjectiveAdminRoutes.personPath(employee),
                                                "\(AppraisalReturnRoutes.doneParameter)=\(year)"))
    }

    /// Why nothing was returned, and what HR can do about it.
    static func message(_ refusal: ReturnRefusal, year: Int, employee: String) -> String {
        switch refusal {
        case .yearLocked:
            "L'anno \(year) è chiuso (ripartito o pubblicato): la valutazione non è stata restituita in bozza. Per correggerla "
                + "riapra prima l'anno con un motivo dalla pagina Ripartizione."
        case .planning:
            "L'anno \(year) è ancora in programmazione: non è aperto alla valutazione, nessuna valutazione è definitiva e "
                + "nulla è stato restituito."
        case .draft:
            "La valutazione è già in bozza: non c'è nulla da restituire."
        case .openContest:
            "La persona ha contestato questa valutazione e la contestazione attende l'esito: la valutazione non è stata "
                + "restituita in bozza. Registri prima l'esito dalla pagina Contestazioni (\(ContestRoutes.pagePath(employee, year: year)))."
        case let .changedByConciliation(reference):
            "Le valutazioni di questa scheda sono l'esito della procedura di conciliazione (\(reference)): restituita al "
                + "valutatore, potrebbero essere cambiate. La valutazione non è stata restituita in bozza."
        case .changedSinceShown:
            "La valutazione è stata inviata di nuovo dopo che la pagina è stata aperta: quella qui sotto è la versione attuale. "
                + "Nulla è stato restituito: se va ancora restituita, controlli la valutazione e confermi il motivo."
        case .unknown:
            "La persona non è nel personale dell'anno \(year)."
        }
    }

    /// The page of a refused return: the person, the appraisal's state, the form again with what was typed (while the
    /// appraisal can still be returned).
    private func render(_ hrYear: HRYear, employee: String, session: WebSession, status: HTTPResponse.Status, notice: Notice,
                        reason: String, reasonError: String? = nil) async throws -> Response {
        let (body, year) = (web.configuration.body, hrYear.year)
        let read: @Sendable (Connection) throws -> Appraisal? = { db in
            try Appraisal.readForHR(db, body: body, year: year, employee: employee)
        }
        guard let appraisal = try await web.configuration.store.withWebConnection(read) else { throw WebError.notFound }
        var values = web.layout(session, title: "Valutazione \(year) di \(appraisal.name)", hrYear: hrYear)
        values["year"] = String(year)
        values["name"] = appraisal.name
        values["area"] = appraisal.area
        values["employeeID"] = employee
        values["back"] = hrYear.address(ObjectiveAdminRoutes.personPath(employee))
        values["notice"] = ["text": notice.text, "isError": notice.isError]
        if let submission = appraisal.submission { values["submission"] = submission.values }
        let ratingYear = try await web.configuration.store.ratingYear(body: body, configured: web.configuration.year)
        if let form = AppraisalReturnRoutes.formValues(appraisal, year: year, state: hrYear.state, ratingYear: ratingYear,
                                                       reason: reason, reasonError: reasonError) {
            values["returnForm"] = form
        }
        return web.pages.render("appraisal-return", values, status: status)
    }
}
