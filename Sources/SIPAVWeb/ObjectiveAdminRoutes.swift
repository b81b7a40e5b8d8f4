import Hummingbird
import Postgres
import SIPAV
import SIPAVReports
import SIPAVStore

/// HR assigns individual objectives and weights (`/hr/obiettivi`): the list of the year's people with their
/// objectives' count and weight sum, one person's objectives edited in one form, or many people's from an
/// `objectives.csv` upload, all or nothing.
struct ObjectiveAdminRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/obiettivi"
    /// One person's page of objectives (the year is added by `HRYear.address`).
    static func personPath(_ employee: String) -> String { path + "/" + employee.addingPercentEncodingForPath() }
    /// Blank rows offered under a person's objectives for new ones; for a person with none yet, as many as the method
    /// gives a person at most (six), so that all are assigned in one save.
    static let blankRows = 3
    static let blankRowsForNone = 6

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: ObjectiveAdminRoutes.path)) { request, _ in try await list(request) }
        router.post(RouterPath(stringLiteral: ObjectiveAdminRoutes.path + "/importa")) { request, _ in try await upload(request) }
        router.get(RouterPath(stringLiteral: ObjectiveAdminRoutes.path + "/:employee")) { request, context in
            try await person(request, employee: try context.parameters.decoded("employee"))
        }
        router.post(RouterPath(stringLiteral: ObjectiveAdminRoutes.path + "/:employee")) { request, context in
            try await save(request, employee: try context.parameters.decoded("employee"))
        }
    }

    private func assignments(_ hrYear: HRYear) -> ObjectiveAssignments {
        ObjectiveAssignments(store: web.configuration.store, body: web.configuration.body, year: hrYear.year)
    }

    func list(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let hrYear = try await web.hrYear(request)
        let imported = request.query["importati"].flatMap { Int($0) }
        let notice = imported.map { count -> [String: Any] in
            ["text": "File importato: obiettivi assegnati a \(ItalianNumbers.count(count, "persona", "persone")).", "isError": false]
        }
        return try await renderList(session, hrYear, query: PeopleChoice.from(request, flag: ObjectiveAdminRoutes.incompleteFlag),
                                    notice: notice, withdrawn: try await withdrawn(request, hrYear))
    }

    /// The query parameter naming, after a save or an upload, each person whose submitted appraisal went back to draft.
    static let withdrawnParameter = "bozza"

    /// `withdrawn` as query parameters to add after `?…`: `&bozza=E1&bozza=E2`.
    private static func query(_ withdrawn: [WithdrawnSubmission]) -> String {
        withdrawn.map { "&\(withdrawnParameter)=" + $0.employeeID.addingPercentEncodingForPath() }.joined()
    }

    /// The people the address names as sent back to draft, if they are drafts indeed.
    private func withdrawn(_ request: Request, _ hrYear: HRYear) async throws -> [WithdrawnSubmission] {
        let people = request.query.values(Self.withdrawnParameter)
        guard !people.isEmpty else { return [] }
        let assignments = assignments(hrYear)
        let (body, year) = (assignments.body, assignments.year)
        return try await web.configuration.store.withWebConnection { db in
            try SubmissionWithdrawal.drafts(db, body: body, year: year, among: people)
        }
    }

    /// The list's flag for people whose objectives are missing or weigh other than 100 %.
    static let incompleteFlag = "incompleti"

    func upload(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let (_, form) = try await web.requireUpload(request)
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let assignments = assignments(hrYear)
        guard let file = form.files["file"], !file.bytes.isEmpty else {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .unprocessableContent,
                                        notice: ["text": "Scelga il file objectives.csv da importare.", "isError": true])
        }
        let staff = try await web.configuration.store.loadYear(body: web.configuration.body, year: assignments.year).records.staff
        let people: [(String, [UploadedObjective])]
        do {
            people = try ObjectiveImport.read(file, staff: staff, year: assignments.year)
        } catch let .otherYears(years) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .unprocessableContent, notice: [
                "text": ObjectiveAdminRoutes.otherYearRefusal(file.filename, years, page: assignments.year), "isError": true,
            ])
        } catch let .faults(errors) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .unprocessableContent, notice: [
                "text": "Il file \(file.filename) non è stato importato: nulla è stato scritto. Corregga le righe indicate.",
                "isError": true,
            ], faults: errors.errors)
        }
        let withdrawn: [WithdrawnSubmission]
        do {
            withdrawn = try await assignments.importObjectives(people, actor: session.account.username)
        } catch AssignmentRefusal.yearLocked {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .conflict,
                                        notice: ["text": ObjectiveAdminRoutes.lockedMessage, "isError": true])
        } catch let AssignmentRefusal.contested(message) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .conflict,
                                        notice: ["text": ObjectiveAdminRoutes.contestedMessage(message), "isError": true])
        } catch let AssignmentRefusal.wouldClearRatings(people, fileHasNone) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .unprocessableContent, notice: [
                "text": ObjectiveAdminRoutes.clearingRefusal(file.filename, people, fileHasNone: fileHasNone, of: .ratings), "isError": true,
            ])
        } catch let AssignmentRefusal.ratedWhilePlanning(people) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .unprocessableContent, notice: [
                "text": ObjectiveAdminRoutes.ratedWhilePlanningRefusal(file.filename, people, year: assignments.year), "isError": true,
            ])
        } catch let AssignmentRefusal.changedSinceDownload(people) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .conflict, notice: [
                "text": ObjectiveAdminRoutes.changedSinceDownloadRefusal(file.filename, people), "isError": true,
            ])
        } catch let AssignmentRefusal.wouldClearTitles(people, fileHasNone) {
            return try await renderList(session, hrYear, query: PeopleChoice(), status: .unprocessableContent, notice: [
                "text": ObjectiveAdminRoutes.clearingRefusal(file.filename, people, fileHasNone: fileHasNone, of: .titles), "isError": true,
            ])
        }
        return HTML.redirect(to: hrYear.address(ObjectiveAdminRoutes.path, "importati=\(people.count)" + Self.query(withdrawn)))
    }

    /// What a closed year's page of a person says (its form shown, not offered).
    static let closedNotice = "L'anno è chiuso (ripartito o pubblicato): gli obiettivi non cambiano più, salvo riapertura motivata "
        + "dalla pagina Ripartizione."

    /// A change refused because an appraisal is under contest (SQL/0043), said in Italian, with the way out.
    static func contestedMessage(_ message: String) -> String {
        FieldErrors.sentence(ItalianFaults.rule(message)) + " Registri prima l'esito della contestazione (pagina Contestazioni). Nulla è stato scritto."
    }

    /// What a person's page says, up front, while their contest waits for its outcome: the form is offered (a title may
    /// change), but ratings and weights are refused until then.
    static func contestedNotice(_ day: String) -> String {
        "Il dipendente ha contestato questa valutazione il \(day): valutazioni e pesi restano come sono finché non si registra "
            + "l'esito della contestazione (pagina Contestazioni)."
    }

    static let lockedMessage = "L'anno è chiuso (ripartito o pubblicato): gli obiettivi non cambiano più, salvo riapertura motivata. "
        + "Nulla è stato scritto."

    func person(_ request: Request, employee: String) async throws -> Response {
        let session = try await web.requireHR(request)
        let hrYear = try await web.hrYear(request)
        var notice = request.query["salvato"] != nil ? ["text": "Obiettivi salvati.", "isError": false] as [String: Any] : nil
        if let year = request.query[AppraisalReturnRoutes.doneParameter].flatMap({ Int($0) }) {
            notice = ["text": AppraisalReturnRoutes.doneNotice(year: year), "isError": false]
        }
        return try await renderPerson(session, hrYear, employee: employee, notice: notice, withdrawn: try await withdrawn(request, hrYear))
    }

    func save(_ request: Request, employee: String) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let rowCount = min(max(Int(form["rows"] ?? "") ?? 0, 0), 200)
        let submitted = ObjectiveForm(form, rowCount: rowCount)
        guard submitted.errors.isEmpty else {
            return try await renderPerson(session, hrYear, employee: employee, status: .unprocessableContent, notice: [
                "text": "Gli obiettivi non sono stati salvati: corregga i campi indicati.", "isError": true,
            ], submitted: submitted)
        }
        let withdrawn: [WithdrawnSubmission]
        do {
            withdrawn = try await assignments(hrYear).assign(submitted.objectives, to: employee, digest: form["versione"] ?? "",
                                                       actor: session.account.username)
        } catch AssignmentRefusal.stale {
            return try await renderPerson(session, hrYear, employee: employee, status: .conflict, notice: [
                "text": "Nel frattempo qualcun altro ha modificato gli obiettivi di questa persona: le sue modifiche non sono state "
                    + "salvate. Nel modulo i valori attuali; sotto, quanto aveva inserito, da riportare nel modulo se vuole mantenerlo.",
                "isError": true,
            ], unsaved: submitted)
        } catch AssignmentRefusal.noObjectiveLeft {
            var refused = submitted
            refused.errors["total"] = "Una persona valutabile ha almeno un obiettivo: ne lasci almeno uno, con peso 100 %."
            return try await renderPerson(session, hrYear, employee: employee, status: .unprocessableContent, notice: [
                "text": "Gli obiettivi non sono stati salvati: non ne resterebbe nessuno, e la persona è valutabile.", "isError": true,
            ], submitted: refused)
        } catch AssignmentRefusal.yearLocked {
            return try await renderPerson(session, hrYear, employee: employee, status: .conflict,
                                          notice: ["text": ObjectiveAdminRoutes.lockedMessage, "isError": true], submitted: submitted)
        } catch let AssignmentRefusal.contested(message) {
            return try await renderPerson(session, hrYear, employee: employee, status: .conflict,
                                          notice: ["text": ObjectiveAdminRoutes.contestedMessage(message), "isError": true], submitted: submitted)
        }
        return HTML.redirect(to: hrYear.address(ObjectiveAdminRoutes.personPath(employee),
                                                "salvato=1" + Self.query(withdrawn)))
    }

    private func renderList(_ session: WebSession, _ hrYear: HRYear, query: PeopleChoice, status: HTTPResponse.Status = .ok,
                            notice: [String: Any]?, faults: [InputError] = [],
                            withdrawn: [WithdrawnSubmission] = []) async throws -> Response {
        let assignments = assignments(hrYear)
        let page = try await assignments.page(query, settings: try await web.individualSettings(year: assignments.year))
        var values = web.layout(session, title: "Obiettivi individuali \(assignments.year)", hrYear: hrYear)
        values["year"] = String(assignments.year)
        if let notice { values["notice"] = notice }
        // Beside the file field they are about, which names them as its description.
        if !faults.isEmpty { (values["faults"], values["hasFaults"]) = (faults.map(ItalianFaults.values), true) }
        if !withdrawn.isEmpty { values["withdrawn"] = withdrawn.map(\.notice) }
        values.merge(query.formValues(areas: try await assignments.areas())) { _, new in new }
        values["people"] = page.lines.map { line -> [String: Any] in
            ["id": line.employeeID, "path": line.employeeID.addingPercentEncodingForPath(), "name": line.name, "area": line.area,
             "objectives": String(line.objectives), "weight": ItalianNumbers.percent(Ratio(line.weightBasisPoints, 10_000), digits: 2),
             "complete": line.objectives > 0 && line.weightBasisPoints == 10_000,
             "appraisal": hrYear.state == .planning ? "—"
                 : line.progress.map { RatingRoutes.status($0, yearLocked: hrYear.state.isLocked) } ?? "",
             "score": line.progress?.final.map { "\($0.score) (\($0.band.rawValue))" } ?? "—"]
        }
        values["chosen"] = ItalianNumbers.count(page.people, "persona", "persone")
        values["incomplete"] = page.incomplete == 0 ? "nessuna persona" : ItalianNumbers.count(page.incomplete, "persona", "persone")
        values.merge(query.paging(hrYear.address(ObjectiveAdminRoutes.path), flag: ObjectiveAdminRoutes.incompleteFlag,
                                  shown: query.pendingOnly ? page.incomplete : page.people, isEmpty: page.lines.isEmpty)) { _, new in new }
        return web.pages.render("objectives", values, status: status)
    }

    private func renderPerson(_ session: WebSession, _ hrYear: HRYear, employee: String, status: HTTPResponse.Status = .ok,
                              notice: [String: Any]?, submitted: ObjectiveForm? = nil, unsaved: ObjectiveForm? = nil,
                              withdrawn: [WithdrawnSubmission] = []) async throws -> Response {
        let assignments = assignments(hrYear)
        let (body, year) = (assignments.body, assignments.year)
        let read: @Sendable (Connection) throws -> Appraisal? = { db in
            try Appraisal.readForHR(db, body: body, year: year, employee: employee)
        }
        guard let appraisal = try await web.configuration.store.withWebConnection(read) else { throw WebError.notFound }
        var values = web.layout(session, title: "Obiettivi di \(appraisal.name)", hrYear: hrYear)
        values["year"] = String(year)
        values["name"] = appraisal.name
        values["area"] = appraisal.area
        values["employeeID"] = employee
        values["employeePath"] = employee.addingPercentEncodingForPath()
        values["digest"] = ObjectiveAssignments.digest(appraisal.objectives)
        let stored = appraisal.objectives.map { objective in
            ObjectiveForm.Row(code: objective.code, title: objective.title,
                              weight: ItalianNumbers.number(Ratio(objective.weightBasisPoints, 100), digits: 2), remove: false)
        }
        let blank = ObjectiveForm.Row(code: "", title: "", weight: "", remove: false)
        let locked = hrYear.state.isLocked
        // A closed year's objectives are shown, not offered for change: no blank rows, no button.
        let blanks = locked ? 0 : stored.isEmpty ? ObjectiveAdminRoutes.blankRowsForNone : ObjectiveAdminRoutes.blankRows
        let rows = submitted?.rows ?? (stored + Array(repeating: blank, count: blanks))
        values["locked"] = locked
        if locked && notice == nil { values["lockedNotice"] = ObjectiveAdminRoutes.closedNotice }
        if let day = appraisal.contestedOn, !locked, notice == nil { values["lockedNotice"] = ObjectiveAdminRoutes.contestedNotice(day) }
        values["rows"] = rows.enumerated().map { i, row -> [String: Any] in
            var values: [String: Any] = ["index": i, "code": row.code, "title": row.title, "weight": row.weight, "remove": row.remove]
            if let error = submitted?.errors["code_\(i)"] { values["codeError"] = error }
            if let error = submitted?.errors["weight_\(i)"] { values["weightError"] = error }
            if let error = submitted?.errors["title_\(i)"] { values["titleError"] = error }
            if let rated = appraisal.objectives.first(where: { $0.code == row.code }), let cosa = rated.cosa, let come = rated.come {
                values["rating"] = "cosa \(cosa), come \(come.letter)"
            }
            return values
        }
        values["rowCount"] = String(rows.count)
        if let total = submitted?.errors["total"] { values["totalError"] = total }
        if let submission = appraisal.submission { values["submission"] = submission.values }
        if let change = appraisal.changedByContest { values["contestChange"] = ["reference": change.reference, "day": change.day] }
        let ratingYear = try await web.configuration.store.ratingYear(body: body, configured: web.configuration.year)
        if let form = AppraisalReturnRoutes.formValues(appraisal, year: year, state: hrYear.state, ratingYear: ratingYear) {
            values["returnForm"] = form
        }
        if let returned = try await AppraisalReturns(store: web.configuration.store, body: body, year: year).pendingReturn(of: employee) {
            values["returned"] = returned.values(in: hrYear.state)
        }
        if let notice { values["notice"] = notice }
        // A form refused as stale: what was typed, beside the form that shows the objectives as they now are.
        let typed = (unsaved?.rows ?? []).filter { !($0.code.isEmpty && $0.title.isEmpty && $0.weight.isEmpty) }
        if !typed.isEmpty {
            values["hasUnsaved"] = true
            values["unsaved"] = typed.map { row -> [String: Any] in
                ["code": row.code, "title": row.title, "weight": row.weight, "removed": row.remove]
            }
        }
        if !withdrawn.isEmpty { values["withdrawn"] = withdrawn.map(\.notice) }
        return web.pages.render("person-objectives", values, status: status)
    }
}
