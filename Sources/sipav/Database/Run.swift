import ArgumentParser
import SIPAV
import SIPAVCycle
import SIPAVReports
import SIPAVStore

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute scores and the allocation from the database and store them: the year becomes allocated.")
    @OptionGroup var year: YearOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Compute and show the allocation without storing it (the year stays open).") var preview = false

    func run() async throws {
        try await reportingFailures {
            let store = try database.store()
            let (cycle, allocation) = try await preview
                ? Cycle.allocated(store.loadYear(body: year.body, year: year.year)).1
                : store.allocate(body: year.body, year: year.year, actor: database.actorName, Cycle.allocated)
            var report = cycle.allocationReport(allocation)
            report.notes.insert(preview ? "Anteprima: nulla è stato registrato." : "Ripartizione registrata: l'anno è ora \"allocated\".", at: 0)
            try output.write(report)
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Print a report of a year in the database.")
    enum Kind: String, ExpressibleByArgument, CaseIterable { case organisation, scores, allocation, statistics, explain }
    @Argument(help: "organisation, scores, allocation, statistics or explain.") var kind: Kind
    @OptionGroup var year: YearOptions
    @Option(help: "With explain: the employee id.") var employee: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            let cycle = try Cycle.from(try await database.store().loadYear(body: year.body, year: year.year))
            switch kind {
            case .organisation: try output.write(cycle.organisationReport)
            case .scores: try output.write(cycle.scoresReport)
            case .allocation: try output.write(cycle.allocationReport(try cycle.allocate()))
            case .statistics: try output.write(cycle.statisticsReport(try cycle.allocate()))
            case .explain:
                guard let employee, let person = cycle.inputs.records.staff.firstIndex(where: { $0.id == employee }) else {
                    throw CommandFailure(status: ExitStatus.usage, message: "explain richiede --employee con la matricola di un dipendente dell'anno")
                }
                try output.write(cycle.explanation(try cycle.allocate(), person: person))
            }
        }
    }
}
