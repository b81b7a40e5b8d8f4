import Postgres
import SIPAVStore

/// An employee's response to their published appraisal: acknowledged, or contested with a reason.
struct AppraisalResponse: Sendable {
    enum Kind: String, Sendable {
        case acknowledged, contested
    }
    let kind: Kind
    let reason: String?
    /// When it was given, in Italian form (Europe/Rome).
    let at: String
    /// HR's outcome of a contest (`confirmed` or `changed`) and its reference; nil while open.
    let outcome: String?
    let outcomeReference: String?
    /// The allocation run whose figures it answered (SQL/0034); nil for a response recorded before.
    var runID: Int64? = nil

    /// An acknowledgement of an earlier publication than the one of run `latest`: the employee responds again. One
    /// that names no run (recorded before SQL/0034, its run not found by 0045) answered none known: the same.
    func answersAnEarlierPublication(than latest: Int64?) -> Bool {
        guard kind == .acknowledged, let latest else { return false }
        return runID.map { $0 < latest } ?? true
    }
}

/// The responses of one employee (the session's own person: no employee id ever comes from the request).
struct AppraisalResponses: Sendable {
    let store: PostgresStore
    let body: String
    let employee: String

    /// The most recent `published` year in which the person is on staff, or nil.
    func publishedYear() async throws -> Int? {
        try await latestYear(where: "y.state = 'published'")
    }

    /// Every published year in which the person is on staff, the most recent first: an earlier year's appraisal, and the
    /// answer it may still wait for, stay within reach once a later one is published.
    func publishedYears() async throws -> [Int] {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT y.year FROM years y
                JOIN staff_years s ON s.body_id = y.body_id AND s.year = y.year
                WHERE y.body_id = $1 AND s.employee_id = $2 AND y.state = 'published'
                ORDER BY y.year DESC
                """, [body, employee]).map { try $0.int("year") }
        }
    }

    /// The published year `asked` for (a page's `anno`), when it is one of the person's; else the most recent; nil
    /// when none is published.
    func shownYear(asked: String?) async throws -> (year: Int, all: [Int])? {
        let years = try await publishedYears()
        guard let latest = years.first else { return nil }
        let chosen = asked.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { years.contains($0) ? $0 : nil }
        return (chosen ?? latest, years)
    }

    /// The most recent year in which the person is on staff that was published and has been reopened since (no longer
    /// published), or nil.
    func reopenedYear() async throws -> Int? {
        try await latestYear(where: """
            y.state <> 'published'
            AND EXISTS (SELECT 1 FROM year_reopenings r WHERE r.body_id = y.body_id AND r.year = y.year AND r.from_state = 'published')
            """)
    }

    /// The most recent year in which the person is on staff whose row `y` meets `condition` (SQL), or nil.
    private func latestYear(where condition: String) async throws -> Int? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT max(y.year) AS year FROM years y
                JOIN staff_years s ON s.body_id = y.body_id AND s.year = y.year
                WHERE y.body_id = $1 AND s.employee_id = $2 AND \(condition)
                """, [body, employee])[0].decode("year", as: Int?.self)
        }
    }

    func response(year: Int) async throws -> AppraisalResponse? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            guard let row = try db.execute("""
                SELECT response, reason, outcome, outcome_reference, run_id,
                       \(ItalianTime.sql("responded_at")) AS at
                FROM appraisal_responses WHERE body_id = $1 AND year = $2 AND employee_id = $3
                """, [body, year, employee]).first else { return nil }
            return AppraisalResponse(kind: AppraisalResponse.Kind(rawValue: try row.string("response")) ?? .contested,
                                     reason: try row["reason"], at: try row.string("at"), outcome: try row["outcome"],
                                     outcomeReference: try row["outcome_reference"], runID: try row.decode("run_id", as: Int64?.self))
        }
    }

    /// The notice of a response given to a version of the year's appraisal since returned to draft
    /// (`AppraisalReturns.earlierResponse`), or nil.
    func earlierResponse(year: Int) async throws -> String? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try AppraisalReturns.earlierResponse(db, body: body, year: year, employee: employee)
        }
    }

    /// The latest allocation run of the year: the publication the employee's page shows. Nil before any.
    /// Whether the person's appraisal of `year` was allocated as it stood, never submitted as final by its manager, in a
    /// year whose appraisals were submitted on the web (some were): the employee is told so. A year rated outside sipav
    /// and imported with its ratings has no submission at all, and its ratings are the files' own.
    func paidAsDraft(year: Int) async throws -> Bool {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT EXISTS (SELECT 1 FROM appraisal_submissions d WHERE d.body_id = $1 AND d.year = $2)
                       AND NOT EXISTS (SELECT 1 FROM appraisal_submissions d WHERE d.body_id = $1 AND d.year = $2 AND d.employee_id = $3)
                       AS draft
                """, [body, year, employee])[0].bool("draft")
        }
    }

    /// What the person was paid in the publication of run `run`, since allocated again (`superseded_allocations`,
    /// SQL/0036): the figures a contest answered, to set beside the outcome's. Nil when the run is still the latest or
    /// the person had no row in it.
    func supersededFigures(year: Int, run: Int64) async throws -> (score: Int?, band: String, cents: Int64)? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT final_score, band, amount_cents FROM superseded_allocations
                WHERE body_id = $1 AND year = $2 AND run_id = $3 AND employee_id = $4
                """, [body, year, run, employee]).first.map { row in
                (try row.decode("final_score", as: Int?.self), try row.string("band"), try row.int64("amount_cents"))
            }
        }
    }

    func latestRun(year: Int) async throws -> Int64? {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("SELECT max(run_id) AS run FROM allocation_runs WHERE body_id = $1 AND year = $2", [body, year])[0]
                .decode("run", as: Int64?.self)
        }
    }

    /// Records the response to the publication of run `shown`, the one the page showed, only while the year is
    /// published with that run its latest, and only once: false when one was already given, the year is no longer
    /// published, or it was allocated again since the page was shown. An acknowledgement of an earlier publication
    /// is replaced (SQL/0034; the audit log keeps it); a contest never is.
    func respond(year: Int, _ kind: AppraisalResponse.Kind, reason: String?, shown: Int64?, actor: String) async throws -> Bool {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection(actor: actor) { db in
            try db.execute("""
                INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason, run_id)
                SELECT y.body_id, y.year, $3, $4, $5, r.run_id FROM years y
                CROSS JOIN LATERAL (SELECT max(a.run_id) AS run_id FROM allocation_runs a
                                    WHERE a.body_id = y.body_id AND a.year = y.year) r
                WHERE y.body_id = $1 AND y.year = $2 AND y.state = 'published' AND r.run_id = $6::bigint
                ON CONFLICT ON CONSTRAINT appraisal_responses_pkey DO UPDATE
                    SET response = EXCLUDED.response, reason = EXCLUDED.reason, responded_at = now(), run_id = EXCLUDED.run_id
                    WHERE appraisal_responses.response = 'acknowledged'
                      AND (appraisal_responses.run_id IS NULL OR appraisal_responses.run_id < EXCLUDED.run_id)
                """, [body, year, employee, kind.rawValue, reason, shown]).affectedRows == 1
        }
    }
}
