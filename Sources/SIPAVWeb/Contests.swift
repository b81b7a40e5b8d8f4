import Postgres
import SIPAV
import SIPAVStore

/// One employee's contest of their published appraisal, as HR's list shows it.
struct Contest: Sendable {
    /// The year of the appraisal contested: an employee contests the last published year, which may be behind the
    /// year HR works on.
    let year: Int
    let employeeID: String
    let name: String
    let area: String
    /// When it was raised, in Italian form (Europe/Rome).
    let at: String
    let reason: String
    /// `confirmed` or `changed`; nil while open.
    let outcome: String?
    let outcomeReference: String?
    let outcomeAt: String?
    /// The day HR returned the contested version to draft (`AppraisalReturns`), in Italian form: the contest, decided,
    /// moved with it into `appraisal_returns`. Nil for a contest of the version standing.
    var returnedOn: String? = nil
}

/// What HR decides at the end of the conciliation procedure.
enum ContestOutcome: Sendable {
    /// The appraisal stands.
    case confirmed
    /// The appraisal is changed: the new ratings, each with the version HR read.
    case changed([SubmittedRating])

    var stored: String {
        switch self {
        case .confirmed: "confirmed"
        case .changed: "changed"
        }
    }
}

/// Why an outcome was not recorded.
enum ContestRefusal: Error {
    /// No open contest of this person (never raised, or already decided).
    case notOpen
    /// Someone changed the ratings since the form was read.
    case stale
    /// Changing ratings needs the year reopened (the database lock, SQLSTATE SV001).
    case yearLocked
}

/// The contests of one body, for HR: those of every year, each decided by (year, employee). An employee contests
/// the last published year while HR may already work on the next one: a contest must not drop out of sight then.
struct Contests: Sendable {
    let store: PostgresStore
    let body: String

    /// Every contest of every year, the open ones first, then the most recent year first, then by date; with them the
    /// decided contests of versions HR since returned to draft (kept in `appraisal_returns`), so that no contest drops
    /// off HR's list.
    func all() async throws -> [Contest] {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("SELECT * FROM (" + Contests.select + " UNION ALL " + Contests.selectReturned + ") c"
                           + " ORDER BY c.outcome IS NOT NULL, c.year DESC, c.responded_at, c.employee_id",
                           [body]).map(Contests.contest)
        }
    }

    /// How many contests of every year wait for their outcome.
    func openCount() async throws -> Int {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT count(*) AS n FROM appraisal_responses
                WHERE body_id = $1 AND response = 'contested' AND outcome IS NULL
                """, [body])[0].int("n")
        }
    }

    /// The year of the person's contest HR most likely means when no year is given: their open one, else the most
    /// recent. Nil when they never contested.
    func year(of employee: String) async throws -> Int? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT year FROM appraisal_responses WHERE body_id = $1 AND employee_id = $2 AND response = 'contested'
                ORDER BY outcome IS NOT NULL, year DESC LIMIT 1
                """, [body, employee]).first?.int("year")
        }
    }

    func contest(of employee: String, year: Int) async throws -> Contest? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute(Contests.select + " AND r.year = $2 AND r.employee_id = $3", [body, year, employee]).first.map(Contests.contest)
        }
    }

    /// The person's appraisal of the year as HR sees it (any person of the year).
    func appraisal(of employee: String, year: Int) async throws -> Appraisal? {
        let body = self.body
        return try await store.withWebConnection { db in
            try Appraisal.readForHR(db, body: body, year: year, employee: employee)
        }
    }

    /// Records HR's outcome of an open contest, in one transaction with the new ratings when it changes them; the
    /// audit log keeps who did it, the old and the new row.
    func record(_ outcome: ContestOutcome, of employee: String, year: Int, reference: String, actor: String) async throws {
        let body = self.body
        do {
            try await store.withWebConnection(actor: actor) { connection in
                try connection.transaction { db in
                    let open = try db.execute("""
                        SELECT 1 FROM appraisal_responses WHERE body_id = $1 AND year = $2 AND employee_id = $3
                          AND response = 'contested' AND outcome IS NULL FOR UPDATE
                        """, [body, year, employee])
                    guard !open.isEmpty else { throw ContestRefusal.notOpen }
                    // The outcome first: while the contest is open the database refuses any change of the ratings
                    // (SQL/0043), the outcome's own included.
                    try db.execute("""
                        UPDATE appraisal_responses SET outcome = $4, outcome_reference = $5, outcome_at = now()
                        WHERE body_id = $1 AND year = $2 AND employee_id = $3
                        """, [body, year, employee, outcome.stored, reference])
                    if case let .changed(ratings) = outcome,
                       !(try SubmittedRating.write(ratings, db, body: body, year: year, employee: employee)) {
                        throw ContestRefusal.stale
                    }
                }
            }
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            throw ContestRefusal.yearLocked
        }
    }

    private static let select = """
        SELECT r.year, r.employee_id, e.name, coalesce(a.name, '') AS area, r.reason,
               \(ItalianTime.sqlDay("r.responded_at")) AS at,
               r.outcome, r.outcome_reference, \(ItalianTime.sqlDay("r.outcome_at")) AS outcome_at,
               r.responded_at, NULL::text AS returned_on
        FROM appraisal_responses r
        JOIN staff_years s ON s.body_id = r.body_id AND s.year = r.year AND s.employee_id = r.employee_id
        JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
        LEFT JOIN areas a ON a.body_id = s.body_id AND a.year = s.year AND a.area_id = s.area_id
        WHERE r.body_id = $1 AND r.response = 'contested'
        """

    /// The decided contests moved with a return to draft (SQL/0028), in the columns of `select`.
    private static let selectReturned = """
        SELECT t.year, t.employee_id, e.name, coalesce(a.name, '') AS area, t.response_reason AS reason,
               \(ItalianTime.sqlDay("t.responded_at")) AS at,
               t.outcome, t.outcome_reference, \(ItalianTime.sqlDay("t.outcome_at")) AS outcome_at,
               t.responded_at, \(ItalianTime.sqlDay("t.returned_at")) AS returned_on
        FROM appraisal_returns t
        JOIN staff_years s ON s.body_id = t.body_id AND s.year = t.year AND s.employee_id = t.employee_id
        JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
        LEFT JOIN areas a ON a.body_id = s.body_id AND a.year = s.year AND a.area_id = s.area_id
        WHERE t.body_id = $1 AND t.response = 'contested'
        """

    private static func contest(_ row: Row) throws -> Contest {
        Contest(year: try row.int("year"), employeeID: try row.string("employee_id"), name: try row.string("name"), area: try row.string("area"),
                at: try row.string("at"), reason: try row["reason"] ?? "", outcome: try row["outcome"],
                outcomeReference: try row["outcome_reference"], outcomeAt: try row["outcome_at"], returnedOn: try row["returned_on"])
    }
}
