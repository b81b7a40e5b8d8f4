import ArgumentParser
import SIPAV
import SIPAVCycle
import SIPAVReports

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Controlla tutti i file di input e segnala ogni errore con file, riga, campo e regola.")
    @OptionGroup var input: InputOptions
    @Flag(help: "Accetta obiettivi non ancora valutati e indicatori non ancora misurati (mentre gli obiettivi sono in programmazione).") var planning = false

    func run() throws {
        try reportingFailures {
            guard !planning else {
                let inputs = try PlannedYear.load(try input.paths)
                print(Validate.summary(people: inputs.records.staff.count, individual: inputs.records.objectives.count,
                                       organisational: inputs.plan.objectives.count))
                if let notice = Validate.unmeasuredNotice(inputs.plan.unmeasuredIndicatorIDs.count) { print(notice) }
                if let notice = Validate.unratedNotice(inputs.records.unratedObjectives(settings: inputs.settings.individual)) { print(notice) }
                for notice in Validate.notes(inputs) { print(notice) }
                return
            }
            let cycle = try loadCycle(input)
            let records = cycle.inputs.records
            print(Validate.summary(people: records.staff.count, individual: records.objectives.count,
                                   organisational: cycle.inputs.plan.objectives.count))
            for notice in Validate.notes(cycle.inputs) { print(notice) }
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

    /// `1.108 obiettivi individuali non ancora valutati: …` (of assessable people), or nil when every one is rated.
    static func unratedNotice(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return ItalianNumbers.count(count, "obiettivo individuale non ancora valutato", "obiettivi individuali non ancora valutati")
            + ": cosa e come vanno dati, sul web o nel file, prima dei punteggi e della ripartizione."
    }

    /// `Nota: il piano dà un peso diverso da 1 a 3 obiettivi organizzativi (codici 1, 5, 6), ma …`, when the settings do
    /// not weigh the objectives: the weights are then left out of every result, which a plan that gives them hardly
    /// means. A weight of 1 is every objective's without one: only the others are named, by code, not to be read as weights.
    static func unusedWeightsNotice(_ inputs: YearInputs) -> String? {
        guard !inputs.settings.organisation.objectiveWeights else { return nil }
        let weighed = inputs.plan.objectives.filter { $0.weight != .one }.map(\.id)
        guard !weighed.isEmpty else { return nil }
        let named = weighed.prefix(10).joined(separator: ", ") + (weighed.count > 10 ? ", …" : "")
        return "Nota: il piano dà un peso diverso da 1 a \(ItalianNumbers.count(weighed.count, "obiettivo organizzativo", "obiettivi organizzativi")) "
            + "(\(weighed.count == 1 ? "codice" : "codici") \(named)), ma l'impostazione organisation.objective_weights è false: i risultati dell'ente e delle Aree "
            + "sono medie semplici e i pesi non sono usati."
    }

    /// `Dati validi: 277 persone, 1.108 obiettivi individuali, 12 obiettivi organizzativi.`
    static func summary(people: Int, individual: Int, organisational: Int) -> String {
        "Dati validi: \(ItalianNumbers.count(people, "persona", "persone")), "
            + "\(ItalianNumbers.count(individual, "obiettivo individuale", "obiettivi individuali")), "
            + "\(ItalianNumbers.count(organisational, "obiettivo organizzativo", "obiettivi organizzativi"))."
    }
}

struct Organisation: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Risultati organizzativi: indicatori, obiettivi, l'ente e ciascuna Area.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        // The organisational results do not depend on the individual ratings: a year still being rated has them.
        try reportingFailures { try output.write(loadCycle(input, writing: output, requireRatings: false).organisationReport) }
    }
}

struct Scores: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Punteggi finali e fasce di ogni persona.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures { try output.write(loadCycle(input, writing: output).scoresReport) }
    }
}

struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ripartisce entrambi i fondi: quota, componenti e importo di ogni persona, al centesimo.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input, writing: output)
            try output.write(cycle.allocationReport(try cycle.allocate()))
        }
    }
}

struct Statistics: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Statistiche di differenziazione da pubblicare.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Il file `statistics --format json` dell'anno precedente, per il confronto.") var previous: String?

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input, writing: output, alsoReading: previous.map { [$0] } ?? [])
            let plan = cycle.inputs.plan
            let before = try previous.map { try PreviousYearFile.read(path: $0, before: plan.year, of: plan.body) }
            try output.write(cycle.statisticsReport(try cycle.allocate(), previous: before))
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Spiega passo per passo l'importo di una persona.")
    @Argument(help: "La matricola del dipendente.") var employee: String
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input, writing: output)
            guard let person = cycle.inputs.records.staff.firstIndex(where: { $0.id == employee }) else {
                throw CommandFailure(status: ExitStatus.usage, message: "nessun dipendente con matricola \"\(employee)\" in \(DemoData.shown(cycle.paths.staff))")
            }
            try output.write(cycle.explanation(try cycle.allocate(), person: person))
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Esegue l'intero ciclo sull'ente dimostrativo integrato e stampa tutti i rapporti.")
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let cycle = try loadCycle(input, writing: output)
            try output.write(cycle.cycleReport(try cycle.allocate(), note: "Dati letti dai file: nulla è stato registrato."))
        }
    }
}

/// The year of `input`'s files, computed; `output`, when given, must not be one of them, nor one of the `others` the
/// command reads (a report written over `staff.csv` would replace the staff list).
func loadCycle(_ input: InputOptions, writing output: OutputOptions? = nil, alsoReading others: [String] = [],
               requireRatings: Bool = true) throws -> Cycle {
    let paths = try input.paths
    try output?.refuseOverwriting(paths, alsoReading: others)
    return try Cycle(YearInputs.load(paths, requireRatings: requireRatings), paths: paths)
}
