import ArgumentParser
import Foundation
import SIPAV
import SIPAVFiles
import SIPAVStore

/// `sipav bench`: times the cycle on synthetic bodies of growing size, beside the pandas reference and
/// PostgreSQL's own COPY, and writes the figures as JSON. See BENCHMARKS.md.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Misura i tempi del ciclo su enti sintetici di dimensione crescente, a confronto con il riferimento in pandas e con il COPY di psql.",
        discussion: """
        Per ogni dimensione: genera un ente (o lo riprende da --work), poi misura, --repeat volte ciascuno, prendendo la \
        mediana: lettura e controllo dei file; punteggi, ripartizione e statistiche in memoria; scrittura dei risultati; \
        l'intero ciclo dai file; l'importazione in PostgreSQL; l'intero ciclo attraverso PostgreSQL; ciascuno in un \
        proprio processo, con il suo picco di memoria. Esegue il riferimento in pandas (benchmarks/reference, venv creato \
        da benchmarks/setup-python) sugli stessi file e fallisce se anche una sola persona non ha gli stessi centesimi. \
        I passi sul database girano su un cluster integrato usa e getta nella cartella di lavoro, a confronto con il \
        \\copy di psql delle stesse righe. Stampa una tabella e scrive il JSON.
        """)
    @Option(help: "Dimensioni (dipendenti esclusi i dirigenti), separate da virgole; ammessi k e M (o m).") var sizes: String = "1k,10k,100k,1M"
    @Option(name: .customLong("repeat"), help: "Esecuzioni di ogni passo; è riportata la mediana.") var repetitions: Int = 3
    @Option(help: "Cartella per gli enti generati (conservati per le esecuzioni successive), i risultati e il cluster usa e getta.")
    var work: String = (NSTemporaryDirectory() as NSString).appendingPathComponent("sipav-bench")
    @Option(help: "File dei risultati (JSON; predefinito: benchmarks/results/<date>-<host>.json nel repository).") var json: String?
    @Option(help: "Seme degli enti generati.") var seed: UInt64 = 1
    @Option(help: "Aree di ogni ente (predefinito: una ogni 1.000 dipendenti, almeno 3).") var areas: Int?
    @Flag(help: "Dà un titolo a ogni obiettivo individuale (file circa tre volte più grandi).") var titles = false
    @Flag(help: "Salta il riferimento in pandas.") var noPython = false
    @Flag(help: "Salta PostgreSQL.") var noDatabase = false
    @Option(help: "Il Python con pandas (predefinito: benchmarks/.venv/bin/python).") var python: String?
    @Flag(help: "Genera di nuovo gli enti anche se la cartella di lavoro li contiene già.") var regenerate = false
    @Flag(help: "Conserva i dati del cluster usa e getta nella cartella di lavoro dopo l'esecuzione.") var keepCluster = false
    @Flag(help: "Stampa le cifre come tabella Markdown in inglese (per BENCHMARKS.md).") var markdown = false
    @Option(help: "Con --markdown: stampa la tabella di questo file dei risultati, senza eseguire nulla.") var from: String?

    func validate() throws {
        guard (1...100).contains(repetitions) else { throw ValidationError("--repeat deve essere compreso tra 1 e 100") }
        guard from == nil || markdown else { throw ValidationError("--from si usa insieme a --markdown") }
        _ = try parsedSizes()
    }

    func parsedSizes() throws -> [Int] {
        guard !sizes.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--sizes: nessuna dimensione (ad esempio 1k,10k,100k,1M)")
        }
        return try sizes.split(separator: ",").map { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            let suffix = text.last.map { Character($0.lowercased()) }
            let (digits, factor) = suffix == "m" ? (text.dropLast(), 1_000_000)
                : suffix == "k" ? (text.dropLast(), 1_000) : (Substring(text), 1)
            // Compared before multiplying: a number of many digits times the factor would overflow.
            guard let value = Int(digits), value > 0, value <= 10_000_000 / factor else {
                throw ValidationError("--sizes: \"\(text)\" non è una dimensione tra 1 e 10M (ad esempio 1k,10k,100k,1M)")
            }
            return value * factor
        }
    }

    func run() async throws {
        try await reportingFailures {
            if let from {
                guard let data = FileManager.default.contents(atPath: from) else {
                    throw CommandFailure(status: ExitStatus.missingInput, message: "\(from): impossibile leggere il file")
                }
                let report: BenchReport
                do { report = try BenchReport.decoder().decode(BenchReport.self, from: data) } catch {
                    throw CommandFailure(status: ExitStatus.invalidData,
                                         message: "\(from): non è un file di risultati di sipav bench (\(error))")
                }
                print(BenchTable(report: report, language: .english).markdown(), terminator: "")
                return
            }
            let report = try await BenchRun(options: self).run()
            let path = json ?? BenchRun.defaultResultsPath(report)
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try BenchReport.encoder().encode(report).write(to: URL(fileURLWithPath: path))
            } catch {
                throw CommandFailure(status: ExitStatus.missingInput, message: "\(path): impossibile scrivere il file (\(FileSystemReason.italian(error)))")
            }
            print(markdown ? BenchTable(report: report, language: .english).markdown()
                           : BenchTable(report: report, language: .italian).terminal(), terminator: "")
            print("\nRisultati scritti in \(path)")
            if !markdown && report.machine.build == "debug" {
                print("Attenzione: sipav è compilato in debug; per cifre confrontabili usare scripts/bench (release).")
            }
        }
    }
}

