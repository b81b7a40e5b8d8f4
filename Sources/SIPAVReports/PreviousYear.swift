import SIPAV

/// The published statistics of the previous year, for the comparison the transparency page shows.
/// Read back from that year's `statistics --format json`, whose field names are stable.
public struct PreviousYear: Sendable, Hashable {
    public let title: String
    /// Percent of the group at each score label ("6" … "0", "n.v."), per group label.
    public let distribution: [String: [String: Ratio]]
    /// Mean score per group label.
    public let meanScore: [String: Ratio]
    /// Gini index per group label.
    public let gini: [String: Ratio]

    public init(title: String, distribution: [String: [String: Ratio]], meanScore: [String: Ratio], gini: [String: Ratio]) {
        (self.title, self.distribution, self.meanScore, self.gini) = (title, distribution, meanScore, gini)
    }
}

extension StatisticsReport {
    /// This year's distribution beside the previous year's, in percentage points.
    static func comparison(_ groups: [GroupStatistics], previous: PreviousYear, plan: OrganisationalPlan) -> ReportTable {
        var table = ReportTable(key: "comparison", title: "Confronto con l'anno precedente (\(previous.title))", columns: [
            Column("group", "Gruppo"), Column("measure", "Misura"),
            Column("this_year", "Anno \(plan.year)", rightAligned: true),
            Column("previous_year", "Anno precedente", rightAligned: true),
            Column("difference", "Differenza", rightAligned: true),
        ])
        for group in groups {
            let name = label(group.group, plan)
            guard let before = previous.distribution[name] else { continue }
            for score in (0...6).reversed() {
                let now = group.share(group.scoreCounts[score]) * Ratio(100)
                table.rows.append(row(name, "% punteggio \(score)", now, before[String(score)], digits: 1))
            }
            if let mean = group.meanScore { table.rows.append(row(name, "media", mean, previous.meanScore[name], digits: 2)) }
            if let gini = group.gini { table.rows.append(row(name, "indice di Gini", gini, previous.gini[name], digits: 3)) }
        }
        return table
    }

    private static func row(_ group: String, _ measure: String, _ now: Ratio, _ before: Ratio?, digits: Int) -> [Cell] {
        [.text(group), .text(measure), .number(now, digits: digits), before.map { .number($0, digits: digits) } ?? .empty,
         before.map { .number(now - $0, digits: digits) } ?? .empty]
    }
}
