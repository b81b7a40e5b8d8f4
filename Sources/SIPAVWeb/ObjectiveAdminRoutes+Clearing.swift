import SIPAVReports
import SIPAVStore

extension ObjectiveAdminRoutes {
    /// Why an upload that would clear stored ratings or titles was refused, in Italian: the whole file without the
    /// column, or the people it names without a value, with how many each would lose.
    static func clearingRefusal(_ filename: String, _ people: [ClearedPerson], fileHasNone: Bool,
                                of column: StoredObjectivesCleared) -> String {
        let total = people.map(\.count).reduce(0, +)
        let (thing, things, stored, columns) = switch column {
        case .ratings: ("una valutazione già registrata", "valutazioni già registrate", "valutazioni", "le colonne cosa e come")
        case .titles: ("un titolo già registrato", "titoli già registrati", "titoli", "la colonna title")
        }
        let cleared = ItalianNumbers.agreeing(total, thing, "\(ItalianNumbers.integer(total)) \(things)")
        guard !fileHasNone else {
            let missing = column == .ratings ? "alcuna valutazione (le colonne cosa e come mancano o sono vuote)"
                                             : "alcun titolo (la colonna title manca o è vuota)"
            return "Il file \(filename) non è stato importato: non porta \(missing) e cancellerebbe \(cleared) degli stessi "
                + "obiettivi. Nulla è stato scritto. Ricarichi il file con \(columns) (le ha il file degli obiettivi scaricato da "
                + "qui o scritto da sipav db export)."
        }
        let whom = ItalianNumbers.count(people.count, "persona", "persone")
        return "Il file \(filename) non è stato importato: non porta \(column == .ratings ? "alcuna valutazione" : "alcun titolo") "
            + "per \(whom) di cui cancellerebbe \(cleared) degli stessi obiettivi: "
            + StoredObjectivesCleared.list(people) + " (matricola e numero di \(stored)). Nulla è stato scritto. Riporti nel file "
            + "\(columns) " + ItalianNumbers.agreeing(people.count, "di questa persona", "di queste persone")
            + " (le ha il file degli obiettivi scaricato da qui), oppure " + ItalianNumbers.agreeing(people.count, "la tolga", "le tolga")
            + " dal file: l'importazione cambia solo le persone che elenca."
    }

    /// An upload refused because objectives it would change were changed since it was downloaded.
    static func changedSinceDownloadRefusal(_ filename: String, _ people: [ClearedPerson]) -> String {
        let whom = ItalianNumbers.agreeing(people.count, "di questa persona", "di queste persone")
        return "Il file \(filename) non è stato importato: dopo che è stato scaricato, gli obiettivi o le valutazioni "
            + "\(whom) sono cambiati (un dirigente li ha valutati, o l'ufficio personale li ha modificati), e il file li "
            + "riporterebbe a com'erano: " + StoredObjectivesCleared.list(people) + " (matricola e numero di obiettivi). "
            + "Nulla è stato scritto. Scarichi di nuovo objectives.csv, vi ripeta le modifiche e lo importi."
    }
}
