import Postgres

/// Final appraisals returned to draft (by HR with a reason, or withdrawn by a change of their objectives: SQL/0028,
/// 0033) that their managers have not submitted again: an allocation made now pays the ratings that were returned.
public enum StandingReturns {
    /// The SQL condition of a return still standing, for the row `alias` of `appraisal_returns`: not answered by a
    /// submission since (SQL/0031), and the appraisal still a draft (a return recorded before 0031 has no answer).
    public static func condition(_ alias: String) -> String {
        """
        \(alias).answered_at IS NULL AND NOT EXISTS (SELECT 1 FROM appraisal_submissions d
            WHERE d.body_id = \(alias).body_id AND d.year = \(alias).year AND d.employee_id = \(alias).employee_id)
        """
    }

    /// A person with a return standing, and the reason of their latest return.
    public struct Person: Sendable, Equatable {
        public let employeeID: String
        public let name: String
        public let reason: String
    }

    /// The people of body `body`'s `year` with a return standing, by name.
    public static func people(_ db: Connection, body: String, year: Int) throws -> [Person] {
        try db.execute("""
            SELECT DISTINCT ON (e.name, t.employee_id) t.employee_id, e.name, t.reason
            FROM appraisal_returns t
            JOIN employees e ON e.body_id = t.body_id AND e.employee_id = t.employee_id
            WHERE t.body_id = $1 AND t.year = $2 AND \(condition("t"))
            ORDER BY e.name, t.employee_id, t.return_id DESC
            """, [body, year]).map {
            Person(employeeID: try $0.string("employee_id"), name: try $0.string("name"), reason: try $0.string("reason"))
        }
    }
}

extension PostgresStore {
    /// `StandingReturns.people` of the year, read on a connection of its own.
    public func standingReturns(body: String, year: Int) async throws -> [StandingReturns.Person] {
        try await withConnection { try StandingReturns.people($0, body: body, year: year) }
    }
}
