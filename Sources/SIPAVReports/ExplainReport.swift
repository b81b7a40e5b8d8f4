import BigInt
import SIPAV

/// One person's amount, step by step: what an HR officer shows the person and an auditor.
public enum ExplainReport {
    public static func build(plan: OrganisationalPlan, records: StaffRecords, scores: FinalScores,
                             allocation: Allocation, settings: Settings, person: Int) -> Report {
        let member = records.staff[person]
        let fund = allocation.fund(member.role.fund)
        let amount = fund.amount(at: fund.row(of: person)!)
        var objectives = ReportTable(key: "objectives", title: "Obiettivi individuali", columns: [
            Column("objective", "Obiettivo"), Column("title", "Titolo"), Column("weight_percent", "Peso", rightAligned: true),
            Column("cosa", "Cosa", rightAligned: true), Column("come", "Come"),
            Column("score", "Punteggio (matrice)", rightAligned: true),
        ])
        for objective in records.objectives(of: person) {
            let score = objective.cosa.flatMap { cosa in objective.come.map { settings.individual.matrix.score(cosa: cosa, come: $0) } }
            objectives.rows.append([
                .text(objective.code), .text(objective.title), .percent(Ratio(objective.weightBasisPoints, 10_000), digits: 2),
                objective.cosa.map(Cell.integer) ?? .empty, objective.come.map { .text($0.letter) } ?? .empty,
                score.map(Cell.integer) ?? .empty,
            ])
        }
        let components = settings.fund.components(member.role.fund)
        var steps = ReportTable(key: "steps", title: "Calcolo dell'importo", columns: [
            Column("step", "Voce"), Column("value", "Valore", rightAligned: true), Column("how", "Come si ottiene"),
        ])
        let assessable = scores.isAssessable(person)
        // A person in band BASSA gets nothing, organisational components included: each component says so, where its
        // formula would give an amount the line does not show.
        let excluded: String? = amount.excluded ? "fascia BASSA: nessun importo" : nil
        steps.rows += [
            [.text("Fondo"), .cents(fund.fund.value), .text(RoleLabel.fund(fund.kind))],
            [.text("Peso della quota"), .number(amount.shareWeight, digits: 4), .text(shareWeightText(member, settings.fund))],
            [.text("Somma dei pesi"), .number(totalWeight(fund, amount), digits: 4),
             .text(fund.count == 1 ? "un solo avente diritto al fondo" : "\(ItalianNumbers.integer(fund.count)) aventi diritto al fondo")],
            [.text("Quota teorica"), .exactCents(amount.share, digits: 4), .text("fondo × peso / somma dei pesi")],
            [.text("Media ponderata"), assessable ? .number(scores.unrounded(person), digits: 4) : .empty,
             .text(assessable ? "somma di peso × punteggio della matrice" : "non valutabile: \(scores.notAssessableReason[person] ?? "")")],
            [.text("Punteggio finale"), assessable ? .integer(Int(scores.score[person])) : .empty,
             .text(assessable ? "arrotondamento \(ExplainReport.label(settings.individual.rounding)); fascia \(scores.band(person).rawValue)"
                              : "nessun punteggio (non valutabile); fascia \(scores.band(person).rawValue)")],
            [.text("Coefficiente individuale"), .percent(amount.coefficient, digits: 2),
             .text(assessable ? "dal punteggio finale" : "nessun punteggio: nessun coefficiente")],
            [.text("Componente individuale"), .exactCents(amount.individual, digits: 4),
             .text(excluded ?? ("quota × \(ItalianNumbers.exactPercent(components.individual)) × coefficiente" + (fund.individualScaling == .one ? "" : " × \(ItalianNumbers.number(fund.individualScaling, digits: 6)) (maggiorazione)")))],
            [.text("Componente ente"), .exactCents(amount.ente, digits: 4),
             .text(excluded ?? ("quota × \(ItalianNumbers.exactPercent(components.ente)) × " + resultText("ente", amount.enteResult, settings.fund, plan.validated(.ente))))],
        ]
        // An Area part of the managers' fund is refused by the settings; shown whenever there is one all the same,
        // so that the components always add up on the page.
        if member.role.fund == .staff || !components.area.isZero {
            let validated = member.area.flatMap { plan.validated(.area(plan.areas[$0].id)) }
            steps.rows.append([.text("Componente Area"), .exactCents(amount.area, digits: 4),
                               .text(excluded ?? ("quota × \(ItalianNumbers.exactPercent(components.area)) × " + resultText("Area", amount.areaResult, settings.fund, validated)))])
        }
        if member.role.fund == .staff, let increase = settings.fund.topRatingIncrease {
            steps.rows += increaseRows(person: person, amount: amount, fund: fund, increase: increase, records: records, scores: scores)
        }
        if settings.fund.residual == .redistribute {
            steps.rows.append(redistributionRow(amount: amount, capOfShare: settings.fund.redistributionCapOfShare))
        }
        steps.rows += [
            [.text("Importo esatto"), .exactCents(amount.exact, digits: 4), .text(amount.excluded ? "fascia BASSA: nessun importo" : "somma delle componenti")],
            [.text("Importo erogato"), .cents(amount.cents),
             .text(amount.receivedRemainderCent ? "parte intera + 1 centesimo (resti maggiori)" : "parte intera in centesimi")],
        ]
        return Report(key: "explanation", title: "\(member.id) – \(member.name): importo \(plan.year)",
                      tables: [objectives, steps])
    }
}

