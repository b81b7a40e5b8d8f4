import Postgres
import SIPAV
import SIPAVStore

/// One person of a manager's staff, with how far their rating has gone.
struct StaffProgress: Sendable {
    let employeeID: String
    let name: String
    let area: String
    let rated: Int
    let total: Int
    let submitted: Bool
    /// A draft HR returned from final (`AppraisalReturns`), not yet submitted again.
    var returned = false
    /// The employee contested the appraisal published and HR has not yet recorded the outcome: it stays as it is.
    var contested = false
    /// The appraisal cannot be made (too short a service, with a reason): nothing to rate, only to submit.
    var notAssessable = false
    /// The final score and band of the stored ratings, once every objective is rated (`StaffScores`).
    var final: (score: Int, band: Band)? = nil

    /// Ready to submit: every objective rated (and there is at least one), or nothing to rate.
    var complete: Bool { notAssessable || (total > 0 && rated == total) }
}

/// One page of a manager's staff, with the counts of all of them.
struct StaffPage: Sendable {
    let lines: [StaffProgress]
    /// All the manager's staff.
    let people: Int
    /// Of them, those with every objective rated, or not assessable (nothing to rate).
    let complete: Int
    /// Of them, those whose appraisal was submitted as final.
    let submitted: Int
    /// Those the choice (Area, search, not yet submitted) keeps, over every page.
    let chosen: Int
}

/// When and by whom an appraisal was submitted as final.
struct Submission: Sendable {
    /// Date and time in Italian form (Europe/Rome), e.g. `25/11/2026 alle 19:05`.
    let at: String
    let by: String
    /// The act HR recorded the appraisal from (the Segretario Generale's), nil when a manager submitted it.
    var reference: String? = nil
    /// The submission's exact time, in microseconds since 1970 (`AppraisalReturns.stamp`): which submission a page
    /// showed, for a form that acts on it.
    var stamp = ""

    /// For a page: `at`, `by` and, when there is one, the act as `act` (not `reference`, which a page may use for
    /// what was typed).
    var values: [String: Any] {
        var values: [String: Any] = ["at": at, "by": by]
        if let reference { values["act"] = reference }
        return values
    }
}

/// One of a person's individual objectives, as stored, with the version the form must send back.
struct StoredObjective: Sendable {
    let code: String
    let title: String
    let weightBasisPoints: Int
    let cosa: Int?
    let come: Come?
    let version: Int
    /// HR changed the title while the objective held a rating, which it kept (SQL/0037): the manager should check it.
    var retitledAfterRating = false
}

/// A person being rated and their objectives.
struct Appraisal: Sendable {
    let employeeID: String
    let name: String
    let area: String
    let notAssessableReason: String?
    let monthsOfService: Int
    let objectives: [StoredObjective]
    /// Nil while a draft.
    let submission: Submission?
    /// When HR changed the ratings by the outcome of the employee's contest: the record's reference and day.
    var changedByContest: (reference: String, day: String)? = nil
    /// The day the employee contested the appraisal, while HR has not recorded the outcome: until then nobody
    /// changes it (SQL/0043).
    var contestedOn: String? = nil
    /// The last change of the ratings (SQL/0039): when (Italian form) and by whom; nil before any.
    var lastChange: (at: String, by: String)? = nil
}

/// A rating the manager submitted for one objective, with the version they read.
struct SubmittedRating: Sendable {
    let code: String
    let cosa: Int?
    let come: Come?
    let version: Int
}

/// Why a save was refused.
enum RatingRefusal: Error {
    /// Someone changed the appraisal since the form was read.
    case stale
    /// The year is allocated or published (the database lock, SQLSTATE SV001).
    case yearLocked
    /// The appraisal was already submitted as final: read-only for the manager.
    case submitted
    /// The year is still being planned: HR has not opened it for rating.
    case notOpen
    /// The employee contested the appraisal and HR has not recorded the outcome (SQLSTATE SV006).
    case contested
}

