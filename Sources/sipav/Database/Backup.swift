import ArgumentParser
import CLibPQ
import Foundation
import Postgres

/// `sipav db backup`: the whole database (every body and year, the audit log, the accounts) as one file of
/// PostgreSQL's own archive format, readable only by its owner; written whole or not at all.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scrive in un file una copia di sicurezza dell'intero database (formato custom di pg_dump), leggibile solo dal suo proprietario.",
        discussion: "Il file contiene dati personali: lo conservi dove solo l'ufficio personale può leggerlo. Lo ripristini con sipav db restore.")
    @Option(name: .shortAndLong, help: "Il file della copia di sicurezza da scrivere.") var output: String
    @Flag(help: "Sostituisce una copia precedente con lo stesso percorso (senza questa opzione la sostituzione è rifiutata).") var force = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            // A folder is never the backup's path (it was removed, with what it held), nor is an earlier backup replaced
            // unless asked: it may be the only good one.
            if FileManager.default.fileExists(atPath: output) {
                guard !OutputFolder.isFolder(output) else {
                    throw CommandFailure(status: ExitStatus.missingInput,
                                         message: "\(output) è una cartella: indichi il file da scrivere, come \(output)/sipav.dump (nulla è stato scritto)")
                }
                guard force else {
                    throw CommandFailure(status: ExitStatus.missingInput,
                                         message: "\(output) esiste già: non è stato sostituito. Scelga un altro nome, o aggiunga --force per sostituirlo.")
                }
            }
            let conninfo = try database.conninfo()
            let tool = try PostgresClient.tool("pg_dump", conninfo: conninfo)
            let partial = output + ".partial"
            // Created empty and private first (never over a file already there): pg_dump then writes into it, keeping its
            // permissions.
            let created = open(partial, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard created >= 0 else {
                let reason = errno == EEXIST ? "c'è già \(partial), forse di una copia interrotta: lo controlli e lo cancelli"
                    : FileSystemReason.italian(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                throw CommandFailure(status: ExitStatus.missingInput, message: "\(output): impossibile scrivere il file (\(reason))")
            }
            close(created)
            let dumped = try PostgresClient.run(tool, ["--format=custom", "--no-owner", "--no-privileges", "--file=" + partial],
                                                database: conninfo)
            guard dumped.status == 0 else {
                try? FileManager.default.removeItem(atPath: partial)
                throw CommandFailure(status: ExitStatus.unavailable, message: "pg_dump non è riuscito, nessun file scritto:\n" + dumped.errors)
            }
            // Replaced in one step (rename), a file and never a folder: checked above.
            guard rename(partial, output) == 0 else {
                try? FileManager.default.removeItem(atPath: partial)
                throw CommandFailure(status: ExitStatus.missingInput, message: "\(output): impossibile scrivere il file")
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            print("Copia di sicurezza scritta in \(output) (\(PostgresClient.size(bytes))): si ripristina con sipav db restore.")
        }
    }
}

/// `sipav db restore`: a backup of `sipav db backup` into a database that holds no records of sipav yet, in one
/// transaction: every record or none.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ripristina in un database vuoto una copia di sicurezza fatta con sipav db backup, tutto o niente.",
        discussion: "Il database non deve ancora contenere le tabelle di sipav (un database nuovo, o un nuovo cluster integrato con --data-dir).")
    @Argument(help: "Il file della copia di sicurezza.") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw CommandFailure(status: ExitStatus.missingInput, message: "\(file): il file non esiste o non si può leggere")
            }
            let conninfo = try database.conninfo()
            let existing = try PostgresClient.tableCount(conninfo)
            guard existing == 0 else {
                throw CommandFailure(status: ExitStatus.invalidData, message: "il database contiene già \(existing) \(existing == 1 ? "tabella" : "tabelle"): "
                                     + "ripristini la copia in un database nuovo e vuoto (nulla è stato modificato)")
            }
            let tool = try PostgresClient.tool("pg_restore", conninfo: conninfo)
            let restored = try PostgresClient.run(tool, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"],
                                                  database: conninfo, then: [file])
            guard restored.status == 0 else {
                throw CommandFailure(status: ExitStatus.invalidData,
                                     message: "\(file): impossibile ripristinare la copia, nulla è stato modificato:\n" + restored.errors)
            }
            let check = try PostgresClient.connect(conninfo)
            defer { check.close() }
            let totals = try check.execute("SELECT count(DISTINCT body_id) AS bodies, count(*) AS years FROM years")[0]
            let (bodies, count) = (try totals.int("bodies"), try totals.int("years"))
            print("Ripristinata la copia \(file): \(bodies) \(bodies == 1 ? "ente" : "enti"), \(count) \(count == 1 ? "anno" : "anni").")
        }
    }
}

