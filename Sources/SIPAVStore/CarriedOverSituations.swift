import Postgres

/// People whose situation the imported year gives exactly as the body's previous year on record did, where that
/// situation is seldom the same two years running: months of service under 12 (a hire or a leave in that year), or
/// the same reason for not being assessable (in service less than three months, say). Most often a staff list copied
/// from last year and not brought up to date: each would be paid on last year's months, or nothing. Said after the
/// import, not refused: a seasonal contract or a long leave may stand two years.
public struct CarriedOverSituations: Sendable, Equatable {
    /// A person with the months of service (under 12) they had the year before.
    public struct SameMonths: Sendable, Equatable {
        public let employeeID: String
        public let months: Int
    }

    /// A person with the reason for not being assessable they had the year before.
    public struct SameReason: Sendable, Equatable {
        public let employeeID: String
        public let reason: String
    }

    /// The previous year the situations were compared with.
    public let previousYear: Int
    /// In employee id order.
    public let sameMonths: [SameMonths]
    /// In employee id order.
    public let sameReason: [SameReason]

    public var isEmpty: Bool { sameMonths.isEmpty && sameReason.isEmpty }

    /// Those of `year` against the latest earlier year of `body` with staff; nil when there is none, or nobody's.
    static func read(_ db: Connection, body: String, year: Int) throws -> CarriedOverSituations? {
        guard let previous = try db.execute("SELECT max(year) AS year FROM staff_years WHERE body_id = $1 AND year < $2", [body, year])
            .first?.decode("year", as: Int?.self) else { return nil }
        let rows = try db.execute("""
            SELECT s.employee_id, s.months, s.not_assessable_reason,
                   s.months < 12 AND s.months = p.months AS same_months,
                   s.not_assessable_reason IS NOT NULL AND s.not_assessable_reason = p.not_assessable_reason AS same_reason
              FROM staff_years s
              JOIN staff_years p ON p.body_id = s.body_id AND p.year = $3 AND p.employee_id = s.employee_id
             WHERE s.body_id = $1 AND s.year = $2
               AND ((s.months < 12 AND s.months = p.months)
                    OR (s.not_assessable_reason IS NOT NULL AND s.not_assessable_reason = p.not_assessable_reason))
             ORDER BY s.employee_id
            """, [body, year, previous])
        var months: [SameMonths] = [], reasons: [SameReason] = []
        for row in rows {
            let id = try row.string("employee_id")
            if try row.bool("same_months") { months.append(SameMonths(employeeID: id, months: try row.int("months"))) }
            if try row.bool("same_reason") { reasons.append(SameReason(employeeID: id, reason: try row.string("not_assessable_reason"))) }
        }
        let found = CarriedOverSituations(previousYear: previous, sameMonths: months, sameReason: reasons)
        return found.isEmpty ? nil : found
    }
}
