import SIPAV

/// The final score of every person: unrounded weighted mean, score 0…6, band.
public enum ScoresReport {
    public static func build(plan: OrganisationalPlan, records: StaffRecords, scores: FinalScores) -> Report {
        var table = ReportTable(key: "scores", title: "Valutazioni individuali", columns: [
            Column("employee_id", "Matricola"), Column("name", "Nominativo"), Column("role", "Ruolo"),
            Column("category", "Categoria"), Column("area", "Area"),
            Column("objectives", "Obiettivi", rightAligned: true),
            Column("weighted_mean", "Media ponderata", rightAligned: true),
            Column("final_score", "Punteggio", rightAligned: true), Column("band", "Fascia"),
            Column("not_assessable_reason", "Non valutabile"),
        ])
        for (person, member) in records.staff.enumerated() {
            let assessable = scores.isAssessable(person)
            table.rows.append([
                .text(member.id), .text(member.name), .text(RoleLabel.italian(member.role)), .text(member.category),
                .text(member.area.map { plan.areas[$0].id } ?? "—"),
                .integer(records.objectives(of: person).count),
                assessable ? .number(scores.unrounded(person), digits: 2) : .empty,
                assessable ? .integer(Int(scores.score[person])) : .empty,
                .text(scores.band(person).rawValue),
                scores.notAssessableReason[person].map(Cell.text) ?? .empty,
            ])
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
