import SIPAV
import SIPAVReports

/// The reports of a computed year, built the same way by every command.
extension Cycle {
    public var organisationReport: Report {
        OrganisationReport.build(plan: inputs.plan, results: organisation,
                                 objectiveWeights: inputs.settings.organisation.objectiveWeights,
                                 responsible: responsible(of:), appraisal: { appraisal(of: $0).map(Cell.text) ?? .empty })
    }

    public var scoresReport: Report {
        ScoresReport.build(plan: inputs.plan, records: inputs.records, scores: scores)
    }

    public func allocationReport(_ allocation: Allocation) -> Report {
        var report = AllocationReport.build(plan: inputs.plan, records: inputs.records, scores: scores, allocation: allocation)
        report.notes.append(settingsNote)
        return report
    }

    /// Which settings the amounts follow, and those that change them most, for a reader who must say how they were made:
    /// the file read (or the year's own, stored with it, or the defaults), the components, the residual and the increase.
    public var settingsNote: String {
        let defaults = "quelle predefinite (Config/sipav.yaml)"
        let source = paths.namesFiles ? paths.settings.map { "il file \($0)" } ?? defaults
            : inputs.settingsText == nil ? defaults : "quelle registrate con l'anno"
        let fund = inputs.settings.fund
        func split(_ components: Components, area: Bool) -> String {
            "\(ItalianNumbers.exactPercent(components.individual)) individuale + \(ItalianNumbers.exactPercent(components.ente)) ente"
                + (area ? " + \(ItalianNumbers.exactPercent(components.area)) Area" : "")
        }
        let residual = fund.residual == .keep ? "il residuo resta come risparmio"
            : "il residuo è ridistribuito a chi è premiato, fino al \(ItalianNumbers.exactPercent(fund.redistributionCapOfShare)) della propria quota"
        let increase = fund.topRatingIncrease == nil ? "senza incremento per i punteggi più alti" : "con l'incremento per i punteggi più alti"
        return "Impostazioni: \(source). Dirigenti \(split(fund.managersComponents, area: false)); personale non dirigente "
            + "\(split(fund.staffComponents, area: true)); \(residual); \(increase)."
    }

    public func statisticsReport(_ allocation: Allocation, previous: PreviousYear? = nil) -> Report {
        let statistics = allocationInput.statistics(allocation, areas: inputs.plan.areas)
        return StatisticsReport.build(plan: inputs.plan, statistics: statistics, previous: previous,
                                      minimumGroupSize: inputs.settings.statistics.minimumGroupSize)
    }

    public func explanation(_ allocation: Allocation, person: Int) -> Report {
        ExplainReport.build(plan: inputs.plan, records: inputs.records, scores: scores, allocation: allocation,
                            settings: inputs.settings, person: person)
    }

    /// The whole cycle in one report: organisational results, the funds, the statistics.
    public func cycleReport(_ allocation: Allocation, note: String) -> Report {
        let funds = allocationReport(allocation).tables.filter { $0.key == "funds" }
        let statistics = statisticsReport(allocation).tables.filter { $0.key != "funds" }
        let organisation = organisationReport
        return Report(key: "cycle", title: "Ciclo della performance – " + organisation.title,
                      tables: organisation.tables + funds + statistics, notes: [note] + organisation.notes + [settingsNote])
    }
}
