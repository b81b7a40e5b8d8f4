import ArgumentParser
import Foundation
import SIPAVFiles

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Riscrive un anno nei file da cui è stato importato (plan.yaml, staff.csv, objectives.csv, fund.yaml, settings.yaml).")
    @OptionGroup var year: YearOptions
    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Cartella in cui scrivere.") var output: String
    @Flag(help: "Sostituisce i file già presenti nella cartella (senza questa opzione la sostituzione è rifiutata).") var force = false

    func run() async throws {
        try await reportingFailures {
            let records = try await database.currentStore(creatingTheSchema: false).loadYear(body: year.body, year: year.year)
            var files = [
                "plan.yaml": PlanWriter.yaml(records.plan),
                "staff.csv": StaffWriter.byteOrderMark + StaffWriter.staffCSV(records.records.staff, areas: records.plan.areas),
                "objectives.csv": StaffWriter.byteOrderMark
                    + StaffWriter.objectivesCSV(records.records.objectives, staff: records.records.staff),
                "fund.yaml": FundWriter.yaml(records.fund),
            ]
            if let settings = records.settingsYAML { files["settings.yaml"] = settings }
            // settings.yaml too: a year without settings of its own removes the one an earlier export left.
            try OutputFolder.refuseReplacing(Array(files.keys) + ["settings.yaml"], in: output, force: force)
            let staleSettings = (output as NSString).appendingPathComponent("settings.yaml")
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                // A year without settings of its own: a settings.yaml left by an earlier export would be read with these files.
                if files["settings.yaml"] == nil, FileManager.default.fileExists(atPath: staleSettings) {
                    try FileManager.default.removeItem(atPath: staleSettings)
                    print("Rimosso \(staleSettings): l'anno esportato non ha impostazioni proprie.")
                }
                for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                    let path = (output as NSString).appendingPathComponent(name)
                    try OutputFile.write(text, to: path)
                    // Names, ratings and situations of people: readable by their owner only, as a backup is.
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                }
            } catch {
                throw CommandFailure(status: ExitStatus.missingInput,
                                     message: "\(output): impossibile scrivere nella cartella (\(FileSystemReason.italian(error)))")
            }
            print("Esportato: ente \(year.body), anno \(year.year) in \(output) (\(files.keys.sorted().joined(separator: ", "))).")
        }
    }
}
