import SIPAV

/// The differentiation statistics published for transparency (D.Lgs. 33/2013 art. 20).
public enum StatisticsReport {
    /// The report, publishing the scores and amounts only of groups of at least `minimumGroupSize` people (and of
    /// no group that the withheld ones could be had back from by difference: `StatisticsDisclosure`).
    public static func build(plan: OrganisationalPlan, statistics: DifferentiationStatistics, previous: PreviousYear? = nil,
                             minimumGroupSize: Int = StatisticsSettings().minimumGroupSize) -> Report {
        let disclosure = statistics.disclosure(minimumGroupSize: minimumGroupSize)
        let groups = [statistics.everyone, statistics.managers, statistics.staff] + statistics.staffByArea + statistics.staffByCategory
        let named = " – \(plan.year), \(plan.body)"
        var distribution = ReportTable(key: "distribution", title: "Distribuzione dei punteggi finali (% sul totale del gruppo)" + named, columns: [
            Column("group", "Gruppo"), Column("score", "Punteggio", rightAligned: true),
            Column("people", "Persone", rightAligned: true), Column("percent", "%", rightAligned: true),
            Column("bar", "Grafico"),
        ])
        var bands = ReportTable(key: "bands", title: "Fasce (i non valutabili sono contati in BASSA)" + named, columns: [
            Column("group", "Gruppo"), Column("band", "Fascia"), Column("people", "Persone", rightAligned: true),
            Column("percent", "%", rightAligned: true),
        ])
        var summary = ReportTable(key: "summary", title: "Sintesi e grado di differenziazione" + named, columns: [
            Column("group", "Gruppo"), Column("people", "Persone", rightAligned: true),
            Column("not_assessable", "Non valutabili", rightAligned: true),
            Column("mean_score", "Media", rightAligned: true), Column("median_score", "Mediana", rightAligned: true),
            Column("standard_deviation", "Dev. standard", rightAligned: true),
            Column("gini_index", "Indice di Gini", rightAligned: true),
            Column("allocated_cents", "Quote teoriche", rightAligned: true),
            Column("paid_cents", "Erogato", rightAligned: true),
            // Under redistribution a group can be paid more than its shares: a difference, not money left unpaid.
            Column("shares_minus_paid_cents", "Differenza (quote − erogato)", rightAligned: true),
        ])
        for group in groups {
            let name = label(group.group, plan)
            let withheld = disclosure.withheldCell(disclosure.reason(group.group))
            // The scores and bands of too few assessable people are theirs, whatever the group's size: the not assessable
            // are counted apart (and in BASSA).
            let scoresWithheld = disclosure.withheldCell(disclosure.scoreFiguresReason(group.group))
            func count(_ count: Int, withheld: Cell? = scoresWithheld) -> [Cell] {
                if let withheld { return [withheld, withheld] }
                return [.integer(count), group.population == 0 ? .empty : .percent(group.share(count), digits: 1)]
            }
            func chart(_ count: Int, withheld: Cell? = scoresWithheld) -> Cell {
                withheld ?? .text(group.population == 0 ? "" : bar(group.share(count)))
            }
            for score in (0...6).reversed() {
                let people = group.scoreCounts[score]
                distribution.rows.append([.text(name), .text(String(score))] + count(people) + [chart(people)])
            }
            distribution.rows.append([.text(name), .text("n.v.")] + count(group.notAssessable, withheld: withheld)
                                     + [chart(group.notAssessable, withheld: withheld)])
            for (band, people) in zip(Band.allCases.reversed(), group.bandCounts.reversed()) {
                bands.rows.append([.text(name), .text(band.rawValue)] + count(people))
            }
            let paidWithheld = disclosure.withheldCell(disclosure.paidReason(group.group))
            let figures: [Cell] = [
                .integer(group.notAssessable),
                scoresWithheld ?? group.meanScore.map { .number($0, digits: 2) } ?? .empty,
                scoresWithheld ?? group.medianScore.map { .number($0, digits: 1) } ?? .empty,
                scoresWithheld ?? group.standardDeviation.map { .number(decimal($0), digits: 2) } ?? .empty,
                paidWithheld ?? group.gini.map { .number($0, digits: 3) } ?? .empty,
                .cents(group.allocated), paidWithheld ?? .cents(group.paid), paidWithheld ?? .cents(group.unpaid),
            ]
            summary.rows.append([.text(name), .integer(group.population)] + figures.map { withheld ?? $0 })
        }
        var bonus = ReportTable(key: "bonus", title: "Premi per fascia e per punteggio" + named, columns: [
            Column("group", "Gruppo"), Column("class", "Classe"), Column("people", "Persone", rightAligned: true),
            Column("total_cents", "Totale", rightAligned: true), Column("mean_cents", "Media", rightAligned: true),
            Column("minimum_cents", "Minimo", rightAligned: true), Column("maximum_cents", "Massimo", rightAligned: true),
        ])
        for group in [statistics.managers, statistics.staff] {
            let name = label(group.group, plan)
            typealias Class = StatisticsDisclosure.BonusClass
            let classes = zip(Band.allCases, group.bonusByBand).reversed().map { ("Fascia \($0.rawValue)", Class.band($0), $1) }
                + (0...6).reversed().map { ("Punteggio \($0)", Class.score($0), group.bonusByScore[$0]) }
                + [("Non valutabili", Class.notAssessable, group.bonusNotAssessable)]
            // A group withheld, or whose scores are (too few assessed), shows none of its classes, not even how many people
            // each holds (one manager's band and score), nor which are empty (the others).
            let groupWithheld = disclosure.withheldCell(disclosure.scoreFiguresReason(group.group))
            for (title, bonusClass, figures) in classes {
                let withheld = groupWithheld ?? disclosure.withheldCell(disclosure.reason(bonusClass, of: group.group))
                let extremes = groupWithheld ?? disclosure.withheldCell(disclosure.extremesReason(bonusClass, of: group.group))
                bonus.rows.append([
                    .text(name), .text(title), groupWithheld ?? .integer(figures.count),
                    withheld ?? .cents(figures.total), withheld ?? figures.mean.map { .exactCents($0, digits: 2) } ?? .empty,
                    extremes ?? figures.minimum.map(Cell.cents) ?? .empty, extremes ?? figures.maximum.map(Cell.cents) ?? .empty,
                ])
            }
        }
        var funds = ReportTable(key: "funds", title: "Fondi: stanziato, erogato, residuo" + named, columns: [
            Column("fund", "Fondo"), Column("fund_cents", "Stanziato", rightAligned: true),
            Column("paid_cents", "Erogato", rightAligned: true), Column("residual_cents", "Residuo", rightAligned: true),
        ])
        for (fund, group) in [(statistics.allocation.managers, statistics.managers), (statistics.allocation.staff, statistics.staff)] {
            // The fund itself is a public act; what a withheld group was paid is not.
            let withheld = disclosure.withheldCell(disclosure.paidReason(group.group))
            funds.rows.append([.text(RoleLabel.fund(fund.kind)), .cents(fund.fund.value),
                               withheld ?? .cents(fund.paid.value), withheld ?? .cents(fund.residual.value)])
        }
        let compared = previous.map { StatisticsReport.comparison(groups, previous: $0, plan: plan, disclosure: disclosure) }
        // Published figures: JSON carries them as printed, one decimal for a percentage (rules, §4), whole cents.
        let tables = ([distribution, bands, summary, bonus, funds] + (compared.map { [$0] } ?? [])).map { table in
            var table = table
            table.figuresAsPrinted = true
            return table
        }
        let withholding = "Per i gruppi di meno di \(minimumGroupSize) persone si pubblica solo il numero delle persone: punteggi, "
            + "percentuali, medie e importi non sono pubblicati perché riguarderebbero singole persone; così i punteggi di un gruppo "
            + "con meno di \(minimumGroupSize) persone valutate e quanto ha percepito un gruppo con meno di \(minimumGroupSize) "
            + "persone premiate; non lo sono neppure "
            + "quelli di un altro gruppo da cui si potrebbero ricavare per differenza, né il minimo e il massimo di una classe "
            + "che, con il totale, darebbero quanto percepito da meno di \(minimumGroupSize) persone."
        return Report(key: "statistics", title: StatisticsReport.title(year: plan.year, body: plan.body),
                      tables: tables,
                      notes: ["Percentuali sul totale del gruppo, non valutabili compresi, arrotondate ciascuna al decimo più vicino "
                                  + "(0,05 per eccesso): la somma delle percentuali di un gruppo può differire di qualche decimo da 100, "
                                  + "e quella dei punteggi di una fascia dalla percentuale della fascia.",
                              "n.v.: non valutabili (con il motivo registrato nella valutazione, ad esempio un servizio troppo breve); "
                                  + "nelle fasce sono contati in BASSA.",
                              "Media, mediana e deviazione standard (della popolazione) escludono i non valutabili.",
                              "Indice di Gini sugli importi di tutte le persone del gruppo, zeri compresi."]
                          + (minimumGroupSize > 1 ? [withholding] : []))
    }

