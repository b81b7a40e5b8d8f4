import Postgres

/// Copies a table's rows of one body and year that the table does not hold yet (a year's staff on its first
/// import, the scores and amounts of an allocation), with every constraint checked and the insert on record.
///
/// PostgreSQL checks each foreign key of each copied row with a lookup of its own (about 6 us a row and a
/// key), which made those checks most of an import. When the role may set `session_replication_role` (a
/// superuser, as on the built-in cluster, or a role granted `SET` on it), the rows are copied with the row
/// triggers bypassed, and `sipav_bulk_inserted` (SQL/0011) then does what they would have done, once for
/// all the rows: the year's lock, every foreign key as one anti-join, the audit entry (row by row for a copy of at
/// most 100 rows, which must then be the only rows of the body and year in the table, as the trigger logs them:
/// SQL/0015). Otherwise the copy runs with its triggers, as any client's would. CHECK constraints, keys and
/// unique indexes apply either way.
struct BulkInsert {
    let db: Connection
    /// Whether the row triggers may be bypassed in this transaction.
    let bypassesTriggers: Bool

    /// Call inside the transaction that will copy.
    init(_ db: Connection) throws {
        self.db = db
        bypassesTriggers = try Self.mayBypassTriggers(db)
    }

    /// Copies the rows `body` writes into `table` (`columns`: the COPY column list), all of `body` and
    /// `year` (nil for a table without a year); returns how many were copied.
    @discardableResult
    func copy(into table: String, columns: String, body: String, year: Int?,
              _ rows: (inout CopyWriter) throws -> Void) throws -> Int {
        let copy = "COPY \(table) (\(columns)) FROM STDIN"
        guard bypassesTriggers else { return try db.copyIn(copy, rows) }
        try db.execute("SET LOCAL session_replication_role = replica")
        let count = try db.copyIn(copy, rows)
        try db.execute("SET LOCAL session_replication_role = origin")
        try db.execute("SELECT sipav_bulk_inserted($1::regclass, $2, $3, $4)", [table, body, year, count])
        return count
    }

    private static func mayBypassTriggers(_ db: Connection) throws -> Bool {
        if db.isSuperuser { return true }
        // PostgreSQL 15 lets an administrator grant SET on the parameter to the tool's role.
        guard db.serverVersion >= 150000 else { return false }
        return try db.execute("SELECT has_parameter_privilege('session_replication_role', 'SET') AS granted")
            .first?.bool("granted") ?? false
    }
}
