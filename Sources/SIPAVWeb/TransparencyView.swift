import SIPAV
import SIPAVReports

/// The values of the transparency template: for managers and for other staff, a bar chart of the share of people
/// at each final score (6…0, then not assessable) with the same figures as a table; the bands; the funds; and
/// the tables of `sipav db report statistics`, cell for cell: the bonuses per band and per score, the degree of
/// differentiation (mean, median, standard deviation, Gini index), other staff per Area and per category.
/// Only counts and amounts: no name, no id.
struct TransparencyView {
    let published: PublishedYear

    /// The chart's drawing area, in SVG user units.
    static let (barWidth, barStep, left, baseline, plotHeight) = (36, 52, 14, 184, 150)

    var values: [String: Any] {
        let statistics = published.statistics
        let disclosure = statistics.disclosure(minimumGroupSize: published.minimumGroupSize)
        // A group's scores and bands, as the report's: withheld also when too few of its people are assessable.
        func withheld(_ group: GroupStatistics) -> String? {
            disclosure.scoreFiguresReason(group.group).map { StatisticsReport.withheldText($0, published.minimumGroupSize) }
        }
        func paidWithheld(_ group: GroupStatistics) -> String? {
            disclosure.paidReason(group.group).map { StatisticsReport.withheldText($0, published.minimumGroupSize) }
        }
        // A group with nobody has no figures to show: left out.
        let groups: [(GroupStatistics, String, String)] = [
            (statistics.managers, "Dirigenti", "dirigenti"), (statistics.staff, "Personale non dirigente", "non-dirigenti"),
        ].filter { $0.0.population > 0 }
        let bandGroups: [(GroupStatistics, String)] = ([(statistics.everyone, "Tutto il personale")] + groups.map { ($0.0, $0.1) })
            .filter { $0.0.population > 0 }
        let bands = bandGroups.flatMap { group, name in
            zip(Band.allCases, group.bandCounts).reversed().map { band, count -> [String: Any] in
                ["group": name, "band": band.rawValue, "people": withheld(group) ?? ItalianNumbers.integer(count),
                 "percent": withheld(group) ?? ItalianNumbers.percent(group.share(count), digits: 1)]
            }
        }
        let funds = [(statistics.allocation.managers, statistics.managers), (statistics.allocation.staff, statistics.staff)]
        let values: [String: Any] = [
            "year": String(published.year), "bodyName": published.bodyName,
            "charts": groups.map { chart($0.0, title: $0.1, id: $0.2, withheld: withheld($0.0)) },
            "bands": bands,
            "funds": funds.map { fund, group -> [String: Any] in
                ["name": RoleLabel.fund(fund.kind),
                 "allocated": ItalianNumbers.euros(cents: fund.fund.value),
                 "paid": paidWithheld(group) ?? ItalianNumbers.euros(cents: fund.paid.value),
                 "residual": paidWithheld(group) ?? ItalianNumbers.euros(cents: fund.residual.value)]
            },
        ]
        return values.merging(reportValues) { $1 }
    }

