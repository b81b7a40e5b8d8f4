import SIPAVCycle
import ArgumentParser
import SIPAVReports
import SIPAVStore

/// The main job on PostgreSQL: migrate, load the demo body, run the cycle, print the report.
struct DatabaseDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Applica le migrazioni, importa l'ente dimostrativo integrato (o --data), ne ripartisce l'anno e stampa il rapporto completo.")
    @Option(help: "L'identificativo dell'ente.", transform: BodyArgument.parse) var body: String = DatabaseDemo.builtInBody
    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Il motivo dell'importazione, conservato con essa (come per sipav db import).",
                               discussion: "Necessario per importare di nuovo un anno di un altro ente che è stato riaperto."))
    var reason: String?

    func validate() throws {
        if let fault = reason.flatMap(Import.reasonFault) { throw ValidationError(fault) }
    }

    static let reopenReason = "demo: nuovo caricamento dei dati dimostrativi"
    /// The body the built-in demo's files are imported as, unless told otherwise.
    static let builtInBody = "demo"

    func run() async throws {
        try await reportingFailures {
            try output.checkWritable()
            let files = try loadCycle(input, writing: output)
            let store = try await database.currentStore(upgrading: true)
            let actor = database.actorName
            let year = files.inputs.plan.year
            // Refused before the reopening below, which would otherwise stay on record for an import that is then
            // refused (the import checks it again inside its transaction).
            if files.inputs.settingsText == nil, try await store.storedSettings(body: body, year: year) != nil {
                throw Import.refusal(StoredSettingsKept(body: body, year: year))
            }
            // As `sipav db import --allocate`, with its safeguards (no flag given): imported and allocated in one transaction,
            // refused for a body stored under another name, people renamed in a closed year or rated people left out. The
            // built-in demo's year, allocated by the run before, is reopened in that transaction; another year allocated
            // is refused, as by `db import`: its reopening needs a reason of its own (`sipav db reopen`).
            let allocation = try files.allocate()
            // The built-in demo's year done again: recorded as such, with its consent; its first import is a first import.
            var again = false
            if input.readsTheBuiltInDemo { again = try await store.years(body: body).contains { $0.year == year } }
            try await Import.keepingSettings {
                try await store.importAllocated(files.records(body: body), outcome: files.outcome(allocation), actor: actor,
                                                progress: ProgressBar.objectives,
                                                // The built-in demo's year is done again from its files: acts recorded
                                                // for it on the web since go with the rest.
                                                consent: again ? [.removedActs] : [],
                                                reopening: input.readsTheBuiltInDemo ? DatabaseDemo.reopenReason : nil,
                                                // Recorded with the import; another body's year ever reopened is
                                                // imported again only with a reason (--reason), as by `db import`.
                                                note: ImportNote(reason: reason?.trimmingCharacters(in: .whitespacesAndNewlines)
                                                                     ?? (again ? DatabaseDemo.reopenReason : nil),
                                                                 files: Import.recordedFiles(files.paths),
                                                                 reasonRequiredOnceReopened: true))
            }
            try output.write(files.cycleReport(allocation, note: "Dati letti e registrati in PostgreSQL: ente \(body), anno \(year), stato \(YearState.allocated.italianName)."))
        }
    }
}
