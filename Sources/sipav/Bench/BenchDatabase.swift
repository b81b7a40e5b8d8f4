import Foundation
import Postgres
import SIPAV
import SIPAVFiles
import SIPAVStore

/// The throwaway built-in PostgreSQL cluster of a benchmark run (in the work folder, no fsync, as
/// `scripts/test` starts it), a migrated template database, and a fresh copy of it for every timed run.
final class BenchDatabase {
    let cluster: LocalCluster
    /// The conninfo of the cluster's own database, from which databases are created and dropped.
    let conninfo: String
    let template: String
    let work: String
    private var made = 0

    static let body = "bench"
    /// The tables a year's import fills row by row, in the order they are written.
    static let copiedTables = ["employees", "staff_years", "individual_objectives"]
    /// The tables a whole cycle fills row by row: the import's, then the allocation's.
    static let cycleTables = copiedTables + ["allocations"]

    init(work: String) throws {
        self.work = work
        cluster = LocalCluster(dataDirectory: (work as NSString).appendingPathComponent("postgres"), durable: false)
        do {
            conninfo = try cluster.start()
        } catch {
            throw CommandFailure(status: ExitStatus.unavailable, message: "il PostgreSQL integrato non si avvia: \(BuiltInClusterFailure.text(error))")
        }
        template = "bench_template_\(getpid())"
        try admin { db in
            for row in try db.execute("SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'") {
                try db.execute("DROP DATABASE IF EXISTS \(try row.string("datname")) WITH (FORCE)")
            }
            try db.execute("CREATE DATABASE \(template)")
        }
        let connection = try Connection.connect(conninfo(database: template))
        defer { connection.close() }
        _ = try Migrations().apply(on: connection, dryRun: false)
    }

    /// Drops every database of the run and stops the cluster; with `removing`, deletes it too.
    func finish(removing: Bool) {
        try? admin { db in
            for row in try db.execute("SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'") {
                try db.execute("DROP DATABASE IF EXISTS \(try row.string("datname")) WITH (FORCE)")
            }
        }
        try? cluster.stop(removingData: removing)
    }

    var serverVersion: String? {
        try? admin { try $0.execute("SHOW server_version")[0].string("server_version") }
    }

    func conninfo(database: String) -> String { conninfo + " dbname=\(database)" }

    /// A new database holding the migrated schema and nothing else; dropped by `drop`.
    func fresh() throws -> String {
        made += 1
        let name = "bench_\(getpid())_\(made)"
        _ = try admin { try $0.execute("CREATE DATABASE \(name) TEMPLATE \(template)") }
        return name
    }

    func drop(_ database: String) throws {
        _ = try admin { try $0.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    }

    private func admin<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try Connection.connect(conninfo)
        defer { connection.close() }
        return try body(connection)
    }

    // MARK: psql's own COPY, the floor of the import and of the schema

    /// Writes the rows a cycle stored in `database` (the import's and the allocation's) as COPY text files,
    /// one per table, for `psql \copy`.
    func exportRows(from database: String, into folder: String, psql: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let commands = Self.cycleTables.map { table in
            "\\copy (SELECT * FROM \(table) WHERE body_id = '\(Self.body)') TO '\(rowsFile(folder, table))'"
        }
        _ = try runScript(commands, database: database, psql: psql).checked("psql (esportazione delle righe registrate)")
    }

    /// A fresh database where the rows can be copied as the import writes them: the body, the year, the plan
    /// and the fund in place (the Areas without their managers, who come with the rows).
    func prepareForCopy(year: YearRecords) async throws -> String {
        let database = try fresh()
        let plan = year.plan
        let areas = plan.areas.map { Area(id: $0.id, name: $0.name, manager: nil) }
        let bare = OrganisationalPlan(body: plan.body, year: plan.year, strategicLines: plan.strategicLines, areas: areas,
                                      objectives: plan.objectives, validated: plan.validated)
        let store = try PostgresStore(conninfo: conninfo(database: database))
        try await store.importYear(YearRecords(body: Self.body, plan: bare, records: StaffRecords(staff: [], objectives: []),
                                               fund: year.fund, settingsYAML: nil),
                                   actor: "sipav-bench", progress: nil)
        return database
    }

    /// Tables beside the real ones, of the same columns, that hold rows the way `kind` says.
    enum CopyTables: String {
        /// No key, check or trigger.
        case bare
        /// The same primary keys (and other unique indexes), checks and defaults; no foreign key or trigger.
        case keyed

        var likeOptions: String { self == .keyed ? " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES" : "" }
    }

    /// A fresh database with `kind` tables named `<kind>_<table>` for `tables`.
    func prepareTables(_ kind: CopyTables, for tables: [String]) throws -> String {
        let database = try fresh()
        let connection = try Connection.connect(conninfo(database: database))
        defer { connection.close() }
        for table in tables {
            try connection.execute("CREATE TABLE \(kind.rawValue)_\(table) (LIKE \(table)\(kind.likeOptions))")
        }
        return database
    }

    /// Times `psql` copying the exported rows of `tables` into `database` (into `<prefix>_<table>` when a
    /// prefix is given), in one transaction as the import does; each table's `\copy` is a part, as psql
    /// times it. The step's time is the sum of the statements' (BEGIN, the copies, COMMIT): psql's start and
    /// connection are left out, as the start of `sipav`'s and pandas' processes are.
    func timeCopy(into database: String, prefix: String? = nil, tables: [String] = copiedTables, rows folder: String,
                  psql: String) throws -> StepRun {
        let commands = ["\\timing on", "BEGIN;"] + tables.map { table in
            "\\copy \(prefix.map { $0 + "_" } ?? "")\(table) FROM '\(rowsFile(folder, table))'"
        } + ["COMMIT;"]
        let run = try runScript(commands, database: database, psql: psql).checked("psql \\copy")
        let times = Self.statementTimes(run.output)
        guard times.count == tables.count + 2 else {
            throw CommandFailure(status: ExitStatus.internalError,
                                 message: "psql ha stampato \(times.count) tempi per \(tables.count + 2) istruzioni:\n\(run.output)")
        }
        let parts = zip(tables, times.dropFirst()).map { NamedSeconds(name: $0, seconds: $1) }
            + [NamedSeconds(name: "commit", seconds: times[times.count - 1])]
        return StepRun(seconds: times.reduce(0, +), peakRssBytes: nil, startRssBytes: nil, parts: parts)
    }

    /// The seconds of each `Time: 12.345 ms` line psql prints with `\timing on`, in order.
    static func statementTimes(_ output: String) -> [Double] {
        output.split(separator: "\n").compactMap { line in
            guard let match = line.wholeMatch(of: /Time: ([0-9]+(?:\.[0-9]+)?) ms(?: \(.*\))?/),
                  let milliseconds = Double(match.1) else { return nil }
            return milliseconds / 1000
        }
    }

    private func rowsFile(_ folder: String, _ table: String) -> String {
        (folder as NSString).appendingPathComponent(table + ".copy")
    }

    private func runScript(_ commands: [String], database: String, psql: String) throws -> Subprocess {
        let script = (work as NSString).appendingPathComponent("logs/copy-\(getpid()).sql")
        try FileManager.default.createDirectory(atPath: (work as NSString).appendingPathComponent("logs"), withIntermediateDirectories: true)
        try (commands.joined(separator: "\n") + "\n").write(toFile: script, atomically: true, encoding: .utf8)
        return try Subprocess.run(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo(database: database), "-f", script],
                                  logs: (work as NSString).appendingPathComponent("logs"))
    }
}
