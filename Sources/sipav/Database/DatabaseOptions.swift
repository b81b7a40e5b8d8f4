import ArgumentParser
import Foundation
import Postgres
import SIPAVStore

/// Which PostgreSQL the `db` commands use: a configured server, or the built-in local cluster.
struct DatabaseOptions: ParsableArguments {
    @Option(help: """
        URL o conninfo di PostgreSQL (predefinito: $SIPAV_DATABASE_URL; altrimenti le variabili d'ambiente PG*, se \
        PGHOST, PGDATABASE o PGSERVICE è impostata; altrimenti il cluster integrato).
        """)
    var database: String?
    @Option(help: "Cartella del cluster integrato (predefinito: $SIPAV_HOME/postgres, altrimenti ~/.local/share/sipav/postgres).")
    var dataDir: String?
    @Option(help: "Chi agisce, per il registro delle modifiche (predefinito: $SIPAV_ACTOR, altrimenti il nome dell'utente di sistema).",
            transform: ActorArgument.parse)
    var actor: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The conninfo to use; starts the built-in cluster when no server is configured.
    func conninfo() throws -> String? {
        if let database { return try Self.readable(database, from: "--database") }
        if let url = environment["SIPAV_DATABASE_URL"], !url.isEmpty { return try Self.readable(url, from: "$SIPAV_DATABASE_URL") }
        if ["PGHOST", "PGDATABASE", "PGSERVICE"].contains(where: { environment[$0] != nil }) { return nil }
        do {
            return try LocalCluster(dataDirectory: clusterDirectory).start()
        } catch {
            throw CommandFailure(status: ExitStatus.unavailable, message: "il PostgreSQL integrato non si avvia: \(BuiltInClusterFailure.text(error))")
        }
    }

    /// `conninfo` when libpq can read it; refused as a fault of the command line (exit 64) otherwise.
    static func readable(_ conninfo: String, from source: String) throws -> String {
        guard let fault = Connection.conninfoFault(conninfo) else { return conninfo }
        throw CommandFailure(status: ExitStatus.usage, message: "\(source) non è un indirizzo di PostgreSQL che si possa leggere (\(fault)): "
            + "si scrive postgresql://utente@host:porta/database, oppure host=… port=… dbname=… user=…")
    }

    var clusterDirectory: String {
        if let dataDir { return dataDir }
        if let home = environment["SIPAV_HOME"], !home.isEmpty { return home + "/postgres" }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/sipav/postgres"
    }

    /// Who the audit log records: `--actor`, else `$SIPAV_ACTOR` (checked as `--actor` is: an unusable value there is
    /// left for the login name, never recorded), else the login name.
    var actorName: String {
        actor ?? environment["SIPAV_ACTOR"].flatMap { try? ActorArgument.parse($0) } ?? environment["USER"] ?? ProcessInfo.processInfo.userName
    }

    /// The store; `noticingWaits`: say on standard error when the year is held by another operation (not for the web
    /// server, whose operations are short and whose log is not watched).
    func store(noticingWaits: Bool = true) throws -> PostgresStore {
        try PostgresStore(conninfo: try conninfo(), yearWaitNotice: noticingWaits ? DatabaseOptions.sayWaiting : nil)
    }

    /// A store on a database whose schema is this sipav's, for every command but `db migrate` and the backups: pending
    /// migrations applied first (a command run on an older schema would miss its rules: an allocation run again would
    /// not keep the one it replaces), a database migrated by a newer sipav refused (this one would miss its rules).
    /// `creatingTheSchema` false (the commands that only read): a database without sipav's tables is left as it is, and
    /// the reading says so.
    func currentStore(noticingWaits: Bool = true, creatingTheSchema: Bool = true) async throws -> PostgresStore {
        let store = try store(noticingWaits: noticingWaits)
        var migrating = creatingTheSchema
        if !migrating { migrating = try await store.hasSchema() }
        if migrating { _ = try await store.migrate(dryRun: false) }
        return store
    }

    /// `L'anno 2019 dell'ente demo è in uso da un'altra operazione …: attendo che finisca.`
    static let sayWaiting: YearWaitNotice = { body, year in
        FileHandle.standardError.write(Data(("L'anno \(year) dell'ente \(body) è in uso da un'altra operazione (un'importazione, "
            + "una ripartizione o una riapertura, da riga di comando o dal web): attendo che finisca.\n").utf8))
    }
}
