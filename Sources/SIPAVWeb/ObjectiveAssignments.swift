import Postgres
import SIPAV
import SIPAVStore

/// One person of the year with how their objectives stand, for HR's list.
struct AssignmentLine: Sendable {
    let employeeID: String
    let name: String
    let area: String
    let objectives: Int
    let weightBasisPoints: Int
    /// How far the appraisal has gone, as the manager's list says it (`RatingRoutes.status`).
    var progress: StaffProgress? = nil
}

/// One page of HR's list, with the counts of everyone the query chose (in every page; zero when the page is
/// past the last).
struct AssignmentPage: Sendable {
    let lines: [AssignmentLine]
    /// Everyone chosen by Area and search.
    let people: Int
    /// Of them, those without objectives or whose weights do not sum to 100 %.
    let incomplete: Int
}

/// An objective as HR assigns it: code, title and weight; the ratings, if any, stay as they are.
struct AssignedObjective: Sendable, Equatable {
    let code: String
    let title: String
    let weightBasisPoints: Int
}

/// A row of an uploaded `objectives.csv`: the objective, its ratings, and the version of it the file was downloaded with
/// (nil for a row the file adds, or a file written elsewhere).
struct UploadedObjective: Sendable {
    let objective: AssignedObjective
    let cosa: Int?
    let come: Come?
    let version: Int?
}

/// Why an assignment was not written.
enum AssignmentRefusal: Error {
    /// Someone changed the person's objectives since the form was read.
    case stale
    /// The year is allocated or published (SV001).
    case yearLocked
    /// Every objective of an assessable person removed: the allocation would then refuse the year, and their ratings
    /// would be gone.
    case noObjectiveLeft
    /// A person's appraisal is under contest (SV006): the database's message, which names them.
    case contested(String)
    /// An upload that gives these people no rating at all (the `cosa` and `come` columns left out or empty, `fileHasNone`,
    /// or only theirs left empty) would clear the ratings stored for the same objectives: most often columns deleted in a
    /// spreadsheet, or a file of objectives prepared again while managers rated, not managers' work to undo.
    case wouldClearRatings([ClearedPerson], fileHasNone: Bool)
    /// The same for titles.
    case wouldClearTitles([ClearedPerson], fileHasNone: Bool)
    /// An upload whose rows carry versions (a download of this year's objectives) that would change objectives changed
    /// since it was downloaded, a manager's ratings most often: these people, with how many of their objectives.
    case changedSinceDownload([ClearedPerson])
    /// An upload with ratings (`cosa`, `come`) into a year still in planning, which takes objectives, titles and weights
    /// alone, as a manager's form takes no rating then: these people, with how many rated objectives.
    case ratedWhilePlanning([ClearedPerson])
}

/// HR's assignment of individual objectives and weights in one body's year: one person at a time, or many from
/// a CSV file; each write is one transaction and attributed to HR's user.
struct ObjectiveAssignments: Sendable {
    let store: PostgresStore
    let body: String
    let year: Int

