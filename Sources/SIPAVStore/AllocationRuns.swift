import Postgres
import SIPAV

/// One run of a year's allocation (`allocation_runs`), as an auditor asks after it: when and by whom it ran, whom it
/// paid and how much, and the reopening of the year that ended it.
public struct AllocationRun: Sendable, Equatable {
    /// A reopening of the year (`year_reopenings`): when, by whom, why.
    public struct Reopening: Sendable, Equatable {
        /// Italian form to the second, on the clock of Italy: `25/11/2026 alle 19:05:42`.
        public let at: String
        /// The same instant in ISO 8601, UTC: `2026-11-25T18:05:42Z`.
        public let instant: String
        public let by: String
        public let reason: String
    }

    /// The run's number in the database, which `sipav db report allocation --run` names.
    public let id: Int64
    /// Italian form to the second, on the clock of Italy.
    public let at: String
    /// The same instant in ISO 8601, UTC.
    public let instant: String
    public let by: String
    /// The people the run's rows pay, and what they sum to: in `allocations` while the run is the year's, kept in
    /// `superseded_allocations` once replaced (or once a person was removed from the reopened year).
    public let people: Int
    public let paidCents: Int64
    /// What the run recorded it paid, both funds (`allocation_runs`): `paidCents` unless the rows were tampered with.
    public let recordedPaidCents: Int64
    /// The reopening that followed the run, before any other run: nil while the run is in force.
    public let reopening: Reopening?
    /// The run that allocated the year again after it; nil for the last.
    public let replacedBy: Int64?
    /// False for a run whose rows were deleted when the year was allocated again before SQL/0036 kept them: its totals
    /// (`recordedPaidCents`, `RecordedAllocation.Run`) are all that is left of it, and the audit log holds the deletion.
    public let rowsKept: Bool

    /// Since when the rows of a run replaced are kept (`superseded_allocations`): when this database applied 0036.
    public static let rowsKeptSinceSQL = "(SELECT applied_at FROM schema_migrations WHERE version = '0036_superseded_allocations_kept')"

    /// The SQL of whether run `alias` (a row of `allocation_runs`) has lost its rows: it ran before 0036, and neither
    /// table holds one of them.
    public static func rowsLostSQL(_ alias: String) -> String {
        """
        (\(alias).run_at < \(rowsKeptSinceSQL)
         AND NOT EXISTS (SELECT 1 FROM allocations k WHERE k.body_id = \(alias).body_id AND k.year = \(alias).year AND k.run_id = \(alias).run_id)
         AND NOT EXISTS (SELECT 1 FROM superseded_allocations k WHERE k.body_id = \(alias).body_id AND k.year = \(alias).year AND k.run_id = \(alias).run_id))
        """
    }
}

/// A run's allocation as the run stored it: each person's row, with their name and Area as the year's records now
/// hold them (the rows keep neither), managers first, then staff, each by employee id as the year's reports list them.
public struct RecordedRun: Sendable {
    public struct Person: Sendable {
        public let employeeID: String
        /// Nil when the body no longer has the employee.
        public let name: String?
        /// Nil for the Segretario Generale, and for a person no longer in the year.
        public let area: String?
        public let recorded: RecordedAllocation.Person
    }

    public let bodyName: String
    public let totals: RecordedAllocation.Run
    public let people: [Person]
}

extension PostgresStore {
    /// The year's allocation runs, oldest first.
    public func allocationRuns(body: String, year: Int) async throws -> [AllocationRun] {
        try await withConnection { connection in
            try connection.transaction(isolation: .repeatableRead) { db in try AllocationRun.read(db, body: body, year: year) }
        }
    }

    /// Run `run` of the year as it stored it; nil when the year has no such run.
    public func recordedRun(body: String, year: Int, run: Int64) async throws -> RecordedRun? {
        try await withConnection { connection in
            try connection.transaction(isolation: .repeatableRead) { db in try RecordedRun.read(db, body: body, year: year, run: run) }
        }
    }
}

