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

    /// How many appraisals of body `body`'s `year` are not final: every draft (never submitted, or no longer), and among
    /// them those with a return standing. `staff`, when the caller knows how many people the year has on record, spares
    /// counting them. Every submission is of a person of the year (its foreign key): the drafts are the people less the
    /// submissions, two counts through the keys rather than a join of the people with the submissions (at a million
    /// staff, a tenth of a second or more).
    public static func counts(_ db: Connection, body: String, year: Int, staff: Int? = nil) throws -> (drafts: Int, returned: Int) {
        let row = try db.execute("""
            SELECT coalesce($3::bigint, (SELECT count(*) FROM staff_years s WHERE s.body_id = $1 AND s.year = $2))
                     - (SELECT count(*) FROM appraisal_submissions d WHERE d.body_id = $1 AND d.year = $2) AS drafts,
                   (SELECT count(DISTINCT t.employee_id) FROM appraisal_returns t
                    WHERE t.body_id = $1 AND t.year = $2 AND \(condition("t"))) AS returned
            """, [body, year, staff])[0]
        return (try row.int("drafts"), try row.int("returned"))
    }

    /// The appraisals of a year that are not final: how many drafts, and who among them has a return standing.
    public struct NotFinal: Sendable, Equatable {
        public let drafts: Int
        public let returned: [Person]
    }

    public static func notFinal(_ db: Connection, body: String, year: Int) throws -> NotFinal {
        NotFinal(drafts: try counts(db, body: body, year: year).drafts, returned: try people(db, body: body, year: year))
    }

    /// A person with a return standing, and the reason of their latest return.
    public struct Person: Sendable, Equatable {
        public let employeeID: String
        public let name: String
        public let reason: String
    }

    /// The query of the people with a return standing in body $1's year $2 (of employee $3 alone, unless null), by name:
    /// one row each, their latest return as `t` and their name as `e.name`, with `columns` selected.
    public static func latest(selecting columns: String) -> String {
        """
        SELECT DISTINCT ON (e.name, t.employee_id) \(columns)
        FROM appraisal_returns t
        JOIN employees e ON e.body_id = t.body_id AND e.employee_id = t.employee_id
        WHERE t.body_id = $1 AND t.year = $2 AND ($3::text IS NULL OR t.employee_id = $3) AND \(condition("t"))
        ORDER BY e.name, t.employee_id, t.return_id DESC
        """
    }

    /// The people of body `body`'s `year` with a return standing, by name.
    public static func people(_ db: Connection, body: String, year: Int) throws -> [Person] {
        try db.execute(latest(selecting: "t.employee_id, e.name, t.reason"), [body, year, nil as String?]).map {
            Person(employeeID: try $0.string("employee_id"), name: try $0.string("name"), reason: try $0.string("reason"))
        }
    }
}

extension PostgresStore {
    /// `StandingReturns.notFinal` of the year, read on a connection of its own.
    public func notFinalAppraisals(body: String, year: Int) async throws -> StandingReturns.NotFinal {
        try await withConnection { try StandingReturns.notFinal($0, body: body, year: year) }
    }
}