    /// The figures of the statistics report, as its text form prints them: each table the rows of some groups.
    var reportValues: [String: Any] {
        let statistics = published.statistics, plan = published.plan, year = published.year
        let report = StatisticsReport.build(plan: plan, statistics: statistics, previous: published.previous,
                                            minimumGroupSize: published.minimumGroupSize)
        func table(_ key: String) -> ReportTable { report.tables.first { $0.key == key }! }
        func names(_ groups: [GroupStatistics]) -> [String] {
            groups.filter { $0.population > 0 }.map { StatisticsReport.label($0.group, plan) }
        }
        let (bonus, summary, distribution) = (table("bonus"), table("summary"), table("distribution"))
        let breakdowns = [(statistics.staffByArea, "area", "per Area"), (statistics.staffByCategory, "categoria", "per categoria")]
        var values: [String: Any] = [
            "bonusTables": [statistics.managers, statistics.staff].filter { $0.population > 0 }.map { group -> [String: Any] in
                let name = StatisticsReport.label(group.group, plan)
                return TransparencyView.rows(of: bonus, groups: [name], dropping: 1,
                                             caption: "\(name): premi \(year) per fascia e per punteggio")
            },
            "differentiation": TransparencyView.rows(
                of: summary, groups: names([statistics.everyone, statistics.managers, statistics.staff]), dropping: 0,
                caption: "Grado di differenziazione \(year): punteggi (media, mediana, deviazione standard) e premi (indice di Gini)"),
            "notes": report.notes.map { ["text": $0] },
            "breakdowns": breakdowns.filter { !names($0.0).isEmpty }.map { groups, id, title -> [String: Any] in
                [
                    "id": id, "title": "Personale non dirigente \(title)",
                    "tables": [
                        TransparencyView.rows(of: summary, groups: names(groups), dropping: 0,
                                              caption: "Personale non dirigente \(title) \(year): sintesi e grado di differenziazione"),
                        TransparencyView.scores(in: distribution, groups: names(groups),
                                                caption: "Personale non dirigente \(title) \(year): percentuale per punteggio finale"),
                    ],
                ]
            },
        ]
        if let previous = published.previous, let comparison = report.tables.first(where: { $0.key == "comparison" }) {
            let heading = StatisticsReport.comparisonHeading(year: year, previousTitle: previous.title)
            values["comparison"] = [
                "title": heading,
                "table": TransparencyView.rows(of: comparison, groups: names([statistics.everyone, statistics.managers, statistics.staff]),
                                               dropping: 0, caption: "\(heading): \(previous.title)"),
            ]
        }
        return values
    }

    /// The rows of the report's `table` whose first cell names one of `groups`, in the report's order, with the
    /// first `dropping` columns left out; the first column left heads each row.
    static func rows(of table: ReportTable, groups: [String], dropping: Int, caption: String) -> [String: Any] {
        let columns = Array(table.columns.dropFirst(dropping))
        let rows = table.rows.filter { groups.contains($0[0].italianText()) }.map { cells -> [String: Any] in
            let shown = Array(cells.dropFirst(dropping))
            return ["head": shown[0].italianText(),
                    "cells": zip(columns, shown).dropFirst().map { column, cell -> [String: Any] in
                        ["value": cell.italianText(), "num": column.rightAligned]
                    }]
        }
        return ["caption": caption, "corner": columns[0].label, "rows": rows,
                "columns": columns.dropFirst().map { ["label": $0.label, "num": $0.rightAligned] as [String: Any] }]
    }

    /// The report's distribution of `groups` a row each: the percentage of the group at each final score 6…0, then
    /// not assessable, as the report's rows give them.
    static func scores(in distribution: ReportTable, groups: [String], caption: String) -> [String: Any] {
        func column(_ key: String) -> Int { distribution.columns.firstIndex { $0.key == key }! }
        let (score, percent) = (column("score"), column("percent"))
        let rows = groups.map { name in distribution.rows.filter { $0[0].italianText() == name } }
        let classes = rows.first.map { $0.map { $0[score].italianText() } } ?? []
        return [
            "caption": caption, "corner": "Gruppo",
            "columns": classes.map { ["label": $0, "num": true] as [String: Any] },
            "rows": zip(groups, rows).map { name, cells -> [String: Any] in
                ["head": name, "cells": cells.map { ["value": $0[percent].italianText(), "num": true] as [String: Any] }]
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
    /// A withheld group (`withheld` says why) has no bars: only its head count.
    func chart(_ group: GroupStatistics, title: String, id: String, withheld: String? = nil) -> [String: Any] {
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
            "id": id, "title": title, "population": population, "bars": bars, "empty": group.population == 0 || withheld != nil,
            "message": withheld.map { "\(population); punteggi e percentuali: \($0)." } ?? "Nessuna persona in questo gruppo.",
            "description": "\(title), \(population). Percentuale per punteggio finale: "
                + description + ".",
            "width": String(width), "scaleTop": ItalianNumbers.percent(scale, digits: 0),
            "baseline": String(TransparencyView.baseline), "axisLabelY": String(TransparencyView.baseline + 18),
        ]
    }
}