/// The ratings of one body's year, seen by one manager: only their own staff.
///
/// A manager's staff are the people of the Areas they manage (`areas.manager_id`), or everyone for the
/// Segretario Generale; never themselves.
struct Ratings: Sendable {
    let store: PostgresStore
    let body: String
    let year: Int
    let manager: String

    /// The year's staff rows `s`, each with its person `e` (the name) and its Area `a` (none for the Segretario
    /// Generale).
    static let staffWithNamesAndAreas = """
        FROM staff_years s
        JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
        LEFT JOIN areas a ON a.body_id = s.body_id AND a.year = s.year AND a.area_id = s.area_id
        """

    /// Whether the manager ($3) is the Segretario Generale of body $1's year $2, who sees everyone.
    private static let isSegretarioGenerale = """
        EXISTS (SELECT 1 FROM staff_years m WHERE m.body_id = $1 AND m.year = $2
                AND m.employee_id = $3 AND m.role = 'segretario_generale')
        """

    /// `s` is a staff_years row of body $1 and year $2; $3 the manager. Neither sub-query refers to `s`, so
    /// PostgreSQL answers each once per statement (whether the manager is the Segretario Generale; the Areas
    /// they manage), not once per person.
    private static let ownStaff = """
        s.employee_id <> $3 AND (\(isSegretarioGenerale)
            OR s.area_id IN (SELECT a.area_id FROM areas a WHERE a.body_id = $1 AND a.year = $2 AND a.manager_id = $3))
        """

    /// Each person's line with their objectives' counts, for an Area manager (`$1` body, `$2` year, `$3` manager):
    /// joined then grouped, so that their own staff pick their objectives, where counting every objective of the
    /// body first would cost a manager of one Area what it costs the Segretario Generale.
    private static let areaStaffLines = """
        SELECT s.employee_id, e.name, coalesce(a.name, '') AS area, a.position, s.area_id,
               count(o.code) AS total, count(o.cosa) AS rated, (d.employee_id IS NOT NULL) AS submitted,
               (s.not_assessable_reason IS NOT NULL) AS not_assessable
        \(Ratings.staffWithNamesAndAreas)
        LEFT JOIN individual_objectives o ON o.body_id = s.body_id AND o.year = s.year AND o.employee_id = s.employee_id
        LEFT JOIN appraisal_submissions d ON d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id
        WHERE s.body_id = $1 AND s.year = $2 AND \(ownStaff)
        GROUP BY s.employee_id, e.name, a.name, a.position, s.area_id, d.employee_id, s.not_assessable_reason
        """

    /// The same lines for the Segretario Generale, everyone but themselves: the year's objectives counted per
    /// person first, then joined once with the staff, without grouping the names (at a million staff 2.5 s
    /// instead of 4.0 s).
    private static let everyoneLines = """
        SELECT s.employee_id, e.name, coalesce(a.name, '') AS area, a.position, s.area_id,
               coalesce(o.total, 0) AS total, coalesce(o.rated, 0) AS rated, (d.employee_id IS NOT NULL) AS submitted,
               (s.not_assessable_reason IS NOT NULL) AS not_assessable
        \(Ratings.staffWithNamesAndAreas)
        LEFT JOIN (SELECT o.employee_id, count(o.code) AS total, count(o.cosa) AS rated FROM individual_objectives o
                   WHERE o.body_id = $1 AND o.year = $2 GROUP BY o.employee_id) o ON o.employee_id = s.employee_id
        LEFT JOIN appraisal_submissions d ON d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id
        WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id <> $3 AND \(isSegretarioGenerale)
        """

    /// Runs `query` in one transaction on `db`, told whether the manager is the Segretario Generale, who sees
    /// everyone: their queries then plan for the whole year (`PostgresStore.planForWholeYear`). The queries for
    /// everyone ask the same question again themselves, so that what they show never rests on an earlier answer.
    private static func knowingWhoSeesEveryone<T>(_ db: Connection, body: String, year: Int, manager: String,
                                                 _ query: (Connection, Bool) throws -> T) throws -> T {
        try db.transaction { tx in
            let everyone = try tx.execute("SELECT \(isSegretarioGenerale) AS everyone", [body, year, manager])
                .first?.bool("everyone") ?? false
            if everyone { try PostgresStore.planForWholeYear(inTransaction: tx) }
            return try query(tx, everyone)
        }
    }

