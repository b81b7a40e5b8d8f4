import Dispatch
import Postgres
import SIPAV

/// The live store: PostgreSQL through libpq. Each operation runs on a connection of its own, taken from the
/// store's pool (`ConnectionPool`) and given back after: reset and kept when it ended cleanly, closed otherwise.
public final class PostgresStore: YearStore {
    /// A libpq conninfo or URL; nil uses the `PG*` environment.
    public let conninfo: String?
    let migrations: Migrations
    /// From how many people a year is read on two connections at once (its individual objectives on the
    /// second): below that, opening a connection costs more than it saves.
    public let secondReaderFrom: Int
    /// The connections that wait for the next operation.
    public let pool: ConnectionPool
    /// Called when an import, an allocation or a reopening has waited a while for the year's row, held by another
    /// operation; nil for none (the web's short operations).
    public let yearWaitNotice: YearWaitNotice?

    /// - Parameters:
    ///   - idleConnections: how many connections may wait for the next operation: enough for the web pages
    ///     served at once, each of which runs its operations one after the other.
    ///   - idleTime: how long one may wait before it is closed rather than used.
    public init(conninfo: String?, migrations: Migrations? = nil, secondReaderFrom: Int = 20_000,
                idleConnections: Int = 4, idleTime: Duration = .seconds(60), yearWaitNotice: YearWaitNotice? = nil) throws {
        self.conninfo = conninfo
        self.yearWaitNotice = yearWaitNotice
        self.migrations = try migrations ?? Migrations()
        self.secondReaderFrom = secondReaderFrom
        pool = ConnectionPool(conninfo: conninfo, maxIdle: idleConnections, maxIdleTime: idleTime)
    }

