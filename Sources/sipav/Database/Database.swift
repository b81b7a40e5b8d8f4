import ArgumentParser

struct Database: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Il ciclo su PostgreSQL: demo, migrate, import, run, report, export, reopen, status, audit, verify, backup, restore, cluster.",
        discussion: """
        Se nessun database è configurato, i comandi creano e usano un cluster PostgreSQL locale integrato \
        (solo socket Unix, nessuna porta TCP) in una propria cartella di dati, avviandolo quando serve.
        """,
        subcommands: [DatabaseDemo.self, Migrate.self, Import.self, Run.self, ReportCommand.self, Export.self, Reopen.self,
                      Status.self, Audit.self, Verify.self, Backup.self, Restore.self, Cluster.self])
}

/// The body and year a command works on.
struct YearOptions: ParsableArguments {
    @Option(help: "L'identificativo dell'ente (ad esempio CCIAA-TO).", transform: BodyArgument.parse) var body: String
    @Option(help: "L'anno.", transform: YearArgument.parse) var year: Int
}
