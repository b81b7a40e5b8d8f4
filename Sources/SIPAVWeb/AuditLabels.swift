import Foundation
import SIPAV
import SIPAVReports
import SIPAVStore

/// The audit log in Italian: the names of the tables and columns as HR reads them, and the values as the pages
/// show them (basis points as percentages, cents as euros, year states, yes and no). A name not listed here is
/// shown as the database writes it.
enum AuditLabels {
    static let tables: [String: String] = [
        "bodies": "Enti", "employees": "Dipendenti", "years": "Anni", "year_reopenings": "Riaperture dell'anno",
        "year_imports": "Importazioni dell'anno",
        "strategic_lines": "Linee strategiche", "areas": "Aree", "objectives": "Obiettivi organizzativi",
        "objective_lines": "Linee degli obiettivi", "indicators": "Indicatori", "indicator_steps": "Gradini degli indicatori",
        "indicator_revisions": "Revisioni degli indicatori", "validated_results": "Risultati validati",
        "staff_years": "Personale dell'anno", "individual_objectives": "Obiettivi individuali", "final_scores": "Punteggi finali",
        "fund_lines": "Voci del fondo", "fund_confirmations": "Conferme del fondo", "allocation_runs": "Ripartizioni",
        "allocations": "Quote ripartite", "allocation_components": "Componenti delle quote", "accounts": "Utenti",
        "appraisal_submissions": "Schede inviate", "appraisal_responses": "Risposte alle schede",
        "appraisal_returns": "Schede restituite in bozza",
        "audit_log": "Registro delle modifiche",
    ]

    static let columns: [String: String] = plainColumns.merging(fractionColumns) { plain, _ in plain }

    /// The exact fractions an allocation keeps (`allocations`, `allocation_components`), each as numerator and denominator.
    static let fractionColumns: [String: String] = {
        let fractions = [
            "share": "quota", "share_weight": "peso della quota", "coefficient": "coefficiente", "ente_result": "risultato dell'ente",
            "area_result": "risultato dell'Area", "individual_amount": "componente individuale", "ente_amount": "componente ente",
            "area_amount": "componente Area", "redistributed_amount": "residuo ridistribuito",
            "increase_amount": "maggiorazione per la valutazione più alta", "exact": "importo esatto",
        ]
        return Dictionary(uniqueKeysWithValues: fractions.flatMap { column, name in
            [(column + "_numerator", name + " (numeratore)"), (column + "_denominator", name + " (denominatore)")]
        })
    }()

