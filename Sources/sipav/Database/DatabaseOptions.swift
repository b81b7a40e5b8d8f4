import ArgumentParser
import Foundation
import Postgres
import SIPAVReports
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
        throw CommandFailure(status: ExitStatus.usage, message: "\(source) non è un indirizzo di PostgreSQL che si possa leggere (libpq, in inglese: \(fault)): "
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

    /// A store on a database whose schema is this sipav's, for every command but `db migrate` and the backups. A database
    /// without sipav's tables is given them (`creatingTheSchema`; false for the commands that only read: it is left as
    /// it is, and the reading says so). One holding an older schema is refused, naming the migrations pending: a
    /// command run on it would miss their rules, and applied unseen by any command (a report, a status) they would
    /// leave no moment for a backup first, nor the web's grants on a new table. `db migrate` applies them; the built-in
    /// demo (`upgrading`) applies them itself and says so. A database migrated by a newer sipav is refused too (this one
    /// would miss its rules).
    func currentStore(noticingWaits: Bool = true, creatingTheSchema: Bool = true, upgrading: Bool = false) async throws -> PostgresStore {
        let store = try store(noticingWaits: noticingWaits)
        guard try await store.hasSchema() else {
            if creatingTheSchema { _ = try await store.migrate(dryRun: false) }
            return store
        }
        let pending = try await store.migrate(dryRun: true)
        guard !pending.isEmpty else { return store }
        guard upgrading else { throw DatabaseOptions.pendingMigrations(pending) }
        _ = try await store.migrate(dryRun: false)
        FileHandle.standardError.write(Data(("Schema del database aggiornato: " + DatabaseOptions.count(pending) + " applicate ("
            + pending.joined(separator: ", ") + ").\n").utf8))
        return store
    }

    /// `1 migrazione` or `3 migrazioni`.
    static func count(_ migrations: [String]) -> String { ItalianNumbers.count(migrations.count, "migrazione", "migrazioni") }

    /// The refusal of a command run on an older schema: what is pending, and how to upgrade.
    static func pendingMigrations(_ pending: [String]) -> CommandFailure {
        CommandFailure(status: ExitStatus.unavailable, message: "il database ha uno schema precedente a questa versione di sipav: "
            + "\(count(pending)) da applicare (\(pending.joined(separator: ", "))). Prima una copia (sipav db backup), poi "
            + "sipav db migrate --dry-run e sipav db migrate, con il ruolo proprietario dello schema; se l'applicazione web usa un "
            + "ruolo proprio, gli dia i diritti sulle tabelle nuove che sipav db migrate nomina. Nulla è stato letto né scritto")
    }

    /// `L'anno 2019 dell'ente demo è in uso da un'altra operazione …: attendo che finisca.`
    static let sayWaiting: YearWaitNotice = { body, year in
        FileHandle.standardError.write(Data(("L'anno \(year) dell'ente \(body) è in uso da un'altra operazione (un'importazione, "
            + "una ripartizione o una riapertura, da riga di comando o dal web): attendo che finisca.\n").utf8))
    }
}