    /// One page of the year's people chosen by `query`, with their objectives' count and weight sum, and the
    /// counts of everyone chosen. The counts and the order need the whole choice; only a page is sent.
    /// Each line's final score is computed under `settings`, the year's individual settings (`StaffScores`).
    func page(_ query: PeopleChoice, settings: IndividualSettings = IndividualSettings()) async throws -> AssignmentPage {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection(wholeYear: true) { db in
            var people = 0, incomplete = 0
            var lines: [AssignmentLine] = []
            // One row of counts, joined with the page's rows: the counts come also when no row is shown.
            for row in try db.execute("""
                WITH totals AS (
                    SELECT o.employee_id, count(*) AS objectives, sum(o.weight_bp) AS weight, count(o.cosa) AS rated
                    FROM individual_objectives o WHERE o.body_id = $1 AND o.year = $2
                    GROUP BY o.employee_id
                ), chosen AS (
                    SELECT s.employee_id, e.name, coalesce(a.name, '') AS area, a.position,
                           coalesce(t.objectives, 0) AS objectives, coalesce(t.weight, 0) AS weight, coalesce(t.rated, 0) AS rated,
                           s.not_assessable_reason IS NOT NULL AS not_assessable
                    FROM staff_years s
                    JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
                    LEFT JOIN areas a ON a.body_id = s.body_id AND a.year = s.year AND a.area_id = s.area_id
                    LEFT JOIN totals t ON t.employee_id = s.employee_id
                    WHERE s.body_id = $1 AND s.year = $2 AND ($3::text IS NULL OR s.area_id = $3)
                      AND \(PeopleChoice.searchCondition("$4", name: "e.name", id: "s.employee_id"))
                ), counted AS (
                    -- A person not assessable needs no objective (the files' rule too); weights given sum to 100 %.
                    SELECT c.*, ((c.objectives = 0 AND NOT c.not_assessable) OR (c.objectives > 0 AND c.weight <> 10000)) AS is_incomplete
                    FROM chosen c
                ), shown AS (
                    SELECT k.*, row_number() OVER (ORDER BY k.position NULLS FIRST, k.name, k.employee_id) AS place
                    FROM counted k WHERE NOT $5::boolean OR k.is_incomplete
                    ORDER BY place LIMIT $6 OFFSET $7
                )
                SELECT n.people, n.incomplete, s.employee_id, s.name, s.area, s.objectives, s.weight, s.rated, s.not_assessable,
                       -- Looked up for the page's people only.
                       EXISTS (SELECT 1 FROM appraisal_submissions d WHERE d.body_id = $1 AND d.year = $2
                               AND d.employee_id = s.employee_id) AS submitted,
                       EXISTS (SELECT 1 FROM appraisal_returns t WHERE t.body_id = $1 AND t.year = $2
                               AND t.employee_id = s.employee_id AND \(StandingReturns.condition("t"))) AS returned
                FROM (SELECT count(*) AS people, count(*) FILTER (WHERE is_incomplete) AS incomplete FROM counted) n
                LEFT JOIN shown s ON true
                ORDER BY s.place
                """, [body, year, query.area, query.searchWords, query.pendingOnly, query.pageSize, query.offset]) {
                people = try row.int("people")
                incomplete = try row.int("incomplete")
                guard let id = try row["employee_id"] else { continue }
                let (name, area, objectives) = (try row.string("name"), try row.string("area"), try row.int("objectives"))
                let progress = StaffProgress(employeeID: id, name: name, area: area, rated: try row.int("rated"), total: objectives,
                                             submitted: try row.bool("submitted"), returned: try row.bool("returned"),
                                             notAssessable: try row.bool("not_assessable"))
                lines.append(AssignmentLine(employeeID: id, name: name, area: area, objectives: objectives,
                                            weightBasisPoints: try row.int("weight"), progress: progress))
            }
            let scores = try StaffScores.read(db, body: body, year: year, employees: lines.map(\.employeeID), settings: settings)
            for i in lines.indices {
                let final = scores[lines[i].employeeID]
                lines[i].progress?.final = final
            }
            return AssignmentPage(lines: lines, people: people, incomplete: incomplete)
        }
    }

    /// The Areas of the year, for the list's filter: (id, name).
    func areas() async throws -> [(String, String)] {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection { db in
            try db.execute("SELECT area_id, name FROM areas WHERE body_id = $1 AND year = $2 ORDER BY position, area_id", [body, year])
                .map { (try $0.string("area_id"), try $0.string("name")) }
        }
    }

    /// A digest of the person's stored objectives (codes and versions): the form carries it back, so that a save over
    /// someone else's change is refused.
    static func digest(_ objectives: [StoredObjective]) -> String {
        var hash = FNV1a()
        for objective in objectives { hash.add("\(objective.code)#\(objective.version)") }
        return hash.hex
    }

    /// Replaces `employee`'s objectives by `objectives`, in one transaction, if their stored objectives still have
    /// `digest`: an objective kept (same code) keeps its ratings; a removed one goes with its ratings. A submitted
    /// appraisal the change alters goes back to draft (`SubmissionWithdrawal`): returned, else nothing.
    func assign(_ objectives: [AssignedObjective], to employee: String, digest: String,
                actor: String) async throws -> [WithdrawnSubmission] {
        let (body, year) = (self.body, self.year)
        return try await writing(actor: actor) { db in
            try db.execute("SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2 AND employee_id = $3 FOR UPDATE", [body, year, employee])
            guard let current = try Appraisal.readForHR(db, body: body, year: year, employee: employee),
                  ObjectiveAssignments.digest(current.objectives) == digest else { throw AssignmentRefusal.stale }
            // The files' rule: an assessable person has at least one objective.
            guard !objectives.isEmpty || current.notAssessableReason != nil else { throw AssignmentRefusal.noObjectiveLeft }
            return try SubmissionWithdrawal.withdrawingChanged(db, body: body, year: year, people: [employee]) {
                try ObjectiveAssignments.replace(db, body: body, year: year, employee: employee, objectives)
            }
        }
    }

