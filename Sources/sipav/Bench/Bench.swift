import ArgumentParser
import Foundation
import SIPAV
import SIPAVFiles
import SIPAVStore

/// `sipav bench`: times the cycle on synthetic bodies of growing size, beside the pandas reference and
/// PostgreSQL's own COPY, and writes the figures as JSON. See BENCHMARKS.md.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the cycle on synthetic bodies of growing size, beside the pandas reference and psql's own COPY.",
        discussion: """
        For each size: generates a body (or reuses it from --work), then times, --repeat times each, with the median: \
        reading and validating the files; scores, allocation and statistics in memory; writing the results; the whole \
        cycle from the files; importing into PostgreSQL; the whole cycle through PostgreSQL; each in a process of its \
        own, with its peak memory. Runs the pandas reference (benchmarks/reference, venv made by benchmarks/setup-python) \
        on the same files and fails unless every person has the same cents. The database steps run on a throwaway \
        built-in cluster in the work folder, beside psql's own \\copy of the same rows. Prints a table and writes JSON.
        """)
    @Option(help: "Sizes (staff other than managers), comma separated; k and M (or m) allowed.") var sizes: String = "1k,10k,100k,1M"
    @Option(name: .customLong("repeat"), help: "Runs of each step; the median is reported.") var repetitions: Int = 3
    @Option(help: "Folder for the generated bodies (kept for later runs), the outputs and the throwaway cluster.")
    var work: String = (NSTemporaryDirectory() as NSString).appendingPathComponent("sipav-bench")
    @Option(help: "Results file (JSON; default: benchmarks/results/<date>-<host>.json in the repository).") var json: String?
    @Option(help: "Seed of the generated bodies.") var seed: UInt64 = 1
    @Option(help: "Areas of every body (default: one per 1,000 staff, at least 3).") var areas: Int?
    @Flag(help: "Give every individual objective a title (files about three times larger).") var titles = false
    @Flag(help: "Skip the pandas reference.") var noPython = false
    @Flag(help: "Skip PostgreSQL.") var noDatabase = false
    @Option(help: "The Python with pandas (default: benchmarks/.venv/bin/python).") var python: String?
    @Flag(help: "Generate the bodies again even when the work folder has them.") var regenerate = false
    @Flag(help: "Keep the throwaway cluster's data in the work folder after the run.") var keepCluster = false
    @Flag(help: "Print the figures as a Markdown table in English (for BENCHMARKS.md).") var markdown = false
    @Option(help: "With --markdown: print the table of this results file and run nothing.") var from: String?

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
