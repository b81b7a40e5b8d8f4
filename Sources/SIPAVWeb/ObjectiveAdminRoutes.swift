import Hummingbird
import Postgres
import SIPAV
import SIPAVReports

/// HR assigns individual objectives and weights (`/hr/obiettivi`): the list of the year's people with their
/// objectives' count and weight sum, one person's objectives edited in one form, or many people's from an
/// `objectives.csv` upload, all or nothing.
struct ObjectiveAdminRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/obiettivi"
    /// Blank rows offered under a person's objectives for new ones.
    static let blankRows = 3

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: ObjectiveAdminRoutes.path)) { request, _ in try await list(request) }
        router.post(RouterPath(stringLiteral: ObjectiveAdminRoutes.path + "/importa")) { request, _ in try await upload(request) }
        router.get(RouterPath(stringLiteral: ObjectiveAdminRoutes.path + "/:employee")) { request, context in
            try await person(request, employee: try context.parameters.require("employee"))
        }
        router.post(RouterPath(stringLiteral: ObjectiveAdminRoutes.path + "/:employee")) { request, context in
            try await save(request, employee: try context.parameters.require("employee"))
        }
    }

    private func assignments() async throws -> ObjectiveAssignments {
        ObjectiveAssignments(store: web.configuration.store, body: web.configuration.body, year: try await web.hrYear())
    }

    func list(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let imported = request.uri.queryParameters["importati"].flatMap { Int($0) }
        let notice = imported.map { ["text": "File importato: obiettivi assegnati a \($0) persone.", "isError": false] as [String: Any] }
        return try await renderList(session, query: ObjectiveAdminRoutes.query(request), notice: notice)
    }

    /// The list's choice from the address: `area`, `cerca` (part of a name or employee id), `incompleti=1`,
    /// `pagina`.
    static func query(_ request: Request) -> AssignmentQuery {
        let parameters = request.uri.queryParameters
        func text(_ name: String) -> String? {
            parameters[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        return AssignmentQuery(area: text("area"), search: text("cerca"), incompleteOnly: text("incompleti") == "1",
                               page: text("pagina").flatMap { Int($0) }.map { max(1, $0) } ?? 1)
    }

    /// The list's address for `query`.
    static func link(_ query: AssignmentQuery) -> String {
        var parts: [String] = []
        if let area = query.area { parts.append("area=" + area.addingPercentEncodingForPath()) }
        if let search = query.search { parts.append("cerca=" + search.addingPercentEncodingForPath()) }
        if query.incompleteOnly { parts.append("incompleti=1") }
        if query.page > 1 { parts.append("pagina=\(query.page)") }
        return path + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }

    func upload(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        let (_, form) = try await web.requireUpload(request)
        let assignments = try await assignments()
        guard let file = form.files["file"], !file.bytes.isEmpty else {
            return try await renderList(session, query: AssignmentQuery(), status: .unprocessableContent,
                                        notice: ["text": "Scelga il file objectives.csv da importare.", "isError": true])
        }
        let staff = try await web.configuration.store.loadYear(body: web.configuration.body, year: assignments.year).records.staff
        let people: [(String, [(AssignedObjective, Int?, Come?)])]
        do {
            people = try ObjectiveImport.read(file, staff: staff)
        } catch {
            return try await renderList(session, query: AssignmentQuery(), status: .unprocessableContent, notice: [
                "text": "Il file \(file.filename) non è stato importato: nulla è stato scritto. Correggere le righe indicate.",
                "isError": true,
            ], faults: error.errors)
        }
        do {
            try await assignments.importObjectives(people, actor: session.account.username)
        } catch AssignmentRefusal.yearLocked {
            return try await renderList(session, query: AssignmentQuery(), status: .conflict,
                                        notice: ["text": ObjectiveAdminRoutes.lockedMessage, "isError": true])
        }
        return HTML.redirect(to: ObjectiveAdminRoutes.path + "?importati=\(people.count)")
    }

    static let lockedMessage = "L'anno è chiuso (ripartito o pubblicato): gli obiettivi non cambiano più, salvo riapertura motivata. "
        + "Nulla è stato scritto."

    func person(_ request: Request, employee: String) async throws -> Response {
        let session = try await web.requireHR(request)
        let notice = request.uri.queryParameters["salvato"] != nil ? ["text": "Obiettivi salvati.", "isError": false] as [String: Any] : nil
        return try await renderPerson(session, employee: employee, notice: notice)
    }

    func save(_ request: Request, employee: String) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let rowCount = min(Int(form["rows"] ?? "") ?? 0, 200)
        let submitted = ObjectiveForm(form, rowCount: rowCount)
        guard submitted.errors.isEmpty else {
            return try await renderPerson(session, employee: employee, status: .unprocessableContent, notice: [
                "text": "Gli obiettivi non sono stati salvati: correggere i campi indicati.", "isError": true,
            ], submitted: submitted)
        }
        do {
            try await assignments().assign(submitted.objectives, to: employee, digest: form["versione"] ?? "",
                                           actor: session.account.username)
        } catch AssignmentRefusal.stale {
            return try await renderPerson(session, employee: employee, status: .conflict, notice: [
                "text": "Nel frattempo qualcun altro ha modificato gli obiettivi di questa persona: le sue modifiche non sono state "
                    + "salvate. Qui sotto i valori attuali.", "isError": true,
            ])
        } catch AssignmentRefusal.yearLocked {
            return try await renderPerson(session, employee: employee, status: .conflict,
                                          notice: ["text": ObjectiveAdminRoutes.lockedMessage, "isError": true], submitted: submitted)
        }
        return HTML.redirect(to: ObjectiveAdminRoutes.path + "/" + employee.addingPercentEncodingForPath() + "?salvato=1")
    }

    private func renderList(_ session: WebSession, query: AssignmentQuery, status: HTTPResponse.Status = .ok,
                            notice: [String: Any]?, faults: [InputError] = []) async throws -> Response {
        let assignments = try await assignments()
        let page = try await assignments.page(query)
        var values = web.layout(session, title: "Obiettivi individuali \(assignments.year)")
        values["year"] = String(assignments.year)
        if let notice { values["notice"] = notice }
        if !faults.isEmpty { values["faults"] = faults.map(ItalianFaults.values) }
        values["areas"] = try await assignments.areas().map { id, name in ["id": id, "name": name, "selected": id == query.area] }
        if let search = query.search { values["search"] = search }
        values["incompleteOnly"] = query.incompleteOnly
        values["people"] = page.lines.map { line -> [String: Any] in
            ["id": line.employeeID, "path": line.employeeID.addingPercentEncodingForPath(), "name": line.name, "area": line.area,
             "objectives": String(line.objectives), "weight": ItalianNumbers.percent(Ratio(line.weightBasisPoints, 10_000), digits: 2),
             "complete": line.objectives > 0 && line.weightBasisPoints == 10_000]
        }
        values.merge(ObjectiveAdminRoutes.paging(query, page)) { _, new in new }
        return web.pages.render("objectives", values, status: status)
    }

    /// The counts, the page's place among the pages and the links to its neighbours; past the last page, only
    /// the way back to the first (the query then gives no counts).
    static func paging(_ query: AssignmentQuery, _ page: AssignmentPage) -> [String: Any] {
        var first = query
        first.page = 1
        if page.lines.isEmpty && query.page > 1 { return ["pastTheEnd": link(first)] }
        var values: [String: Any] = ["chosen": ItalianNumbers.number(Ratio(page.people, 1), digits: 0),
                                     "incomplete": ItalianNumbers.number(Ratio(page.incomplete, 1), digits: 0)]
        let shown = query.incompleteOnly ? page.incomplete : page.people
        let pages = max(1, (shown + query.pageSize - 1) / query.pageSize)
        if pages > 1 { values["pageOf"] = "Pagina \(query.page) di \(ItalianNumbers.number(Ratio(pages, 1), digits: 0))" }
        var other = query
        if query.page > 1 {
            other.page = query.page - 1
            values["previous"] = link(other)
        }
        if query.page < pages {
            other.page = query.page + 1
            values["next"] = link(other)
        }
        return values
    }

    private func renderPerson(_ session: WebSession, employee: String, status: HTTPResponse.Status = .ok,
                              notice: [String: Any]?, submitted: ObjectiveForm? = nil) async throws -> Response {
        let assignments = try await assignments()
        let (body, year) = (assignments.body, assignments.year)
        let read: @Sendable (Connection) throws -> Appraisal? = { db in
            try Appraisal.readForHR(db, body: body, year: year, employee: employee)
        }
        guard let appraisal = try await web.configuration.store.withWebConnection(read) else { throw WebError.notFound }
        var values = web.layout(session, title: "Obiettivi di \(appraisal.name)")
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
        let rows = submitted?.rows ?? (stored + Array(repeating: blank, count: ObjectiveAdminRoutes.blankRows))
        values["rows"] = rows.enumerated().map { i, row -> [String: Any] in
            var values: [String: Any] = ["index": i, "code": row.code, "title": row.title, "weight": row.weight, "remove": row.remove]
            if let error = submitted?.errors["code_\(i)"] { values["codeError"] = error }
            if let error = submitted?.errors["weight_\(i)"] { values["weightError"] = error }
            if let rated = appraisal.objectives.first(where: { $0.code == row.code }), let cosa = rated.cosa, let come = rated.come {
                values["rating"] = "cosa \(cosa), come \(come.letter)"
            }
            return values
        }
        values["rowCount"] = String(rows.count)
        if let total = submitted?.errors["total"] { values["totalError"] = total }
        if let submission = appraisal.submission { values["submission"] = ["at": submission.at, "by": submission.by] }
        if let notice { values["notice"] = notice }
        return web.pages.render("person-objectives", values, status: status)
    }
}
