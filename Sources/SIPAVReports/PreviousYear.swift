import BigInt
import SIPAV

/// The published statistics of an earlier year, for the comparison: read back from that year's
/// `statistics --format json` (whose field names are stable) or computed from the database's earlier year.
/// A figure that year did not publish (a withheld or empty group) is simply not there.
public struct PreviousYear: Sendable, Hashable {
    public let title: String
    /// The groups in that year's order (an Area or a category may have come or gone since).
    public let groups: [String]
    /// Percent of the group at each score label ("6" … "0", "n.v."), per group label.
    public let distribution: [String: [String: Ratio]]
    /// Percent of the group in each band ("ALTA", "MEDIA", "BASSA"), per group label.
    public let bands: [String: [String: Ratio]]
    /// Mean score per group label.
    public let meanScore: [String: Ratio]
    /// Gini index per group label.
    public let gini: [String: Ratio]

    public init(title: String, groups: [String], distribution: [String: [String: Ratio]], bands: [String: [String: Ratio]] = [:],
                meanScore: [String: Ratio], gini: [String: Ratio]) {
        (self.title, self.groups, self.distribution, self.bands) = (title, groups, distribution, bands)
        (self.meanScore, self.gini) = (meanScore, gini)
    }

    /// The figures a report of `build` publishes (withheld and empty groups' figures left out), as a later year
    /// compares with them.
    public init(_ report: Report) {
        func table(_ key: String) -> ReportTable? { report.tables.first { $0.key == key } }
        func figures(_ key: String, _ byColumn: String, _ valueColumn: String) -> (order: [String], values: [String: [String: Ratio]]) {
            guard let table = table(key), let by = table.columns.firstIndex(where: { $0.key == byColumn }),
                  let value = table.columns.firstIndex(where: { $0.key == valueColumn }) else { return ([], [:]) }
            var (order, values) = ([String](), [String: [String: Ratio]]())
            for row in table.rows {
                guard case let .text(group) = row[0] else { continue }
                if values[group] == nil { order.append(group); values[group] = [:] }
                if let figure = Self.figure(row[value]) { values[group]![row[by].italianText()] = figure }
            }
            return (order, values)
        }
        let distribution = figures("distribution", "score", "percent")
        let summary = table("summary")
        func column(_ key: String) -> [String: Ratio] {
            guard let summary, let index = summary.columns.firstIndex(where: { $0.key == key }) else { return [:] }
            var values: [String: Ratio] = [:]
            for row in summary.rows {
                if case let .text(group) = row[0], let figure = Self.figure(row[index]) { values[group] = figure }
            }
            return values
        }
        self.init(title: report.title, groups: distribution.order, distribution: distribution.values,
                  bands: figures("bands", "band", "percent").values, meanScore: column("mean_score"), gini: column("gini_index"))
    }

    /// The groups whose published percentages, of the scores or of the bands, cannot have come from one count of
    /// people: each is rounded to one decimal, so a whole set (every figure published) adds up to 100 within 0,05 a
    /// figure. A file edited by hand, or damaged, shows here.
    public var groupsNotAddingUp: [String] {
        groups.filter { group in
            [(distribution[group], 8), (bands[group], 3)].contains { figures, count in
                guard let figures, figures.count == count else { return false }
                let sum = figures.values.reduce(Ratio.zero, +)
                let slack = Ratio(5, 100) * Ratio(count)
                return sum > Ratio(100) + slack || sum < Ratio(100) - slack
            }
        }
    }

    /// A published figure as its JSON carries it (a percentage in percent, the rest as printed); nil for none.
    static func figure(_ cell: Cell) -> Ratio? {
        switch cell {
        case let .percent(value, digits): return rounded(value * Ratio(100), digits: digits)
        case let .number(value, digits): return rounded(value, digits: digits)
        default: return nil
        }
    }

    /// `value` to `digits` decimals, half-up: the figure as printed.
    static func rounded(_ value: Ratio, digits: Int) -> Ratio {
        let scale = BigInt(10).power(digits)
        return Ratio((value * Ratio(scale)).roundedHalfUp, scale)
    }
}

