import SIPAVReports
import SIPAVStore

extension ObjectiveAdminRoutes {
    /// Why a file downloaded for another year (its `year` column) was refused on `year`'s page, in Italian: both years
    /// named, and where each file belongs.
    static func otherYearRefusal(_ filename: String, _ fileYears: [Int], page year: Int) -> String {
        let named = fileYears.map(String.init)
        let years = named.count == 1 ? "l'anno \(named[0])"
            : "gli anni " + named.dropLast().joined(separator: ", ") + " e " + named.last!
        return "Il file \(filename) non è stato importato: è stato scaricato per \(years) (colonna year), e questa è la pagina "
            + "degli obiettivi dell'anno \(year). Nulla è stato scritto. Per cambiare gli obiettivi dell'anno \(year) scarichi "
            + "objectives.csv da questa pagina, vi riporti le modifiche e lo importi qui; un file di un altro anno si importa "
            + "nella pagina di quell'anno."
    }

    /// Why an upload bringing ratings into a year still in planning was refused, in Italian, naming the people with how
    /// many rated objectives each: planning sets objectives, titles and weights; managers rate once HR opens the year.
    static func ratedWhilePlanningRefusal(_ filename: String, _ people: [ClearedPerson], year: Int) -> String {
        let total = people.map(\.count).reduce(0, +)
        return "Il file \(filename) non è stato importato: porta valutazioni (cosa e come) per "
            + ItalianNumbers.count(total, "obiettivo", "obiettivi") + ", e l'anno \(year) è in programmazione: "
            + StoredObjectivesCleared.list(people) + " (matricola e numero di obiettivi valutati). Nulla è stato scritto. "
            + "In programmazione si assegnano obiettivi, titoli e pesi: lasci vuote le colonne cosa e come, o le tolga. "
            + "Le valutazioni si inseriscono quando l'ufficio personale apre l'anno alla valutazione dal cruscotto."
    }
}
