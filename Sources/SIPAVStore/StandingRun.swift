import Postgres

/// The allocation run whose amounts stand for a year: the latest in `allocations` (the rows of an earlier one, since
/// allocated again, are in `superseded_allocations`). A page that acts on a closed year (publishing, reopening) names
/// the run it showed, and the act is refused when another stands: it would publish, or reopen with a reason written
/// about, figures its officer never saw.
public enum StandingRun {
    /// The standing run of body `$1`'s year `$2`, as an SQL expression (NULL when the year has none).
    public static let sql = "(SELECT max(run_id) FROM allocations WHERE body_id = $1 AND year = $2)"

    /// The standing run of `body`'s `year`, nil when the year has none.
    public static func of(_ db: Connection, body: String, year: Int) throws -> Int64? {
        try db.execute("SELECT \(sql) AS run", [body, year]).first?.decode("run", as: Int64?.self)
    }
}

/// The run a page showed (`shown`) no longer stands: `standing` does (nil: none, the year reopened since).
public struct StandingRunChanged: Error, Sendable {
    public let shown: Int64
    public let standing: Int64?
}
