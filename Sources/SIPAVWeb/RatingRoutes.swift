import Hummingbird
import SIPAV
import SIPAVReports
import SIPAVStore

/// The managers' pages: their staff with progress, and one person's rating form.
/// A manager sees and edits only their own staff: anyone else answers 403.
struct RatingRoutes: Sendable {
    let web: WebApp

    func register(on router: Router<BasicRequestContext>) {
        router.get("/valutazioni") { request, _ in try await staffList(request) }
        router.get("/valutazioni/:employee") { request, context in
            try await ratingPage(request, employee: try context.parameters.decoded("employee"))
        }
        router.post("/valutazioni/:employee") { request, context in
            try await save(request, employee: try context.parameters.decoded("employee"))
        }
    }

    /// The ratings the session's manager may see, or 403.
    private func ratings(_ session: WebSession) async throws -> Ratings {
        guard session.account.role == .manager, let manager = session.account.employeeID else { throw WebError.forbidden }
        guard let year = try await web.configuration.store.ratingYear(body: web.configuration.body,
                                                                     configured: web.configuration.year) else {
            throw WebError(status: .notFound, message: "Nessun anno di valutazione è stato ancora caricato.")
        }
        return Ratings(store: web.configuration.store, body: web.configuration.body, year: year, manager: manager)
    }

    /// The query naming the person just sent, on the page of the next one (the confirmation's "and open the next").
    static let sentBefore = "inviata"
    /// The confirmation's two ways to send: and stay on the page, or and open the next person to send.
    static let send = "invia", sendAndOpenNext = "invia-e-successiva"

    /// The list's flag for people whose appraisal is not yet submitted.
    static let pendingFlag = "da-inviare"
    /// Up to this many people, on one page, the list reads at a glance: no search or filter above it. Beyond, a
    /// manager looks for one person among homonyms, or for those still to submit.
    static let listReadAtAGlance = 20

    func staffList(_ request: Request) async throws -> Response {
        let session = try await web.requireSession(request)
        let ratings = try await ratings(session)
        let choice = PeopleChoice.from(request, flag: RatingRoutes.pendingFlag)
        let page = try await ratings.staff(choice, settings: try await web.individualSettings(year: ratings.year))
        var values = web.layout(session, title: "Valutazioni \(ratings.year)")
        values["year"] = String(ratings.year)
        let state = try await state(ratings)
        if state == .planning { values["notOpen"] = RatingRoutes.notOpenNotice(ratings.year) }
        if state.isLocked { values["notOpen"] = RatingRoutes.lockedNotice(ratings.year, published: state == .published) }
        let returned = state.isLocked ? 0 : try await ratings.returnedCount()
        if returned > 0 {
            values["returnedNotice"] = [
                "text": returned == 1 ? "1 valutazione è stata restituita in bozza dall'ufficio personale e attende un nuovo invio"
                    : "\(ItalianNumbers.integer(returned)) valutazioni sono state restituite in bozza dall'ufficio personale e attendono un nuovo invio",
                "path": "/valutazioni?\(RatingRoutes.pendingFlag)=1",
            ]
        }
        values["staff"] = page.lines.map { person -> [String: Any] in
            ["id": person.employeeID, "path": person.employeeID.addingPercentEncodingForPath(), "name": person.name,
             "area": person.area, "rated": ItalianNumbers.integer(person.rated),
             // A person not assessable has nothing to rate, however many objectives they were given.
             "toRate": person.notAssessable ? "—" : ItalianNumbers.integer(person.total - person.rated), "done": person.complete,
             "score": person.final.map { "\($0.score) (\($0.band.rawValue))" } ?? "—",
             "status": RatingRoutes.status(person, yearLocked: state.isLocked)]
        }
        values["empty"] = page.people == 0
        values["noneChosen"] = page.people > 0 && page.chosen == 0
        values["hasLines"] = !page.lines.isEmpty
        values["rated"] = ItalianNumbers.integer(page.complete)
        values["submitted"] = ItalianNumbers.integer(page.submitted)
        values["total"] = ItalianNumbers.integer(page.people)
        values["filter"] = page.people > min(RatingRoutes.listReadAtAGlance, choice.pageSize) || choice != PeopleChoice()
        let areas = try await ratings.areas()
        values["manyAreas"] = areas.count > 1
        values.merge(choice.formValues(areas: areas)) { _, new in new }
        values.merge(choice.paging("/valutazioni", flag: RatingRoutes.pendingFlag, shown: page.chosen,
                                   isEmpty: page.lines.isEmpty)) { _, new in new }
        return web.pages.render("staff", values)
    }

