import ArgumentParser
import SIPAV
import SIPAVCycle
import SIPAVReports
import SIPAVStore

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Calcola i punteggi e la ripartizione dai dati del database e li registra: l'anno diventa ripartito.")
    @OptionGroup var year: YearOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Calcola e mostra la ripartizione senza registrarla (l'anno resta aperto).") var preview = false
    @Flag(help: """
        Registra la ripartizione anche se valutazioni restituite in bozza (dall'ufficio personale, o per una modifica dei \
        loro obiettivi) non sono tornate definitive: sono pagate come si trovano.
        """) var includeReturned = false

    func run() async throws {
        try await reportingFailures {
            try output.checkWritable()
            let store = try await database.currentStore()
            let (body, number, includeReturned) = (year.body, year.year, self.includeReturned)
            if preview, let state = try await store.years(body: body).first(where: { $0.year == number })?.state, state.isLocked {
                throw CommandFailure(status: ExitStatus.invalidData, message: "l'anno \(number) è già \(state.italianName): la "
                    + "ripartizione registrata si legge con sipav db report allocation, e sipav db verify la confronta con i dati")
            }
            let ((cycle, allocation), notFinal) = try await preview
                ? (Cycle.allocated(store.loadYear(body: body, year: number)).1, store.notFinalAppraisals(body: body, year: number))
                : Self.allocate(store, body: body, year: number, actor: database.actorName, includeReturned: includeReturned)
            var report = cycle.allocationReport(allocation)
            if !notFinal.returned.isEmpty { report.notes.insert(Self.returnedNote(notFinal.returned, stored: !preview), at: 0) }
            if notFinal.drafts > 0 { report.notes.insert(Self.draftsNote(notFinal.drafts, stored: !preview), at: 0) }
            if preview {
                try output.write(report.preview())
            } else {
                var stored = report
                stored.notes.insert("Ripartizione registrata: l'anno è ora \(YearState.allocated.italianName).", at: 0)
                try output.write(stored)
            }
        }
    }

    /// What `sipav db run` stores (and `sipav bench` times): the year read, computed and its allocation stored in one
    /// transaction that holds the year; refused while appraisals returned to draft stand, unless `includeReturned`.
    /// Returns the appraisals it paid as they stood (not final), with the cycle and the allocation.
    static func allocate(_ store: PostgresStore, body: String, year: Int, actor: String,
                         includeReturned: Bool) async throws -> ((Cycle, Allocation), StandingReturns.NotFinal) {
        let (notFinal, allocated) = try await store.allocate(body: body, year: year, actor: actor, checkingFirst: { db in
            // Counted once the year is held: no appraisal is returned or submitted until the allocation is stored.
            let notFinal = try StandingReturns.notFinal(db, body: body, year: year)
            if !notFinal.returned.isEmpty && !includeReturned { throw Self.refusal(notFinal.returned) }
            return notFinal
        }, Cycle.allocated)
        return (allocated, notFinal)
    }

    /// The appraisals never submitted as final on the web (rated in the files imported, or drafts): the web's
    /// confirmation asks HR for their number; the command says it.
    static func draftsNote(_ drafts: Int, stored: Bool) -> String {
        "\(ItalianNumbers.integer(drafts)) " + ItalianNumbers.agreeing(drafts, "valutazione non è stata inviata come definitiva",
                                                                        "valutazioni non sono state inviate come definitive")
            + " sul web (valutazioni dei file importati, o bozze): "
            + (stored ? ItalianNumbers.agreeing(drafts, "è stata ripartita come si trovava.", "sono state ripartite come si trovavano.")
                      : ItalianNumbers.agreeing(drafts, "ripartendo ora, è pagata come si trova ora.", "ripartendo ora, sono pagate come si trovano ora."))
    }

    /// The people a refusal or a note names at most, and the characters of a reason it shows.
    static let namedAtMost = 20
    static let reasonShown = 120

    /// The people as `Name (id): reason`, each reason on one line and cut short, the rest counted; without the last
    /// full stop, which the sentence adds.
    static func listing(_ returned: [StandingReturns.Person]) -> String {
        let named = returned.prefix(namedAtMost).map { person -> String in
            let reason = person.reason.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "\(person.name) (\(person.employeeID)): " + (reason.count > reasonShown ? reason.prefix(reasonShown) + "…" : reason)
        }
        let rest = returned.count - named.count
        let listed = named.joined(separator: "; ") + (rest == 0 ? "" : rest == 1 ? "; e un'altra" : "; e altre \(ItalianNumbers.integer(rest))")
        return listed.hasSuffix(".") ? String(listed.dropLast()) : listed
    }

    static func refusal(_ returned: [StandingReturns.Person]) -> CommandFailure {
        let count = returned.count
        return CommandFailure(status: ExitStatus.invalidData, message: "nulla è stato registrato: \(ItalianNumbers.integer(count)) "
            + ItalianNumbers.agreeing(count, "valutazione restituita in bozza non è tornata definitiva",
                                      "valutazioni restituite in bozza non sono tornate definitive")
            + " (\(listing(returned))). Ripartendo ora "
            + ItalianNumbers.agreeing(count, "sarebbe pagata come si trova ora: attenda che torni definitiva",
                                      "sarebbero pagate come si trovano ora: attenda che tornino definitive")
            + ", oppure ripeta il comando con --include-returned.")
    }

    static func returnedNote(_ returned: [StandingReturns.Person], stored: Bool) -> String {
        let count = returned.count
        let people = "\(ItalianNumbers.integer(count)) " + ItalianNumbers.agreeing(
            count, "valutazione restituita in bozza e non tornata definitiva", "valutazioni restituite in bozza e non tornate definitive")
        return (stored ? "\(ItalianNumbers.agreeing(count, "Ripartita", "Ripartite")) anche \(people), "
                            + ItalianNumbers.agreeing(count, "come si trovava", "come si trovavano") + ": "
                       : "\(people): ripartendo ora, " + ItalianNumbers.agreeing(count, "è pagata come si trova ora", "sono pagate come si trovano ora")
                            + " (sipav db run registra la ripartizione solo con --include-returned): ")
            + listing(returned) + "."
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Stampa un rapporto di un anno registrato nel database.")
    enum Kind: String, ExpressibleByArgument, CaseIterable { case organisation, scores, allocation, statistics, explain, runs }
    @Argument(help: "organisation, scores, allocation, statistics, explain o runs.") var kind: Kind
    @OptionGroup var year: YearOptions
    @Option(help: "Con explain: la matricola del dipendente.") var employee: String?
    @Option(help: "Con allocation: il numero di una ripartizione dell'anno (sipav db report runs le elenca), stampata come la registrò.")
    var run: Int64?
    @Option(name: .customLong("previous-year"),
            help: "Con statistics: un anno precedente dello stesso ente nel database, per il confronto.") var previousYear: Int?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    /// An open year's report is a preview of records that may change, marked as such (as on the web); an allocated
    /// year's is printed only when the allocation recomputed from its records is the one on record, to the cent.
    func validate() throws {
        if employee != nil && kind != .explain {
            throw ValidationError("--employee vale solo per explain: il rapporto \(kind.rawValue) riguarda tutto l'anno")
        }
        if run != nil && kind == .runs { throw ValidationError("--run non vale per runs, che elenca tutte le ripartizioni dell'anno") }
        if run != nil && kind != .allocation {
            throw ValidationError("--run vale solo per allocation: il rapporto \(kind.rawValue) si calcola dai dati attuali dell'anno, "
                + "mentre di una ripartizione non più in vigore restano registrati solo gli importi")
        }
    }

    func run() async throws {
        try await reportingFailures {
            if previousYear != nil, kind != .statistics {
                throw CommandFailure(status: ExitStatus.usage, message: "--previous-year vale solo con il rapporto statistics")
            }
            let store = try await database.currentStore(creatingTheSchema: false)
            if kind == .runs { return try output.write(try await runsReport(store)) }
            if let run, let report = try await recordedRunReport(run, store: store) { return try output.write(report) }
            let cycle = try Cycle.from(try await store.loadYear(body: year.body, year: year.year), requireRatings: kind != .organisation)
            let isOpen = try await !(store.years(body: year.body).first { $0.year == year.year }?.state.isLocked ?? false)
            func allocated() async throws -> Allocation {
                let allocation = try cycle.allocate()
                if !isOpen {
                    let differences = cycle.differences(of: allocation, fromRecord: try await store.recordedAllocation(body: year.body, year: year.year))
                    guard differences.isEmpty else {
                        throw CommandFailure(status: ExitStatus.invalidData, message: "la ripartizione registrata differisce da quella "
                            + "ricalcolata dai suoi dati: il rapporto non è stampato (sipav db verify elenca le differenze):\n"
                            + differences.prefix(10).joined(separator: "\n"))
                    }
                }
                return allocation
            }
            let report: Report
            switch kind {
            case .runs: preconditionFailure("the runs are listed before the year is computed")
            case .organisation: report = cycle.organisationReport
            case .scores: report = cycle.scoresReport
            case .allocation: report = cycle.allocationReport(try await allocated())
            case .statistics: report = try await statisticsReport(cycle, allocation: try await allocated(), store: store)
            case .explain:
                guard let employee else {
                    throw CommandFailure(status: ExitStatus.usage, message: "explain richiede --employee con la matricola di un dipendente dell'anno")
                }
                guard let person = cycle.inputs.records.staff.firstIndex(where: { $0.id == employee }) else {
                    throw CommandFailure(status: ExitStatus.usage,
                                         message: "la matricola \(employee) non è nel personale dell'anno \(year.year) dell'ente \(year.body)")
                }
                report = cycle.explanation(try await allocated(), person: person)
            }
            try output.write(isOpen ? report.preview() : report)
        }
    }

    /// The year's allocation runs.
    private func runsReport(_ store: PostgresStore) async throws -> Report {
        let runs = try await store.allocationRuns(body: year.body, year: year.year)
        if runs.isEmpty, try await !store.years(body: year.body).contains(where: { $0.year == year.year }) {
            throw StoreError.missingYear(year.year, body: year.body)
        }
        return RunReports.list(runs, body: year.body, year: year.year, codes: output.format == .json)
    }

    /// Run `run` as it stored its allocation, when it is no longer in force; nil for the run in force, whose report is
    /// the year's allocation. A run of another year or body is refused, naming the year's.
    private func recordedRunReport(_ run: Int64, store: PostgresStore) async throws -> Report? {
        let runs = try await store.allocationRuns(body: year.body, year: year.year)
        guard let summary = runs.first(where: { $0.id == run }) else {
            guard try await store.years(body: year.body).contains(where: { $0.year == year.year }) else {
                throw StoreError.missingYear(year.year, body: year.body)
            }
            let which = "anno \(year.year) dell'ente \(year.body)"
            throw CommandFailure(status: ExitStatus.usage, message: runs.isEmpty
                ? "--run \(run): l'\(which) non è mai stato ripartito, e non ha ripartizioni da stampare"
                : "--run \(run): la ripartizione n. \(run) non è dell'\(which). Le sue ripartizioni sono: "
                    + runs.map { "n. \($0.id)" }.joined(separator: ", ") + " (sipav db report runs le descrive).")
        }
        guard RunReports.state(summary) != .inForce else { return nil }
        guard let recorded = try await store.recordedRun(body: year.body, year: year.year, run: run) else {
            throw CommandFailure(status: ExitStatus.internalError, message: "la ripartizione n. \(run) non si legge più")
        }
        return RunReports.allocation(recorded, of: summary, year: year.year)
    }

    /// The statistics with the year's own minimum group size, beside `--previous-year`'s as that year published them.
    private func statisticsReport(_ cycle: Cycle, allocation: Allocation, store: PostgresStore) async throws -> Report {
        guard let previousYear else { return cycle.statisticsReport(allocation) }
        guard previousYear < year.year else {
            throw CommandFailure(status: ExitStatus.usage,
                                 message: "--previous-year deve essere un anno precedente al \(year.year), non \(previousYear)")
        }
        // Only a closed year's figures are those it published (or will): one reopened or not yet allocated may still change.
        if let state = try await store.years(body: year.body).first(where: { $0.year == previousYear })?.state, !state.isLocked {
            throw CommandFailure(status: ExitStatus.invalidData, message: "l'anno \(previousYear) dell'ente \(year.body) è "
                + "\(state.italianName), non ripartito né pubblicato: le sue cifre possono ancora cambiare, e il confronto userebbe "
                + "dati mai pubblicati. Lo confronti quando sarà di nuovo ripartito, o scelga un altro anno.")
        }
        let earlier = try Cycle.from(try await store.loadYear(body: year.body, year: previousYear))
        return cycle.statisticsReport(allocation, previous: PreviousYear(earlier.statisticsReport(try earlier.allocate())))
    }
}
