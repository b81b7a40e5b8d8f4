import Foundation
import SIPAV
import SIPAVFiles

/// A year's files as `sipav db export` writes them (`plan.yaml`, `staff.csv`, `objectives.csv`, `fund.yaml`, and
/// `settings.yaml` when the year has settings of its own), written into a folder.
struct YearFolder {
    private(set) var files: [String: String]

    init(plan: OrganisationalPlan, staff: [StaffMember], objectives: some Collection<IndividualObjective>, fund: Fund,
         settingsYAML: String?) {
        files = [
            "plan.yaml": PlanWriter.yaml(plan),
            "staff.csv": StaffWriter.byteOrderMark + StaffWriter.staffCSV(staff, areas: plan.areas),
            // The year on every row: the file is refused by another year's import or upload.
            "objectives.csv": StaffWriter.byteOrderMark + StaffWriter.objectivesCSV(objectives, staff: staff, year: plan.year),
            "fund.yaml": FundWriter.yaml(fund),
        ]
        if let settingsYAML { files["settings.yaml"] = settingsYAML }
    }

    /// The files a year's folder holds only sometimes: `settings.yaml` (a year with settings of its own), the notes of a
    /// draft of the next year.
    static let optional = ["settings.yaml", NextYearNotes.fileName]

    /// Adds a file beside the year's (a note for the reader), replaced as they are.
    mutating func add(_ name: String, _ text: String) { files[name] = text }

    /// Writes the files into `output`, made if missing: refused (exit 66, nothing written) when one of them is already
    /// there, unless `force`. Readable by their owner only, as a backup is: names, ratings and situations of people.
    func write(to output: String, force: Bool) throws {
        // The files a folder of a year may hold and these do not (settings of their own, a draft's notes) are removed
        // with them: an earlier export's settings.yaml would be read with these files, a draft's notes taken for theirs.
        let stale = Self.optional.filter { files[$0] == nil }
        try OutputFolder.refuseReplacing(Array(files.keys) + stale, in: output, force: force)
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for name in stale {
                let path = (output as NSString).appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                try FileManager.default.removeItem(atPath: path)
                print("Rimosso \(path): " + (name == "settings.yaml" ? "l'anno esportato non ha impostazioni proprie." : "non riguarda i file scritti ora."))
            }
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                let path = (output as NSString).appendingPathComponent(name)
                try OutputFile.write(text, to: path)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
        } catch {
            throw CommandFailure(status: ExitStatus.missingInput,
                                 message: "\(output): impossibile scrivere nella cartella (\(FileSystemReason.italian(error)))")
        }
    }

    var names: String { files.keys.sorted().joined(separator: ", ") }
}
