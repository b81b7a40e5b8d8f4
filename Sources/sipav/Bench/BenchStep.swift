import ArgumentParser
import Foundation
import SIPAV
import SIPAVCycle
import SIPAVReports
import SIPAVStore

extension BenchStepKind: ExpressibleByArgument {}

/// `sipav bench-step`: runs one step of the benchmark in this process and prints what it measured as one
/// line of JSON. `sipav bench` starts one such process per run, so that each step's peak memory is its own.
struct BenchStep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-step", abstract: "Esegue un passo di `sipav bench` e ne stampa il tempo e il picco di memoria (JSON).",
        shouldDisplay: false)
    @Argument(help: "Il passo.") var step: BenchStepKind
    @Option(help: "La cartella dei file dell'anno.") var data: String
    @Option(help: "La cartella in cui sono scritti i risultati.") var out: String
    @Option(help: "Il database (conninfo di libpq) dei passi sul database.") var database: String?
    @Option(help: "L'identificativo dell'ente nel database.", transform: BodyArgument.parse) var body: String = "bench"
    @Option(help: "Con cycle_files: scrive qui anche i centesimi di ogni persona (CSV employee_id,amount_cents), fuori dalla misura dei tempi.")
    var cents: String?

    func run() async throws {
        try await reportingFailures {
            let runner = StepRunner(paths: InputPaths(directory: data, plan: nil, staff: nil, objectives: nil, fund: nil, settings: nil),
                                    output: out, conninfo: database, body: body)
            let measured = try await runner.run(step, cents: cents)
            let line = try JSONEncoder().encode(measured)
            FileHandle.standardOutput.write(line + Data("\n".utf8))
        }
    }
}

/// The steps, each through the library functions the commands use: what makes them faster makes these faster.
struct StepRunner {
    let paths: InputPaths
    let output: String
    let conninfo: String?
    let body: String
    let actor = "sipav-bench"

    func path(_ name: String) -> String { (output as NSString).appendingPathComponent(name) }

    func run(_ step: BenchStepKind, cents: String?) async throws -> StepRun {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        switch step {
        case .scanObjectives:
            return try measure { laps in _ = try laps.time("scan") { try ByteScan.lines(in: paths.objectives) } }
        case .read:
            return try measure { laps in _ = try laps.time("read") { try YearInputs.load(paths) } }
        case .compute:
            let inputs = try YearInputs.load(paths)
            // The results outlive the timing, as in cycle_files: freeing them is not computing them.
            var results: (Cycle, Allocation, DifferentiationStatistics)?
            defer { withExtendedLifetime(results) {} }
            return try measure { laps in
                let cycle = try laps.time("scores") { try Cycle(inputs, paths: paths) }
                let allocation = try laps.time("allocation") { try cycle.allocate() }
                let statistics = laps.time("statistics") { cycle.allocationInput.statistics(allocation, areas: inputs.plan.areas) }
                results = (cycle, allocation, statistics)
            }
        case .write:
            let cycle = try Cycle(YearInputs.load(paths), paths: paths)
            let allocation = try cycle.allocate()
            let statistics = cycle.allocationInput.statistics(allocation, areas: cycle.inputs.plan.areas)
            return try measure { laps in
                try laps.time("allocation_csv") { try writeAllocation(cycle, allocation) }
                try laps.time("statistics_json") {
                    try write(.json, StatisticsReport.build(plan: cycle.inputs.plan, statistics: statistics), to: "statistics.json")
                }
            }
        case .cycleFiles:
            var computed: (Cycle, Allocation)?
            let measured = try measure { laps in
                let inputs = try laps.time("read") { try YearInputs.load(paths) }
                let cycle = try laps.time("compute") { try Cycle(inputs, paths: paths) }
                let allocation = try laps.time("compute") { try cycle.allocate() }
                try laps.time("allocation_csv") { try writeAllocation(cycle, allocation) }
                try laps.time("statistics_json") { try write(.json, cycle.statisticsReport(allocation), to: "statistics.json") }
                computed = (cycle, allocation)
            }
            if let cents, let (cycle, allocation) = computed { try CentsFile.write(cycle, allocation, to: cents) }
            return measured
        case .databaseImport:
            let cycle = try Cycle(YearInputs.load(paths), paths: paths)
            let store = try PostgresStore(conninfo: conninfo)
            return try await measureAsync { laps in
                try await laps.timeAsync("import") { _ = try await store.importYear(cycle.records(body: body), actor: actor, progress: nil) }
            }
        case .databaseCycle:
            let store = try PostgresStore(conninfo: conninfo)
            return try await measureAsync { laps in
                // As `sipav db import --allocate`, then the statistics of `sipav db report`, in one go.
                let inputs = try laps.time("read_files") { try YearInputs.load(paths) }
                let cycle = try laps.time("compute") { try Cycle(inputs, paths: paths) }
                let allocation = try laps.time("compute") { try cycle.allocate() }
                try await laps.timeAsync("import_allocate") {
                    try await store.importAllocated(cycle.records(body: body), outcome: cycle.outcome(allocation), actor: actor, progress: nil)
                }
                try laps.time("statistics_json") { try write(.json, cycle.statisticsReport(allocation), to: "db-statistics.json") }
            }
        case .databaseRun:
            let files = try Cycle(YearInputs.load(paths), paths: paths)
            let store = try PostgresStore(conninfo: conninfo)
            try await store.importYear(files.records(body: body), actor: actor, progress: nil)
            return try await measureAsync { laps in
                // As `sipav db run`: the stored year read back, computed and its allocation stored, in one
                // transaction holding the year; then the statistics.
                let (cycle, allocation) = try await laps.timeAsync("allocate") {
                    try await Run.allocate(store, body: body, year: files.inputs.plan.year, actor: actor, includeReturned: false).0
                }
                try laps.time("statistics_json") { try write(.json, cycle.statisticsReport(allocation), to: "db-statistics.json") }
            }
        case .psqlCopy, .psqlCopyBare, .psqlCopyKeyed:
            throw CommandFailure(status: ExitStatus.usage, message: "\(step.rawValue) è misurato da sipav bench stesso, attorno a psql")
        }
    }

