import Postgres
import SIPAV

/// A person a file names with no value at all in a column (their ratings, or their titles, left empty), and how many of
/// their stored objectives named again (same code) hold one that the file would clear.
public struct ClearedPerson: Sendable, Equatable {
    public let employeeID: String
    public let count: Int

    public init(employeeID: String, count: Int) { (self.employeeID, self.count) = (employeeID, count) }
}

/// What a file would clear of a year's stored objectives when it gives a person no value at all in a column: the
/// column deleted in a spreadsheet, or a file of objectives prepared again while managers were rating. Counted per
/// person over the objectives the file names again, in a table of the transaction that holds the file's rows
/// (columns `employee_id`, `code`, `title`, `cosa`). One query for `db import` and HR's upload alike.
public enum StoredObjectivesCleared {
    case ratings, titles

    /// The people of `staged` none of whose rows gives a value, who have stored objectives named again holding one; in
    /// employee id order.
    public func people(_ db: Connection, staged: String, body: String, year: Int) throws -> [ClearedPerson] {
        let (held, given) = switch self {
        case .ratings: ("o.cosa IS NOT NULL", "f.cosa IS NOT NULL")
        case .titles: ("o.title <> ''", "coalesce(f.title, '') <> ''")
        }
        return try db.execute("""
            SELECT f.employee_id, count(o.code) AS n FROM \(staged) f
            LEFT JOIN individual_objectives o
              ON o.body_id = $1 AND o.year = $2 AND o.employee_id = f.employee_id AND o.code = f.code AND \(held)
            GROUP BY f.employee_id
            HAVING count(o.code) > 0 AND NOT bool_or(\(given))
            ORDER BY f.employee_id
            """, [body, year]).map { ClearedPerson(employeeID: try $0.string("employee_id"), count: try $0.int("n")) }
    }

    /// `E0126 (6), E0099 (2), … (+3)`: the first ten people with their counts, and how many more.
    public static func list(_ people: [ClearedPerson]) -> String {
        ShortList.text(people.map { "\($0.employeeID) (\($0.count))" })
    }
}
