import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Applica le migrazioni SQL non ancora applicate (tutte in una transazione, ciascuna in un savepoint).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Indica quali migrazioni sarebbero applicate, dopo averle provate sui dati in una transazione poi annullata: nulla è cambiato.") var dryRun = false

    func run() async throws {
        try await reportingFailures {
            let store = try database.store()
            // A dry run applies them too, to the records as they are, and rolls them back: a migration whose rule
            // the records break is said before the upgrade, while the version in use still works.
            let versions = dryRun ? try await store.tryMigrations() : try await store.migrate(dryRun: false)
            if versions.isEmpty { print("Schema aggiornato: nessuna migrazione da applicare.") }
            for version in versions { print((dryRun ? "Da applicare: " : "Applicata: ") + version) }
            if dryRun && !versions.isEmpty {
                print("Provate sui dati del database in una transazione poi annullata: si applicano. Nulla è stato cambiato.")
            }
            for lacking in try await store.rolesLackingGrants() {
                print("Il ruolo \(lacking.role) scrive i dati di sipav ma non ha alcun diritto su \(lacking.tables.joined(separator: ", ")) "
                      + "(tabelle nuove di una migrazione): come proprietario dello schema, \(lacking.grant)")
            }
        }
    }
}
