import SIPAV

/// The allocation of both funds: each person's share, components and amount, and each fund's totals.
public enum AllocationReport {
    public static func build(plan: OrganisationalPlan, records: StaffRecords, scores: FinalScores,
                             allocation: Allocation) -> Report {
        let funds = [allocation.managers, allocation.staff]
        let managers = allocation.managers.count
        let staff = records.staff
        // Each row reads its fund in place: a copy of a fund per row would retain and release its references.
        @Sendable func fill(_ fund: FundAllocation, _ index: Int, _ cells: CellWriter) {
            let person = fund.person(at: index)
            cells.text(staff[person].id)
            cells.text(staff[person].name)
            cells.text(RoleLabel.fund(fund.kind))
            if let area = staff[person].area { cells.text(plan.areas[area].id) } else { cells.absent("—") }
            if scores.isAssessable(person) { cells.integer(Int(scores.score[person])) } else { cells.absent("n.v.") }
            cells.text(scores.band(person).rawValue)
            let figures = fund.figures(at: index)
            cells.exactCents(figures.share, digits: 2)
            cells.percent(figures.coefficient, digits: 2)
            cells.exactCents(figures.individual, digits: 2)
            cells.exactCents(figures.ente, digits: 2)
            cells.exactCents(figures.area, digits: 2)
            cells.exactCents(figures.increase, digits: 2)
            cells.exactCents(figures.redistributed, digits: 2)
            cells.cents(figures.cents)
        }
        // A row per person, made when written: a large body's rows are never held as cells.
        let people = ReportTable(key: "amounts", title: amountsTitle, columns: amountColumns,
                                 count: managers + allocation.staff.count) { row, cells in
            if row < managers { fill(allocation.managers, row, cells) } else { fill(allocation.staff, row - managers, cells) }
        }
        var totals = ReportTable(key: "funds", title: fundsTitle, columns: fundColumns)
        // The increase and the factor that pays for it out of everyone's individual component (CCNL 21/05/2018
        // art. 69) are the fund's, not a person's: a row's individual component reads right only beside them.
        for fund in funds {
            totals.rows.append([
                .text(RoleLabel.fund(fund.kind)), .integer(fund.count), .cents(fund.fund.value),
                .cents(fund.paid.value), .cents(fund.residual.value), .integer(fund.increaseRecipients),
                .exactCents(fund.increasePerHead, digits: 2), .number(fund.individualScaling, digits: 6),
            ])
        }
        return Report(key: "allocation", title: title(year: plan.year, body: plan.body), tables: [totals, people],
                      notes: funds.compactMap(emptyFundNote) + notes)
    }

    /// `Il fondo «Personale non dirigente» è di 0,00 €: …`, for a fund of nothing with people paid from it: most often
    /// a year drafted from the one before (`sipav next-year`) whose lines were never given their amounts. Nil otherwise.
    public static func emptyFundNote(_ fund: FundAllocation) -> String? {
        guard fund.count > 0, fund.fund == .zero else { return nil }
        return "Il fondo «\(RoleLabel.fund(fund.kind))» è di 0,00 €: "
            + (fund.count == 1 ? "la sua persona non riceve alcun importo" : "nessuna delle sue \(ItalianNumbers.integer(fund.count)) persone riceve un importo")
            + ". Se non è voluto, le voci del fondo vanno scritte con gli importi costituiti per l'anno (in un anno già ripartito, "
            + "dopo averlo riaperto)."
    }

    public static func title(year: Int, body: String) -> String { "Ripartizione del fondo \(year) – \(body)" }

    /// The layout of the report, which a run's stored allocation is printed in too.
    public static let fundsTitle = "Fondi"
    public static let fundColumns = [
        Column("fund", "Fondo"), Column("people", "Persone", rightAligned: true),
        Column("fund_cents", "Stanziato", rightAligned: true), Column("paid_cents", "Erogato", rightAligned: true),
        Column("residual_cents", "Residuo", rightAligned: true),
        Column("increase_recipients", "Maggiorazioni", rightAligned: true),
        Column("increase_per_head_cents", "Maggiorazione pro capite", rightAligned: true),
        Column("individual_scaling", "Fattore della componente individuale", rightAligned: true),
    ]
    public static let amountsTitle = "Importi individuali"
    public static let amountColumns = [
        Column("employee_id", "Matricola"), Column("name", "Nominativo"), Column("fund", "Fondo"),
        Column("area", "Area"), Column("final_score", "Punteggio", rightAligned: true), Column("band", "Fascia"),
        Column("share_cents", "Quota teorica", rightAligned: true),
        Column("coefficient_percent", "Coeff. individuale", rightAligned: true),
        Column("individual_cents", "Individuale", rightAligned: true),
        Column("ente_cents", "Componente Ente", rightAligned: true), Column("area_cents", "Componente Area", rightAligned: true),
        Column("increase_cents", "Maggiorazione", rightAligned: true),
        Column("redistributed_cents", "Ridistribuito", rightAligned: true),
        Column("amount_cents", "Importo", rightAligned: true),
    ]
    public static let notes = [
        "La quota teorica e le componenti sono importi esatti arrotondati al centesimo per la lettura: "
            + "la loro somma può differire di qualche centesimo dal fondo e dall'importo. L'importo è in centesimi "
            + "esatti: ciascuno riceve la parte intera del proprio importo esatto e i centesimi residui vanno ai "
            + "resti maggiori (a parità, matricola crescente); gli importi sommano al pagato, al centesimo.",
        "Fascia BASSA e non valutabili: nessun importo, componenti organizzative comprese.",
    ]
}
