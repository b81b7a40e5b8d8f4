import ArgumentParser

struct Database: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The cycle on PostgreSQL: migrate, import, run, report, export, reopen, audit.",
        discussion: """
        With no database configured, the commands create and use a built-in local PostgreSQL cluster \
        (Unix socket only, no TCP port) in a data folder of their own, starting it when needed.
        """,
        subcommands: [DatabaseDemo.self, Migrate.self, Import.self, Run.self, ReportCommand.self, Export.self, Reopen.self,
                      Status.self, Audit.self, Verify.self, Backup.self, Restore.self, Cluster.self])
}

/// The body and year a command works on.
struct YearOptions: ParsableArguments {
    @Option(help: "The body's id (e.g. CCIAA-TO).", transform: BodyArgument.parse) var body: String
    @Option(help: "The year.", transform: YearArgument.parse) var year: Int
}
