import Hummingbird
import SIPAV
import SIPAVReports
import SIPAVStore

/// HR's fund page `/hr/fondo`: the lines of both funds (the budgeted amount, savings added), their totals, and the
/// two confirmations the allocation needs (the Giunta's and the OIV's), each with date and reference.
struct FundRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/fondo"
    static let notices = ["riga": "Riga del fondo aggiunta.", "eliminata": "Riga del fondo eliminata.",
                          "riga-conferme": "Riga del fondo aggiunta. " + confirmationsWithdrawn,
                          "eliminata-conferme": "Riga del fondo eliminata. " + confirmationsWithdrawn,
                          "conferma": "Conferma registrata."]
    static let confirmationsWithdrawn = "Le conferme della Giunta e dell'OIV riguardavano il fondo com'era prima: sono state "
        + "tolte (restano nel registro) e vanno registrate di nuovo per il fondo com'è ora."
    static let lockedMessage = "L'anno è chiuso (ripartito o pubblicato): il fondo non cambia più, salvo riapertura motivata."
    static let amountMessage = "Scriva l'importo in euro, non negativo, con al più due decimali, come 734.312,44, 734312,44 "
        + "o 734312.44; al massimo 1.000.000.000.000,00 €."
    static let overTheLargestTotalMessage = "Con questa riga il fondo supererebbe in tutto 1.000.000.000.000,00 €: la riga non è stata aggiunta."
    static let sameLineMessage = "Una riga identica (stesso fondo, descrizione, importo e riferimento) è già registrata: "
        + "la riga non è stata aggiunta di nuovo. Se è davvero un'altra, lo indichi nella descrizione."
    static let lineChangedMessage = "La riga non è più quella mostrata dalla pagina (nel frattempo è stata eliminata o sostituita): "
        + "nulla è stato eliminato. Qui sotto le righe attuali."

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: FundRoutes.path)) { request, _ in
            let session = try await web.requireHR(request)
            return try await render(session, try await web.hrYear(request), notice: WebApp.notice(request, FundRoutes.notices))
        }
        router.post(RouterPath(stringLiteral: FundRoutes.path + "/righe")) { request, _ in try await addLine(request) }
        router.post(RouterPath(stringLiteral: FundRoutes.path + "/righe/:line/elimina")) { request, context in
            try await removeLine(request, line: try context.parameters.require("line", as: Int.self))
        }
        router.post(RouterPath(stringLiteral: FundRoutes.path + "/conferme")) { request, _ in try await confirm(request) }
    }

    private func records(_ hrYear: HRYear) -> FundRecords {
        FundRecords(store: web.configuration.store, body: web.configuration.body, year: hrYear.year)
    }

    /// HR's form, and the year it was shown for: 403 for anyone else, 400 without the year.
    private func hrPost(_ request: Request) async throws -> (WebSession, FormData, HRYear) {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        return (session, form, try await web.hrYear(posted: form[HRYear.field], request))
    }

    func addLine(_ request: Request) async throws -> Response {
        let (session, form, hrYear) = try await hrPost(request)
        let description = (form["descrizione"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let reference = (form["riferimento"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [String: String] = [:]
        let fund = FundKind(rawValue: form["fondo"] ?? "")
        if fund == nil { errors["fondo"] = "Scelga il fondo." }
        if description.isEmpty { errors["descrizione"] = "Indichi la descrizione della riga." }
        let amount = FormNumbers.cents(form["importo"] ?? "")
        if amount == .ambiguous { errors["importo"] = FormNumbers.ambiguousAmountMessage }
        else if amount.value == nil { errors["importo"] = FundRoutes.amountMessage }
        let cents = amount.value?.value
        guard errors.isEmpty, let fund, let cents else {
            return try await render(session, hrYear, status: .unprocessableContent,
                                    notice: ["text": "La riga non è stata aggiunta: corregga i campi indicati.", "isError": true],
                                    lineErrors: errors, lineForm: form)
        }
        do {
            return try await writing(session, hrYear, lineForm: form) {
                try await records(hrYear).add(fund: fund, description: description, cents: cents,
                                              reference: reference.isEmpty ? nil : reference, actor: session.account.username)
                    ? "riga-conferme" : "riga"
            }
        } catch is FundRecords.OverTheLargestTotal {
            return try await render(session, hrYear, status: .unprocessableContent,
                                    notice: ["text": "La riga non è stata aggiunta: corregga i campi indicati.", "isError": true],
                                    lineErrors: ["importo": FundRoutes.overTheLargestTotalMessage], lineForm: form)
        } catch is FundRecords.SameLineOnRecord {
            return try await render(session, hrYear, status: .conflict, notice: ["text": FundRoutes.sameLineMessage, "isError": true],
                                    lineForm: form)
        }
    }

    func removeLine(_ request: Request, line: Int) async throws -> Response {
        let (session, form, hrYear) = try await hrPost(request)
        do {
            return try await writing(session, hrYear) {
                try await records(hrYear).remove(line: line, fingerprint: form["impronta"] ?? "", actor: session.account.username)
                    ? "eliminata-conferme" : "eliminata"
            }
        } catch is FundRecords.LineChanged {
            return try await render(session, hrYear, status: .conflict, notice: ["text": FundRoutes.lineChangedMessage, "isError": true])
        }
    }

    func confirm(_ request: Request) async throws -> Response {
        let (session, form, hrYear) = try await hrPost(request)
        let kind = form["tipo"] ?? ""
        // No page sends another kind: a request made by hand, answered as an unknown scope of the OIV's page is.
        guard FundRecords.confirmationKinds.contains(kind) else { throw WebError.notFound }
        let reference = (form["riferimento"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // As in fund.yaml: from the year before the fund's to five years after it.
        let date = FormNumbers.date(form["data"] ?? "").flatMap { ((hrYear.year - 1)...(hrYear.year + 5)).contains($0.year) ? $0 : nil }
        guard let date, !reference.isEmpty else {
            let fault = ConfirmationFault(date: date == nil, reference: reference.isEmpty, year: hrYear.year)
            return try await render(session, hrYear, status: .unprocessableContent, notice: [
                "text": "La conferma non è stata registrata: " + fault.notice, "isError": true,
            ], confirmationForm: form, confirmationFault: fault)
        }
        do {
            return try await writing(session, hrYear, confirmationForm: form) {
                try await records(hrYear).confirm(kind, on: date, reference: reference, shown: form[ShownRecord.field],
                                                  form: form, actor: session.account.username)
                return "conferma"
            }
        } catch let reused as ReusedAct.Unconfirmed {
            let fault = ConfirmationFault(date: false, reference: true, reusedYears: reused.years)
            return try await render(session, hrYear, status: .unprocessableContent, notice: [
                "text": "La conferma non è stata registrata: " + fault.notice, "isError": true,
            ], confirmationForm: form, confirmationFault: fault)
        } catch is ShownRecord.Changed {
            // A closed year is the reason to give, whatever the page showed.
            let text = hrYear.state.isLocked ? FundRoutes.lockedMessage : FundRoutes.confirmationChangedMessage
            return try await render(session, hrYear, status: .conflict, notice: ["text": text, "isError": true],
                                    confirmationForm: form, confirmationFault: ConfirmationFault(date: false, reference: false))
        }
    }

    static let confirmationChangedMessage = "La conferma non è stata registrata: dopo che la pagina è stata aperta è stata registrata, "
        + "cambiata o tolta da un'altra pagina o da un altro utente. Qui sotto c'è com'è ora, e nel modulo ciò che aveva scritto: "
        + "lo controlli e registri di nuovo se serve."

    /// Which fields of a refused confirmation are at fault: each is marked and named on its own.
    struct ConfirmationFault {
        let date: Bool
        let reference: Bool
        /// The fund's year, which bounds the date.
        var year: Int = 0
        /// The other years recording the same act, when that is the fault (`ReusedAct`).
        var reusedYears: String? = nil
        var notice: String {
            if let reusedYears { return ReusedAct.refusal(years: reusedYears) }
            switch (date, reference) {
            case (true, true): return "indichi la data (gg/mm/aaaa) e il riferimento dell'atto."
            case (true, false): return "la data non è valida; la scriva come gg/mm/aaaa, dal \(year - 1) al \(year + 5)."
            default: return "indichi il riferimento dell'atto."
            }
        }
        /// What the reference's field says when it is at fault.
        var referenceError: String { reusedYears.map(ReusedAct.fieldError(years:)) ?? "Indichi il riferimento dell'atto." }
    }

    /// Runs a write; the year lock becomes a message on the page (keeping the line typed, if any), success a
    /// redirect with `esito`.
    private func writing(_ session: WebSession, _ hrYear: HRYear, lineForm: FormData? = nil, confirmationForm: FormData? = nil,
                         _ write: () async throws -> String) async throws -> Response {
        do {
            let outcome = try await write()
            return HTML.redirect(to: hrYear.address(FundRoutes.path, "esito=" + outcome))
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            return try await render(session, hrYear, status: .conflict, notice: ["text": FundRoutes.lockedMessage, "isError": true],
                                    lineForm: lineForm, confirmationForm: confirmationForm,
                                    confirmationFault: ConfirmationFault(date: false, reference: false))
        }
    }

    private func render(_ session: WebSession, _ hrYear: HRYear, status: HTTPResponse.Status = .ok, notice: [String: Any]?,
                        lineErrors: [String: String] = [:], lineForm: FormData? = nil,
                        confirmationForm: FormData? = nil,
                        confirmationFault: ConfirmationFault = ConfirmationFault(date: true, reference: true)) async throws -> Response {
        let records = records(hrYear)
        let lines = try await records.lines()
        let confirmations = try await records.confirmations()
        var values = web.layout(session, title: "Fondo \(records.year)", hrYear: hrYear)
        values["year"] = String(records.year)
        // A closed year's fund is shown, not offered for change.
        values["locked"] = hrYear.state.isLocked
        if hrYear.state.isLocked && notice == nil { values["lockedNotice"] = FundRoutes.lockedMessage }
        // In a closed year the form to add a line comes back only with what was typed, refused: to be kept, not sent.
        values["lineForm"] = !hrYear.state.isLocked || lineForm != nil
        values["lines"] = lines.map { line -> [String: Any] in
            ["number": String(line.number), "fingerprint": FundRecords.fingerprint(line), "fund": RoleLabel.fund(line.fund), "description": line.description,
             "amount": ItalianNumbers.euros(cents: line.cents), "reference": line.reference ?? ""]
        }
        values["totals"] = [FundKind.managers, .staff].map { kind -> [String: Any] in
            ["fund": RoleLabel.fund(kind),
             "amount": ItalianNumbers.euros(cents: lines.filter { $0.fund == kind }.map(\.cents).reduce(0, +))]
        }
        (values["dateFrom"], values["dateTo"]) = (String(records.year - 1), String(records.year + 5))
        values["confirmations"] = FundRecords.confirmationKinds.map { kind -> [String: Any] in
            let stored = confirmations.first { $0.kind == kind }
            var values: [String: Any] = [
                "kind": kind, "label": kind == "giunta" ? "Giunta: conferma del fondo" : "OIV: verifica delle condizioni di erogazione",
                "date": stored?.date ?? "", "reference": stored?.reference ?? "", "missing": stored == nil,
                "shown": stored?.shown ?? "",
            ]
            if let stored { values["recorded"] = "registrata: \(stored.date), \(stored.reference)" }
            if let years = stored?.alsoRecordedFor { values["reused"] = ReusedAct.warning(years: years) }
            // A refused confirmation comes back as typed, in its own form; its fields are marked only when they are
            // at fault (not when the year is closed).
            if let typed = confirmationForm, typed["tipo"] == kind {
                (values["date"], values["reference"]) = (typed["data"] ?? "", typed["riferimento"] ?? "")
                values["dateRefused"] = confirmationFault.date
                if confirmationFault.reference { values["referenceError"] = confirmationFault.referenceError }
                if confirmationFault.reusedYears != nil { values["reuseConsent"] = ["field": ReusedAct.field, "label": ReusedAct.consentLabel] }
            }
            return values
        }
        values["errors"] = lineErrors
        // After an error the line comes back as typed, the fund too: a corrected line must not change fund.
        values["funds"] = [FundKind.staff, .managers].map { kind -> [String: Any] in
            ["value": kind.rawValue, "label": RoleLabel.fund(kind), "selected": lineForm?["fondo"] == kind.rawValue]
        }
        if let lineForm {
            values["entered"] = ["descrizione": lineForm["descrizione"] ?? "", "importo": lineForm["importo"] ?? "",
                                 "riferimento": lineForm["riferimento"] ?? ""]
        }
        if let notice { values["notice"] = notice }
        return web.pages.render("fund", values, status: status)
    }
}