extension ExplainReport {
    /// The factors of a share's weight that the settings use, each with its value (short enough for a terminal's table).
    static func shareWeightText(_ member: StaffMember, _ settings: FundSettings) -> String {
        var factors = ["parametro categoria \(member.category) \(ItalianNumbers.number(settings.parameter(ofCategory: member.category), digits: 4))"]
        if settings.sharesFollowPartTime { factors.append("part-time \(ItalianNumbers.exactPercent(Ratio(member.partTimeBasisPoints, 10_000)))") }
        if settings.sharesFollowMonthsOfService { factors.append("\(member.monthsOfService)/12 mesi") }
        let text = factors.joined(separator: " × ")
        switch (settings.sharesFollowPartTime, settings.sharesFollowMonthsOfService) {
        case (true, true): return text
        case (false, true): return text + " (part-time non conta)"
        case (true, false): return text + " (mesi non contano)"
        case (false, false): return text + " (part-time e mesi non contano)"
        }
    }

    /// The weights of the fund's shares together: from this person's share when it is not zero, else added up.
    static func totalWeight(_ fund: FundAllocation, _ amount: PersonAmount) -> Ratio {
        if !amount.share.isZero { return Ratio(BigInt(fund.fund.value)) * amount.shareWeight / amount.share }
        return (0..<fund.count).reduce(Ratio.zero) { $0 + fund.amount(at: $1).shareWeight }
    }

    /// The result an organisational component multiplies, said as the settings use it: the ente's or the Area's
    /// result in force, with its source, or a fixed 100 % when the components do not follow the results.
    static func resultText(_ scope: String, _ applied: Ratio, _ settings: FundSettings, _ validated: ValidatedResult?) -> String {
        guard settings.organisationalComponentsFollowResults else { return "100 % (componente fissa: non segue il risultato \(scope))" }
        // The OIV's reference is in the organisation report, beside the figure; here the line stays whole.
        let source = validated == nil ? "calcolato" : "validato OIV"
        return "risultato \(scope) \(ItalianNumbers.exactPercent(applied)) (\(source))"
    }
    /// How the weighted mean becomes the final score, in the words of the page that explains it: short enough that
    /// the line stays whole in a terminal's table (70 characters).
    static func label(_ rounding: ScoreRounding) -> String {
        switch rounding {
        case .halfUp: "all'intero più vicino (0,5 per eccesso)"
        case .halfEven: "all'intero più vicino (0,5 al pari)"
        case .floor: "per difetto"
        }
    }
}
