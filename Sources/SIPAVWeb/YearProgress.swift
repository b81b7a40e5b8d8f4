import Postgres
import SIPAVStore

/// What HR must know about a year before allocating it: its state, the appraisals not yet submitted as final and
/// the contests still waiting for an outcome.
struct YearProgress: Sendable {
    let state: YearState
    let unsubmitted: Int
    let openContests: Int

    static func read(store: PostgresStore, body: String, year: Int) async throws -> YearProgress {
        try await store.withWebConnection(wholeYear: true) { db in
            let row = try db.execute("""
                SELECT y.state,
                       (SELECT count(*) FROM appraisal_responses r WHERE r.body_id = y.body_id AND r.year = y.year
                          AND r.response = 'contested' AND r.outcome IS NULL) AS open_contests
                FROM years y WHERE y.body_id = $1 AND y.year = $2
                """, [body, year])[0]
            // Counted as the allocation's confirmation counts them again, so that the number the page shows is the one
            // the confirmation accepts.
            let drafts = try StandingReturns.counts(db, body: body, year: year).drafts
            return YearProgress(state: YearState(rawValue: try row.string("state")) ?? .planning,
                                unsubmitted: drafts, openContests: try row.int("open_contests"))
        }
    }

    /// Only the year's state: whether its records may still change (`isLocked`). Planning for a year the body does
    /// not have.
    static func state(store: PostgresStore, body: String, year: Int) async throws -> YearState {
        try await store.withWebConnection { db in
            guard let row = try db.execute("SELECT state FROM years WHERE body_id = $1 AND year = $2", [body, year]).first else {
                return .planning
            }
            return YearState(rawValue: try row.string("state")) ?? .planning
        }
    }
}
