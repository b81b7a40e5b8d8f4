import SIPAV
import SIPAVReports

/// The values of the employee's own appraisal page: one person's objectives, scores, band and bonus breakdown,
/// read from the year computed as the transparency page computes it. The breakdown is `sipav db report explain`'s,
/// row for row, so that the person checks the amount the way the HR office does.
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
                "weight": WeightText.percent(basisPoints: objective.weightBasisPoints),
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
            values["bonus"] = ["steps": steps, "excluded": fund.amount(at: row).excluded] as [String: Any]
            // The amount at the top of the page too: the twelve steps that explain it come below.
            values["amountPaid"] = ItalianNumbers.euros(cents: fund.cents(at: row))
        }
        return values
    }

    /// The classes of the rows the page shows apart (the amount paid in bold), by the report's name of the row.
    static let stepClasses = ["Quota teorica": "share", "Coefficiente individuale": "coefficient", "Importo erogato": "amount"]

    /// The steps of the amount, as `ExplainReport` gives them: the row's name, its value and how it is obtained.
    /// Only for a person with a row in their fund.
    private var steps: [[String: Any]] {
        let report = ExplainReport.build(plan: year.records.plan, records: year.records.records, scores: year.scores,
                                         allocation: year.allocation, settings: year.settings, person: person)
        guard let table = report.tables.first(where: { $0.key == "steps" }) else { return [] }
        return table.rows.map { cells -> [String: Any] in
            let label = cells[0].italianText(), name = OwnAppraisalView.stepClasses[label]
            var step: [String: Any] = ["label": label, "value": cells[1].italianText(), "isAmount": name == "amount"]
            // Only keys with a value: an empty string would still open its section in the template.
            if let name { step["class"] = name }
            let how = cells[2].italianText(empty: "")
            if !how.isEmpty { step["how"] = how }
            return step
        }
    }
}