    /// What a withheld figure says in a table and a CSV (`null` in JSON).
    public static func withheldText(_ reason: StatisticsDisclosure.Reason, _ minimumGroupSize: Int) -> String {
        switch reason {
        case .fewPeople: return "non pubblicato (meno di \(minimumGroupSize) persone)"
        case .fewAssessable: return "non pubblicato (meno di \(minimumGroupSize) persone valutate)"
        case .fewPaid: return "non pubblicato (meno di \(minimumGroupSize) persone con un premio)"
        case .derivable: return "non pubblicato (ricavabile per differenza)"
        case .extremeOfWithheld: return "non pubblicato (rivelerebbe un importo non pubblicato)"
        case .extremesGiveTheRest: return "non pubblicato (con il totale rivelerebbe gli altri importi)"
        }
    }

    /// The name of a group in the report's first column (the transparency page finds its rows by it).
    public static func label(_ group: GroupStatistics.Group, _ plan: OrganisationalPlan) -> String {
        switch group {
        case .everyone: return "Tutto il personale"
        case .managers: return "Dirigenti"
        case .staff: return "Personale non dirigente"
        case let .area(id): return "Non dirigenti – \(plan.areas.first { $0.id == id }?.name ?? id)"
        case let .category(category): return "Non dirigenti – categoria \(category)"
        }
    }

