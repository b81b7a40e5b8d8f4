import SIPAV
import SIPAVFiles
import SIPAVStore

/// A year read from the database, checked and computed like a year read from files.
extension Cycle {
    /// `requireRatings` false for what needs no individual rating (the organisational results) of a year still rated.
    public static func from(_ year: YearRecords, requireRatings: Bool = true) throws -> Cycle {
        let paths = InputPaths(database: year.body, year: year.year)
        let settings = try year.settingsYAML.map { try SettingsFile.parse(text: $0, file: paths.plan + " settings") } ?? Settings()
        let inputs = YearInputs(plan: year.plan, records: year.records, fund: year.fund, settings: settings,
                                settingsText: year.settingsYAML)
        try inputs.check(paths, requireRatings: requireRatings) { record in
            switch record {
            case let .staff(row): (paths.staff + " " + year.records.staff[row].id, nil)
            case let .objective(row): (paths.objectives + " " + year.records.staff[year.records.objectives[row].person].id, nil)
            }
        }
        return try Cycle(inputs, paths: paths)
    }

    /// What `sipav db run` computes from a stored year: the outcome to store, with the cycle and its
    /// allocation for the report. For `YearStore.allocate`.
    @Sendable public static func allocated(_ year: YearRecords) throws -> (YearOutcome, (Cycle, Allocation)) {
        let cycle = try Cycle.from(year)
        let allocation = try cycle.allocate()
        return (cycle.outcome(allocation), (cycle, allocation))
    }

    /// The outcome to store for this cycle's year: its final scores and `allocation`, computed from it.
    public func outcome(_ allocation: Allocation) -> YearOutcome {
        YearOutcome(scores: scores, allocation: allocation)
    }

    public func records(body: String) -> YearRecords { inputs.records(body: body) }
}

extension YearInputs {
    /// The year as the database stores it, for `body`.
    public func records(body: String) -> YearRecords {
        YearRecords(body: body, plan: plan, records: records, fund: fund, settingsYAML: settingsText)
    }
}