    /// Whether the appraisal_responses row `r` is a contest HR has not decided yet.
    static func openContest(_ r: String) -> String { "\(r).response = 'contested' AND \(r).outcome IS NULL" }

    /// `pending`: an Area manager's people other than $4 whose appraisal is not submitted nor under contest, and who have objectives,
    /// with name and Area position. Each person's name and first objective looked up by key: a manager of one Area
    /// among many would otherwise pay for a pass over every objective of the body.
    private static let areaStaffPending = """
        mine AS MATERIALIZED (
            SELECT s.employee_id, s.area_id, s.not_assessable_reason IS NOT NULL AS not_assessable FROM staff_years s
            WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id <> $4 AND \(ownStaff)
              AND NOT EXISTS (SELECT 1 FROM appraisal_submissions d
                              WHERE d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id)
              AND NOT EXISTS (SELECT 1 FROM appraisal_responses r
                              WHERE r.body_id = s.body_id AND r.year = s.year AND r.employee_id = s.employee_id AND \(openContest("r")))
        ), pending AS MATERIALIZED (
            SELECT m.employee_id, e.name, coalesce(a.position, 2147483647) AS position
            FROM mine m
            JOIN LATERAL (SELECT e.name FROM employees e WHERE e.body_id = $1 AND e.employee_id = m.employee_id) e ON true
            LEFT JOIN areas a ON a.body_id = $1 AND a.year = $2 AND a.area_id = m.area_id
            -- To send: an appraisal with objectives, or one not assessable (sent as it is, objectives or none).
            WHERE m.not_assessable OR EXISTS (SELECT 1 FROM individual_objectives o
                                              WHERE o.body_id = $1 AND o.year = $2 AND o.employee_id = m.employee_id)
        )
        """

    /// The same for the Segretario Generale, everyone but themselves: the whole year joined at once (at 100,000
    /// staff 0.24-0.27 s instead of 0.35 s, and 0.32-0.36 s instead of 1.1-1.2 s just after an import).
    private static let everyonePending = """
        pending AS MATERIALIZED (
            SELECT s.employee_id, e.name, coalesce(a.position, 2147483647) AS position
            \(Ratings.staffWithNamesAndAreas)
            WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id <> $4 AND s.employee_id <> $3 AND \(isSegretarioGenerale)
              AND (s.not_assessable_reason IS NOT NULL
                   OR EXISTS (SELECT 1 FROM individual_objectives o
                              WHERE o.body_id = s.body_id AND o.year = s.year AND o.employee_id = s.employee_id))
              AND NOT EXISTS (SELECT 1 FROM appraisal_submissions d
                              WHERE d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id)
              AND NOT EXISTS (SELECT 1 FROM appraisal_responses r
                              WHERE r.body_id = s.body_id AND r.year = s.year AND r.employee_id = s.employee_id AND \(openContest("r")))
        )
        """