/// One run of the benchmark over every size.
struct BenchRun {
    let options: Bench
    let work: String
    let logs: String
    let executable: String

    init(options: Bench) {
        self.options = options
        work = URL(fileURLWithPath: options.work).standardizedFileURL.path
        logs = (work as NSString).appendingPathComponent("logs")
        executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// The repository this binary was built from (this file is `Sources/sipav/Bench/Bench.swift`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func defaultResultsPath(_ report: BenchReport) -> String {
        let folder = FileManager.default.fileExists(atPath: repository + "/benchmarks") ? repository + "/benchmarks/results" : "."
        return folder + "/\(report.startedAt.prefix(10))-\(report.machine.host).json"
    }

    func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    func run() async throws -> BenchReport {
        let started = Date()
        let sizes = try options.parsedSizes()
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var machine = Machine.describe(repository: Self.repository, binary: executable, logs: logs)
        let pandas = try options.noPython ? nil : PandasReference.locate(python: options.python, repository: Self.repository).logging(into: logs)
        if let pandas {
            (machine.python, machine.pandas, machine.numpy, machine.pyyaml, machine.pyyamlLibyaml) = try pandas.versions()
            guard machine.pyyamlLibyaml == true else {
                throw CommandFailure(status: ExitStatus.missingInput, message: """
                    il PyYAML di \(pandas.python) è senza libyaml, che il riferimento pandas usa come sipav: \
                    esegua di nuovo benchmarks/setup-python (oppure usi --no-python)
                    """)
            }
        }
        let psql = options.noDatabase ? nil : try Self.psql()
        let database = options.noDatabase ? nil : try BenchDatabase(work: work)
        defer { database?.finish(removing: !options.keepCluster) }
        if let database, let psql {
            machine.postgresql = database.serverVersion
            machine.psql = (try? Subprocess.run(psql, ["--version"], logs: logs))?.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var results: [SizeResult] = []
        for staff in sizes {
            results.append(try await measure(staff: staff, pandas: pandas, database: database, psql: psql))
        }
        let growth = BenchAnalysis.growth(results)
        return BenchReport(startedAt: Self.timestamp(started), finishedAt: Self.timestamp(Date()), machine: machine,
                           settings: BenchSettings(sizes: sizes, repetitions: options.repetitions, seed: options.seed,
                                                   areas: options.areas, objectiveTitles: options.titles,
                                                   python: pandas != nil, database: database != nil, work: work),
                           sizes: results, growth: growth, targets: BenchAnalysis.targets(results, growth: growth))
    }

    func measure(staff: Int, pandas: PandasReference?, database: BenchDatabase?, psql: String?) async throws -> SizeResult {
        let body = try BenchBody.prepare(staff: staff, areas: options.areas, titles: options.titles, seed: options.seed,
                                         work: work, regenerate: options.regenerate)
        say("Ente di \(body.people) persone e \(body.objectives) obiettivi: "
            + (body.generatedSeconds.map { "generato in \(String(format: "%.2f", $0)) s" } ?? "ripreso da \(body.folder)"))
        let output = (work as NSString).appendingPathComponent("out/staff-\(staff)")
        let cents = (output as NSString).appendingPathComponent("sipav-cents.csv")
        var steps: [StepFigures] = []
        for step in [BenchStepKind.scanObjectives, .read, .compute, .write, .cycleFiles] {
            let runs = try (1...options.repetitions).map { run in
                try child(step, data: body.folder, output: output, extra: step == .cycleFiles && run == 1 ? ["--cents", cents] : [])
            }
            steps.append(report(StepFigures(step: step, runs: runs)))
        }
        var pandasFigures: PandasFigures?
        if let pandas {
            let theirs = (output as NSString).appendingPathComponent("pandas-results.csv")
            let runs = try (1...options.repetitions).map { _ in
                settleWrites()
                return try pandas.run(data: body.folder, output: theirs)
            }
            let compared = try pandas.compareCents(ours: cents, theirs: theirs)
            pandasFigures = PandasReference.figures(runs, people: compared.people, paidCents: compared.paidCents)
            say("  pandas: \(String(format: "%.3f", pandasFigures!.totalSeconds)) s, stessi centesimi per \(compared.people) persone")
        }
        if let database, let psql {
            steps += try await measureDatabase(body: body, output: output, database: database, psql: psql)
        }
        var ratios: [NamedRatio] = []
        func ratio(_ name: String, _ numerator: Double?, _ denominator: Double?) {
            guard let numerator, let denominator, denominator > 0 else { return }
            ratios.append(NamedRatio(name: name, value: BenchAnalysis.rounded(numerator / denominator)))
        }
        func median(_ kind: BenchStepKind) -> Double? { steps.first { $0.step == kind }?.medianSeconds }
        ratio("speedup_cycle_vs_pandas", pandasFigures?.totalSeconds, median(.cycleFiles))
        ratio("speedup_read_vs_pandas", pandasFigures?.readSeconds, median(.read))
        ratio("speedup_compute_vs_pandas", pandasFigures?.computeSeconds, median(.compute))
        ratio("speedup_write_vs_pandas", pandasFigures?.writeSeconds, median(.write))
        ratio("read_times_byte_pass", median(.read), median(.scanObjectives))
        ratio("import_times_psql_copy", median(.databaseImport), median(.psqlCopy))
        ratio("import_times_psql_copy_bare", median(.databaseImport), median(.psqlCopyBare))
        return SizeResult(staff: staff, people: body.people, objectives: body.objectives, areas: body.areas,
                          fileBytes: body.fileBytes, generatedSeconds: body.generatedSeconds, steps: steps,
                          pandas: pandasFigures, ratios: ratios)
    }

    func measureDatabase(body: BenchBody, output: String, database: BenchDatabase, psql: String) async throws -> [StepFigures] {
        let rows = (work as NSString).appendingPathComponent("rows/staff-\(body.staff)")
        // The exported rows are made again by every run (hundreds of MB at a million staff).
        defer { try? FileManager.default.removeItem(atPath: rows) }
        func inFreshDatabase(_ step: BenchStepKind, run: Int) throws -> StepRun {
            let name = try database.fresh()
            defer { try? database.drop(name) }
            let measured = try child(step, data: body.folder, output: output,
                                     extra: ["--database", database.conninfo(database: name), "--body", BenchDatabase.body])
            if step == .databaseCycle && run == 1 { try database.exportRows(from: name, into: rows, psql: psql) }
            return measured
        }
        var steps: [StepFigures] = []
        for step in [BenchStepKind.databaseImport, .databaseCycle, .databaseRun] {
            let runs = try (1...options.repetitions).map { try inFreshDatabase(step, run: $0) }
            steps.append(report(StepFigures(step: step, runs: runs)))
        }
        let plan = try PlanFile.read(path: (body.folder as NSString).appendingPathComponent("plan.yaml"))
        let fund = try FundFile.read(path: (body.folder as NSString).appendingPathComponent("fund.yaml"))
        let year = YearRecords(body: BenchDatabase.body, plan: plan, records: StaffRecords(staff: [], objectives: []), fund: fund,
                               settingsYAML: nil)
        /// psql copying `tables` into tables of `kind` in a fresh database.
        func copy(into kind: BenchDatabase.CopyTables, _ tables: [String]) throws -> StepRun {
            let name = try database.prepareTables(kind, for: tables)
            defer { try? database.drop(name) }
            settleWrites()
            return try database.timeCopy(into: name, prefix: kind.rawValue, tables: tables, rows: rows, psql: psql)
        }
        var copies: [StepRun] = [], bare: [StepRun] = [], keyed: [StepRun] = []
        for _ in 1...options.repetitions {
            let name = try await database.prepareForCopy(year: year)
            settleWrites()
            copies.append(try database.timeCopy(into: name, rows: rows, psql: psql))
            try database.drop(name)
            bare.append(try copy(into: .bare, BenchDatabase.copiedTables))
            keyed.append(try copy(into: .keyed, BenchDatabase.cycleTables))
        }
        steps.append(report(StepFigures(step: .psqlCopy, runs: copies)))
        steps.append(report(StepFigures(step: .psqlCopyBare, runs: bare)))
        steps.append(report(StepFigures(step: .psqlCopyKeyed, runs: keyed)))
        return steps
    }

    /// Runs one step in a `sipav bench-step` process of its own and reads what it measured.
    func child(_ step: BenchStepKind, data: String, output: String, extra: [String] = []) throws -> StepRun {
        settleWrites()
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SIPAV_CONFIG")
        let run = try Subprocess.run(executable, ["bench-step", step.rawValue, "--data", data, "--out", output] + extra,
                                     logs: logs, environment: environment).checked("sipav bench-step \(step.rawValue)")
        guard let line = run.output.split(separator: "\n").last,
              let measured = try? JSONDecoder().decode(StepRun.self, from: Data(line.utf8)) else {
            throw CommandFailure(status: ExitStatus.internalError, message: "sipav bench-step \(step.rawValue) non ha stampato alcuna misura:\n\(run.output)")
        }
        return measured
    }

    /// Writes out the files the runs before left in the page cache, so that the kernel's writing them back does
    /// not take a share of the two cores during the next timed run (the million-staff results are 117 MB a run).
    func settleWrites() {
        sync()
    }

    func report(_ figures: StepFigures) -> StepFigures {
        let memory = figures.peakRssBytes.map { ", \(Int((Double($0) / 1_048_576).rounded())) MiB" } ?? ""
        say("  \(figures.step.rawValue): \(String(format: "%.4f", figures.medianSeconds)) s\(memory)")
        return figures
    }

    static func psql() throws -> String {
        if let found = Subprocess.which("psql") { return found }
        throw CommandFailure(status: ExitStatus.unavailable, message: "psql non è nel PATH: installi il client di PostgreSQL (Debian: postgresql-client) o usi --no-database")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