    /// The allocation as `sipav allocate --format csv -o allocation.csv` writes it.
    func writeAllocation(_ cycle: Cycle, _ allocation: Allocation) throws {
        try write(.csv, cycle.allocationReport(allocation), to: "allocation.csv")
    }

    func write(_ format: OutputFormat, _ report: Report, to name: String) throws {
        try OutputFile.write(report, as: format, to: path(name))
    }

    func measure(_ body: (inout Laps) throws -> Void) rethrows -> StepRun {
        let start = ProcessMemory.currentBytes
        ProcessMemory.resetPeak()
        var laps = Laps()
        try body(&laps)
        return StepRun(seconds: laps.total, peakRssBytes: ProcessMemory.peakBytes, startRssBytes: start, parts: laps.named)
    }

    func measureAsync(_ body: (inout Laps) async throws -> Void) async rethrows -> StepRun {
        let start = ProcessMemory.currentBytes
        ProcessMemory.resetPeak()
        var laps = Laps()
        try await body(&laps)
        return StepRun(seconds: laps.total, peakRssBytes: ProcessMemory.peakBytes, startRssBytes: start, parts: laps.named)
    }
}

/// Each person's cents, for the comparison with the pandas reference (`benchmarks/compare_cents.py`).
enum CentsFile {
    static func write(_ cycle: Cycle, _ allocation: Allocation, to path: String) throws {
        var text = "employee_id,amount_cents\n"
        let staff = cycle.inputs.records.staff
        for fund in [allocation.managers, allocation.staff] {
            for row in 0..<fund.count { text += staff[fund.person(at: row)].id + "," + String(fund.cents(at: row)) + "\n" }
        }
        try OutputFile.write(text, to: path)
    }
}

/// The least any reader of a CSV file must do: one pass over its bytes.
enum ByteScan {
    /// The number of line feeds in the file, read a mebibyte at a time and counted eight bytes at a time.
    static func lines(in path: String) throws -> Int {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CommandFailure(status: ExitStatus.missingInput, message: "\(path): impossibile leggere il file")
        }
        defer { close(descriptor) }
        let words = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 17)
        defer { words.deallocate() }
        let bytes = UnsafeMutableRawBufferPointer(words)
        var count = 0
        while true {
            let read = Foundation.read(descriptor, bytes.baseAddress, bytes.count)
            if read < 0 { throw CommandFailure(status: ExitStatus.missingInput, message: "\(path): errore di lettura \(errno)") }
            if read == 0 { return count }
            for index in 0..<(read / 8) { count &+= lineFeeds(words[index]) }
            for index in (read / 8 * 8)..<read where bytes[index] == 10 { count &+= 1 }
        }
    }

    /// Line feeds among the eight bytes of `word`: exact, without a branch per byte.
    @inline(__always)
    static func lineFeeds(_ word: UInt64) -> Int {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ 0x0A0A_0A0A_0A0A_0A0A            // a line feed becomes a zero byte
        let nonZero = ((x & low7) &+ low7) | x           // high bit set in each byte that is not zero
        return (~nonZero & ~low7).nonzeroBitCount
    }
}
