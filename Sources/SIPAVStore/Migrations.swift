import Foundation
import Postgres

/// The schema as numbered plain-SQL files (`SQL/0001_….sql`), applied in order, all pending ones in one
/// transaction (a savepoint each), and recorded in `schema_migrations` so that running again applies only what is new.
public struct Migrations: Sendable {
    public struct Migration: Sendable, Hashable {
        public let version: String
        public let sql: String
    }
    public let migrations: [Migration]

    /// The folder of the SQL files: `$SIPAV_SQL_DIR`, else the repository's `SQL` folder this binary was built from.
    public static var defaultDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["SIPAV_SQL_DIR"] { return directory }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SQL").path
    }

    public init(directory: String = Migrations.defaultDirectory) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw StoreError("the SQL migrations folder \(directory) cannot be read (set SIPAV_SQL_DIR to the project's SQL folder)")
        }
        migrations = try names.filter { $0.range(of: #"^\d{4}_.*\.sql$"#, options: .regularExpression) != nil }.sorted().map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            guard let sql = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw StoreError("the migration \(path) cannot be read")
            }
            return Migration(version: String(name.dropLast(4)), sql: sql)
        }
        guard !migrations.isEmpty else { throw StoreError("no migrations (NNNN_name.sql) in \(directory)") }
    }

    /// Applies the migrations not yet recorded, all in one transaction with a savepoint each (a failure rolls back
    /// every one of them); returns their versions. Two processes migrating at once are serialised by an advisory lock.
    ///
    /// A database already up to date is only read: no DDL runs, so that a role with row rights alone (the web's,
    /// the officers' imports) can start the tool on a schema its owner migrated. A database that records migrations
    /// this binary does not have is refused: it was migrated by a newer sipav, whose rules this one would not keep.
    public func apply(on connection: Connection, dryRun: Bool) throws -> [String] {
        try applyInOneTransaction(on: connection, dryRun: dryRun, trial: false)
    }

    /// The pending migrations applied in a transaction that is then rolled back: whether each applies to the records
    /// as they are (a rule a migration adds may find rows that break it), without changing anything.
    public func trial(on connection: Connection) throws -> [String] {
        do {
            return try applyInOneTransaction(on: connection, dryRun: false, trial: true)
        } catch let over as TrialOver {
            return over.applied
        }
    }

    /// Thrown inside the trial's transaction to roll it back.
    private struct TrialOver: Error { let applied: [String] }

    private func applyInOneTransaction(on connection: Connection, dryRun: Bool, trial: Bool) throws -> [String] {
        try connection.transaction { db in
            try db.execute("SELECT pg_advisory_xact_lock(4242)")
            // A dry run reads only: on an empty database every migration is pending.
            let recorded = try db.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")[0].bool("present")
            let applied = recorded ? Set(try db.execute("SELECT version FROM schema_migrations").map { try $0.string("version") }) : []
            let unknown = applied.subtracting(migrations.map(\.version)).sorted()
            guard unknown.isEmpty else { throw Self.newerSchema(unknown) }
            let pending = migrations.filter { !applied.contains($0.version) }
            guard !dryRun, !pending.isEmpty else { return pending.map(\.version) }
            try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            for migration in pending {
                do {
                    try db.transaction { inner in
                        // What a migration changes in the records is on the audit log as the migration's, not as
                        // whoever's session ran it.
                        try inner.execute("SELECT set_config('sipav.actor', $1, true)", [Self.actor(of: migration.version)])
                        try inner.executeScript(migration.sql)
                        try inner.execute("INSERT INTO schema_migrations (version) VALUES ($1)", [migration.version])
                    }
                } catch let error as PostgresError where error.kind == .statement {
                    // Named by its file, with PostgreSQL's reason, without the script's text; the whole run rolls back.
                    throw StoreError("the migration \(migration.version).sql failed, and no migration was applied: \(error.message)",
                                     underlying: error)
                }
            }
            if trial { throw TrialOver(applied: pending.map(\.version)) }
            return pending.map(\.version)
        }
    }

    /// `sipav db migrate (0045_responses_before_0034_name_their_run)`: the actor of a migration's changes.
    public static func actor(of version: String) -> String { "sipav db migrate (\(version))" }

    /// The refusal of a database migrated further than this binary knows.
    static func newerSchema(_ versions: [String]) -> StoreError {
        StoreError("the database records migrations this sipav does not have (\(versions.joined(separator: ", "))): "
                   + "it was migrated by a newer version; use that version (or one at least as new)")
    }
}
