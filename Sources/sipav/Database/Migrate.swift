import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Applica le migrazioni SQL non ancora applicate (tutte in una transazione, ciascuna in un savepoint).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Indica soltanto quali migrazioni sarebbero applicate.") var dryRun = false

    func run() async throws {
        try await reportingFailures {
            let versions = try await database.store().migrate(dryRun: dryRun)
            if versions.isEmpty { print("Schema aggiornato: nessuna migrazione da applicare.") }
            for version in versions { print((dryRun ? "Da applicare: " : "Applicata: ") + version) }
        }
    }
}
