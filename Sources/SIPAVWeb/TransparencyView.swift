import SIPAV
import SIPAVReports

/// The values of the transparency template: for managers and for other staff, a bar chart of the share of people
/// at each final score (6…0, then not assessable) with the same figures as a table; the bands; the funds.
/// Only counts and amounts: no name, no id.
struct TransparencyView {
    let published: PublishedYear

    /// The chart's drawing area, in SVG user units.
    static let (barWidth, barStep, left, baseline, plotHeight) = (36, 52, 14, 184, 150)

    var values: [String: Any] {
        let statistics = published.statistics
        let groups: [(GroupStatistics, String, String)] = [
            (statistics.managers, "Dirigenti", "dirigenti"), (statistics.staff, "Personale non dirigente", "non-dirigenti"),
        ]
        let bandGroups: [(GroupStatistics, String)] = [(statistics.everyone, "Tutto il personale")] + groups.map { ($0.0, $0.1) }
        let bands = bandGroups.flatMap { group, name in
            zip(Band.allCases, group.bandCounts).reversed().map { band, count -> [String: Any] in
                ["group": name, "band": band.rawValue, "people": count,
                 "percent": ItalianNumbers.percent(group.share(count), digits: 1)]
            }
        }
        return [
            "year": String(published.year), "bodyName": published.bodyName,
            "charts": groups.map { chart($0.0, title: $0.1, id: $0.2) },
            "bands": bands,
            "funds": [statistics.allocation.managers, statistics.allocation.staff].map { fund -> [String: Any] in
                ["name": RoleLabel.fund(fund.kind),
                 "allocated": ItalianNumbers.euros(cents: fund.fund.value), "paid": ItalianNumbers.euros(cents: fund.paid.value),
                 "residual": ItalianNumbers.euros(cents: fund.residual.value)]
            },
        ]
    }

    /// The top of the chart's scale: the largest share rounded up to a multiple of 10 %, so that the bars use the
    /// height without distorting their proportions (the scale is printed beside the chart).
    static func scaleTop(_ shares: [Ratio]) -> Ratio {
        let largest = shares.max() ?? .zero
        for tenth in 1...10 where largest <= Ratio(tenth, 10) { return Ratio(tenth, 10) }
        return .one
    }

    /// One group's chart: the bars 6…0 and "n.v.", each with its percentage of the group (not assessable included).
    func chart(_ group: GroupStatistics, title: String, id: String) -> [String: Any] {
        let classes = (0...6).reversed().map { (String($0), group.scoreCounts[$0]) } + [("n.v.", group.notAssessable)]
        let percents = classes.map { ItalianNumbers.percent(group.share($0.1), digits: 1) }
        let scale = TransparencyView.scaleTop(classes.map { group.share($0.1) })
        let population = ItalianNumbers.count(group.population, "persona", "persone")
        let bars = classes.enumerated().map { index, entry -> [String: Any] in
            let height = group.share(entry.1) / scale * Ratio(TransparencyView.plotHeight)
            let x = TransparencyView.left + index * TransparencyView.barStep
            let top = Ratio(TransparencyView.baseline) - height
            return ["score": entry.0, "people": entry.1, "percent": percents[index],
                    "x": String(x), "width": String(TransparencyView.barWidth),
                    "middle": String(x + TransparencyView.barWidth / 2),
                    "y": DecimalText.format(top, digits: 1), "height": DecimalText.format(height, digits: 1),
                    "labelY": DecimalText.format(top - Ratio(6), digits: 1)]
        }
        let description = zip(classes, percents).map { entry, percent in
            (entry.0 == "n.v." ? "non valutabili" : "punteggio \(entry.0)") + ": \(percent)"
        }.joined(separator: "; ")
        let width = 2 * TransparencyView.left + (classes.count - 1) * TransparencyView.barStep + TransparencyView.barWidth
        return [
            "id": id, "title": title, "population": population, "bars": bars, "empty": group.population == 0,
            "description": "\(title), \(population). Percentuale per punteggio finale: "
                + description + ".",
            "width": String(width), "scaleTop": ItalianNumbers.percent(scale, digits: 0),
            "baseline": String(TransparencyView.baseline), "axisLabelY": String(TransparencyView.baseline + 18),
        ]
    }
}