/// PostgreSQL's own client programs, of a version that can read the server's data.
enum PostgresClient {
    /// `pg_dump` or `pg_restore`, of a version that reads the server's data.
    static func tool(_ name: String, conninfo: String?) throws -> String {
        let connection = try connect(conninfo)
        let serverMajor = connection.serverVersion / 10_000
        connection.close()
        guard let tool = PostgresBinaries.client(name, atLeast: serverMajor) else {
            throw CommandFailure(status: ExitStatus.unavailable,
                                 message: "\(name) non è installato: installi il client di PostgreSQL (Debian: postgresql-client)")
        }
        return tool
    }

    /// How many tables the database's `public` schema holds.
    static func tableCount(_ conninfo: String?) throws -> Int {
        let connection = try connect(conninfo)
        defer { connection.close() }
        return try connection.execute("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")[0].int("n")
    }

    /// A connection, or the failure of `sipav` for a database it cannot reach.
    static func connect(_ conninfo: String?) throws -> Connection {
        do {
            return try Connection.connect(conninfo)
        } catch {
            throw CommandFailure(status: ExitStatus.unavailable, message: "il database non è raggiungibile: \(error)")
        }
    }

    /// Runs a client program on the database `conninfo` names (none: libpq's `PG*` environment), `arguments` before it
    /// and `then` after. The password is not on the command line, where every user of the machine reads it in the
    /// list of processes: it goes in the program's environment (PGPASSWORD), which only its owner can read.
    /// The program ends if `sipav` is killed: a restore left running would commit after its command was stopped.
    static func run(_ tool: String, _ arguments: [String], database conninfo: String?, then trailing: [String] = []) throws -> Subprocess {
        let (arguments, password) = invocation(arguments, database: conninfo, then: trailing)
        return try Subprocess.run(tool, arguments,
                                  logs: FileManager.default.temporaryDirectory.appendingPathComponent("sipav-\(getpid())").path,
                                  environment: password.map { ProcessInfo.processInfo.environment.merging(["PGPASSWORD": $0]) { $1 } },
                                  endingWithThisProcess: true)
    }

    /// The command line of a client program on the database `conninfo` names, and the password to give it apart.
    static func invocation(_ arguments: [String], database conninfo: String?, then trailing: [String] = [])
        -> (arguments: [String], password: String?) {
        let target = conninfo.map(Target.init)
        return (arguments + (target.map { ["--dbname=" + $0.conninfo] } ?? []) + trailing, target?.password)
    }

    /// A conninfo split into the password and the rest, as libpq reads it (a URL or `key=value` pairs).
    struct Target: Equatable {
        /// The conninfo without the password, as `key='value'` pairs.
        let conninfo: String
        let password: String?

        init(_ conninfo: String) {
            var error: UnsafeMutablePointer<CChar>?
            guard let parsed = PQconninfoParse(conninfo, &error) else {
                // libpq cannot read it: passed on as it is, for the program to say why.
                if let error { PQfreemem(error) }
                (self.conninfo, password) = (conninfo, nil)
                return
            }
            defer { PQconninfoFree(parsed) }
            var pairs: [String] = []
            var password: String?
            var option = parsed
            while let keyword = option.pointee.keyword.map({ String(cString: $0) }) {
                if let value = option.pointee.val.map({ String(cString: $0) }) {
                    if keyword == "password" { password = value } else { pairs.append("\(keyword)=\(Self.quoted(value))") }
                }
                option += 1
            }
            (self.conninfo, self.password) = (pairs.joined(separator: " "), password)
        }

        /// A value as libpq reads it in `key='value'`: backslashes and quotes escaped.
        static func quoted(_ value: String) -> String {
            "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
    }

    /// A file size in Italian form: `12,4 MB`, `830 kB`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6).replacingOccurrences(of: ".", with: ",")
            : "\(max(1, bytes / 1000)) kB"
    }
}