    /// Replaces the objectives of every person in `people` (employee id → objectives with their ratings), in one
    /// transaction: a CSV upload. Returns the submitted appraisals it changed, back to draft.
    func importObjectives(_ people: [(String, [UploadedObjective])], actor: String) async throws -> [WithdrawnSubmission] {
        let (body, year) = (self.body, self.year)
        let rated = ObjectiveAssignments.rated(people)
        return try await writing(actor: actor) { db in
            // Read under the year's row, as a manager's save reads it (`Ratings.save`): ratings come once HR opens the year.
            if !rated.isEmpty, let row = try db.execute("SELECT state FROM years WHERE body_id = $1 AND year = $2", [body, year]).first,
               try row.string("state") == YearState.planning.rawValue {
                throw AssignmentRefusal.ratedWhilePlanning(rated)
            }
            return try SubmissionWithdrawal.withdrawingChanged(db, body: body, year: year, people: people.map(\.0)) {
                try ObjectiveAssignments.replaceAll(db, body: body, year: year, people)
            }
        }
    }

    /// The people of an upload with rows rated (`cosa` and `come`), with how many, in employee id order.
    static func rated(_ people: [(String, [UploadedObjective])]) -> [ClearedPerson] {
        people.compactMap { employee, rows in
            let count = rows.count { $0.cosa != nil || $0.come != nil }
            return count == 0 ? nil : ClearedPerson(employeeID: employee, count: count)
        }.sorted { $0.employeeID < $1.employeeID }
    }

