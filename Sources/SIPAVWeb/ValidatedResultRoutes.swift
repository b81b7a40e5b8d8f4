import Hummingbird
import Postgres
import SIPAV
import SIPAVFiles
import SIPAVReports
import SIPAVStore

/// HR records the results the OIV validated (`/hr/oiv`): for the ente, an Area or an objective, the validated
/// percentage and the reference of the OIV's act. The validated figure is applied in place of the computed one;
/// both stay on record, and the page shows them side by side.
struct ValidatedResultRoutes: Sendable {
    let web: WebApp
    static let path = "/hr/oiv"
    static let notices = ["registrato": "Risultato validato registrato.", "eliminato": "Risultato validato eliminato: si applica quello calcolato."]

    func register(on router: Router<BasicRequestContext>) {
        router.get(RouterPath(stringLiteral: ValidatedResultRoutes.path)) { request, _ in
            let session = try await web.requireHR(request)
            return try await render(session, try await web.hrYear(request), notice: WebApp.notice(request, ValidatedResultRoutes.notices))
        }
        router.post(RouterPath(stringLiteral: ValidatedResultRoutes.path)) { request, _ in try await record(request) }
        router.post(RouterPath(stringLiteral: ValidatedResultRoutes.path + "/elimina")) { request, _ in try await remove(request) }
    }

    /// `ente`, `area:ID` or `objective:ID` as the form sends it.
    static func scope(_ text: String) -> (scope: String, id: String)? {
        if text == "ente" { return ("ente", "") }
        for kind in ["area", "objective"] where text.hasPrefix(kind + ":") && text.count > kind.count + 1 {
            return (kind, String(text.dropFirst(kind.count + 1)))
        }
        return nil
    }

