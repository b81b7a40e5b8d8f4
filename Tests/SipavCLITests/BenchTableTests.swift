import ArgumentParser
import Foundation
import Testing
@testable import sipav

/// The benchmark's table speaks the terminal's language (Italian words, decimal commas) and keeps English for
/// the JSON and BENCHMARKS.md; its sizes are read without overflowing.
@Suite("Bench table and sizes")
struct BenchTableTests {
    static func size(staff: Int, cycle: Double, readFiles: Double, floor: Double) -> SizeResult {
        func step(_ kind: BenchStepKind, _ seconds: Double, parts: [NamedSeconds] = [], peak: Int? = nil) -> StepFigures {
            StepFigures(step: kind, runs: [StepRun(seconds: seconds, peakRssBytes: peak, startRssBytes: nil, parts: parts)])
        }
        let keyedParts = (BenchDatabase.cycleTables + ["commit"]).map { NamedSeconds(name: $0, seconds: $0 == "commit" ? 0 : floor / 4) }
        return SizeResult(staff: staff, people: staff + staff / 1_000 + 1, objectives: staff * 9 / 2, areas: staff / 1_000, fileBytes: [],
                          generatedSeconds: nil,
                          steps: [step(.compute, 0.05), step(.cycleFiles, 0.8, peak: 400 * 1_048_576),
                                  step(.databaseCycle, cycle, parts: [NamedSeconds(name: "read_files", seconds: readFiles)]),
                                  step(.psqlCopyKeyed, floor + 1, parts: keyedParts)],
                          pandas: nil, ratios: [NamedRatio(name: "speedup_cycle_vs_pandas", value: 8.5)])
    }

    static var report: BenchReport {
        let sizes = [size(staff: 100_000, cycle: 1.9, readFiles: 0.4, floor: 1.2), size(staff: 1_000_000, cycle: 21, readFiles: 0.5, floor: 12.4)]
        let machine = MachineInfo(host: "test", cpuModel: "cpu", cores: 2, memoryBytes: 1 << 30, operatingSystem: "os", kernel: "k",
                                  swift: "swift", build: "release")
        let settings = BenchSettings(sizes: sizes.map(\.staff), repetitions: 1, seed: 1, areas: nil, objectiveTitles: false,
                                     python: false, database: true, work: "/tmp")
        return BenchReport(startedAt: "2026-11-27T10:00:00Z", finishedAt: "2026-11-27T10:01:00Z", machine: machine,
                           settings: settings, sizes: sizes, growth: [],
                           targets: BenchAnalysis.targets(sizes, growth: []))
    }

    @Test func theItalianTableGivesTheTargetsAndNotesInItalian() {
        let terminal = BenchTable(report: Self.report, language: .italian).terminal()
        let targets = terminal.components(separatedBy: "Obiettivi dell'issue\n").last ?? ""
        #expect(targets.contains("almeno 15 volte più veloce del riferimento pandas, con gli stessi centesimi"))
        #expect(targets.contains("1M di dipendenti in memoria: punteggi, ripartizione e statistiche sotto 0,1 s"))
        #expect(targets.contains("sotto 1,5 s: 1,900 s (senza la lettura dei file: 1,5 s; \\copy di psql delle stesse righe"))
        #expect(targets.contains("il minimo di questo schema: 12,4 s"))
        #expect(targets.contains("[non misurato] Crescita lineare da 10k a 1M di dipendenti"))
        #expect(targets.contains("(non misurato in questa esecuzione)"))
        for english in ["staff", "times", "without", "not measured", "floor", "under"] {
            #expect(!targets.contains(english), "English in the Italian targets: \(english)")
        }
    }

    @Test func theJSONAndTheMarkdownKeepTheTargetsInEnglish() {
        let report = Self.report
        #expect(report.targets.first?.target == "1M staff, files to results: at least 15 times faster than the pandas reference, with identical cents")
        #expect(report.targets.contains { $0.note == "without reading the files: 1.5 s; psql's \\copy of the same rows into tables with their keys and checks only, the floor of this schema: 1.2 s" })
        let markdown = BenchTable(report: report, language: .english).markdown()
        #expect(markdown.contains("| Linear growth from 10k to 1M staff: no step worse than 1.3 times the size ratio (not measured in this run) |"))
        #expect(!markdown.contains("dipendenti"))
    }

    @Test func sizesTakeKAndMInEitherCase() throws {
        let sizes = try Bench.parse(["--sizes", "1m,2k,10M,3K,7"]).parsedSizes()
        #expect(sizes == [1_000_000, 2_000, 10_000_000, 3_000, 7])
    }

    @Test(arguments: ["99999999999999999k", "9223372036854775807M", "10001k", "11M", "0k", "-1", "1g", "k", " "])
    func aSizeOutOfRangeIsAUsageErrorNotACrash(size: String) throws {
        let refused = try refusal(Bench.self, ["--sizes=\(size)"])
        #expect(refused.status == 64)
        #expect(refused.english.contains("--sizes: "), "\(refused.english)")
    }

    /// The checkout's commit is marked when it is newer than the binary, which may then not contain it, and
    /// when the work tree differs from it.
    @Test func aCommitNewerThanTheBinaryIsMarkedUnbuilt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-machine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let git = try #require(Subprocess.which("git"))
        let source = folder.appendingPathComponent("source.swift").path
        #expect(FileManager.default.createFile(atPath: source, contents: Data("let a = 1\n".utf8)))
        for arguments in [["init", "-q"], ["add", "source.swift"],
                          ["-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "-q", "-m", "one"]] {
            #expect(try Subprocess.run(git, ["-C", folder.path] + arguments, logs: folder.path).status == 0, "git \(arguments)")
        }
        let binary = folder.appendingPathComponent("sipav").path
        #expect(FileManager.default.createFile(atPath: binary, contents: Data("binary".utf8)))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000)], ofItemAtPath: binary)
        let old = try #require(Machine.gitCommit(repository: folder.path, binary: binary, logs: folder.path))
        #expect(old.hasSuffix("+unbuilt") && !old.contains("+changes"), "\(old)")
        #expect(old.prefix(12).allSatisfy { $0.isHexDigit })
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(86_400)], ofItemAtPath: binary)
        let fresh = try #require(Machine.gitCommit(repository: folder.path, binary: binary, logs: folder.path))
        #expect(fresh == String(old.prefix(12)), "\(fresh)")
        try Data("let a = 2\n".utf8).write(to: URL(fileURLWithPath: source))
        #expect(try Machine.gitCommit(repository: folder.path, binary: binary, logs: folder.path) == fresh + "+changes")
    }

    @Test func theCommandLineRefusesAHugeSizeWithTheUsageStatus() throws {
        let run = try Sipav.run(["bench", "--sizes", "99999999999999999k", "--no-python", "--no-database"])
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("--sizes: \"99999999999999999k\" non è una dimensione tra 1 e 10M"))
    }
}
