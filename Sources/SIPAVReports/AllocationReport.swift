import SIPAV

/// The allocation of both funds: each person's share, components and amount, and each fund's totals.
public enum AllocationReport {
    public static func build(plan: OrganisationalPlan, records: StaffRecords, scores: FinalScores,
                             allocation: Allocation) -> Report {
        let funds = [allocation.managers, allocation.staff]
        let managers = allocation.managers.count
        // A row per person, made when written: a large body's rows are never held as cells.
        let people = ReportTable(key: "amounts", title: "Importi individuali", columns: [
            Column("employee_id", "Matricola"), Column("name", "Nominativo"), Column("fund", "Fondo"),
            Column("area", "Area"), Column("final_score", "Punteggio", rightAligned: true), Column("band", "Fascia"),
            Column("share_cents", "Quota teorica", rightAligned: true),
            Column("coefficient_percent", "Coeff. individuale", rightAligned: true),
            Column("individual_cents", "Individuale", rightAligned: true),
            Column("ente_cents", "Ente", rightAligned: true), Column("area_cents", "Area", rightAligned: true),
            Column("increase_cents", "Maggiorazione", rightAligned: true),
            Column("redistributed_cents", "Ridistribuito", rightAligned: true),
            Column("amount_cents", "Importo", rightAligned: true),
        ], count: managers + allocation.staff.count) { row, values in
            let (fund, index) = row < managers ? (funds[0], row) : (funds[1], row - managers)
            let person = fund.person(at: index)
            let member = records.staff[person]
            values.append(.text(member.id))
            values.append(.text(member.name))
            values.append(.text(RoleLabel.fund(fund.kind)))
            values.append(.text(member.area.map { plan.areas[$0].id } ?? "—"))
            values.append(scores.isAssessable(person) ? .integer(Int(scores.score[person])) : .text("n.v."))
            values.append(.text(scores.band(person).rawValue))
            values.append(.exactCents(fund.figure(.share, at: index), digits: 2))
            values.append(.percent(fund.figure(.coefficient, at: index), digits: 2))
            for field in [AmountField.individual, .ente, .area, .increase, .redistributed] {
                values.append(.exactCents(fund.figure(field, at: index), digits: 2))
            }
            values.append(.cents(fund.cents(at: index)))
        }
        var totals = ReportTable(key: "funds", title: "Fondi", columns: [
            Column("fund", "Fondo"), Column("people", "Persone", rightAligned: true),
            Column("fund_cents", "Fondo", rightAligned: true), Column("paid_cents", "Erogato", rightAligned: true),
            Column("residual_cents", "Residuo", rightAligned: true),
            Column("increase_recipients", "Maggiorazioni", rightAligned: true),
        ])
        for fund in funds {
            totals.rows.append([
                .text(RoleLabel.fund(fund.kind)), .integer(fund.count), .cents(fund.fund.value),
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