    static func bar(_ share: Ratio) -> String {
        String(repeating: "█", count: Int((share * Ratio(40)).roundedHalfUp))
    }

    /// A statistic that is already a floating-point figure, as an exact decimal of six places.
    static func decimal(_ value: Double) -> Ratio {
        Ratio(Int((value * 1_000_000).rounded()), 1_000_000)
    }
}

extension StatisticsReport {
    /// The report's title, which names its year and body: a comparison reads them back from the previous year's JSON.
    public static func title(year: Int, body: String) -> String { "Differenziazione delle valutazioni \(year) – \(body)" }

    /// The year and body a title of `title(year:body:)` names; nil for any other text.
    public static func yearAndBody(of title: String) -> (year: Int, body: String)? {
        guard let match = title.wholeMatch(of: /Differenziazione delle valutazioni (\d{4}) – (.+)/), let year = Int(match.1) else { return nil }
        return (year, String(match.2))
    }

    /// The heading of the comparison of `year` with the year whose statistics are titled `previousTitle`: "Confronto con
    /// l'anno precedente" when that is `year - 1` (or its year cannot be read), "Confronto con il 2017" when a year
    /// between them is skipped.
    public static func comparisonHeading(year: Int, previousTitle: String) -> String {
        guard let previous = yearAndBody(of: previousTitle)?.year, previous != year - 1 else { return "Confronto con l'anno precedente" }
        return "Confronto con il \(previous)"
    }
}

extension StatisticsDisclosure {
    /// The cell of a figure withheld for `reason`, saying why; nil for a figure published.
    func withheldCell(_ reason: Reason?) -> Cell? {
        reason.map { .absent(StatisticsReport.withheldText($0, minimumGroupSize)) }
    }
}
