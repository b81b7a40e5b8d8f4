import ArgumentParser
import Postgres
import SIPAVStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Applica le migrazioni SQL non ancora applicate (tutte in una transazione, ciascuna in un savepoint).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Indica quali migrazioni sarebbero applicate, dopo averle provate sui dati in una transazione poi annullata: nulla è cambiato.") var dryRun = false

    /// PostgreSQL's `insufficient_privilege` (42501), however the store wrapped it.
    static func lacksTheRight(_ error: Error) -> Bool {
        ((error as? PostgresError) ?? (error as? StoreError)?.underlying)?.sqlState == "42501"
    }

    func run() async throws {
        try await reportingFailures {
            let store = try database.store()
            // A dry run applies them too, to the records as they are, and rolls them back: a migration whose rule
            // the records break is said before the upgrade, while the version in use still works.
            let versions: [String]
            do {
                versions = dryRun ? try await store.tryMigrations() : try await store.migrate(dryRun: false)
            } catch let error where Migrate.lacksTheRight(error) {
                // A role with row rights alone (the web's): the schema's owner migrates, and tries the migrations too.
                throw CommandFailure(status: ExitStatus.unavailable, message: "questo ruolo non può "
                    + (dryRun ? "provare" : "applicare") + " le migrazioni: crearne le tabelle e le funzioni spetta al ruolo "
                    + "proprietario dello schema (README, «The database»). Nulla è stato cambiato.")
            }
            if versions.isEmpty { print("Schema aggiornato: nessuna migrazione da applicare.") }
            for version in versions { print((dryRun ? "Da applicare: " : "Applicata: ") + version) }
            if dryRun && !versions.isEmpty {
                print("Provate sui dati del database in una transazione poi annullata: si applicano. Nulla è stato cambiato.")
            }
            for lacking in try await store.rolesLackingGrants() {
                print("Il ruolo \(lacking.role) scrive i dati di sipav ma non ha alcun diritto su: \(lacking.named.joined(separator: ", ")) "
                      + "(una migrazione crea le sue tabelle con i diritti del solo proprietario). Come proprietario dello schema: "
                      + lacking.grants.joined(separator: " "))
            }
        }
    }
}