    /// One page of the manager's staff chosen by `choice` (`pendingOnly`: not yet submitted), with the counts
    /// of all their staff, whatever the choice. The counts and the order need everyone; only a page is sent.
    ///
    /// The Segretario Generale's list joins the whole year (`PostgresStore.planForWholeYear`).
    /// Each line's final score is computed under `settings`, the year's individual settings.
    func staff(_ choice: PeopleChoice, settings: IndividualSettings = IndividualSettings()) async throws -> StaffPage {
        let (body, year, manager) = (self.body, self.year, self.manager)
        return try await store.withWebConnection { connection in
            try Ratings.knowingWhoSeesEveryone(connection, body: body, year: year, manager: manager) { db, everyone in
                var counts = (people: 0, complete: 0, submitted: 0, chosen: 0)
                var lines: [StaffProgress] = []
                // One row of counts, joined with the page's rows (none when the page is past the last).
                for row in try db.execute("""
                    WITH mine AS MATERIALIZED (
                        \(everyone ? Ratings.everyoneLines : Ratings.areaStaffLines)
                    ), chosen AS MATERIALIZED (
                        SELECT * FROM mine
                        WHERE ($4::text IS NULL OR area_id = $4)
                          AND \(PeopleChoice.searchCondition("$5", name: "name", id: "employee_id"))
                          AND (NOT $6::boolean OR NOT submitted)
                    )
                    SELECT c.people, c.complete, c.sent, c.chosen, p.employee_id, p.name, p.area, p.total, p.rated, p.submitted,
                           p.not_assessable,
                           -- Looked up for the page's people only.
                           EXISTS (SELECT 1 FROM appraisal_returns t WHERE t.body_id = $1 AND t.year = $2
                                   AND t.employee_id = p.employee_id AND \(StandingReturns.condition("t"))) AS returned,
                           EXISTS (SELECT 1 FROM appraisal_responses r WHERE r.body_id = $1 AND r.year = $2
                                   AND r.employee_id = p.employee_id AND \(Ratings.openContest("r"))) AS contested
                    FROM (SELECT count(*) AS people, count(*) FILTER (WHERE not_assessable OR (total > 0 AND rated = total)) AS complete,
                                 count(*) FILTER (WHERE submitted) AS sent, (SELECT count(*) FROM chosen) AS chosen FROM mine) c
                    LEFT JOIN LATERAL (
                        SELECT * FROM chosen ORDER BY position, name, employee_id LIMIT $7 OFFSET $8
                    ) p ON true
                    ORDER BY p.position, p.name, p.employee_id
                    """, [body, year, manager, choice.area, choice.searchWords, choice.pendingOnly, choice.pageSize, choice.offset]) {
                    counts = (try row.int("people"), try row.int("complete"), try row.int("sent"), try row.int("chosen"))
                    guard let id: String = try row["employee_id"] else { continue }
                    lines.append(StaffProgress(employeeID: id, name: try row.string("name"), area: try row.string("area"),
                                               rated: try row.int("rated"), total: try row.int("total"),
                                               submitted: try row.string("submitted") == "t", returned: try row.string("returned") == "t",
                                               contested: try row.string("contested") == "t",
                                               notAssessable: try row.string("not_assessable") == "t"))
                }
                let scores = try StaffScores.read(db, body: body, year: year, employees: lines.map(\.employeeID), settings: settings)
                for i in lines.indices { lines[i].final = scores[lines[i].employeeID] }
                return StaffPage(lines: lines, people: counts.people, complete: counts.complete, submitted: counts.submitted,
                                 chosen: counts.chosen)
            }
        }
    }

    /// The manager's next appraisal to complete after `employee`, in the order of their list (Area, name,
    /// employee id), starting again from the top after the last: the first whose appraisal is not yet
    /// submitted and who has objectives to rate, other than `employee`; with how many such there are. Nil when
    /// none is left.
    func next(after employee: String) async throws -> (id: String, name: String, left: Int)? {
        let (body, year, manager) = (self.body, self.year, self.manager)
        return try await store.withWebConnection { connection in
            try Ratings.knowingWhoSeesEveryone(connection, body: body, year: year, manager: manager) { db, everyone in
                // The list orders by Area position with the Segretario Generale's (no Area) last: NULL as the largest.
                return try db.execute("""
                    WITH \(everyone ? Ratings.everyonePending : Ratings.areaStaffPending),
                    here AS (
                        SELECT e.name, coalesce(a.position, 2147483647) AS position
                        \(Ratings.staffWithNamesAndAreas)
                        WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id = $4
                    )
                    SELECT p.employee_id, p.name, (SELECT count(*) FROM pending) AS "left"
                    FROM pending p LEFT JOIN here h ON true
                    ORDER BY (h.position IS NOT NULL AND (p.position, p.name, p.employee_id) > (h.position, h.name, $4::text)) DESC,
                             p.position, p.name, p.employee_id
                    LIMIT 1
                    """, [body, year, manager, employee]).first.map { row in
                    (try row.string("employee_id"), try row.string("name"), try row.int("left"))
                }
            }
        }
    }