    func record(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        let reference = (form["riferimento"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let percent = FormNumbers.basisPoints(form["percentuale"] ?? "")
        guard let scope = ValidatedResultRoutes.scope(form["ambito"] ?? ""), let basisPoints = percent.value, !reference.isEmpty else {
            let percentError = percent == .ambiguous ? FormNumbers.ambiguousPercentMessage
                : percent.value == nil ? ValidatedResultRoutes.percentMessage : nil
            return try await render(session, hrYear, status: .unprocessableContent, notice: [
                "text": "Il risultato non è stato registrato: indichi la percentuale validata (da 0 a 100, al più due decimali, "
                    + "come 95,8 o 95,85) e il riferimento dell'atto dell'OIV.", "isError": true,
            ], typed: Typed(scope: form["ambito"] ?? "", percent: form["percentuale"] ?? "", reference: form["riferimento"] ?? "",
                            percentError: percentError, referenceFaulty: reference.isEmpty))
        }
        let (body, year) = (web.configuration.body, hrYear.year)
        let shown = form[ShownRecord.field]
        return try await writing(session, hrYear, typed: Typed(scope: form["ambito"] ?? "", percent: form["percentuale"] ?? "",
                                                                  reference: form["riferimento"] ?? "", percentError: nil,
                                                                  referenceFaulty: false)) { db, state in
            let current = try ShownRecord.validatedResult(db, body: body, year: year, scope: scope.scope, id: scope.id, locking: true)
            try ShownRecord.check(posted: shown, current: current)
            try ReusedAct.check(db, body: body, year: year, state: state, reference: reference, form: form)
            try ShownRecord.write(current: current, insert: {
                try db.execute("""
                    INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference, position)
                    SELECT y.body_id, y.year, $3, $4, $5::numeric / 100, $6, coalesce(max(v.position), 0) + 1
                    FROM years y LEFT JOIN validated_results v ON v.body_id = y.body_id AND v.year = y.year
                    WHERE y.body_id = $1 AND y.year = $2 GROUP BY y.body_id, y.year
                    ON CONFLICT ON CONSTRAINT validated_results_pkey DO NOTHING
                    """, [body, year, scope.scope, scope.id, basisPoints, reference]).affectedRows == 1
            }, update: {
                try db.execute("""
                    UPDATE validated_results SET percent = $5::numeric / 100, reference = $6
                    WHERE body_id = $1 AND year = $2 AND scope = $3 AND scope_id = $4
                    """, [body, year, scope.scope, scope.id, basisPoints, reference])
            })
            return "registrato"
        }
    }

    func remove(_ request: Request) async throws -> Response {
        let (session, form) = try await web.requirePost(request)
        guard session.account.role == .hr else { throw WebError.forbidden }
        let hrYear = try await web.hrYear(posted: form[HRYear.field], request)
        guard let scope = ValidatedResultRoutes.scope(form["ambito"] ?? "") else { throw WebError.notFound }
        let (body, year) = (web.configuration.body, hrYear.year)
        let shown = form[ShownRecord.field]
        return try await writing(session, hrYear) { db, _ in
            let current = try ShownRecord.validatedResult(db, body: body, year: year, scope: scope.scope, id: scope.id, locking: true)
            // Removing what is not there: the page was shown before another removed it.
            guard current != nil else { throw ShownRecord.Changed() }
            try ShownRecord.check(posted: shown, current: current)
            try db.execute("DELETE FROM validated_results WHERE body_id = $1 AND year = $2 AND scope = $3 AND scope_id = $4",
                           [body, year, scope.scope, scope.id])
            return "eliminato"
        }
    }

    static let percentMessage = "La percentuale va da 0 a 100, con al più due decimali, come 95,8 o 95,85."
    static let lockedMessage = "L'anno è chiuso (ripartito o pubblicato): i risultati validati non cambiano più, salvo riapertura motivata."
    static let changedMessage = "Il risultato non è stato cambiato: dopo che la pagina è stata aperta è stato registrato, cambiato o "
        + "eliminato da un'altra pagina o da un altro utente. Qui sotto c'è com'è ora: lo controlli e, se serve, registri di nuovo."

    private func writing(_ session: WebSession, _ hrYear: HRYear, typed: Typed? = nil,
                         _ write: @escaping @Sendable (Connection, YearState?) throws -> String) async throws -> Response {
        let (body, year) = (web.configuration.body, hrYear.year)
        do {
            let outcome = try await web.configuration.store.withWebConnection(actor: session.account.username) { connection in
                try connection.transaction { db in
                    return try write(db, try YearFirst.share(db, body: body, year: year))
                }
            }
            return HTML.redirect(to: hrYear.address(ValidatedResultRoutes.path, "esito=" + outcome))
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            return try await render(session, hrYear, status: .conflict, notice: ["text": ValidatedResultRoutes.lockedMessage, "isError": true],
                                    typed: typed)
        } catch let error as StoreError where error.underlying?.sqlState == "23503" {
            throw WebError.notFound
        } catch let reused as ReusedAct.Unconfirmed {
            var typed = typed
            typed?.reusedYears = reused.years
            return try await render(session, hrYear, status: .unprocessableContent,
                                    notice: ["text": "Il risultato non è stato registrato: " + ReusedAct.refusal(years: reused.years), "isError": true],
                                    typed: typed)
        } catch is ShownRecord.Changed {
            // A closed year is the reason to give, whatever the page showed.
            let text = hrYear.state.isLocked ? ValidatedResultRoutes.lockedMessage : ValidatedResultRoutes.changedMessage
            return try await render(session, hrYear, status: .conflict, notice: ["text": text, "isError": true], typed: typed)
        }
    }

    /// What HR typed into one scope's form that was refused: shown again in its fields.
    struct Typed {
        let scope: String
        let percent: String
        let reference: String
        /// Which of the two fields is at fault: each is marked and named on its own, the percentage with what is wrong.
        var percentError: String? = ValidatedResultRoutes.percentMessage
        var referenceFaulty = true
        /// The other years recording the same act, when that is the fault (`ReusedAct`).
        var reusedYears: String? = nil
        /// What the reference's field says when it is at fault.
        var referenceError: String? {
            if let reusedYears { return ReusedAct.fieldError(years: reusedYears) }
            return referenceFaulty ? "Indichi il riferimento dell'atto dell'OIV." : nil
        }
    }

    private func render(_ session: WebSession, _ hrYear: HRYear, status: HTTPResponse.Status = .ok, notice: [String: Any]?,
                        typed: Typed? = nil) async throws -> Response {
        let year = hrYear.year
        // The plan alone: the page shows the organisational results, not the people.
        let records = try await web.configuration.store.loadPlan(body: web.configuration.body, year: year)
        let body = web.configuration.body
        let references = Set(records.plan.validated.map(\.reference))
        let (shown, elsewhere) = try await web.configuration.store.withWebConnection { db in
            (try ShownRecord.validatedResults(db, body: body, year: year),
             try YearActs.otherYears(db, body: body, year: year, references: references))
        }
        var values = web.layout(session, title: "Risultati OIV \(year)", hrYear: hrYear)
        values["year"] = String(year)
        // A closed year's validated results are shown, not offered for change.
        values["locked"] = hrYear.state.isLocked
        if hrYear.state.isLocked && notice == nil { values["lockedNotice"] = ValidatedResultRoutes.lockedMessage }
        do {
            let settings = try records.settingsYAML.map { try SettingsFile.parse(text: $0, file: "settings") } ?? Settings()
            let results = try records.plan.results(settings: settings.organisation)
            let rows = [("ente", "Ente", results.ente)]
                + zip(records.plan.areas, results.areas).map { ("area:" + $0.id, $0.name, $1) }
                // An objective whose indicators are all suppressed has no figure to validate.
                + results.objectives.compactMap { result in
                    result.achievement.map { ("objective:" + result.objective.id, "Obiettivo \(result.objective.id) · \(result.objective.title)", $0) }
                }
            values["rows"] = rows.map { scope, name, figure -> [String: Any] in
                var row: [String: Any] = ["scope": scope, "name": name, "computed": ItalianNumbers.percent(figure.computed, digits: 2),
                                          "shown": shown[scope] ?? "",
                                          // In a closed year only a refused form comes back, with what was typed: to be kept, not sent.
                                          "offerForm": !hrYear.state.isLocked || typed?.scope == scope]
                if let validated = figure.validated {
                    row["validated"] = ["percent": ItalianNumbers.percent(validated.achievement, digits: 2),
                                        "reference": validated.reference,
                                        "reused": elsewhere[validated.reference].map(ReusedAct.warning(years:)) ?? false]
                    row["inputPercent"] = ItalianNumbers.number(validated.achievement * Ratio(100), digits: 2)
                    row["inputReference"] = validated.reference
                }
                if let typed, typed.scope == scope {
                    (row["inputPercent"], row["inputReference"]) = (typed.percent, typed.reference)
                    row["percentError"] = typed.percentError
                    row["referenceError"] = typed.referenceError
                    if typed.reusedYears != nil { row["reuseConsent"] = ["field": ReusedAct.field, "label": ReusedAct.consentLabel] }
                }
                return row
            }
        } catch {
            values["fault"] = "I risultati dell'anno non si possono calcolare: "
                + ((error as? RuleViolation).map { ItalianFaults.rule($0.rule) } ?? String(describing: error))
        }
        if let notice { values["notice"] = notice }
        return web.pages.render("validated-results", values, status: status)
    }
}