    func ratingPage(_ request: Request, employee: String) async throws -> Response {
        let session = try await web.requireSession(request)
        let ratings = try await ratings(session)
        guard let appraisal = try await ratings.appraisal(of: employee) else { throw WebError.notYourStaff }
        var message: Notice? = nil
        if request.query["salvato"] != nil { message = Notice(text: RatingRoutes.savedMessage(appraisal), isError: false) }
        if request.query["inviato"] != nil {
            message = Notice(text: "Valutazione inviata come definitiva.", isError: false)
        }
        // Sent from the previous person's page with "and open the next": that one is named, this one follows.
        if let previous = request.query[RatingRoutes.sentBefore], let sent = try await ratings.appraisal(of: previous),
           sent.submission != nil {
            message = Notice(text: "Valutazione di \(sent.name) (\(sent.employeeID)) inviata come definitiva. Ecco la successiva da inviare.",
                             isError: false)
        }
        return try await render(appraisal, session: session, ratings: ratings, message: message)
    }

    /// The rating page of `employee` with the ratings of a form posted after its session ended (`carried`), not saved:
    /// shown as a refused form is, with the versions they were typed over, when the appraisal is still open on the same
    /// objectives; beside the ratings on record when it was saved since; else as it is, saying why.
    func resumedPage(session: WebSession, employee: String, carried: FormData) async throws -> Response {
        let ratings = try await ratings(session)
        guard let appraisal = try await ratings.appraisal(of: employee) else { throw WebError.notYourStaff }
        let state = try await state(ratings)
        if let refusal = RatingRoutes.yearRefusal(posted: carried[HRYear.field], ratingYear: ratings.year) {
            return try await render(appraisal, session: session, ratings: ratings,
                                    message: Notice(text: RatingResumption.notShownMessage + " " + refusal, isError: true))
        }
        let editable = appraisal.submission == nil && !RatingRoutes.isReadOnly(appraisal, in: state)
        guard editable, let typed = RatingForm(carried, count: appraisal.objectives.count),
              typed.ratings.map(\.code) == appraisal.objectives.map(\.code), carried["code_\(appraisal.objectives.count)"] == nil else {
            return try await render(appraisal, session: session, ratings: ratings,
                                    message: Notice(text: RatingResumption.notShownMessage, isError: true))
        }
        if typed.ratings.map(\.version) == appraisal.objectives.map(\.version) {
            return try await render(appraisal, session: session, ratings: ratings, submitted: typed,
                                    message: Notice(text: RatingResumption.shownMessage, isError: true))
        }
        return try await render(appraisal, session: session, ratings: ratings, unsaved: typed,
                                message: Notice(text: RatingResumption.changedMessage, isError: true))
    }

    /// The list's status of one person: *da valutare*, *bozza* (some rating saved), *non valutabile, da inviare* (nothing
    /// to rate), *restituita in bozza* (by HR, from final) or *inviata*; in a year already allocated, one not submitted
    /// was allocated as it stood, and is said so rather than offered to be sent. A contest waiting for its outcome comes
    /// first: it is raised once the year is published, and the manager is part of the conciliation.
    static func status(_ person: StaffProgress, yearLocked: Bool) -> String {
        if person.contested { return "contestata: in attesa dell'esito" }
        if person.submitted { return "inviata" }
        if yearLocked { return "non inviata: ripartita com'era" }
        if person.returned { return "restituita in bozza" }
        if person.notAssessable { return "non valutabile, da inviare" }
        return person.rated > 0 ? "bozza" : "da valutare"
    }