    /// How many of the manager's staff have an appraisal HR returned to draft that waits to be submitted again: the
    /// list says so above its rows, whatever page or filter is shown. Returns are few: counted from them.
    func returnedCount() async throws -> Int {
        let (body, year, manager) = (self.body, self.year, self.manager)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT count(DISTINCT t.employee_id) AS n FROM appraisal_returns t
                JOIN staff_years s ON s.body_id = t.body_id AND s.year = t.year AND s.employee_id = t.employee_id
                WHERE t.body_id = $1 AND t.year = $2 AND \(StandingReturns.condition("t")) AND \(Ratings.ownStaff)
                """, [body, year, manager])[0].int("n")
        }
    }

    /// The Areas whose people the manager sees, for the list's filter: (id, name).
    func areas() async throws -> [(id: String, name: String)] {
        let (body, year, manager) = (self.body, self.year, self.manager)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT a.area_id, a.name FROM areas a
                WHERE a.body_id = $1 AND a.year = $2 AND (a.manager_id = $3 OR \(Ratings.isSegretarioGenerale))
                ORDER BY a.position, a.area_id
                """, [body, year, manager]).map { (try $0.string("area_id"), try $0.string("name")) }
        }
    }

    /// The appraisal of `employee`, or nil when they are not this manager's staff (or do not exist).
    func appraisal(of employee: String) async throws -> Appraisal? {
        let (body, year, manager) = (self.body, self.year, self.manager)
        return try await store.withWebConnection { db in
            try Appraisal.read(db, body: body, year: year, employee: employee, scope: Ratings.ownStaff, scopeValue: manager)
        }
    }

    /// Saves the ratings in one transaction, each only if its version is still the one the form read: otherwise
    /// nothing is saved (`RatingRefusal.stale`). With `submit`, also marks the appraisal as final (the caller has
    /// checked that every objective is rated). A submitted appraisal is refused (`RatingRefusal.submitted`).
    /// Returns false when the person is not this manager's staff.
    func save(_ ratings: [SubmittedRating], of employee: String, submit: Bool = false, actor: String) async throws -> Bool {
        let (body, year, manager) = (self.body, self.year, self.manager)
        do {
            return try await store.withWebConnection(actor: actor) { connection in
                try connection.transaction { db in
                    try YearFirst.share(db, body: body, year: year)
                    // Checked under the year's row: HR cannot send the year back to planning meanwhile.
                    let state = try db.execute("SELECT state FROM years WHERE body_id = $1 AND year = $2", [body, year]).first
                    guard let state, let yearState = YearState(rawValue: try state.string("state")), yearState != .planning else {
                        throw RatingRefusal.notOpen
                    }
                    // FOR UPDATE: two saves of the same person wait for each other, so none slips past a submission.
                    let own = try db.execute("SELECT 1 FROM staff_years s WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id = $4 AND \(Ratings.ownStaff) FOR UPDATE OF s",
                                             [body, year, manager, employee])
                    guard !own.isEmpty else { return false }
                    let submitted = try db.execute("SELECT 1 FROM appraisal_submissions WHERE body_id = $1 AND year = $2 AND employee_id = $3",
                                                   [body, year, employee])
                    guard submitted.isEmpty else { throw RatingRefusal.submitted }
                    // The year's lock and a contest's freeze are the database's (SQL/0006, 0043), on what is written: a save that
                    // changes no rating writes nothing, and is refused here as a change would be.
                    if yearState.isLocked { throw RatingRefusal.yearLocked }
                    let contested = try db.execute("""
                        SELECT 1 FROM appraisal_responses r
                        WHERE r.body_id = $1 AND r.year = $2 AND r.employee_id = $3 AND \(Ratings.openContest("r"))
                        """, [body, year, employee])
                    guard contested.isEmpty else { throw RatingRefusal.contested }
                    guard try SubmittedRating.write(ratings, db, body: body, year: year, employee: employee, draft: !submit) else {
                        throw RatingRefusal.stale
                    }
                    if submit {
                        try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ($1, $2, $3, $4)",
                                       [body, year, employee, actor])
                    }
                    return true
                }
            }
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            throw RatingRefusal.yearLocked
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.contestedAppraisalState {
            throw RatingRefusal.contested
        }
    }
}

