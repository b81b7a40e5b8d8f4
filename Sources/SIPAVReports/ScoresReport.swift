import SIPAV

/// The final score of every person: unrounded weighted mean, score 0…6, band.
public enum ScoresReport {
    public static func build(plan: OrganisationalPlan, records: StaffRecords, scores: FinalScores) -> Report {
        // A row per person, made when written.
        let table = ReportTable(key: "scores", title: "Valutazioni individuali", columns: [
            Column("employee_id", "Matricola"), Column("name", "Nominativo"), Column("role", "Ruolo"),
            Column("category", "Categoria"), Column("area", "Area"),
            Column("objectives", "Obiettivi", rightAligned: true),
            Column("weighted_mean", "Media ponderata", rightAligned: true),
            Column("final_score", "Punteggio", rightAligned: true), Column("band", "Fascia"),
            Column("not_assessable_reason", "Non valutabile"),
        ], count: records.staff.count) { person, cells in
            let staff = records.staff
            let assessable = scores.isAssessable(person)
            cells.text(staff[person].id)
            cells.text(staff[person].name)
            cells.text(RoleLabel.italian(staff[person].role))
            cells.text(staff[person].category)
            if let area = staff[person].area { cells.text(plan.areas[area].id) } else { cells.absent("—") }
            cells.integer(records.objectiveStart[person + 1] - records.objectiveStart[person])
            if assessable {
                // Exact: the weights are basis points. Two decimals would show 4.495 as 4,50 beside a final score of 4.
                cells.number(ExactFigure(numerator: Int128(scores.weightedSum[person]), denominator: 10_000), digits: 4)
                cells.integer(Int(scores.score[person]))
            } else {
                cells.empty()
                cells.empty()
            }
            cells.text(scores.band(person).rawValue)
            if let reason = scores.notAssessableReason[person] { cells.text(reason) } else { cells.empty() }
        }
        return Report(key: "scores", title: "Valutazioni individuali \(plan.year) – \(plan.body)", tables: [table])
    }
}

/// Italian labels of roles and funds, shared by every report and page.
public enum RoleLabel {
    public static func italian(_ role: Role) -> String {
        switch role {
        case .segretarioGenerale: return "Segretario Generale"
        case .dirigente: return "Dirigente"
        case .dipendente: return "Dipendente"
        }
    }
    public static func fund(_ kind: FundKind) -> String {
        kind == .staff ? "Personale non dirigente" : "Dirigenza"
    }
}