    private static let plainColumns: [String: String] = [
        "component": "componente", "changed_at": "modificato il", "changed_by": "modificato da",
        "body_id": "ente", "year": "anno", "employee_id": "matricola", "username": "utente", "code": "codice",
        "name": "nome", "state": "stato", "settings_yaml": "impostazioni", "reopen_reason": "motivo della riapertura",
        "updated_at": "aggiornato il", "reopening_id": "riapertura n.", "reopened_at": "riaperto il", "reopened_by": "riaperto da",
        "from_state": "stato precedente", "to_state": "nuovo stato", "reason": "motivo", "line_id": "linea strategica",
        "position": "posizione", "area_id": "area", "manager_id": "responsabile", "objective_id": "obiettivo",
        "title": "titolo", "owner_area_id": "area responsabile", "weight": "peso", "indicator_id": "indicatore",
        "parent_indicator_id": "indicatore superiore", "unit": "unità di misura", "note": "nota", "kind": "tipo",
        "composite_percents": "percentuali dei gradini", "measured_number": "valore misurato", "measured_date": "data misurata",
        "measured_not_completed": "non completato", "answered_at": "inviata di nuovo il",
        "measured_yes": "raggiunto", "suppressed_reference": "riferimento della soppressione", "step": "gradino",
        "threshold_number": "soglia", "threshold_month": "mese di soglia", "percent": "percentuale", "revision_no": "revisione n.",
        "reference": "riferimento", "previous_name": "nome precedente", "previous_scale": "scala precedente", "scope": "ambito",
        "scope_id": "codice dell'ambito", "role": "ruolo", "category": "categoria", "part_time_bp": "part-time",
        "months": "mesi", "not_assessable_reason": "motivo di non valutabilità", "weight_bp": "peso", "cosa": "voto sul cosa",
        "come": "voto sul come", "version": "versione", "retitled_after_rating": "titolo cambiato dopo la valutazione", "weighted_sum": "somma pesata", "final_score": "punteggio finale",
        "band": "fascia", "line_no": "voce n.", "fund": "fondo", "description": "descrizione", "amount_cents": "importo",
        "confirmed_on": "confermato il", "run_id": "ripartizione n.", "run_at": "ripartito il", "run_by": "ripartito da",
        "staff_fund_cents": "fondo del personale", "staff_paid_cents": "pagato al personale",
        "staff_residual_cents": "residuo del personale", "managers_fund_cents": "fondo dei dirigenti",
        "managers_paid_cents": "pagato ai dirigenti", "managers_residual_cents": "residuo dei dirigenti",
        "received_remainder_cent": "centesimo di resto", "password_hash": "password", "disabled": "disattivato",
        "created_at": "creato il", "must_change_password": "deve cambiare la password",
        "password_changed_at": "password cambiata il", "submitted_at": "inviata il", "submitted_by": "inviata da",
        "response": "risposta", "responded_at": "risposta il", "outcome": "esito", "outcome_reference": "riferimento dell'esito",
        "outcome_at": "esito il", "return_id": "restituzione n.", "returned_at": "restituita il",
        "returned_by": "restituita da", "response_reason": "motivo della contestazione", "inserted": "righe inserite", "deleted": "righe cancellate",
        "password_hashes_digested": "password del registro sostituite dalla loro impronta",
        "drafts_paid": "valutazioni non definitive ripartite", "returned_drafts_paid": "di cui restituite in bozza",
        "import_id": "importazione n.", "imported_at": "importato il", "imported_by": "importato da",
        "allocated": "ripartito con l'importazione", "planning": "per la programmazione", "consents": "consentito",
        "files": "file letti",
    ]

    /// Coded values in Italian, by column: the year states under their own names (`YearState.italianName`).
    static let codes: [String: [String: String]] = {
        let states = Dictionary(uniqueKeysWithValues: YearState.allCases.map { ($0.rawValue, $0.italianName) })
        return [
            "state": states, "from_state": states, "to_state": states,
            "role": Dictionary(uniqueKeysWithValues: AccountRole.allCases.map { ($0.rawValue, $0.label) }),
            "response": ["acknowledged": "presa visione", "contested": "contestata"],
            "outcome": ["confirmed": "confermata", "changed": "modificata"],
            "scope": ["ente": "ente", "area": "area", "objective": "obiettivo"],
            "fund": ["managers": "dirigenza", "staff": "personale non dirigente"],
            // What an import was allowed (year_imports.consents), with the option that allowed it.
            "consents": ["renamed_body": "nuovo nome dell'ente (--rename-body)",
                         "renamed_employees": "nuovi nomi di persone di anni chiusi (--rename-employees)",
                         "removed_rated_people": "persone valutate tolte (--remove-rated)",
                         "removed_acts": "atti tolti (--remove-acts)", "reused_acts": "atti di altri anni (--reuse-acts)"],
            // A confirmation's kind, or an indicator's: how its target scale is met.
            "kind": ["giunta": "conferma della Giunta", "oiv": "verifica dell'OIV"]
                .merging(ThresholdKind.allCases.map { ($0.rawValue, AuditLabels.italianName($0)) }) { first, _ in first },
        ]
    }()

    /// How an indicator's target scale is met, as HR reads it.
    static func italianName(_ kind: ThresholdKind) -> String {
        switch kind {
        case .below: "sotto la soglia (<)"
        case .atMost: "al massimo la soglia (≤)"
        case .above: "sopra la soglia (>)"
        case .atLeast: "almeno la soglia (≥)"
        case .deadline: "entro il mese"
        case .yesNo: "sì/no"
        }
    }

