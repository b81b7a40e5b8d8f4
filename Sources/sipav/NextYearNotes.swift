import SIPAV
import SIPAVReports

/// What HR must look at in a draft of the next year (`NextYearDraft`), in Italian: kept beside its files as
/// `da-verificare.txt` with every list whole, and printed with the long lists cut to their first ten.
enum NextYearNotes {
    static let fileName = "da-verificare.txt"

    static func text(_ draft: NextYearDraft, from year: Int, complete: Bool) -> String {
        let next = draft.plan.year
        let changes = draft.changes
        var lines = ["Bozza dell'anno \(next) dall'anno \(year) dell'ente \(draft.plan.body): da completare, poi da importare con --planning.", ""]
        func item(_ text: String) { lines.append("- " + text) }
        /// An item naming `entries`: all of them, one a line, in the file; the first ten, on its line, when printed.
        func item(_ text: String, _ entries: [String], oneALine: Bool = false) {
            guard !entries.isEmpty else { return }
            let counted = text + " (" + ItalianNumbers.integer(entries.count) + ")"
            if complete && oneALine {
                item(counted + ":")
                lines += entries.map { "    " + $0 }
            } else {
                item(counted + ": " + (complete ? entries.joined(separator: ", ") : ShortList.text(entries)) + ".")
            }
        }
        let earlier = "il \(year) o un anno precedente"

        lines.append("Piano (plan.yaml):")
        if !changes.measuredLeftOut.isEmpty {
            item("Valori misurati del \(year) tolti, da misurare alla fine del \(next): " + ItalianNumbers.integer(changes.measuredLeftOut.count) + ".")
        }
        item("Indicatori a scadenza, con i mesi delle soglie spostati di un anno", changes.deadlinesMoved)
        item("Le soglie degli altri indicatori restano quelle del \(year): da confermare o aggiornare per il \(next).")
        item("Indicatori soppressi nel \(year), riportati senza la soppressione: da togliere se non servono più", changes.suppressionsLeftOut)
        item("Indicatori rivisti nel \(year), riportati con i traguardi rivisti e senza l'atto della revisione", changes.revisionsLeftOut)
        item("Indicatori con una nota, riportata: da rivedere, perché spesso descrive la misurazione del \(year)", changes.notesCarried)
        item("Testi che nominano \(earlier), da aggiornare", changes.planTextsNamingAYear.map(named))
        if changes.validatedLeftOut > 0 {
            item("Risultati validati dall'OIV nel \(year), non riportati: " + ItalianNumbers.integer(changes.validatedLeftOut) + ".")
        }

        lines += ["", "Personale (staff.csv):"]
        item("Le stesse persone del \(year), con categoria, Area e part-time: aggiungere chi entra nel \(next), togliere chi è cessato.")
        item("Persone con meno di 12 mesi di servizio nel \(year), riportate con 12: controllare chi è ancora in servizio e da quando",
             changes.serviceReset.map { "\($0.employeeID) \($0.name): " + ($0.months == 1 ? "1 mese" : "\($0.months) mesi") }, oneALine: true)
        item("Persone non valutabili nel \(year), riportate come valutabili: se il motivo dura, va scritto di nuovo",
             changes.assessableAgain.map { "\($0.employeeID) \($0.name): «\($0.notAssessableReason ?? "")»" }, oneALine: true)

        lines += ["", "Obiettivi individuali (objectives.csv):"]
        item("Obiettivi riportati con codice, titolo e peso, senza valutazioni: " + ItalianNumbers.integer(draft.objectives.count)
             + (changes.ratingsLeftOut > 0 ? " (valutazioni del \(year) tolte: " + ItalianNumbers.integer(changes.ratingsLeftOut) + ")" : "")
             + ". Da confermare o sostituire con quelli del \(next).")
        item("Persone senza obiettivi individuali, da assegnare prima della valutazione",
             changes.withoutObjectives.map { "\($0.employeeID) \($0.name)" }, oneALine: true)
        item("Titoli che nominano \(earlier), da aggiornare", changes.individualTitlesNamingAYear.map { "\($0.employeeID) \($0.code)" },
             oneALine: true)

        lines += ["", "Fondo (fund.yaml):"]
        item("Le voci sono riportate senza importo (0 €) e senza riferimento a un atto: vanno scritti gli importi costituiti per il "
             + "\(next), con i loro atti. Nel \(year) erano:")
        let naming = Set(changes.fundLinesNamingAYear)
        for (index, line) in changes.fundLines.enumerated() {
            lines.append("    voce \(index + 1), «\(RoleLabel.fund(line.fund))», «\(line.description)»: "
                         + ItalianNumbers.euros(cents: line.amount.value) + (line.reference.map { " (\($0))" } ?? "")
                         + (naming.contains(index + 1) ? "; la descrizione nomina \(earlier), da aggiornare" : ""))
        }
        let acts = [changes.giuntaLeftOut ? "della Giunta" : nil, changes.oivLeftOut ? "dell'OIV" : nil].compactMap { $0 }
        if !acts.isEmpty {
            item((acts.count == 1 ? "Conferma " : "Conferme ") + acts.joined(separator: " e ") + " del \(year) "
                 + (acts.count == 1 ? "non riportata" : "non riportate") + ": si registrano per il fondo del \(next).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func named(_ text: NextYearDraft.PlanText) -> String {
        switch text {
        case let .strategicLine(id): "linea \(id)"
        case let .area(id): "Area \(id)"
        case let .objective(id): "obiettivo \(id)"
        case let .indicator(id): "indicatore \(id)"
        }
    }
}
