import Postgres

/// What a file with no value at all in a column (the column deleted in a spreadsheet, or left empty) would clear of a
/// year's stored objectives: counted over the objectives it names again (same person and code), in a table of the
/// transaction that holds the file's rows. One count for `db import` and HR's upload alike.
public enum StoredObjectivesCleared {
    case ratings, titles

    /// How many stored objectives named again in `staged` (columns `employee_id`, `code`) hold a value the file would clear.
    public func count(_ db: Connection, staged: String, body: String, year: Int) throws -> Int {
        let held = switch self {
        case .ratings: "o.cosa IS NOT NULL"
        case .titles: "o.title <> ''"
        }
        return try db.execute("""
            SELECT count(*) AS n FROM \(staged) f
            JOIN individual_objectives o ON o.body_id = $1 AND o.year = $2 AND o.employee_id = f.employee_id AND o.code = f.code
            WHERE \(held)
            """, [body, year])[0].int("n")
    }
}
