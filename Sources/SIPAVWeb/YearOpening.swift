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

    /// The latest year before `year` still being rated or reopened (not yet allocated again), nil when there is none:
    /// once `year` is open, the managers rate it, and can no longer send that one's appraisals.
    func earlierStillOpen(before year: Int) async throws -> (year: Int, state: YearState)? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT year, state FROM years WHERE body_id = $1 AND year < $2 AND state IN ('rating', 'validated')
                ORDER BY year DESC LIMIT 1
                """, [body, year]).first.map { (try $0.int("year"), YearState(rawValue: try $0.string("state")) ?? .rating) }
        }
    }

    /// What the dashboard says of opening `year` while `earlier` is still open, and the box that confirms it.
    static func earlierOpenWarning(_ year: Int, earlier: (year: Int, state: YearState)) -> String {
        "L'anno \(earlier.year) è ancora \(earlier.state == .rating ? "in valutazione" : "riaperto e non ancora ripartito di nuovo"): "
            + "aperto il \(year), i dirigenti valutano il \(year) e non possono più inviare le valutazioni del \(earlier.year) "
            + "(quelle in bozza restano come sono: si ripartiscono come si trovano, o si registrano da file)."
    }

    /// The field of the box that confirms opening a year while an earlier one is open: it carries the earlier year.
    static let earlierOpenField = "anno_precedente_aperto"

    /// Opens `year` for rating; false when it is not in planning (already open, closed, or not there). The audit log
    /// keeps who did it.
    func open(year: Int, actor: String) async throws -> Bool {
        let body = self.body
        return try await store.withWebConnection(actor: actor) { db in
            try YearOpeningForRating.open(db, body: body, year: year)
        }
    }
}
