import Foundation

/// The steps of the benchmark. Each of the first eight runs in a `sipav bench-step` process of its own.
enum BenchStepKind: String, CaseIterable, Codable, Sendable {
    /// The floor of parsing: one pass over the bytes of `objectives.csv`, counting lines.
    case scanObjectives = "scan_objectives"
    /// Reading and validating the four files (`YearInputs.load`).
    case read
    /// Final scores, allocation and statistics in memory (`Cycle`, `allocate`, `statistics`).
    case compute
    /// Writing the allocation CSV (as `sipav allocate --format csv`) and the statistics JSON.
    case write
    /// The whole cycle from the files to the written results, as one command would run it.
    case cycleFiles = "cycle_files"
    /// Importing the year into PostgreSQL (`PostgresStore.importYear`, by COPY), the files already read.
    case databaseImport = "db_import"
    /// Files → PostgreSQL → results, as `sipav db import --allocate`: read, compute, then import and store the
    /// allocation in one transaction; statistics.
    case databaseCycle = "db_cycle"
    /// A year already stored, as `sipav db run`: read back, computed, its allocation stored; statistics.
    case databaseRun = "db_run"
    /// The floor of the import: `psql`'s own `\copy` of the same rows into the same tables. The psql steps
    /// time psql's statements, not its process (up to the results of 2026-11-27a, the process, for this step
    /// and the next).
    case psqlCopy = "psql_copy"
    /// The same `\copy` into tables of the same columns without keys, checks or triggers.
    case psqlCopyBare = "psql_copy_bare"
    /// The floor of this schema: `\copy` of every row a cycle writes (the import's and the allocation's) into
    /// tables with the same primary keys and checks, without foreign keys or triggers; one part per table.
    case psqlCopyKeyed = "psql_copy_keyed"

    var needsDatabase: Bool { [.databaseImport, .databaseCycle, .databaseRun, .psqlCopy, .psqlCopyBare, .psqlCopyKeyed].contains(self) }
}

/// What one run of a step measured.
struct StepRun: Codable, Sendable {
    var seconds: Double
    /// The peak resident memory of the process during the step (its data loaded before included).
    var peakRssBytes: Int?
    /// The resident memory when the step began (what was loaded for it beforehand).
    var startRssBytes: Int?
    var parts: [NamedSeconds] = []
}

struct NamedSeconds: Codable, Sendable {
    var name: String
    var seconds: Double
}

/// A step measured several times.
struct StepFigures: Codable, Sendable {
    var step: BenchStepKind
    var medianSeconds: Double
    var minimumSeconds: Double
    var maximumSeconds: Double
    var runs: [Double]
    /// The largest peak over the runs.
    var peakRssBytes: Int?
    var startRssBytes: Int?
    /// The median of each part over the runs, in the order the step runs them.
    var parts: [NamedSeconds]

    init(step: BenchStepKind, runs: [StepRun]) {
        let seconds = runs.map(\.seconds)
        self.step = step
        medianSeconds = Median.of(seconds)
        minimumSeconds = seconds.min() ?? 0
        maximumSeconds = seconds.max() ?? 0
        self.runs = seconds.map(Median.rounded)
        peakRssBytes = runs.compactMap(\.peakRssBytes).max()
        startRssBytes = runs.compactMap(\.startRssBytes).max()
        parts = (runs.first?.parts ?? []).map { part in
            NamedSeconds(name: part.name, seconds: Median.of(runs.compactMap { $0.parts.first { $0.name == part.name }?.seconds }))
        }
    }

    func part(_ name: String) -> Double? { parts.first { $0.name == name }?.seconds }

    /// The sum of the named parts; nil unless all of them were measured.
    func partsSum(_ names: [String]) -> Double? {
        let found = names.compactMap(part)
        return found.count == names.count ? found.reduce(0, +) : nil
    }

    /// For `psql_copy_keyed`: the statements that write a cycle's rows and commit them, as psql times them
    /// (its start and connection apart): what the server needs at least to store a cycle in this schema.
    var schemaFloorSeconds: Double? { partsSum(BenchDatabase.cycleTables + ["commit"]) }
}

/// The pandas reference on the same files, as it reports itself (interpreter start and imports apart).
struct PandasFigures: Codable, Sendable {
    var totalSeconds: Double
    var readSeconds: Double
    var computeSeconds: Double
    var writeSeconds: Double
    var startupSeconds: Double
    /// The whole process, start to exit, as seen from outside.
    var wallSeconds: Double
    var runs: [Double]
    var peakRssBytes: Int
    /// Every person has the same cents in both outputs.
    var centsIdentical: Bool
    var peopleCompared: Int
    var paidCents: Int64
}

/// Everything measured for one size.
struct SizeResult: Codable, Sendable {
    /// The size asked for: staff other than managers.
    var staff: Int
    var people: Int
    var objectives: Int
    var areas: Int
    var fileBytes: [NamedBytes]
    /// Time to generate the body; nil when it was reused from the work folder.
    var generatedSeconds: Double?
    var steps: [StepFigures]
    var pandas: PandasFigures?
    var ratios: [NamedRatio]

    func step(_ kind: BenchStepKind) -> StepFigures? { steps.first { $0.step == kind } }
    func ratio(_ name: String) -> Double? { ratios.first { $0.name == name }?.value }
    var csvBytes: Int { fileBytes.filter { $0.name.hasSuffix(".csv") }.reduce(0) { $0 + $1.bytes } }
}

struct NamedBytes: Codable, Sendable {
    var name: String
    var bytes: Int
}

struct NamedRatio: Codable, Sendable {
    var name: String
    var value: Double
}

/// How a step's time grows from one size to a larger one.
struct GrowthCheck: Codable, Sendable {
    var step: BenchStepKind
    var fromPeople: Int
    var toPeople: Int
    var sizeRatio: Double
    var timeRatio: Double
    /// Time ratio over size ratio: 1 is linear; the target allows 1.3.
    var relative: Double
}

/// One target of the benchmark, measured in this run.
struct TargetCheck: Codable, Sendable {
    var target: String
    var measured: Double?
    var limit: Double
    var unit: String
    /// nil when not measured in this run.
    var met: Bool?
    var note: String?
}

/// The machine and the software the figures were measured with.
struct MachineInfo: Codable, Sendable {
    var host: String
    var cpuModel: String
    var cores: Int
    var memoryBytes: Int
    var operatingSystem: String
    var kernel: String
    var swift: String
    var build: String
    var postgresql: String?
    var psql: String?
    var python: String?
    var pandas: String?
    var numpy: String?
    /// PyYAML's version, and whether it was built with libyaml (nil in results made before they said so).
    var pyyaml: String?
    var pyyamlLibyaml: Bool?
    var gitCommit: String?
}

struct BenchSettings: Codable, Sendable {
    var sizes: [Int]
    var repetitions: Int
    var seed: UInt64
    /// nil: one Area per 1,000 staff, at least 3.
    var areas: Int?
    var objectiveTitles: Bool
    var python: Bool
    var database: Bool
    var work: String
}

/// A whole run of `sipav bench`, as written to JSON.
struct BenchReport: Codable, Sendable {
    var tool = "sipav bench"
    var formatVersion = 1
    var startedAt: String
    var finishedAt: String
    var machine: MachineInfo
    var settings: BenchSettings
    var sizes: [SizeResult]
    var growth: [GrowthCheck]
    var targets: [TargetCheck]

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}

enum Median {
    static func of(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return rounded(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
    }

    /// Seconds to the microsecond: the clock's noise is far larger.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1e6).rounded() / 1e6 }
}
