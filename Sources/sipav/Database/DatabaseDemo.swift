import SIPAVCycle
import ArgumentParser
import SIPAVReports
import SIPAVStore

/// The main job on PostgreSQL: migrate, load the demo body, run the cycle, print the report.
struct DatabaseDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Applica le migrazioni, importa l'ente dimostrativo integrato (o --data), ne ripartisce l'anno e stampa il rapporto completo.")
    @Option(help: "L'identificativo dell'ente.", transform: BodyArgument.parse) var body: String = "demo"
    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingFailures {
            try output.checkWritable()
            let files = try loadCycle(input, writing: output)
            let store = try database.store()
            let actor = database.actorName
            _ = try await store.migrate(dryRun: false)
            let year = files.inputs.plan.year
            // Refused before the reopening below, which would otherwise stay on record for an import that is then
            // refused (the import checks it again inside its transaction).
            if files.inputs.settingsText == nil, try await store.storedSettings(body: body, year: year) != nil {
                throw Import.refusal(StoredSettingsKept(body: body, year: year))
            }
            if try await store.years(body: body).contains(where: { $0.year == year && $0.state.isLocked }) {
                try await store.reopen(body: body, year: year, reason: "demo: nuovo caricamento dei dati dimostrativi", actor: actor)
            }
            // As `sipav db import --allocate`: imported and allocated in one transaction.
            let allocation = try files.allocate()
            try await Import.keepingSettings {
                try await store.importAllocated(files.records(body: body), outcome: files.outcome(allocation), actor: actor,
                                                progress: ProgressBar.objectives)
            }
            try output.write(files.cycleReport(allocation, note: "Dati letti e registrati in PostgreSQL: ente \(body), anno \(year), stato \(YearState.allocated.italianName)."))
        }
    }
}
