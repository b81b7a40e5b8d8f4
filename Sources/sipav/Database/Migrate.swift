import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply the SQL migrations not yet applied (all in one transaction, each in a savepoint).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Only say which migrations would be applied.") var dryRun = false

    func run() async throws {
        try await reportingFailures {
            let versions = try await database.store().migrate(dryRun: dryRun)
            if versions.isEmpty { print("Schema aggiornato: nessuna migrazione da applicare.") }
            for version in versions { print((dryRun ? "Da applicare: " : "Applicata: ") + version) }
        }
    }
}
