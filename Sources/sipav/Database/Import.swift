import SIPAVCycle
import ArgumentParser
import Foundation
import SIPAVStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a year's files into the database: one transaction, all or nothing, replacing the year.")
    @Option(help: "The body's id (default: demo).") var body: String = "demo"
    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Accept unrated objectives (while objectives are being planned).") var planning = false

    func run() async throws {
        try await reportingFailures {
            let cycle = try loadCycle(input, requireRatings: !planning)
            let store = try database.store()
            _ = try await store.migrate(dryRun: false)
            try await store.importYear(cycle.records(body: body), actor: database.actorName, progress: ProgressBar.objectives)
            let records = cycle.inputs.records
            print("Importato: ente \(body), anno \(cycle.inputs.plan.year): \(records.staff.count) persone, \(records.objectives.count) obiettivi individuali.")
        }
    }
}

/// A progress bar on standard error for large imports (more than 20,000 rows), when a person watches it
/// (standard error is a terminal): a log file gets no carriage returns.
enum ProgressBar {
    static let objectives: ImportProgress = { done, total in
        guard total > 20_000, isatty(STDERR_FILENO) == 1 || ProcessInfo.processInfo.environment["SIPAV_PROGRESS"] == "1" else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "\rObiettivi individuali [\(bar)] \(done * 100 / max(total, 1)) % (\(done)/\(total))" + (done >= total ? "\n" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }
}