    /// The columns that name the record, in the order the page lists them.
    static let identity = ["year", "username", "employee_id", "code", "objective_id", "indicator_id", "area_id", "line_id"]

    static func table(_ name: String) -> String { tables[name] ?? name }
    static func column(_ name: String) -> String { columns[name] ?? name }

    /// A value as the page shows it, from its JSON text: `null` as a dash, booleans as sì/no, basis points as a
    /// percentage, cents as euros, other numbers in Italian form (a `percent` with its sign), codes in Italian, empty settings as the defaults; any other string as it was
    /// entered, quotes, backslashes and line breaks included (not as JSON escapes them).
    static func value(_ json: String?, of column: String) -> String {
        guard let json, json != "null" else { return "—" }
        if json == "true" { return "sì" }
        if json == "false" { return "no" }
        if column.hasSuffix("_bp"), let points = Int(json) { return ItalianNumbers.percent(Ratio(points, 10000), digits: 2) }
        if column.hasSuffix("_cents"), let cents = Int64(json) { return ItalianNumbers.euros(cents: cents) }
        // A whole number as written (a year, a count); one with decimals, and any percentage, in Italian form.
        if json.contains(".") || column == "percent", let number = italianNumber(json) {
            return column == "percent" ? number + " %" : number
        }
        // A list (the consents and files of an import): each item as a value of the column, `nulla` for none.
        if json.hasPrefix("["), let items = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) {
            return items.isEmpty ? "nulla" : items.map { codes[column]?[$0] ?? $0 }.joined(separator: "; ")
        }
        guard let text = string(json) else { return json }
        // An allocation run without a settings file used the defaults: said so, rather than an empty value.
        if column == "settings_yaml" && text.isEmpty { return "predefinite" }
        return codes[column]?[text] ?? (dateColumns.contains(column) ? italianDay(text) : nil) ?? text
    }

    /// A JSON number as PostgreSQL writes a `numeric` (`92.5000000000000000`), in Italian form with the decimals it
    /// has and no more (`92,5`); nil for any other JSON value.
    static func italianNumber(_ json: String) -> String? {
        guard json.first.map({ $0.isNumber || $0 == "-" }) == true, let value = DecimalText.parse(json),
              let exact = DecimalText.exact(value) else { return nil }
        return ItalianNumbers.number(value, digits: exact.split(separator: ".").dropFirst().first?.count ?? 0)
    }

    /// The columns of type `date`: only their values are read as days, not a reference or a title that looks like one.
    static let dateColumns: Set<String> = ["confirmed_on", "measured_date"]

    /// A day as JSON writes a `date` (`2026-06-15`) in Italian form (`15/06/2026`), as every other date of the log; nil
    /// for any other text.
    static func italianDay(_ text: String) -> String? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/) else { return nil }
        return "\(match.3)/\(match.2)/\(match.1)"
    }

    /// The record a line names: `anno 2024, matricola E2, codice OB1` from its key, and the person the row
    /// belongs to when the key does not name them (an account's `employee_id`).
    static func record(_ line: AuditLine) -> String {
        var fields = Dictionary(line.key, uniquingKeysWith: { first, _ in first })
        if fields["employee_id"] == nil, let person = line.person, person != "null" { fields["employee_id"] = person }
        let order = identity + fields.keys.filter { !identity.contains($0) }.sorted()
        // Codes in Italian, as in the values (`tipo verifica dell'OIV`, not `tipo oiv`).
        let parts = order.compactMap { name in
            fields[name].map { json in column(name) + " " + (string(json).map { codes[name]?[$0] ?? $0 } ?? json) }
        }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }

    /// The text a JSON string stands for, its escapes undone; nil for anything else (a number, an object).
    static func string(_ json: String) -> String? {
        guard json.count >= 2, json.first == "\"", json.last == "\"" else { return nil }
        let inner = json.dropFirst().dropLast()
        guard inner.contains("\\") else { return String(inner) }
        return try? JSONDecoder().decode(String.self, from: Data(json.utf8))
    }
}
