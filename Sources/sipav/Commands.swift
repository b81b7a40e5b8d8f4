import ArgumentParser
import SIPAV
import SIPAVCycle
import SIPAVReports

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check every input file; print each fault with file, line, field and rule.")
    @OptionGroup var input: InputOptions
    @Flag(help: "Accept unrated objectives and indicators not yet measured (while objectives are being planned).") var planning = false

    func run() throws {
        try reportingFailures {
            guard !planning else {
                let inputs = try PlannedYear.load(try input.paths)
                print(Validate.summary(people: inputs.records.staff.count, individual: inputs.records.objectives.count,
                                       organisational: inputs.plan.objectives.count))
                if let notice = Validate.unmeasuredNotice(inputs.plan.unmeasuredIndicatorIDs.count) { print(notice) }
                return
            }
            let cycle = try loadCycle(input)
            let records = cycle.inputs.records
            print(Validate.summary(people: records.staff.count, individual: records.objectives.count,
                                   organisational: cycle.inputs.plan.objectives.count))
            // Valid files may still not be allocated: a confirmation missing from fund.yaml, say. Said now, not at the end.
            do {
                _ = try cycle.allocate()
            } catch let errors as InputErrors {
                print("Attenzione: la ripartizione non è ancora possibile:")
                for error in errors.errors { print("  " + ItalianFaults.line(error)) }
            }
        }
    }

    /// `12 indicatori non ancora misurati: …`, or nil when every indicator is measured.
    static func unmeasuredNotice(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return ItalianNumbers.count(count, "indicatore non ancora misurato", "indicatori non ancora misurati")
            + ": i valori misurati vanno aggiunti al piano prima del calcolo dei risultati e della ripartizione."
    }

    /// `Dati validi: 277 persone, 1.108 obiettivi individuali, 12 obiettivi organizzativi.`
    static func summary(people: Int, individual: Int, organisational: Int) -> String {
        "Dati validi: \(ItalianNumbers.count(people, "persona", "persone")), "
            + "\(ItalianNumbers.count(individual, "obiettivo individuale", "obiettivi individuali")), "
            + "\(ItalianNumbers.count(organisational, "obiettivo organizzativo", "obiettivi organizzativi"))."
    }
}

struct Organisation: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Organisational results: indicators, objectives, the ente and each Area.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        // The organisational results do not depend on the individual ratings: a year still being rated has them.
        try reportingFailures { try output.write(loadCycle(input, requireRatings: false).organisationReport) }
    }
}

struct Scores: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Final scores and bands of every person.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures { try output.write(loadCycle(input).scoresReport) }
    }
}

struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Allocate both funds: each person's share, components and amount in exact cents.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input)
            try output.write(cycle.allocationReport(try cycle.allocate()))
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
            let cycle = try loadCycle(input)
            let plan = cycle.inputs.plan
            let before = try previous.map { try PreviousYearFile.read(path: $0, before: plan.year, of: plan.body) }
            try output.write(cycle.statisticsReport(try cycle.allocate(), previous: before))
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
            let cycle = try loadCycle(input)
            guard let person = cycle.inputs.records.staff.firstIndex(where: { $0.id == employee }) else {
                throw CommandFailure(status: ExitStatus.usage, message: "nessun dipendente con matricola \"\(employee)\" in \(cycle.paths.staff)")
            }
            try output.write(cycle.explanation(try cycle.allocate(), person: person))
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the whole cycle on the built-in demo body and print every report.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input)
            try output.write(cycle.cycleReport(try cycle.allocate(), note: "Dati letti dai file: nulla è stato registrato."))
        }
    }
}

func loadCycle(_ input: InputOptions, requireRatings: Bool = true) throws -> Cycle {
    let paths = try input.paths
    return try Cycle(YearInputs.load(paths, requireRatings: requireRatings), paths: paths)
}