    /// Runs blocking libpq work off the caller's thread and turns PostgreSQL's errors into `StoreError`s.
    func withConnection<T: Sendable>(actor: String? = nil, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let pool = self.pool
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    do {
                        let connection = try pool.take()
                        // Given back whatever happened, before the caller goes on, so that its next operation
                        // finds it: kept only if it ended idle and good (a statement refused inside a
                        // transaction that was rolled back leaves it so), closed otherwise.
                        defer { pool.giveBack(connection) }
                        // Every transaction names its actor for the audit triggers, including the one a lone
                        // statement runs in: transaction-local, so that it also reaches the nodes of a
                        // distributed cluster and never outlives the transaction behind a pooler.
                        if let actor { try connection.setLocal("sipav.actor", to: actor) }
                        return try body(connection)
                    } catch let error as PostgresError {
                        throw StoreError.explaining(error)
                    }
                })
            }
        }
    }

    /// Whether the database has sipav's schema, in whatever version: its record of migrations.
    public func hasSchema() async throws -> Bool {
        try await withConnection { try $0.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")[0].bool("present") }
    }

    public func migrate(dryRun: Bool) async throws -> [String] {
        let migrations = self.migrations
        return try await withConnection { try migrations.apply(on: $0, dryRun: dryRun) }
    }

    /// The pending migrations, each applied to the records as they are and all rolled back (`Migrations.trial`).
    public func tryMigrations() async throws -> [String] {
        let migrations = self.migrations
        return try await withConnection { try migrations.trial(on: $0) }
    }

    /// The roles that write sipav's records, other than the tables' owner, and the tables each may not read or
    /// write: a migration adds tables with the owner's rights alone (`RoleGrants`).
    public func rolesLackingGrants() async throws -> [RoleGrants] {
        try await withConnection { try RoleGrants.lacking($0) }
    }

    @discardableResult
    /// `consent`: what the files may rename or remove (`ImportConsent`); `sipav db import` allows only what its flags say.
    /// `note`: why and how the import was asked for, recorded with it (`ImportNote`).
    public func importYear(_ year: YearRecords, actor: String, progress: ImportProgress?, consent: ImportConsent = .all,
                           note: ImportNote = ImportNote()) async throws -> ImportSummary {
        let notice = yearWaitNotice
        return try await withConnection(actor: actor) { connection in
            try connection.transaction { db in
                let summary = try YearWriter(db: db, year: year, progress: progress, consent: consent, note: note, waitNotice: notice).write()
                try YearImports.record(db, body: year.body, year: year.year, note: note, consent: consent, allocated: false)
                return summary
            }
        }
    }

    /// `reopening`: a reason to reopen the year first, in the same transaction, when it is allocated or published (`sipav
    /// db demo` on the built-in demo body): an import then refused leaves no reopening on record.
    @discardableResult
    public func importAllocated(_ year: YearRecords, outcome: YearOutcome, actor: String, progress: ImportProgress?,
                                consent: ImportConsent = .all, reopening reason: String? = nil,
                                note: ImportNote = ImportNote()) async throws -> ImportSummary {
        let notice = yearWaitNotice
        return try await withConnection(actor: actor) { connection in
            try connection.transaction { db in
                if let reason, let state = try YearWait.noticing(notice, body: year.body, year: year.year, {
                    try YearLock.hold(db, body: year.body, year: year.year)
                }), state.isLocked {
                    try PostgresStore.reopen(db, body: year.body, year: year.year, reason: reason)
                }
                let summary = try YearWriter(db: db, year: year, progress: progress, consent: consent, note: note, waitNotice: notice).write()
                // The import holds the year's row until COMMIT: the outcome is stored over the records just written.
                try OutcomeWriter.holdOpenYear(db, body: year.body, year: year.year)
                try OutcomeWriter(db: db, year: year, outcome: outcome).store()
                try YearImports.record(db, body: year.body, year: year.year, note: note, consent: consent, allocated: true)
                return summary
            }
        }
    }

    public func loadYear(body: String, year: Int) async throws -> YearRecords {
        let connect = secondConnection
        return try await withConnection { [self] connection in
            try connection.transaction(isolation: .repeatableRead) { db in
                try reader(db, body: body, year: year).read(connect: connect)
            }
        }
    }

    /// The year's plan and settings alone, without its people: for pages about the organisational results.
    public func loadPlan(body: String, year: Int) async throws -> (plan: OrganisationalPlan, settingsYAML: String?) {
        try await withConnection { connection in
            try connection.transaction(isolation: .repeatableRead) { db in
                let reader = YearReader(db: db, body: body, year: year)
                let (bodyName, settingsYAML) = try reader.readHeader()
                return (try reader.readPlan(bodyName: bodyName), settingsYAML)
            }
        }
    }

    /// A reader of the year that reads a large year on two connections at once (`YearReader.read(connect:)`).
    func reader(_ db: Connection, body: String, year: Int) -> YearReader {
        var reader = YearReader(db: db, body: body, year: year)
        reader.secondReaderFrom = secondReaderFrom
        return reader
    }

    /// Opens another connection to the same database, for reading a large year on two at once.
    var secondConnection: @Sendable () throws -> Connection {
        let conninfo = self.conninfo
        return { try Connection.connect(conninfo) }
    }

    public func saveOutcome(_ outcome: YearOutcome, of year: YearRecords, actor: String) async throws {
        try await withConnection(actor: actor) { connection in
            try connection.transaction { db in try OutcomeWriter(db: db, year: year, outcome: outcome).write() }
        }
    }

    public func allocate<Computed: Sendable>(body: String, year: Int, actor: String,
                                             _ compute: @escaping @Sendable (YearRecords) throws -> (YearOutcome, Computed)) async throws -> Computed {
        try await allocate(body: body, year: year, actor: actor, checkingFirst: { _ in }, compute).computed
    }

    /// `allocate`, with `check` run first once the year's row is held, before the records are read: what it reads on
    /// `db` (the appraisals still drafts, say) stays as it saw it until the allocation is stored, and what it throws
    /// stops the allocation with nothing written. Returns what `check` found beside what `compute` made.
    public func allocate<Checked: Sendable, Computed: Sendable>(
        body: String, year: Int, actor: String, checkingFirst check: @escaping @Sendable (Connection) throws -> Checked,
        _ compute: @escaping @Sendable (YearRecords) throws -> (YearOutcome, Computed)) async throws -> (checked: Checked, computed: Computed) {
        let connect = secondConnection
        return try await withConnection(actor: actor) { [self] connection in
            try connection.transaction { db in
                // Read committed is enough: with the year's row held first, every statement after it sees
                // the records as the last writer left them, and no writer can change them until COMMIT. The
                // second connection reads in the snapshot this transaction exports after taking the row.
                try YearWait.noticing(yearWaitNotice, body: body, year: year) { try OutcomeWriter.holdOpenYear(db, body: body, year: year) }
                let checked = try check(db)
                let records = try reader(db, body: body, year: year).read(connect: connect)
                let (outcome, computed) = try compute(records)
                try OutcomeWriter(db: db, year: records, outcome: outcome).store()
                return (checked, computed)
            }
        }
    }

    /// Reopens an allocated or published year, its reason on record. `shownRun`: the allocation run the officer's page
    /// showed; another run standing refuses the reopening (`StandingRunChanged`), as a reason written about one run
    /// must not be recorded against another.
    public func reopen(body: String, year: Int, reason: String, actor: String) async throws {
        try await reopen(body: body, year: year, reason: reason, actor: actor, shownRun: nil)
    }

    /// As `reopen(body:year:reason:actor:)`, refused unless `shownRun` stands (when given).
    public func reopen(body: String, year: Int, reason: String, actor: String, shownRun: Int64?) async throws {
        let notice = yearWaitNotice
        try await withConnection(actor: actor) { connection in
            try connection.transaction { db in
                // The year's row first, waiting for an allocation that holds it: an UPDATE whose WHERE reads the state
                // would skip the row an allocation is about to mark allocated, and answer that there is nothing to reopen.
                guard let state = try YearWait.noticing(notice, body: body, year: year, { try YearLock.hold(db, body: body, year: year) }) else {
                    throw StoreError.missingYear(year, body: body)
                }
                guard state.isLocked else {
                    throw StoreError("year \(year) of body \(body) is not allocated or published: there is nothing to reopen")
                }
                if let shownRun {
                    let standing = try StandingRun.of(db, body: body, year: year)
                    guard standing == shownRun else { throw StandingRunChanged(shown: shownRun, standing: standing) }
                }
                try PostgresStore.reopen(db, body: body, year: year, reason: reason)
            }
        }
    }

    /// Reopens a year whose row the transaction holds and found allocated or published.
    static func reopen(_ db: Connection, body: String, year: Int, reason: String) throws {
        try db.execute("UPDATE years SET state = 'validated', reopen_reason = $3 WHERE body_id = $1 AND year = $2", [body, year, reason])
    }

    public func years(body: String?) async throws -> [YearStatus] {
        try await withConnection { db in
            // A schema before SQL/0046 has no record of imports: none is shown.
            let latestImport = try YearImports.areKept(db)
                ? "SELECT imported_at, imported_by, reason FROM year_imports i WHERE i.body_id = y.body_id AND i.year = y.year "
                    + "ORDER BY i.import_id DESC LIMIT 1"
                : "SELECT NULL::timestamptz AS imported_at, NULL::text AS imported_by, NULL::text AS reason"
            return try db.execute("""
                SELECT y.body_id, y.year, y.state,
                       (SELECT count(*) FROM staff_years s WHERE s.body_id = y.body_id AND s.year = y.year) AS staff,
                       (SELECT count(*) FROM allocation_runs r WHERE r.body_id = y.body_id AND r.year = y.year) AS runs,
                       \(ItalianTime.sql("i.imported_at")) AS imported_at, \(ItalianTime.sqlISO("i.imported_at")) AS imported_instant,
                       i.imported_by, i.reason
                FROM years y LEFT JOIN LATERAL (\(latestImport)) i ON true
                WHERE $1::text IS NULL OR y.body_id = $1 ORDER BY y.body_id, y.year
                """, [body]).map { row in
                let lastImport = try row.decode("imported_at", as: String?.self).map { at in
                    ImportOnRecord(at: at, instant: try row.string("imported_instant"), by: try row.string("imported_by"),
                                   reason: try row["reason"])
                }
                return YearStatus(body: try row.string("body_id"), year: try row.int("year"),
                                  state: YearState(rawValue: try row.string("state")) ?? .planning,
                                  staff: try row.int("staff"), allocationRuns: try row.int("runs"), lastImport: lastImport)
            }
        }
    }

    public func auditLog(body: String, limit: Int) async throws -> [AuditEntry] {
        try await withConnection { db in
            try db.execute("""
                SELECT to_char(at, 'YYYY-MM-DD HH24:MI:SS') AS at, actor, table_name, operation,
                       record_key::text AS record_key, old_value::text AS old_value, new_value::text AS new_value
                FROM audit_log WHERE body_id = $1 ORDER BY at DESC, audit_id DESC LIMIT $2
                """, [body, limit]).map { row in
                AuditEntry(at: try row.string("at"), actor: try row.string("actor"), table: try row.string("table_name"),
                           operation: try row.string("operation"), recordKey: try row.string("record_key"),
                           oldValue: try row["old_value"], newValue: try row["new_value"])
            }
        }
    }

    /// The settings stored with a year (`settings.yaml`'s text), nil when the year has none or is not on record.
    public func storedSettings(body: String, year: Int) async throws -> String? {
        try await withConnection { db in
            try db.execute("SELECT settings_yaml FROM years WHERE body_id = $1 AND year = $2", [body, year]).first?["settings_yaml"]
        }
    }

    public func storedAmounts(body: String, year: Int) async throws -> [String: Int64] {
        try await recordedAllocation(body: body, year: year).amounts
    }
}
