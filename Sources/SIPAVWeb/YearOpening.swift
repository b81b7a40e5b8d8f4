import Postgres
import SIPAVStore

/// The years of a body still being planned, and HR's step that opens one for rating (`planning` → `rating`). Until
/// then the managers' pages show the year's objectives read-only: a year imported early for planning, while the
/// previous one is rated, takes no rating by mistake.
struct YearOpening: Sendable {
    let store: PostgresStore
    let body: String

    /// The body's years in planning, most recent first.
    func planningYears() async throws -> [Int] {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("SELECT year FROM years WHERE body_id = $1 AND state = 'planning' ORDER BY year DESC", [body])
                .map { try $0.int("year") }
        }
    }

    /// How many assessable people of `year` have no objectives, or objectives whose weights do not sum to 100 %: their
    /// managers could not rate them once the year is opened. Said before HR opens it.
    func incomplete(year: Int) async throws -> Int {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT count(*) AS n FROM staff_years s
                LEFT JOIN (SELECT employee_id, sum(weight_bp) AS weight FROM individual_objectives
                           WHERE body_id = $1 AND year = $2 GROUP BY employee_id) o ON o.employee_id = s.employee_id
                WHERE s.body_id = $1 AND s.year = $2 AND s.not_assessable_reason IS NULL AND coalesce(o.weight, 0) <> 10000
                """, [body, year])[0].int("n")
        }
    }

    /// Opens `year` for rating; false when it is not in planning (already open, closed, or not there). The audit log
    /// keeps who did it.
    func open(year: Int, actor: String) async throws -> Bool {
        let body = self.body
        return try await store.withWebConnection(actor: actor) { db in
            try YearOpeningForRating.open(db, body: body, year: year)
        }
    }
}