    private func writing<T: Sendable>(actor: String, _ write: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let (body, year) = (self.body, self.year)
        do {
            return try await store.withWebConnection(actor: actor) { connection in
                try connection.transaction { db in
                    // A closed year refuses every save, one that would change nothing too: it is not "saved".
                    if try YearFirst.share(db, body: body, year: year)?.isLocked == true { throw AssignmentRefusal.yearLocked }
                    return try write(db)
                }
            }
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            throw AssignmentRefusal.yearLocked
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.contestedAppraisalState {
            throw AssignmentRefusal.contested(error.message)
        }
    }

    /// The people of `staged` with rows carrying a version the stored objective has moved on from (or one no longer
    /// stored) and that would change it: the file was downloaded before a manager rated, or HR changed, those
    /// objectives. A row that repeats the objective as it now is changes nothing, and passes.
    static func changedSinceDownload(_ db: Connection, staged: String, body: String, year: Int) throws -> [ClearedPerson] {
        try db.execute("""
            SELECT f.employee_id, count(*) AS n FROM \(staged) f
            LEFT JOIN individual_objectives o ON o.body_id = $1 AND o.year = $2 AND o.employee_id = f.employee_id AND o.code = f.code
            WHERE f.version IS NOT NULL
              AND (o.code IS NULL OR (o.version <> f.version
                   AND (o.title, o.weight_bp, o.cosa, o.come) IS DISTINCT FROM (f.title, f.weight_bp, f.cosa, f.come)))
            GROUP BY f.employee_id
            ORDER BY f.employee_id
            """, [body, year]).map { ClearedPerson(employeeID: try $0.string("employee_id"), count: try $0.int("n")) }
    }

    /// As `replace` with the uploaded ratings, for every person of an upload at once: the rows copied into a
    /// table of the transaction, then one statement deletes what the upload drops and one inserts or updates the
    /// rest (a statement per person and objective would make a large body's upload take minutes).
    private static func replaceAll(_ db: Connection, body: String, year: Int,
                                   _ people: [(String, [UploadedObjective])]) throws {
        try db.execute("CREATE TEMPORARY TABLE uploaded_people (employee_id text PRIMARY KEY) ON COMMIT DROP")
        try db.execute("""
            CREATE TEMPORARY TABLE uploaded_objectives (employee_id text NOT NULL, code text NOT NULL, title text NOT NULL,
                weight_bp integer NOT NULL, cosa smallint, come char(1), position integer NOT NULL, version integer) ON COMMIT DROP
            """)
        try db.copyIn("COPY uploaded_people (employee_id) FROM STDIN") { writer in
            for (employee, _) in people { try writer.row { $0.field(employee) } }
        }
        try db.copyIn("COPY uploaded_objectives (employee_id, code, title, weight_bp, cosa, come, position, version) FROM STDIN") { writer in
            for (employee, objectives) in people {
                for (position, row) in objectives.enumerated() {
                    try writer.row {
                        $0.field(employee); $0.field(row.objective.code); $0.field(row.objective.title)
                        $0.field(row.objective.weightBasisPoints); $0.field(row.cosa); $0.field(row.come?.letter); $0.field(position)
                        $0.field(row.version)
                    }
                }
            }
        }
        let changed = try ObjectiveAssignments.changedSinceDownload(db, staged: "uploaded_objectives", body: body, year: year)
        if !changed.isEmpty { throw AssignmentRefusal.changedSinceDownload(changed) }
        let clearedRatings = try StoredObjectivesCleared.ratings.people(db, staged: "uploaded_objectives", body: body, year: year)
        if !clearedRatings.isEmpty {
            throw AssignmentRefusal.wouldClearRatings(clearedRatings, fileHasNone: !people.contains { $0.1.contains { $0.cosa != nil || $0.come != nil } })
        }
        let clearedTitles = try StoredObjectivesCleared.titles.people(db, staged: "uploaded_objectives", body: body, year: year)
        if !clearedTitles.isEmpty {
            throw AssignmentRefusal.wouldClearTitles(clearedTitles, fileHasNone: !people.contains { $0.1.contains { !$0.objective.title.isEmpty } })
        }
        try db.execute("""
            DELETE FROM individual_objectives o USING uploaded_people p
            WHERE o.body_id = $1 AND o.year = $2 AND o.employee_id = p.employee_id
              AND NOT EXISTS (SELECT 1 FROM uploaded_objectives u WHERE u.employee_id = o.employee_id AND u.code = o.code)
            """, [body, year])
        try db.execute("""
            INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position)
            SELECT $1, $2, employee_id, code, title, weight_bp, cosa, come, position FROM uploaded_objectives
            ON CONFLICT ON CONSTRAINT individual_objectives_pkey DO UPDATE
            SET title = EXCLUDED.title, weight_bp = EXCLUDED.weight_bp, position = EXCLUDED.position,
                cosa = EXCLUDED.cosa, come = EXCLUDED.come,
                version = individual_objectives.version
                    + CASE WHEN (individual_objectives.title, individual_objectives.weight_bp, individual_objectives.cosa, individual_objectives.come)
                                IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.weight_bp, EXCLUDED.cosa, EXCLUDED.come) THEN 1 ELSE 0 END,
                retitled_after_rating = \(ObjectiveRetitling.sql(stored: "individual_objectives", incoming: "EXCLUDED"))
            -- As a re-import (YearMerge): a row the file repeats as it is stays as it is (no new version to make a manager's
            -- open page stale, no audit line), and one only moved keeps its version.
            WHERE (individual_objectives.title, individual_objectives.weight_bp, individual_objectives.position,
                   individual_objectives.cosa, individual_objectives.come)
                  IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.weight_bp, EXCLUDED.position, EXCLUDED.cosa, EXCLUDED.come)
            """, [body, year])
    }

    /// Deletes the person's objectives not in `objectives`, updates the kept ones (which keep their cosa/come) and
    /// inserts the new ones, in the given order.
    private static func replace(_ db: Connection, body: String, year: Int, employee: String, _ objectives: [AssignedObjective]) throws {
        let kept = Set(objectives.map(\.code))
        let stored = try db.execute("SELECT code FROM individual_objectives WHERE body_id = $1 AND year = $2 AND employee_id = $3",
                                    [body, year, employee]).map { try $0.string("code") }
        for code in stored where !kept.contains(code) {
            try db.execute("DELETE FROM individual_objectives WHERE body_id = $1 AND year = $2 AND employee_id = $3 AND code = $4",
                           [body, year, employee, code])
        }
        for (position, objective) in objectives.enumerated() {
            try db.execute("""
                INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT ON CONSTRAINT individual_objectives_pkey DO UPDATE
                SET title = EXCLUDED.title, weight_bp = EXCLUDED.weight_bp, position = EXCLUDED.position,
                    version = individual_objectives.version
                        + CASE WHEN (individual_objectives.title, individual_objectives.weight_bp)
                                    IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.weight_bp) THEN 1 ELSE 0 END,
                    retitled_after_rating = individual_objectives.retitled_after_rating
                        OR (individual_objectives.cosa IS NOT NULL AND individual_objectives.title IS DISTINCT FROM EXCLUDED.title)
                -- An objective saved as it is stays as it is (no new version, no audit line); one only moved keeps its version.
                WHERE (individual_objectives.title, individual_objectives.weight_bp, individual_objectives.position)
                      IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.weight_bp, EXCLUDED.position)
                """, [body, year, employee, objective.code, objective.title, objective.weightBasisPoints, position])
        }
    }
}