extension StatisticsReport {
    /// This year's distribution, bands, mean and Gini index beside the previous year's, in percentage points: a
    /// row for every group of either year, a side left empty where the group was not there or not published.
    /// The difference is of the two figures as printed, so that it is the difference a reader works out.
    static func comparison(_ groups: [GroupStatistics], previous: PreviousYear, plan: OrganisationalPlan,
                           disclosure: StatisticsDisclosure) -> ReportTable {
        var table = ReportTable(key: "comparison", title: StatisticsReport.comparisonHeading(year: plan.year, previousTitle: previous.title)
                                    + " (\(previous.title)) – \(plan.year), \(plan.body)", columns: [
            Column("group", "Gruppo"), Column("measure", "Misura"),
            Column("this_year", "Anno \(plan.year)", rightAligned: true),
            Column("previous_year", StatisticsReport.yearAndBody(of: previous.title).map { "Anno \($0.year)" } ?? "Anno precedente",
                   rightAligned: true),
            Column("difference", "Differenza", rightAligned: true),
        ])
        let thisYear = Dictionary(groups.map { (label($0.group, plan), $0) }) { first, _ in first }
        let names = groups.map { label($0.group, plan) } + previous.groups.filter { thisYear[$0] == nil }
        for name in names {
            let group = thisYear[name]
            let withheld = group.flatMap { disclosure.reason($0.group) }.map { withheldText($0, disclosure.minimumGroupSize) }
            func add(_ measure: String, _ now: Ratio?, _ before: Ratio?, digits: Int, withheld: String? = withheld) {
                let shown = now.map { Cell.number(PreviousYear.rounded($0, digits: digits), digits: digits) }
                table.rows.append(row(name, measure, withheld.map { .absent($0) } ?? shown ?? .empty,
                                      now: withheld == nil ? now : nil, before, digits: digits))
            }
            let percent = { (count: Int) -> Ratio? in
                guard let group, group.population > 0 else { return nil }
                return group.share(count) * Ratio(100)
            }
            // As in this year's tables: the scores and bands of too few assessed, the Gini index of too few paid, withheld.
            let scoresWithheld = group.flatMap { disclosure.scoreFiguresReason($0.group) }.map { withheldText($0, disclosure.minimumGroupSize) }
            let paidWithheld = group.flatMap { disclosure.paidReason($0.group) }.map { withheldText($0, disclosure.minimumGroupSize) }
            for score in (0...6).reversed() {
                add("% punteggio \(score)", group.flatMap { percent($0.scoreCounts[score]) }, previous.distribution[name]?[String(score)], digits: 1,
                    withheld: scoresWithheld)
            }
            add("% non valutabili", group.flatMap { percent($0.notAssessable) }, previous.distribution[name]?["n.v."], digits: 1)
            for (index, band) in Band.allCases.enumerated().reversed() {
                add("% fascia \(band.rawValue)", group.flatMap { percent($0.bandCounts[index]) }, previous.bands[name]?[band.rawValue], digits: 1,
                    withheld: scoresWithheld)
            }
            add("media", group?.meanScore, previous.meanScore[name], digits: 2, withheld: scoresWithheld)
            add("indice di Gini", group?.gini, previous.gini[name], digits: 3, withheld: paidWithheld)
        }
        return table
    }

    /// Both years' figures as printed (rounded, in every format: JSON too), and their difference.
    private static func row(_ group: String, _ measure: String, _ shown: Cell, now: Ratio?, _ before: Ratio?, digits: Int) -> [Cell] {
        let (now, before) = (now.map { PreviousYear.rounded($0, digits: digits) }, before.map { PreviousYear.rounded($0, digits: digits) })
        let difference = now.flatMap { now in before.map { Cell.number(now - $0, digits: digits) } }
        return [.text(group), .text(measure), shown, before.map { .number($0, digits: digits) } ?? .empty, difference ?? .empty]
    }
}