extension SubmittedRating {
    /// Writes a person's ratings inside the caller's transaction, each only if its version is still the one the form
    /// read and only if the form covered every objective: false (and the caller rolls back) otherwise.
    ///
    /// An objective whose cosa and come the form leaves as they are is not written: no new version (which would make
    /// another open page of the person out of date for nothing) and no line in the audit log, as HR's upload leaves an
    /// objective given again as it is (`ObjectiveAssignments.replaceAll`). Only the mark of a title changed after the
    /// rating is taken off, the rating being now confirmed. Its version is checked all the same.
    ///
    /// For a draft (`draft`), a row whose version moved on but which already holds the submitted cosa and come counts
    /// as saved and is left as it is: the same form posted twice (a double click, the page sent again) finds its own
    /// first save, and nobody's rating is lost by accepting it. Never for a final act: a version moved on by HR's change
    /// of a weight or a title would make final a score other than the one its author reviewed and confirmed.
    static func write(_ ratings: [SubmittedRating], _ db: Connection, body: String, year: Int, employee: String,
                      draft: Bool = false) throws -> Bool {
        let count = try db.execute("SELECT count(*) AS n FROM individual_objectives WHERE body_id = $1 AND year = $2 AND employee_id = $3",
                                   [body, year, employee])
        guard try count[0].int("n") == ratings.count else { return false }
        for rating in ratings {
            let parameters: [(any PostgresEncodable)?] = [body, year, employee, rating.code, rating.cosa, rating.come?.letter, rating.version]
            let updated = try db.execute("""
                UPDATE individual_objectives SET cosa = $5, come = $6, version = version + 1, retitled_after_rating = false
                WHERE body_id = $1 AND year = $2 AND employee_id = $3 AND code = $4 AND version = $7
                  AND (cosa IS DISTINCT FROM $5::smallint OR come IS DISTINCT FROM $6::text)
                """, parameters)
            if updated.affectedRows == 1 { continue }
            // Not written: the form gave the ratings the row holds, or its version moved on.
            let unchanged = try db.execute("""
                SELECT version = $7 AS current, retitled_after_rating FROM individual_objectives
                WHERE body_id = $1 AND year = $2 AND employee_id = $3 AND code = $4
                  AND cosa IS NOT DISTINCT FROM $5::smallint AND come IS NOT DISTINCT FROM $6::text
                FOR UPDATE
                """, parameters).first
            guard let unchanged else { return false }
            guard try unchanged.bool("current") else {
                guard draft else { return false }
                continue
            }
            if try unchanged.bool("retitled_after_rating") {
                try db.execute("""
                    UPDATE individual_objectives SET retitled_after_rating = false
                    WHERE body_id = $1 AND year = $2 AND employee_id = $3 AND code = $4
                    """, [body, year, employee, rating.code])
            }
        }
        return true
    }
}

extension Appraisal {
    /// The appraisal of anyone of the year, as HR sees it.
    static func readForHR(_ db: Connection, body: String, year: Int, employee: String) throws -> Appraisal? {
        try read(db, body: body, year: year, employee: employee, scope: "$3::text = 'hr'", scopeValue: "hr")
    }

