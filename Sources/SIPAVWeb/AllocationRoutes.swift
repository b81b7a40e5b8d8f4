import Hummingbird
import SIPAV
import SIPAVReports
import SIPAVStore

/// HR allocates the year: `/hr/ripartizione` shows the preview computed from the stored records (totals, residual,
/// the appraisals not yet final and the open contests), and its form confirms exactly that preview. Then HR publishes
/// the year, or reopens it with a reason on record.
struct AllocationRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/ripartizione"
    static let notices = [
        "confermata": "Ripartizione confermata e registrata: l'anno è ora chiuso.",
        "pubblicata": "Risultati pubblicati: i dipendenti vedono la propria valutazione.",
        "riaperto": "Anno riaperto: il motivo è registrato.",
    ]

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: AllocationRoutes.path)) { request, _ in try await page(request) }
        router.post(RouterPath(stringLiteral: AllocationRoutes.path)) { request, _ in try await confirm(request) }
        router.post("/hr/pubblica") { request, _ in try await publish(request) }
        router.post("/hr/riapertura") { request, _ in try await reopen(request) }
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireHR(request)
        return try await render(session, year: try await web.hrYear(request), notice: WebApp.notice(request, AllocationRoutes.notices))
    }

    /// Why a confirmation stored nothing, found inside the transaction that holds the year.
    private enum Refusal: Error { case notComputable, changedSincePreview }

    /// Stores the allocation HR confirmed: computed again from the records read while holding the year (one
    /// transaction, so nobody changes them in between), and stored only if it is the one the preview showed.
    func confirm(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let year = hrYear.year
        let seen = form["anteprima"]
        let (body, ticked) = (web.configuration.body, (drafts: form[AllocationDrafts.draftsField], returned: form[AllocationDrafts.returnedField]))
        do {
            _ = try await web.configuration.store.allocate(body: body, year: year, actor: session.account.username, checkingFirst: { db in
                // Appraisals still drafts are paid as their manager left them, and returned ones with the ratings HR
                // returned: HR says so, for the numbers the preview showed, counted again while the year is held.
                if let refusal = try AllocationDrafts.read(db, body: body, year: year).refusal(drafts: ticked.drafts, returned: ticked.returned) {
                    throw refusal
                }
            }) { records in
                let preview = AllocationPreview(records: records)
                guard case let .success(result) = preview.computed else { throw Refusal.notComputable }
                guard let digest = preview.digest, seen == digest else { throw Refusal.changedSincePreview }
                return (YearOutcome(scores: result.cycle.scores, allocation: result.allocation), ())
            }
        } catch AllocationDrafts.Refusal.unconfirmed(let boxes) {
            let what = boxes.map { $0 == .drafts ? "valutazioni non inviate come definitive"
                : "valutazioni restituite in bozza dall'ufficio personale e non ancora tornate definitive" }
            return try await render(session, year: hrYear, status: .unprocessableContent, notice: AllocationRoutes.error(
                "Nulla è stato registrato: ci sono \(what.joined(separator: ", e tra queste ")). Per ripartire comunque, lo confermi "
                    + (boxes.count == 1 ? "spuntando la casella." : "spuntando le due caselle.")),
                draftsError: boxes.contains(.drafts) ? "Spunti la casella per ripartire con le valutazioni non definitive." : nil,
                returnedError: boxes.contains(.returned) ? "Spunti la casella per ripartire con le valutazioni restituite in bozza." : nil,
                ticked: ticked)
        } catch AllocationDrafts.Refusal.changed {
            return try await render(session, year: hrYear, status: .conflict, notice: AllocationRoutes.error(
                "Le valutazioni non definitive (o quelle restituite in bozza) sono cambiate dopo l'anteprima: nulla è stato registrato. "
                    + "Controlli e confermi di nuovo."))
        } catch Refusal.notComputable {
            return try await render(session, year: hrYear, status: .unprocessableContent,
                                    notice: AllocationRoutes.error("La ripartizione non si può confermare: corregga prima gli errori elencati."))
        } catch Refusal.changedSincePreview {
            return try await render(session, year: hrYear, status: .conflict, notice: AllocationRoutes.error(
                "I dati sono cambiati dopo l'anteprima (una valutazione, il personale, il fondo o i risultati): nulla è stato registrato. "
                    + "Controlli la nuova anteprima qui sotto e confermi di nuovo."))
        } catch let error as StoreError {
            // Most often the second click of a double click: the year stands allocated by the run the first one stored.
            let body = web.configuration.body
            if let record = try await web.configuration.store.withWebConnection({ db in try AllocationRecord.read(db, body: body, year: year) }) {
                let now = try await web.hrYear(posted: String(year), request)
                if now.state.isLocked {
                    return try await render(session, year: now, status: .conflict, notice: AllocationRoutes.error(
                        "Questo invio non ha registrato nulla: l'anno \(year) era già ripartito, dalla ripartizione n. \(record.run) "
                            + "registrata il \(record.at) da \(record.by)\(record.by == session.account.username ? ", cioè da lei: forse un doppio clic" : ""). "
                            + "Le cifre registrate sono quelle qui sotto."))
                }
            }
            return try await render(session, year: hrYear, status: .conflict, notice: AllocationRoutes.error(
                "La ripartizione non è stata registrata: \(ItalianFaults.rule(error.message))."))
        }
        return HTML.redirect(to: hrYear.address(AllocationRoutes.path, "esito=confermata"))
    }

    func publish(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let year = hrYear.year
        let body = web.configuration.body
        // The run the page showed: only its figures are published, not another officer's allocated since.
        let shownRun = form[AllocationRoutes.runField].flatMap { Int64($0) }
        let published = try await web.configuration.store.withWebConnection(actor: session.account.username) { db in
            try db.execute("""
                UPDATE years SET state = 'published' WHERE body_id = $1 AND year = $2 AND state = 'allocated'
                  AND \(StandingRun.sql) = $3
                """, [body, year, shownRun]).affectedRows == 1
        }
        guard published else {
            // Said of the year as it now is: a second click on the button, a year not yet allocated, or allocated again.
            let now = try await web.hrYear(posted: String(year), request)
            let text = now.state == .published ? "L'anno \(year) è già pubblicato: non c'è altro da pubblicare."
                : now.state == .allocated ? AllocationRoutes.anotherRun("Nulla è stato pubblicato")
                : "Si pubblicano solo i risultati di un anno ripartito: l'anno \(year) è \(now.state.italianName)."
            return try await render(session, year: now, status: .conflict, notice: AllocationRoutes.error(text))
        }
        return HTML.redirect(to: hrYear.address(AllocationRoutes.path, "esito=pubblicata"))
    }

    func reopen(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let year = hrYear.year
        let reason = (form["motivo"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            return try await render(session, year: hrYear, status: .unprocessableContent,
                                    notice: AllocationRoutes.error("L'anno non è stato riaperto: indichi il motivo."),
                                    reasonError: "Indichi il motivo della riapertura.")
        }
        do {
            // A page without the run it showed (one served before the field existed) is refused as stale.
            try await web.configuration.store.reopen(body: web.configuration.body, year: year, reason: reason,
                                                     actor: session.account.username,
                                                     shownRun: form[AllocationRoutes.runField].flatMap { Int64($0) } ?? 0)
        } catch is StandingRunChanged {
            return try await render(session, year: try await web.hrYear(posted: String(year), request), status: .conflict,
                                    notice: AllocationRoutes.error(AllocationRoutes.anotherRun("L'anno non è stato riaperto")))
        } catch is StoreError {
            return try await render(session, year: hrYear, status: .conflict,
                                    notice: AllocationRoutes.error("Si riapre solo un anno ripartito o pubblicato."))
        }
        return HTML.redirect(to: hrYear.address(AllocationRoutes.path, "esito=riaperto"))
    }

    private static func error(_ text: String) -> [String: Any] { ["text": text, "isError": true] }

    /// The field of the publishing and reopening forms naming the run the page showed.
    static let runField = "ripartizione"

    /// What a page acting on a run that no longer stands is told: `outcome`, and why.
    static func anotherRun(_ outcome: String) -> String {
        "\(outcome): dopo che la pagina è stata aperta l'anno è stato riaperto o ripartito di nuovo, e la ripartizione "
            + "mostrata non è più quella registrata. Controlli qui sotto quella attuale e ripeta l'operazione."
    }

    private func render(_ session: WebSession, year hrYear: HRYear, status: HTTPResponse.Status = .ok, notice: [String: Any]?,
                        reasonError: String? = nil, draftsError: String? = nil, returnedError: String? = nil,
                        ticked: (drafts: String?, returned: String?)? = nil) async throws -> Response {
        let (store, year) = (web.configuration.store, hrYear.year)
        let progress = try await YearProgress.read(store: store, body: web.configuration.body, year: year)
        let preview = AllocationPreview(records: try await store.loadYear(body: web.configuration.body, year: year))
        var values = web.layout(session, title: "Ripartizione \(year)", hrYear: hrYear)
        values.merge(AllocationView(year: year, progress: progress, preview: preview).values) { $1 }
        if progress.state.isLocked {
            let body = web.configuration.body
            if let record = try await store.withWebConnection({ db in try AllocationRecord.read(db, body: body, year: year) }) {
                values["record"] = record.lines
                values["hasRecord"] = true
                values["recordRun"] = String(record.run)
            }
        }
        if !progress.state.isLocked {
            let returned = try await AppraisalReturns(store: store, body: web.configuration.body, year: year).standing()
            if !returned.isEmpty {
                values["returnedDrafts"] = [
                    "count": ItalianNumbers.integer(returned.count),
                    "countValue": String(returned.count),
                    "boxWords": ItalianNumbers.agreeing(
                        returned.count,
                        "valutazione restituita in bozza dall'ufficio personale e non ancora tornata definitiva, come si trova ora",
                        "valutazioni restituite in bozza dall'ufficio personale e non ancora tornate definitive, come si trovano ora"),
                    "words": ItalianNumbers.agreeing(
                        returned.count,
                        "valutazione è stata restituita in bozza dall'ufficio personale e non è ancora tornata definitiva: ripartendo ora, "
                            + "è pagata come si trova ora",
                        "valutazioni sono state restituite in bozza dall'ufficio personale e non sono ancora tornate definitive: ripartendo "
                            + "ora, sono pagate come si trovano ora"),
                    "people": returned.map { person -> [String: Any] in
                        ["name": person.name, "employeeID": person.employee,
                         "link": hrYear.address(ObjectiveAdminRoutes.personPath(person.employee))]
                            .merging(person.return.values) { $1 }
                    },
                ]
            }
        }
        if let notice { values["notice"] = notice }
        if let reasonError { values["reasonError"] = reasonError }
        if let draftsError { values["draftsError"] = draftsError }
        if let returnedError { values["returnedError"] = returnedError }
        // A box ticked for the number still shown stays ticked when the page comes back for the other.
        if let ticked {
            values["draftsTicked"] = ticked.drafts != nil && ticked.drafts == values["unsubmittedCount"] as? String
            if var returned = values["returnedDrafts"] as? [String: Any] {
                returned["ticked"] = ticked.returned != nil && ticked.returned == returned["countValue"] as? String
                values["returnedDrafts"] = returned
            }
        }
        return web.pages.render("allocation", values, status: status)
    }
}
