import SIPAV
import SIPAVReports
import SIPAVStore

/// What HR must look at in a draft of the next year (`NextYearDraft`), in Italian: printed by the command that writes
/// it and kept beside its files as `da-verificare.txt`.
enum NextYearNotes {
    static let fileName = "da-verificare.txt"

    static func text(_ draft: NextYearDraft, from year: Int, body: String) -> String {
        let next = draft.plan.year
        let changes = draft.changes
        var lines = ["Bozza dell'anno \(next) dall'anno \(year) dell'ente \(body): da completare, poi da importare con --planning.", ""]
        func item(_ text: String) { lines.append("- " + text) }
        func named(_ ids: [String]) -> String { ShortList.text(ids) }

        lines.append("Piano (plan.yaml):")
        if !changes.measuredLeftOut.isEmpty {
            item(ItalianNumbers.count(changes.measuredLeftOut.count, "valore misurato del \(year) tolto", "valori misurati del \(year) tolti")
                 + ": si misurano alla fine del \(next).")
        }
        if !changes.notesLeftOut.isEmpty {
            item("Note sulle misurazioni del \(year) tolte: " + named(changes.notesLeftOut) + ".")
        }
        if !changes.deadlinesMoved.isEmpty {
            item(ItalianNumbers.count(changes.deadlinesMoved.count, "indicatore a scadenza", "indicatori a scadenza")
                 + " con i mesi delle soglie spostati di un anno: " + named(changes.deadlinesMoved) + ".")
        }
        item("Le soglie degli altri indicatori restano quelle del \(year): da confermare o aggiornare per il \(next).")
        if !changes.revisionsLeftOut.isEmpty {
            item("Indicatori rivisti nel \(year), riportati con i traguardi rivisti e senza l'atto della revisione: "
                 + named(changes.revisionsLeftOut) + ".")
        }
        if !changes.suppressedLeftOut.isEmpty {
            item("Indicatori soppressi nel \(year), non riportati: " + named(changes.suppressedLeftOut) + ".")
        }
        if !changes.objectivesLeftOut.isEmpty {
            item("Obiettivi rimasti senza indicatori, non riportati: " + named(changes.objectivesLeftOut) + ".")
        }
        if !changes.areasWithoutObjectives.isEmpty {
            item("Aree senza obiettivi propri nel piano del \(next), da aggiungere prima dell'importazione: "
                 + named(changes.areasWithoutObjectives) + ".")
        }
        if !changes.planTextsNamingTheYear.isEmpty {
            item("Titoli o nomi che nominano il \(year), da aggiornare: " + named(changes.planTextsNamingTheYear) + ".")
        }
        if changes.validatedLeftOut > 0 {
            item(ItalianNumbers.count(changes.validatedLeftOut, "risultato validato dall'OIV", "risultati validati dall'OIV")
                 + " del \(year) non riportati.")
        }

        lines += ["", "Personale (staff.csv):"]
        item("Le stesse persone del \(year), con il loro part-time: aggiungere chi entra nel \(next), togliere chi è cessato.")
        if !changes.serviceReset.isEmpty {
            item(ItalianNumbers.count(changes.serviceReset.count, "persona", "persone")
                 + " con meno di 12 mesi di servizio nel \(year) ne hanno 12: controllare chi è ancora in servizio e da quando: "
                 + ShortList.text(changes.serviceReset.map { "\($0.employeeID) \($0.name) (\($0.months) mesi)" }) + ".")
        }
        if !changes.assessableAgain.isEmpty {
            item(ItalianNumbers.count(changes.assessableAgain.count, "persona non valutabile", "persone non valutabili")
                 + " nel \(year) sono valutabili: "
                 + ShortList.text(changes.assessableAgain.map { "\($0.employeeID) \($0.name) («\($0.notAssessableReason ?? "")»)" })
                 + ". Se il motivo dura, va scritto di nuovo.")
        }

        lines += ["", "Obiettivi individuali (objectives.csv):"]
        item(ItalianNumbers.count(draft.objectives.count, "obiettivo riportato", "obiettivi riportati")
             + " con codice, titolo e peso, senza valutazioni"
             + (changes.ratingsLeftOut > 0
                ? " (" + ItalianNumbers.count(changes.ratingsLeftOut, "valutazione del \(year) tolta", "valutazioni del \(year) tolte") + ")"
                : "")
             + ": da confermare o sostituire con gli obiettivi del \(next).")
        if changes.individualTitlesNamingTheYear > 0 {
            item(ItalianNumbers.count(changes.individualTitlesNamingTheYear, "titolo nomina", "titoli nominano") + " il \(year), da aggiornare.")
        }
        if !changes.withoutObjectives.isEmpty {
            item(ItalianNumbers.count(changes.withoutObjectives.count, "persona senza obiettivi individuali", "persone senza obiettivi individuali")
                 + ", da assegnare prima della valutazione: " + named(changes.withoutObjectives) + ".")
        }

        lines += ["", "Fondo (fund.yaml):"]
        item("Le voci del \(year) sono riportate come segnaposto (personale "
             + ItalianNumbers.euros(cents: changes.staffFund.value) + ", dirigenti " + ItalianNumbers.euros(cents: changes.managersFund.value)
             + "): vanno sostituite con quelle costituite per il \(next).")
        if !changes.fundLinesNamingTheYear.isEmpty {
            item("Descrizioni che nominano il \(year), da aggiornare: " + ShortList.text(changes.fundLinesNamingTheYear.map { "voce \($0)" }) + ".")
        }
        if changes.lineReferencesLeftOut > 0 {
            item(ItalianNumbers.count(changes.lineReferencesLeftOut, "riferimento", "riferimenti")
                 + " agli atti del \(year) tolti dalle voci.")
        }
        let acts = [changes.giuntaLeftOut ? "della Giunta" : nil, changes.oivLeftOut ? "dell'OIV" : nil].compactMap { $0 }
        if !acts.isEmpty {
            item("Conferme " + acts.joined(separator: " e ") + " del \(year) non riportate: si registrano per il fondo del \(next).")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