    /// The appraisal of `employee` in the year, or nil when the person is not in the year or their `staff_years` row
    /// `s` fails `scope` (SQL over $1 body, $2 year, $3 `scopeValue`).
    static func read(_ db: Connection, body: String, year: Int, employee: String, scope: String,
                     scopeValue: String) throws -> Appraisal? {
        guard let person = try db.execute("""
            SELECT e.name, coalesce(a.name, '') AS area, s.not_assessable_reason, s.months,
                   \(ItalianTime.sql("d.submitted_at")) AS submitted_at, \(AppraisalReturns.stamp("d.submitted_at")) AS submitted_stamp,
                   d.submitted_by, d.reference,
                   r.outcome_reference, \(ItalianTime.sqlDay("r.outcome_at")) AS outcome_day,
                   \(ItalianTime.sql("c.changed_at")) AS changed_at, c.changed_by,
                   \(ItalianTime.sqlDay("oc.responded_at")) AS contested_on
            \(Ratings.staffWithNamesAndAreas)
            LEFT JOIN appraisal_responses oc ON oc.body_id = s.body_id AND oc.year = s.year AND oc.employee_id = s.employee_id
                                            AND \(Ratings.openContest("oc"))
            LEFT JOIN rating_changes c ON c.body_id = s.body_id AND c.year = s.year AND c.employee_id = s.employee_id
            LEFT JOIN appraisal_submissions d ON d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id
            -- The outcome's ratings are the ones shown until the manager submits again (after a withdrawal).
            LEFT JOIN appraisal_responses r ON r.body_id = s.body_id AND r.year = s.year AND r.employee_id = s.employee_id
                                           AND r.outcome = 'changed' AND (d.submitted_at IS NULL OR d.submitted_at <= r.outcome_at)
            WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id = $4 AND \(scope)
            """, [body, year, scopeValue, employee]).first else { return nil }
        let objectives = try db.execute("""
            SELECT code, title, weight_bp, cosa, come, version, retitled_after_rating FROM individual_objectives
            WHERE body_id = $1 AND year = $2 AND employee_id = $3 ORDER BY position, code
            """, [body, year, employee]).map { row in
            StoredObjective(code: try row.string("code"), title: try row.string("title"),
                            weightBasisPoints: try row.int("weight_bp"), cosa: try row["cosa"].flatMap { Int($0) },
                            come: try row["come"].flatMap { Come(letter: $0) }, version: try row.int("version"),
                            retitledAfterRating: try row.bool("retitled_after_rating"))
        }
        var submission: Submission? = nil
        if let at: String = try person["submitted_at"], let by: String = try person["submitted_by"] {
            submission = Submission(at: at, by: by, reference: try person["reference"], stamp: try person["submitted_stamp"] ?? "")
        }
        var appraisal = Appraisal(employeeID: employee, name: try person.string("name"), area: try person.string("area"),
                                  notAssessableReason: try person["not_assessable_reason"], monthsOfService: try person.int("months"),
                                  objectives: objectives, submission: submission)
        if let reference: String = try person["outcome_reference"], let day: String = try person["outcome_day"] {
            appraisal.changedByContest = (reference, day)
        }
        if let at: String = try person["changed_at"], let by: String = try person["changed_by"] {
            appraisal.lastChange = (at, by)
        }
        appraisal.contestedOn = try person["contested_on"]
        return appraisal
    }
}

extension PostgresStore {
    /// The years whose people may hold an account: the year the managers rate, whose managers rate it and whose staff
    /// are to see their appraisals, and the most recent, whose new staff and managers wait for theirs while the year
    /// before is rated; only the configured one when the server's year is fixed. None before any year is loaded.
    func accountYears(body: String, configured: Int?) async throws -> [Int] {
        if let configured { return [configured] }
        return try await withWebConnection { db in
            try db.execute("""
                SELECT DISTINCT year FROM (
                    SELECT max(year) AS year FROM years WHERE body_id = $1
                    UNION ALL SELECT max(year) FROM years WHERE body_id = $1 AND state <> 'planning') candidates
                WHERE year IS NOT NULL ORDER BY year
                """, [body]).map { try $0.int("year") }
        }
    }

    /// The year the managers rate: the configured one, else the body's most recent year past planning (open for
    /// rating, or closed and shown read-only). A year is imported for planning early in the next one, while the
    /// previous is still being rated (SIPAV-RULES §2.3): the most recent year would take the managers there too
    /// early. With no year past planning yet, the most recent, whose page says it is not open.
    func ratingYear(body: String, configured: Int?) async throws -> Int? {
        if let configured { return configured }
        return try await withWebConnection { db in
            try db.execute("""
                SELECT coalesce((SELECT max(year) FROM years WHERE body_id = $1 AND state <> 'planning'),
                                (SELECT max(year) FROM years WHERE body_id = $1)) AS year
                """, [body])[0].decode("year", as: Int?.self)
        }
    }
}
