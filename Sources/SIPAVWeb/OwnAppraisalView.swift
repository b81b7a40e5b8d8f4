import SIPAV
import SIPAVReports

/// The values of the employee's own appraisal page: one person's objectives, scores, band and bonus breakdown,
/// read from the year computed as the transparency page computes it.
struct OwnAppraisalView {
    let year: ComputedYear
    /// The person's index in the year's staff list.
    let person: Int

    var values: [String: Any] {
        let member = year.records.records.staff[person]
        let scores = year.scores
        let matrix = year.settings.individual.matrix
        var values: [String: Any] = ["name": member.name, "employeeID": member.id]
        values["objectives"] = year.records.records.objectives(of: person).map { objective -> [String: Any] in
            var row: [String: Any] = [
                "code": objective.code, "title": objective.title,
                "weight": ItalianNumbers.percent(Ratio(objective.weightBasisPoints, 10_000), digits: 0),
                "cosa": objective.cosa.map(String.init) ?? "—", "come": objective.come?.letter ?? "—",
            ]
            if let cosa = objective.cosa, let come = objective.come { row["score"] = String(matrix.score(cosa: cosa, come: come)) }
            return row
        }
        if scores.isAssessable(person) {
            values["final"] = ["unrounded": ItalianNumbers.weightedMean(scores.unrounded(person)),
                               "score": String(scores.score[person]), "band": scores.band(person).rawValue]
        } else {
            values["notAssessable"] = scores.notAssessableReason[person] ?? "non valutabile"
            values["band"] = scores.band(person).rawValue
        }
        let fund = year.allocation.fund(member.role.fund)
        if let row = fund.row(of: person) {
            let amount = fund.amount(at: row)
            let euros = { (exact: Ratio) in ItalianNumbers.euros(exactCents: exact, digits: 2) }
            values["bonus"] = [
                "share": euros(amount.share), "coefficient": ItalianNumbers.number(amount.coefficient, digits: 2),
                "excluded": amount.excluded,
                "components": [("Componente individuale", amount.individual), ("Risultato dell'ente", amount.ente),
                               ("Risultato dell'Area", amount.area), ("Maggiorazione (art. 69 CCNL)", amount.increase),
                               ("Residuo ridistribuito", amount.redistributed)].map { ["label": $0.0, "amount": euros($0.1)] },
                "amount": ItalianNumbers.euros(cents: amount.cents),
            ] as [String: Any]
        }
        return values
    }
}
