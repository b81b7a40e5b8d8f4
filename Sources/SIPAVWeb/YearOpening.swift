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

    /// Opens `year` for rating; false when it is not in planning (already open, closed, or not there). The audit log
    /// keeps who did it.
    func open(year: Int, actor: String) async throws -> Bool {
        let body = self.body
        return try await store.withWebConnection(actor: actor) { db in
            try YearOpeningForRating.open(db, body: body, year: year)
        }
    }
}
