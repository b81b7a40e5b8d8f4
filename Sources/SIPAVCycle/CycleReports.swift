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
        AllocationReport.build(plan: inputs.plan, records: inputs.records, scores: scores, allocation: allocation)
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
                      tables: organisation.tables + funds + statistics, notes: [note] + organisation.notes)
    }
}