    static let expiredFormMessage = "Il modulo non era più valido (è stato aperto prima di un nuovo accesso): nulla è stato "
        + "salvato. Qui sotto ci sono i valori inseriti: li controlli e salvi di nuovo."

    static func submittedMessage(_ submission: Submission) -> String {
        "Questa valutazione è già stata inviata come definitiva il \(submission.at) da \(submission.by): non si può più "
            + "modificare. Per una correzione si rivolga all'ufficio personale."
    }

    func save(_ request: Request, employee: String) async throws -> Response {
        let (session, form, tokenMatches) = try await web.postOfSession(request)
        let ratings = try await ratings(session)
        guard let appraisal = try await ratings.appraisal(of: employee) else { throw WebError.notYourStaff }
        // A form shown for a year managers no longer rate (HR opened the next one meanwhile): the same objective codes and
        // versions could be in the new year, so nothing is saved into either, and the page shows the year rated now.
        if let refusal = RatingRoutes.yearRefusal(posted: form[HRYear.field], ratingYear: ratings.year) {
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                                    message: Notice(text: refusal, isError: true))
        }
        // A form of an earlier session (the manager logged in again meanwhile): nothing is done, and what was typed is
        // shown back to be saved again, rather than lost behind an error page.
        guard tokenMatches else {
            return try await render(appraisal, session: session, ratings: ratings, submitted: RatingForm(form, count: appraisal.objectives.count),
                                    status: .forbidden, message: Notice(text: RatingRoutes.expiredFormMessage, isError: true))
        }
        if let submission = appraisal.submission {
            // The same final submission posted twice (a double click): the first one went through, with these ratings.
            if RatingRoutes.isSend(form["azione"]), let again = RatingForm(form, count: appraisal.objectives.count), again.errors.isEmpty,
               RatingRoutes.holds(appraisal, again.ratings) {
                return HTML.redirect(to: "/valutazioni/\(employee.addingPercentEncodingForPath())?inviato=1")
            }
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: RatingRoutes.submittedMessage(submission), isError: true))
        }
        // Under contest, the appraisal stays as the employee contested it until HR records the outcome.
        if let day = appraisal.contestedOn {
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                                    message: Notice(text: RatingRoutes.contestedMessage(day), isError: true))
        }
        // A locked year, or one not yet open, refuses any save: say so before checking fields that could not be saved
        // anyway.
        let state = try await state(ratings)
        if state.isLocked || state == .planning {
            let text = state == .planning ? RatingRoutes.notOpenMessage(ratings.year) : RatingRoutes.lockedMessage(ratings.year)
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: text, isError: true))
        }
        // "Invia definitiva" first shows what would be sent (`rivedi`), with the final score and band; the
        // confirmation page posts `invia`, or `modifica` to go back to the form as typed. Nothing is saved before.
        let final = RatingRoutes.isSend(form["azione"]), review = form["azione"] == "rivedi"
        guard var submitted = RatingForm(form, count: appraisal.objectives.count) else {
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: RatingRoutes.staleMessage, isError: true))
        }
        // A not-assessable appraisal is submitted as it is, with objectives or none: they need no rating (it counts
        // in BASSA), and take none from the form.
        let settings = try await web.individualSettings(year: ratings.year)
        let notAssessable = AppraisalScores(appraisal, ratings: appraisal.objectives.map { _ in (nil, nil) }, settings: settings)
            .notAssessableReason != nil
        if notAssessable { submitted.keepStoredRatings(of: appraisal) }
        guard submitted.errors.isEmpty else {
            return try await render(appraisal, session: session, ratings: ratings, submitted: submitted, status: .unprocessableContent,
                          message: Notice(text: "Alcuni campi non sono validi: li corregga e salvi di nuovo.", isError: true))
        }
        if form["azione"] == "modifica" {
            return try await render(appraisal, session: session, ratings: ratings, submitted: submitted, message: nil)
        }
        if final || review {
            guard !appraisal.objectives.isEmpty || notAssessable else {
                return try await render(appraisal, session: session, ratings: ratings, status: .unprocessableContent,
                              message: Notice(text: "La valutazione non è stata inviata: a questa persona non è ancora assegnato "
                                              + "alcun obiettivo. L'ufficio personale deve prima assegnarli.", isError: true))
            }
            if !notAssessable { submitted.requireEveryRating() }
            guard submitted.errors.isEmpty else {
                return try await render(appraisal, session: session, ratings: ratings, submitted: submitted, status: .unprocessableContent,
                              message: Notice(text: "La valutazione non è stata inviata né salvata: per inviarla come definitiva "
                                              + "ogni obiettivo deve avere cosa e come. Completi i campi indicati, oppure "
                                              + "salvi una bozza.", isError: true))
            }
        }
        if review {
            return try await render(appraisal, session: session, ratings: ratings, submitted: submitted,
                                    message: Notice(text: RatingRoutes.reviewMessage, isError: false), confirming: true)
        }
        do {
            guard try await ratings.save(submitted.ratings, of: employee, submit: final, actor: session.account.username) else {
                throw WebError.forbidden
            }
        } catch RatingRefusal.submitted {
            let current = try await ratings.appraisal(of: employee) ?? appraisal
            // The same final submission posted twice: the first one went through, with these very ratings.
            if final, current.submission != nil, RatingRoutes.holds(current, submitted.ratings) {
                return HTML.redirect(to: "/valutazioni/\(employee.addingPercentEncodingForPath())?inviato=1")
            }
            let text = current.submission.map(RatingRoutes.submittedMessage) ?? RatingRoutes.staleMessage
            return try await render(current, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: text, isError: true))
        } catch RatingRefusal.stale {
            let current = try await ratings.appraisal(of: employee) ?? appraisal
            return try await render(current, session: session, ratings: ratings, unsaved: submitted, status: .conflict,
                          message: Notice(text: RatingRoutes.staleTypedMessage, isError: true))
        } catch RatingRefusal.contested {
            // Contested while the form was filled: the page shows the stored ratings, read-only.
            let current = try await ratings.appraisal(of: employee) ?? appraisal
            return try await render(current, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: RatingRoutes.contestedMessage(current.contestedOn ?? ""), isError: true))
        } catch RatingRefusal.notOpen {
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: RatingRoutes.notOpenMessage(ratings.year), isError: true))
        } catch RatingRefusal.yearLocked {
            // Locked while the form was filled: the page shows the stored ratings, read-only.
            return try await render(appraisal, session: session, ratings: ratings, status: .conflict,
                          message: Notice(text: RatingRoutes.lockedMessage(ratings.year), isError: true))
        }
        if form["azione"] == RatingRoutes.sendAndOpenNext, let next = try await ratings.next(after: employee), next.id != employee {
            return HTML.redirect(to: "/valutazioni/\(next.id.addingPercentEncodingForPath())?\(RatingRoutes.sentBefore)="
                                     + employee.addingPercentEncodingForPath())
        }
        return HTML.redirect(to: "/valutazioni/\(employee.addingPercentEncodingForPath())?\(final ? "inviato" : "salvato")=1")
    }

    static func isSend(_ action: String?) -> Bool { action == send || action == sendAndOpenNext }

    /// Why a rating form carrying `posted` as its year (`anno`) may not be saved while managers rate `ratingYear`, or nil
    /// when it may.
    static func yearRefusal(posted: String?, ratingYear: Int) -> String? {
        guard let posted, !posted.isEmpty else {
            return "Il modulo non indica l'anno della valutazione: nulla è stato salvato. Qui sotto è la valutazione "
                + "\(ratingYear) come si trova ora: ripeta le modifiche e salvi."
        }
        guard posted != String(ratingYear) else { return nil }
        return "Il modulo era della valutazione \(String(posted.prefix(20))), ma ora si valuta l'anno \(ratingYear): nulla è "
            + "stato salvato, né nell'uno né nell'altro anno. Qui sotto è la valutazione \(ratingYear) come si trova ora."
    }

    /// What a saved draft says: that it is a draft, and what is left before it can be sent.
    static func savedMessage(_ appraisal: Appraisal) -> String {
        let total = appraisal.objectives.count
        let rated = appraisal.objectives.filter { $0.cosa != nil && $0.come != nil }.count
        guard total > 0, appraisal.notAssessableReason == nil else { return "Bozza salvata." }
        if rated == total { return "Bozza salvata: ogni obiettivo è valutato; quando è pronta, la invii come definitiva." }
        let done = rated == 1 ? "valutato 1 obiettivo" : "valutati \(ItalianNumbers.integer(rated)) obiettivi"
        return "Bozza salvata: \(done) su \(ItalianNumbers.integer(total)). Non è ancora definitiva."
    }

    /// Whether the appraisal's stored ratings are the submitted ones, objective by objective.
    static func holds(_ appraisal: Appraisal, _ ratings: [SubmittedRating]) -> Bool {
        appraisal.objectives.count == ratings.count
            && zip(appraisal.objectives, ratings).allSatisfy { $0.code == $1.code && $0.cosa == $1.cosa && $0.come == $1.come }
    }

    static func contestedMessage(_ day: String) -> String {
        "Il dipendente ha contestato questa valutazione\(day.isEmpty ? "" : " il \(day)"): resta com'è finché l'ufficio personale non "
            + "registra l'esito della procedura di conciliazione, e le modifiche non sono state salvate."
    }

    /// The notice of a read-only rating page while the employee's contest waits for its outcome.
    static func contestedNotice(_ day: String) -> String {
        "Il dipendente ha contestato questa valutazione il \(day): resta com'è finché l'ufficio personale non registra "
            + "l'esito della procedura di conciliazione (confermata, o modificata con le nuove valutazioni)."
    }

    static let reviewMessage = "Controlli la valutazione prima dell'invio definitivo: dopo l'invio non si modifica più. "
        + "Non è ancora stata inviata, e ciò che ha scritto qui non è ancora salvato."

    static func lockedMessage(_ year: Int) -> String {
        "L'anno \(year) è già stato ripartito: le valutazioni non si possono più modificare e le modifiche non sono state "
            + "salvate. Per una correzione l'ufficio personale deve riaprire l'anno."
    }

    static func notOpenMessage(_ year: Int) -> String {
        "L'anno \(year) è ancora in programmazione: le valutazioni non sono aperte e le modifiche non sono state salvate. "
            + "L'ufficio personale apre l'anno alla valutazione dal suo cruscotto."
    }

    /// The notice of a read-only rating page in a year not yet open for rating.
    static func lockedNotice(_ year: Int, published: Bool = false) -> String {
        "L'anno \(year) è stato ripartito\(published ? " e pubblicato" : ""): le valutazioni si possono leggere, non modificare. Quelle non inviate come "
            + "definitive sono state ripartite come si trovavano. Per una correzione l'ufficio personale deve riaprire l'anno."
    }

    static func notOpenNotice(_ year: Int) -> String {
        "L'anno \(year) è in programmazione: gli obiettivi si possono leggere, le valutazioni si inseriscono quando "
            + "l'ufficio personale apre l'anno alla valutazione."
    }

    /// The notice of a read-only rating page in a locked year.
    static func lockedNotice(_ state: YearState) -> String {
        "L'anno è chiuso (\(state == .published ? "pubblicato" : "ripartito")): le valutazioni non si modificano più, "
            + "salvo riapertura motivata da parte dell'ufficio personale."
    }

    private func state(_ ratings: Ratings) async throws -> YearState {
        try await YearProgress.state(store: web.configuration.store, body: web.configuration.body, year: ratings.year)
    }

    /// The other edit may have been the user's own, in another tab or an earlier copy of the page: the message
    /// does not say who.
    static let staleMessage = "Nel frattempo questa valutazione è stata modificata (da un'altra persona, o in un'altra "
        + "finestra o scheda): le modifiche di questo modulo non sono state salvate. Qui sotto i valori attuali; ripeta "
        + "le modifiche e salvi di nuovo."

    /// The same, when the refused form's ratings are shown beside the current ones (`RatingView.unsaved`).
    static let staleTypedMessage = "Nel frattempo questa valutazione è stata modificata (da un'altra persona, o in un'altra "
        + "finestra o scheda): le modifiche di questo modulo non sono state salvate. Qui sotto i valori attuali e, sotto ogni "
        + "obiettivo in cui differisce, quanto aveva indicato: ripeta le modifiche che vuole mantenere e salvi di nuovo."

    /// Whether no rating of `appraisal` may change in a year in `state`: closed, not yet open, or under contest.
    static func isReadOnly(_ appraisal: Appraisal, in state: YearState) -> Bool {
        state.isLocked || state == .planning || appraisal.contestedOn != nil
    }

    private func render(_ appraisal: Appraisal, session: WebSession, ratings: Ratings, submitted: RatingForm? = nil,
                        unsaved: RatingForm? = nil, status: HTTPResponse.Status = .ok, message: Notice?, confirming: Bool = false) async throws -> Response {
        let year = ratings.year
        let settings = try await web.individualSettings(year: year)
        let state = try await state(ratings)
        var values = web.layout(session, title: "Valutazione di \(appraisal.name) (\(appraisal.employeeID))")
        let readOnly = RatingRoutes.isReadOnly(appraisal, in: state)
        values.merge(RatingView(appraisal: appraisal, submitted: submitted, settings: settings, isLocked: readOnly,
                                unsaved: readOnly ? nil : unsaved, managersPage: true).values) { $1 }
        values["year"] = String(year)
        if confirming {
            // The values as typed travel in hidden fields; the page asks only to confirm or go back, or to confirm and
            // go on to the next person still to send, when there is one.
            values["confirm"] = true
            values["editable"] = false
            if let next = try await ratings.next(after: appraisal.employeeID), next.id != appraisal.employeeID {
                values["confirmNext"] = ["name": next.name, "id": next.id]
            }
        } else if let day = appraisal.contestedOn {
            // Alone, in a closed year too: the outcome may change the ratings without a reopening.
            values["locked"] = RatingRoutes.contestedNotice(day)
        } else if readOnly {
            // Nothing is to submit in a closed year or one not yet open: no link to the next one.
            values["locked"] = state == .planning ? RatingRoutes.notOpenNotice(year) : RatingRoutes.lockedNotice(state)
        } else if let next = try await ratings.next(after: appraisal.employeeID) {
            values["next"] = ["path": "/valutazioni/" + next.id.addingPercentEncodingForPath(), "name": next.name,
                              "id": next.id, "left": ItalianNumbers.integer(next.left),
                              "one": next.left == 1]
        } else {
            values["noneLeft"] = appraisal.submission != nil
        }
        if let message { values["notice"] = ["text": message.text, "isError": message.isError] }
        if let returned = try await AppraisalReturns(store: ratings.store, body: ratings.body, year: year).pendingReturn(of: appraisal.employeeID) {
            values["returned"] = returned.values(in: state)
        }
        return web.pages.render("rating", values, status: status)
    }
}

/// A message at the top of a page.
struct Notice {
    let text: String
    let isError: Bool
}

extension String {
    /// For an employee id in a URL path: everything but unreserved characters escaped.
    func addingPercentEncodingForPath() -> String {
        var encoded = ""
        for byte in utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            encoded += unreserved ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return encoded
    }
}
