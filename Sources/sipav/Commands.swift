import ArgumentParser
import SIPAV
import SIPAVReports

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check every input file; print each fault with file, line, field and rule.")
    @OptionGroup var input: InputOptions
    @Flag(help: "Accept unrated objectives (while objectives are being planned).") var planning = false

    func run() throws {
        try reportingFailures {
            let paths = try input.paths
            let inputs = try YearInputs.load(paths, requireRatings: !planning)
            _ = try Cycle(inputs, planFile: paths.plan)
            print("Dati validi: \(inputs.records.staff.count) persone, \(inputs.records.objectives.count) obiettivi individuali, \(inputs.plan.objectives.count) obiettivi organizzativi.")
        }
    }
}

struct Organisation: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Organisational results: indicators, objectives, the ente and each Area.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input)
            try output.write(OrganisationReport.build(plan: cycle.inputs.plan, results: cycle.organisation,
                                                      appraisal: { cycle.appraisal(of: $0).map(Cell.text) ?? .empty }))
        }
    }
}

struct Scores: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Final scores and bands of every person.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input)
            try output.write(ScoresReport.build(plan: cycle.inputs.plan, records: cycle.inputs.records, scores: cycle.scores))
        }
    }
}

struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Allocate both funds: each person's share, components and amount in exact cents.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let paths = try input.paths
            let cycle = try loadCycle(input)
            let allocation = try cycle.allocate(fundFile: paths.fund)
            try output.write(AllocationReport.build(plan: cycle.inputs.plan, records: cycle.inputs.records,
                                                    scores: cycle.scores, allocation: allocation))
        }
    }
}

struct Statistics: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Differentiation statistics for publication.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The previous year's `statistics --format json`, to compare with.") var previous: String?

    func run() throws {
        try reportingFailures {
            let paths = try input.paths
            let cycle = try loadCycle(input)
            let allocation = try cycle.allocate(fundFile: paths.fund)
            let statistics = cycle.allocationInput.statistics(allocation, areas: cycle.inputs.plan.areas)
            let before = try previous.map(PreviousYearFile.read)
            try output.write(StatisticsReport.build(plan: cycle.inputs.plan, statistics: statistics, previous: before))
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain one person's amount step by step.")
    @Argument(help: "The employee id (matricola).") var employee: String
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let paths = try input.paths
            let cycle = try loadCycle(input)
            guard let person = cycle.inputs.records.staff.firstIndex(where: { $0.id == employee }) else {
                throw CommandFailure(status: ExitStatus.usage, message: "no employee \"\(employee)\" in \(paths.staff)")
            }
            let allocation = try cycle.allocate(fundFile: paths.fund)
            try output.write(ExplainReport.build(plan: cycle.inputs.plan, records: cycle.inputs.records, scores: cycle.scores,
                                                 allocation: allocation, settings: cycle.inputs.settings, person: person))
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the whole cycle on the built-in demo body and print every report.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let paths = try input.paths
            let cycle = try loadCycle(input)
            let allocation = try cycle.allocate(fundFile: paths.fund)
            let plan = cycle.inputs.plan
            try output.write(OrganisationReport.build(plan: plan, results: cycle.organisation,
                                                      appraisal: { cycle.appraisal(of: $0).map(Cell.text) ?? .empty }))
            var allocationReport = AllocationReport.build(plan: plan, records: cycle.inputs.records, scores: cycle.scores,
                                                          allocation: allocation)
            allocationReport.tables.removeLast()
            try output.write(allocationReport)
            let statistics = cycle.allocationInput.statistics(allocation, areas: plan.areas)
            try output.write(StatisticsReport.build(plan: plan, statistics: statistics))
        }
    }
}

func loadCycle(_ input: InputOptions) throws -> Cycle {
    let paths = try input.paths
    return try Cycle(YearInputs.load(paths), planFile: paths.plan)
}
