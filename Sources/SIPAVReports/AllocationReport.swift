import SIPAV

/// The allocation of both funds: each person's share, components and amount, and each fund's totals.
public enum AllocationReport {
    public static func build(plan: OrganisationalPlan, records: StaffRecords, scores: FinalScores,
                             allocation: Allocation) -> Report {
        var people = ReportTable(key: "amounts", title: "Importi individuali", columns: [
            Column("employee_id", "Matricola"), Column("name", "Nominativo"), Column("fund", "Fondo"),
            Column("area", "Area"), Column("final_score", "Punteggio", rightAligned: true), Column("band", "Fascia"),
            Column("share_cents", "Quota teorica", rightAligned: true),
            Column("coefficient_percent", "Coeff. individuale", rightAligned: true),
            Column("individual_cents", "Individuale", rightAligned: true),
            Column("ente_cents", "Ente", rightAligned: true), Column("area_cents", "Area", rightAligned: true),
            Column("increase_cents", "Maggiorazione", rightAligned: true),
            Column("redistributed_cents", "Ridistribuito", rightAligned: true),
            Column("amount_cents", "Importo", rightAligned: true),
        ])
        var totals = ReportTable(key: "funds", title: "Fondi", columns: [
            Column("fund", "Fondo"), Column("people", "Persone", rightAligned: true),
            Column("fund_cents", "Fondo", rightAligned: true), Column("paid_cents", "Erogato", rightAligned: true),
            Column("residual_cents", "Residuo", rightAligned: true),
            Column("increase_recipients", "Maggiorazioni", rightAligned: true),
        ])
        for fund in [allocation.managers, allocation.staff] {
            for amount in fund.people {
                let member = records.staff[amount.person]
                people.rows.append([
                    .text(member.id), .text(member.name), .text(RoleLabel.fund(fund.kind)),
                    .text(member.area.map { plan.areas[$0].id } ?? "—"),
                    scores.isAssessable(amount.person) ? .integer(Int(scores.score[amount.person])) : .text("n.v."),
                    .text(scores.band(amount.person).rawValue),
                    .exactCents(amount.share, digits: 2), .percent(amount.coefficient, digits: 2),
                    .exactCents(amount.individual, digits: 2), .exactCents(amount.ente, digits: 2),
                    .exactCents(amount.area, digits: 2), .exactCents(amount.increase, digits: 2),
                    .exactCents(amount.redistributed, digits: 2), .cents(amount.cents),
                ])
            }
            totals.rows.append([
                .text(RoleLabel.fund(fund.kind)), .integer(fund.people.count), .cents(fund.fund.value),
                .cents(fund.paid.value), .cents(fund.residual.value), .integer(fund.increaseRecipients),
            ])
        }
        return Report(key: "allocation", title: "Ripartizione del fondo \(plan.year) – \(plan.body)",
                      tables: [totals, people],
                      notes: ["Le componenti sono importi esatti arrotondati per la lettura; l'importo è in centesimi esatti:",
                              "ciascuno riceve la parte intera del proprio importo esatto e i centesimi residui vanno ai resti maggiori (a parità, matricola crescente).",
                              "Fascia BASSA e non valutabili: nessun importo, componenti organizzative comprese."])
    }
}
