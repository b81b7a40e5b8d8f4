import Hummingbird
import SIPAV
import SIPAVReports

/// The employee's own appraisal (`/la-mia-valutazione`), readable once the year is published, and their response:
/// acknowledge it or contest it with a reason. Managers (*dirigenti* and the Segretario Generale, paid from the
/// managers' fund) read and answer theirs here too. The person is always the session's own: no route takes an
/// employee id.
struct OwnAppraisalRoutes: Sendable {
    let web: WebApp
    static let path = "/la-mia-valutazione"
    static let notYetPublished = "La valutazione sarà visibile dopo la pubblicazione dei risultati dell'anno."

    /// What the page says while the year the person last saw published is reopened for a revision.
    static func reopened(_ year: Int) -> String {
        "I risultati dell'anno \(year) sono stati riaperti per una revisione: la valutazione sarà di nuovo visibile dopo la "
            + "nuova pubblicazione. Una risposta già data resta agli atti."
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: OwnAppraisalRoutes.path)) { request, _ in try await page(request) }
        router.post(RouterPath(stringLiteral: OwnAppraisalRoutes.path + "/presa-visione")) { request, _ in
            try await respond(request, .acknowledged)
        }
        router.post(RouterPath(stringLiteral: OwnAppraisalRoutes.path + "/contestazione")) { request, _ in
            try await respond(request, .contested)
        }
    }

    /// The person whose appraisal `account` reads here: its own, for an employee or a manager linked to a person;
    /// nil for HR and for an account linked to nobody.
    static func ownEmployee(of account: Account) -> String? {
        account.role == .employee || account.role == .manager ? account.employeeID : nil
    }

    /// The session's own responses, or 403 for an account with no appraisal of its own.
    private func responses(_ session: WebSession) throws -> AppraisalResponses {
        guard let employee = OwnAppraisalRoutes.ownEmployee(of: session.account) else { throw WebError.forbidden }
        return AppraisalResponses(store: web.configuration.store, body: web.configuration.body, employee: employee)
    }

    func page(_ request: Request) async throws -> Response {
        let session = try await web.requireSession(request)
        let responses = try responses(session)
        var message: Notice? = nil
        if request.query["risposta"] != nil { message = Notice(text: "Risposta registrata.", isError: false) }
        return try await render(responses, session: session, asked: request.query[OwnAppraisalRoutes.yearField], message: message)
    }

    func respond(_ request: Request, _ kind: AppraisalResponse.Kind) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        let responses = try responses(session)
        // A refused contest gives its reason back, so that what the person typed is never lost.
        let typed = kind == .contested ? form["motivo"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } : nil
        let asked = form[OwnAppraisalRoutes.yearField]
        guard let year = try await responses.shownYear(asked: asked)?.year else {
            return try await render(responses, session: session, asked: asked, status: .conflict, message: nil, refusedReason: typed)
        }
        // Taking note closes the contest for good: only with the box ticked that says so, as a contest needs its reason.
        if kind == .acknowledged && form[OwnAppraisalRoutes.acknowledgementField] != "1" {
            return try await render(responses, session: session, asked: asked, status: .unprocessableContent,
                                    message: Notice(text: "La presa visione non è stata registrata: confermi di aver letto la "
                                                    + "valutazione e di non volerla contestare.", isError: true),
                                    acknowledgementError: "Spunti la casella per prendere visione.")
        }
        var reason: String? = nil
        if kind == .contested {
            let text = FormData.textArea(form["motivo"])
            guard !text.isEmpty else {
                return try await render(responses, session: session, asked: asked, status: .unprocessableContent,
                                        message: Notice(text: "La contestazione non è stata registrata: indichi il motivo.",
                                                        isError: true),
                                        reasonError: "Indichi il motivo della contestazione.", reason: form["motivo"])
            }
            // Counted as the database counts (char_length: code points), not in characters, which combining marks join.
            guard text.unicodeScalars.count <= OwnAppraisalRoutes.reasonLimit else {
                return try await render(responses, session: session, asked: asked, status: .unprocessableContent,
                                        message: Notice(text: "La contestazione non è stata registrata: il motivo è troppo lungo.", isError: true),
                                        reasonError: "Il motivo ha al più 2.000 caratteri (ne ha \(ItalianNumbers.integer(text.unicodeScalars.count))): lo accorci.",
                                        reason: form["motivo"])
            }
            reason = text
        }
        let shown = form[OwnAppraisalRoutes.runField].flatMap { Int64($0) }
        guard try await responses.respond(year: year, kind, reason: reason, shown: shown, actor: session.account.username) else {
            let (given, latest) = (try await responses.response(year: year), try await responses.latestRun(year: year))
            if given.map({ $0.answersAnEarlierPublication(than: latest) }) ?? true, latest != shown {
                return try await render(responses, session: session, asked: asked, status: .conflict,
                                        message: Notice(text: OwnAppraisalRoutes.changedSinceShown(kind), isError: true),
                                        refusedReason: typed)
            }
            return try await render(responses, session: session, asked: asked, status: .conflict,
                                    message: Notice(text: OwnAppraisalRoutes.refusal(kind, given: given), isError: true),
                                    refusedReason: typed)
        }
        return HTML.redirect(to: OwnAppraisalRoutes.path + "?\(OwnAppraisalRoutes.yearField)=\(year)&risposta=1")
    }

    /// The acknowledgement form's box: ticked, it says the person read the appraisal and will not contest it.
    static let acknowledgementField = "conferma"

    /// The longest reason of a contest, as of a return to draft.
    static let reasonLimit = 2_000

    /// The form's field naming the allocation run whose figures the page showed.
    static let runField = "ripartizione"
    /// The page's query, and its forms' field, naming the published year shown (the most recent without it).
    static let yearField = "anno"

    /// Why a response from a page shown before the year was allocated and published again is refused.
    static func changedSinceShown(_ kind: AppraisalResponse.Kind) -> String {
        (kind == .acknowledged ? "La presa visione non è stata registrata" : "La contestazione non è stata registrata")
            + ": la valutazione è stata ripartita e pubblicata di nuovo dopo che la pagina è stata aperta. Qui sotto c'è la "
            + "versione pubblicata ora: la controlli e risponda di nuovo."
            + (kind == .contested ? " Il motivo che ha scritto è riportato qui sotto, perché non vada perso." : "")
    }

    /// Why a second response is refused: one response per year, and taking note closes the contest.
    static func refusal(_ kind: AppraisalResponse.Kind, given: AppraisalResponse?) -> String {
        switch (kind, given?.kind) {
        case (.contested, .acknowledged?):
            "La contestazione non è stata registrata: ha già preso visione della valutazione il \(given?.at ?? ""), e la presa "
                + "visione chiude la possibilità di contestarla. Il motivo che ha scritto è riportato qui sotto, perché non vada perso."
        case (.contested, .contested?):
            "Ha già contestato questa valutazione il \(given?.at ?? ""): la contestazione è una sola e non si può cambiare. "
                + "Il motivo appena scritto non è stato registrato ed è riportato qui sotto."
        case (.acknowledged, .contested?):
            "Ha già contestato questa valutazione il \(given?.at ?? ""): la presa visione non è stata registrata."
        case (_, .acknowledged?):
            "Ha già preso visione di questa valutazione il \(given?.at ?? ""): la risposta non si può cambiare."
        case (_, nil):
            "La risposta non è stata registrata: la valutazione non è più pubblicata."
        }
    }

    /// `asked`: the published year the page or the form named, if any (`AppraisalResponses.shownYear`).
    private func render(_ responses: AppraisalResponses, session: WebSession, asked: String?, status: HTTPResponse.Status = .ok,
                        message: Notice?, reasonError: String? = nil, reason: String? = nil,
                        refusedReason: String? = nil, acknowledgementError: String? = nil) async throws -> Response {
        var values = web.layout(session, title: "La mia valutazione")
        if let message { values["notice"] = ["text": message.text, "isError": message.isError] }
        if let refusedReason { values["refusedReason"] = refusedReason }
        guard let (year, years) = try await responses.shownYear(asked: asked) else {
            values["notPublished"] = try await responses.reopenedYear().map(OwnAppraisalRoutes.reopened) ?? OwnAppraisalRoutes.notYetPublished
            return web.pages.render("own-appraisal", values, status: status)
        }
        let computed = try await Transparency(store: web.configuration.store, body: web.configuration.body,
                                              yearSettings: web.configuration.yearSettings, cache: web.lockedYears).computed(of: year)
        guard let person = computed.records.records.person(withID: responses.employee) else {
            throw WebError.notFound
        }
        values.merge(OwnAppraisalView(year: computed, person: person).values) { $1 }
        values["year"] = String(year)
        values["yearField"] = OwnAppraisalRoutes.yearField
        if years.count > 1 {
            values["manyYears"] = true
            values["years"] = years.map { ["year": String($0), "current": $0 == year] }
        }
        // A later year published, then reopened: the page shows the last one published, and says why.
        if year == years.first, let reopened = try await responses.reopenedYear(), reopened > year {
            values["laterUnderReview"] = OwnAppraisalRoutes.reopened(reopened)
                + " Qui sotto la valutazione del \(year), l'ultimo anno pubblicato."
        }
        let latest = try await responses.latestRun(year: year)
        values["run"] = latest.map(String.init) ?? ""
        values["runField"] = OwnAppraisalRoutes.runField
        let given = try await responses.response(year: year)
        if try await responses.paidAsDraft(year: year) {
            // Once a conciliation changed the ratings, they are its record's, not the draft's as it stood.
            values["paidAsDraft"] = given?.outcome.map { $0 != "confirmed" } == true
                ? "La valutazione non era stata inviata come definitiva dal valutatore; le valutazioni ripartite ora sono quelle "
                    + "dell'esito della conciliazione, qui sotto."
                : "La valutazione non era stata inviata come definitiva dal valutatore: l'ufficio personale l'ha ripartita come si trovava."
        }
        if let response = given, !response.answersAnEarlierPublication(than: latest) {
            var shown: [String: Any] = ["at": response.at, "contested": response.kind == .contested]
            if let reason = response.reason { shown["reason"] = reason }
            if let outcome = response.outcome {
                shown["outcome"] = outcome == "confirmed" ? "valutazione confermata" : "valutazione modificata"
                // Allocated again since the contest: what it contested, beside the figures above, the outcome's.
                if let run = response.runID, let latest, run < latest,
                   let before = try await responses.supersededFigures(year: year, run: run) {
                    shown["contestedFigures"] = [
                        "score": before.score.map(String.init) ?? "n.v.", "band": before.band,
                        "amount": ItalianNumbers.euros(cents: before.cents),
                    ]
                }
            }
            if let reference = response.outcomeReference { shown["outcomeReference"] = reference }
            values["response"] = shown
        } else {
            values["canRespond"] = true
            if let earlier = given {
                values["earlierResponse"] = "La presa visione del \(earlier.at) riguardava una pubblicazione precedente della "
                    + "valutazione: l'anno è stato poi riaperto, ripartito e pubblicato di nuovo. Resta agli atti; la valutazione qui "
                    + "sopra è quella pubblicata ora, e può rispondere qui sotto."
            } else if let earlier = try await responses.earlierResponse(year: year) {
                values["earlierResponse"] = earlier
            }
            values["acknowledgementField"] = OwnAppraisalRoutes.acknowledgementField
            if let acknowledgementError { values["acknowledgementError"] = acknowledgementError }
            if let reasonError { values["reasonError"] = reasonError }
            if let reason { values["reason"] = reason }
        }
        return web.pages.render("own-appraisal", values, status: status)
    }
}
