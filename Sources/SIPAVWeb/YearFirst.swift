import Postgres
import SIPAVStore

/// The order in which a web write takes its locks: the year's row first, as importing and allocating do, then a
/// person's rows. An allocation holds the year's row (FOR UPDATE) and, under a role whose foreign keys are checked
/// row by row, then locks the staff rows its amounts point to; a save that locked a person's row first and then
/// waited for the year would deadlock with it. Taken first, the year makes the save wait for the allocation to
/// end, and the year lock then refuses the save.
enum YearFirst {
    /// Holds the year's row FOR SHARE until the transaction ends: saves wait for an import or an allocation, not
    /// for each other. Returns the year's state as held; nil for a year the body does not have.
    @discardableResult
    static func share(_ db: Connection, body: String, year: Int) throws -> YearState? {
        try db.execute("SELECT state FROM years WHERE body_id = $1 AND year = $2 FOR SHARE", [body, year])
            .first.flatMap { YearState(rawValue: try $0.string("state")) }
    }
}
