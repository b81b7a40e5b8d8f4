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

/// A year still in planning opened for rating: by HR on the web, and by an import that brings ratings.
public enum YearOpeningForRating {
    /// Moves the year from planning to rating; false when it was not in planning (already open, closed, or absent).
    @discardableResult
    public static func open(_ db: Connection, body: String, year: Int) throws -> Bool {
        try db.execute("UPDATE years SET state = 'rating' WHERE body_id = $1 AND year = $2 AND state = 'planning'",
                       [body, year]).affectedRows == 1
    }
}
