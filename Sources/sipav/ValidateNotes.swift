import SIPAV
import SIPAVCycle
import SIPAVReports

/// What `validate` says of valid files that may still hold a slip: notes, not faults (the files pass).
extension Validate {
    /// Every note the files give, in order.
    static func notes(_ inputs: YearInputs) -> [String] {
        [unusedWeightsNotice(inputs), managersPlacedElsewhereNotice(inputs), ratedButNotAssessableNotice(inputs.records)].compactMap { $0 }
    }

    /// `Nota: 2 persone non valutabili hanno obiettivi valutati: …`. A reason in `not_assessable` makes the ratings count
    /// for nothing and the person paid nothing: rated objectives beside it most often mean the reason is the slip.
    static func ratedButNotAssessableNotice(_ records: StaffRecords) -> String? {
        let named = records.staff.indices.filter { person in
            records.staff[person].notAssessableReason != nil && records.objectives(of: person).contains { $0.cosa != nil }
        }.map { records.staff[$0].id }
        guard !named.isEmpty else { return nil }
        let one = named.count == 1
        return "Nota: " + ItalianNumbers.count(named.count, "persona non valutabile ha", "persone non valutabili hanno")
            + " obiettivi valutati (\(ShortList.text(named))): " + (one ? "per questa persona" : "per loro")
            + " le valutazioni non contano e il premio è nullo. " + (one ? "Se è valutabile" : "Se sono valutabili")
            + ", svuoti not_assessable in staff.csv."
    }

    /// `Nota: … DIR002 guida AREA1 ed è in AREA2 …`: an Area's manager whom the staff list places in another Area. An
    /// interim leads an Area other than their own; a manager moved in one file and not in the other does too.
    static func managersPlacedElsewhereNotice(_ inputs: YearInputs) -> String? {
        let (areas, records) = (inputs.plan.areas, inputs.records)
        let found = areas.indices.compactMap { index -> String? in
            guard let id = areas[index].manager, let person = records.person(withID: id),
                  let own = records.staff[person].area, own != index else { return nil }
            return "\(id) guida \(areas[index].id) ed è in \(areas[own].id)"
        }
        guard !found.isEmpty else { return nil }
        return "Nota: il piano affida " + (found.count == 1 ? "un'Area a un dirigente" : "Aree a dirigenti")
            + " che l'elenco del personale pone in un'altra Area (\(ShortList.text(found, separator: "; "))): se non è un "
            + "interim, corregga area in staff.csv o manager in plan.yaml."
    }
}