extension AllocationRun {
    static func read(_ db: Connection, body: String, year: Int) throws -> [AllocationRun] {
        // A run is ended by the first reopening after it, if that comes before the next run (it always does: a year is
        // allocated again only once reopened; runs recorded otherwise, by hand, are shown without one).
        try db.execute("""
            WITH runs AS (
                SELECT run_id, run_at, run_by, staff_paid_cents + managers_paid_cents AS recorded_paid,
                       \(AllocationRun.rowsLostSQL("allocation_runs")) AS rows_lost,
                       lead(run_id) OVER (ORDER BY run_id) AS next_id, lead(run_at) OVER (ORDER BY run_id) AS next_at
                  FROM allocation_runs WHERE body_id = $1 AND year = $2
            ), paid AS (
                SELECT run_id, count(*) AS people, sum(amount_cents)::bigint AS cents
                  FROM (SELECT run_id, amount_cents FROM allocations WHERE body_id = $1 AND year = $2
                        UNION ALL
                        SELECT run_id, amount_cents FROM superseded_allocations WHERE body_id = $1 AND year = $2) AS kept
                 GROUP BY run_id
            )
            SELECT r.run_id, \(ItalianTime.sql("r.run_at", seconds: true)) AS at, \(ItalianTime.sqlISO("r.run_at")) AS instant, r.run_by, r.next_id, r.recorded_paid, r.rows_lost,
                   coalesce(p.people, 0) AS people, coalesce(p.cents, 0) AS cents,
                   \(ItalianTime.sql("o.reopened_at", seconds: true)) AS reopened_at, \(ItalianTime.sqlISO("o.reopened_at")) AS reopened_instant,
                   o.reopened_by, o.reason
              FROM runs r
              LEFT JOIN paid p USING (run_id)
              LEFT JOIN LATERAL (
                    SELECT reopened_at, reopened_by, reason FROM year_reopenings
                     WHERE body_id = $1 AND year = $2 AND reopened_at > r.run_at AND (r.next_at IS NULL OR reopened_at < r.next_at)
                     ORDER BY reopened_at, reopening_id LIMIT 1) o ON true
             ORDER BY r.run_id
            """, [body, year]).map { row in
            let reopening = try row.decode("reopened_at", as: String?.self).map { at in
                Reopening(at: at, instant: try row.string("reopened_instant"), by: try row.string("reopened_by"), reason: try row.string("reason"))
            }
            return AllocationRun(id: try row.int64("run_id"), at: try row.string("at"), instant: try row.string("instant"), by: try row.string("run_by"),
                                 people: try row.int("people"), paidCents: try row.int64("cents"),
                                 recordedPaidCents: try row.int64("recorded_paid"), reopening: reopening,
                                 replacedBy: try row.decode("next_id", as: Int64?.self), rowsKept: !(try row.bool("rows_lost")))
        }
    }
}

extension RecordedRun {
    /// The columns of a row of `allocations`, which `superseded_allocations` has too (SQL/0036), named one by one: the
    /// two tables' columns need not be in the same order.
    static let rowColumns = (["employee_id", "run_id", "fund", "amount_cents", "final_score", "band", "weighted_sum",
                              "not_assessable_reason", "received_remainder_cent"]
        + RecordedAllocation.columns.flatMap { [$1 + "_numerator", $1 + "_denominator"] }).joined(separator: ", ")

    static func read(_ db: Connection, body: String, year: Int, run id: Int64) throws -> RecordedRun? {
        guard let totals = try RecordedAllocation.Run.read(db, body: body, year: year, id: id) else { return nil }
        let bodyName = try db.execute("SELECT name FROM bodies WHERE body_id = $1", [body]).first?.string("name") ?? body
        let people = try db.execute("""
            SELECT \(RecordedAllocation.personColumns),
                   (SELECT e.name FROM employees e WHERE e.body_id = $1 AND e.employee_id = x.employee_id) AS name,
                   (SELECT s.area_id FROM staff_years s WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id = x.employee_id) AS area_id
              FROM (SELECT \(rowColumns) FROM allocations WHERE body_id = $1 AND year = $2 AND run_id = $3
                    UNION ALL
                    SELECT \(rowColumns) FROM superseded_allocations WHERE body_id = $1 AND year = $2 AND run_id = $3) AS x
             ORDER BY x.fund = 'staff', x.employee_id
            """, [body, year, id]).map { row in
            Person(employeeID: try row.string("employee_id"), name: try row["name"], area: try row["area_id"],
                   recorded: try RecordedAllocation.person(row))
        }
        return RecordedRun(bodyName: bodyName, totals: totals, people: people)
    }
}
