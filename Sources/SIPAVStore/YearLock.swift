import Postgres

/// Holds a year's row until the transaction ends, so that two officers importing or allocating the same
/// year at once take turns instead of interleaving.
enum YearLock {
    /// The year's state, with the row locked; nil when the year does not exist.
    static func hold(_ db: Connection, body: String, year: Int) throws -> YearState? {
        let result = try db.execute("SELECT state FROM years WHERE body_id = $1 AND year = $2 FOR UPDATE", [body, year])
        guard let row = result.first else { return nil }
        return YearState(rawValue: try row.string("state"))
    }
}
