import SIPAV

/// The differentiation statistics published for transparency (D.Lgs. 33/2013 art. 20).
public enum StatisticsReport {
    public static func build(plan: OrganisationalPlan, statistics: DifferentiationStatistics, previous: PreviousYear? = nil) -> Report {
        let groups = [statistics.everyone, statistics.managers, statistics.staff] + statistics.staffByArea + statistics.staffByCategory
        var distribution = ReportTable(key: "distribution", title: "Distribuzione dei punteggi finali (% sul totale del gruppo)", columns: [
            Column("group", "Gruppo"), Column("score", "Punteggio", rightAligned: true),
            Column("people", "Persone", rightAligned: true), Column("percent", "%", rightAligned: true),
            Column("bar", "Grafico"),
        ])
        var bands = ReportTable(key: "bands", title: "Fasce (i non valutabili sono contati in BASSA)", columns: [
            Column("group", "Gruppo"), Column("band", "Fascia"), Column("people", "Persone", rightAligned: true),
            Column("percent", "%", rightAligned: true),
        ])
        var summary = ReportTable(key: "summary", title: "Sintesi e grado di differenziazione", columns: [
            Column("group", "Gruppo"), Column("people", "Persone", rightAligned: true),
            Column("not_assessable", "Non valutabili", rightAligned: true),
            Column("mean_score", "Media", rightAligned: true), Column("median_score", "Mediana", rightAligned: true),
            Column("standard_deviation", "Dev. standard", rightAligned: true),
            Column("gini_index", "Indice di Gini", rightAligned: true),
            Column("allocated_cents", "Quote teoriche", rightAligned: true),
            Column("paid_cents", "Erogato", rightAligned: true), Column("unpaid_cents", "Non erogato", rightAligned: true),
        ])
        for group in groups {
            let name = label(group.group, plan)
            for score in (0...6).reversed() {
                let count = group.scoreCounts[score]
                distribution.rows.append([.text(name), .text(String(score)), .integer(count),
                                          .percent(group.share(count), digits: 1), .text(bar(group.share(count)))])
            }
            distribution.rows.append([.text(name), .text("n.v."), .integer(group.notAssessable),
                                      .percent(group.share(group.notAssessable), digits: 1),
                                      .text(bar(group.share(group.notAssessable)))])
            for (band, count) in zip(Band.allCases.reversed(), group.bandCounts.reversed()) {
                bands.rows.append([.text(name), .text(band.rawValue), .integer(count), .percent(group.share(count), digits: 1)])
            }
            summary.rows.append([
                .text(name), .integer(group.population), .integer(group.notAssessable),
                group.meanScore.map { .number($0, digits: 2) } ?? .empty,
                group.medianScore.map { .number($0, digits: 1) } ?? .empty,
                group.standardDeviation.map { .number(decimal($0), digits: 2) } ?? .empty,
                group.gini.map { .number($0, digits: 3) } ?? .empty,
                .cents(group.allocated), .cents(group.paid), .cents(group.unpaid),
            ])
        }
        var bonus = ReportTable(key: "bonus", title: "Premi per fascia e per punteggio", columns: [
            Column("group", "Gruppo"), Column("class", "Classe"), Column("people", "Persone", rightAligned: true),
            Column("total_cents", "Totale", rightAligned: true), Column("mean_cents", "Media", rightAligned: true),
            Column("minimum_cents", "Minimo", rightAligned: true), Column("maximum_cents", "Massimo", rightAligned: true),
        ])
        for group in [statistics.managers, statistics.staff] {
            let name = label(group.group, plan)
            let classes = zip(Band.allCases, group.bonusByBand).reversed().map { ("Fascia \($0.rawValue)", $1) }
                + (0...6).reversed().map { ("Punteggio \($0)", group.bonusByScore[$0]) }
                + [("Non valutabili", group.bonusNotAssessable)]
            for (title, figures) in classes {
                bonus.rows.append([
                    .text(name), .text(title), .integer(figures.count), .cents(figures.total),
                    figures.mean.map { .exactCents($0, digits: 2) } ?? .empty,
                    figures.minimum.map(Cell.cents) ?? .empty, figures.maximum.map(Cell.cents) ?? .empty,
                ])
            }
        }
        var funds = ReportTable(key: "funds", title: "Fondi: stanziato, erogato, residuo", columns: [
            Column("fund", "Fondo"), Column("fund_cents", "Stanziato", rightAligned: true),
            Column("paid_cents", "Erogato", rightAligned: true), Column("residual_cents", "Residuo", rightAligned: true),
        ])
        for fund in [statistics.allocation.managers, statistics.allocation.staff] {
            funds.rows.append([.text(RoleLabel.fund(fund.kind)), .cents(fund.fund.value), .cents(fund.paid.value),
                               .cents(fund.residual.value)])
        }
        let tables = [distribution, bands, summary, bonus, funds] + (previous.map { [comparison(groups, previous: $0, plan: plan)] } ?? [])
        return Report(key: "statistics", title: StatisticsReport.title(year: plan.year, body: plan.body),
                      tables: tables,
                      notes: ["Percentuali sul totale del gruppo, non valutabili compresi, a un decimale (arrotondamento per eccesso da 0,05).",
                              "Media, mediana e deviazione standard (della popolazione) escludono i non valutabili.",
                              "Indice di Gini sugli importi di tutte le persone del gruppo, zeri compresi."])
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
}
