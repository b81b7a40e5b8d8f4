import Postgres
import SIPAV

/// Replaces the records of a year that holds staff already by the new ones, changing only what differs:
/// people and objectives no longer listed are deleted, changed ones updated, new ones inserted. Each of
/// those changes goes through the table's triggers, so the audit log shows exactly what the re-import
/// changed, and the version of a changed objective moves on (a form opened on it before is then stale).
///
/// The new records are first copied into temporary tables; every statement after compares them with the
/// year's rows in one pass (hash joins), never row by row.
struct YearMerge {
    let db: Connection
    let year: YearRecords

    var key: [(any PostgresEncodable)?] { [year.body, year.year] }

    /// Copies the new Areas, staff and objectives into temporary tables dropped at commit.
    func stage() throws {
        let (plan, records) = (year.plan, year.records)
        try db.execute("""
            CREATE TEMPORARY TABLE incoming_areas (area_id text, name text, manager_id text, position integer) ON COMMIT DROP
            """)
        try db.copyIn("COPY incoming_areas (area_id, name, manager_id, position) FROM STDIN") { writer in
            for (position, area) in plan.areas.enumerated() {
                try writer.row { $0.field(area.id); $0.field(area.name); $0.field(area.manager); $0.field(position) }
            }
        }
        // The staging tables' keys are named after those of the tables they stand for: a duplicate is refused
        // with the name the user would get from a first import.
        try db.execute("""
            CREATE TEMPORARY TABLE incoming_staff (employee_id text, role text, category text, area_id text, part_time_bp integer,
                                                   months smallint, not_assessable_reason text,
                                                   CONSTRAINT staff_years_pkey PRIMARY KEY (employee_id)) ON COMMIT DROP
            """)
        try db.copyIn("COPY incoming_staff (\(StaffRow.stagedColumns)) FROM STDIN") { writer in
            for member in records.staff {
                try writer.row { StaffRow.fields(of: member, areas: plan.areas, into: &$0) }
            }
        }
        try db.execute("""
            CREATE TEMPORARY TABLE incoming_objectives (employee_id text, code text, title text, weight_bp integer, cosa smallint,
                                                        come char(1), position integer,
                                                        CONSTRAINT individual_objectives_pkey PRIMARY KEY (employee_id, code)) ON COMMIT DROP
            """)
        try db.copyIn("COPY incoming_objectives (\(ObjectiveRow.stagedColumns)) FROM STDIN") { writer in
            for person in records.staff.indices {
                let id = records.staff[person].id
                for (position, objective) in records.objectives(of: person).enumerated() {
                    try writer.row { ObjectiveRow.fields(of: objective, employee: id, position: position, into: &$0) }
                }
            }
        }
        try db.execute("ANALYZE incoming_areas, incoming_staff, incoming_objectives")
    }

    /// New Areas added and changed ones updated; those the plan dropped stay until the staff have left them
    /// (`removeAreasLeft`).
    func mergeAreas() throws {
        try db.execute("""
            UPDATE areas a SET name = i.name, manager_id = i.manager_id, position = i.position FROM incoming_areas i
            WHERE a.body_id = $1 AND a.year = $2 AND a.area_id = i.area_id
              AND (a.name, a.manager_id, a.position) IS DISTINCT FROM (i.name, i.manager_id, i.position)
            """, key)
        try db.execute("""
            INSERT INTO areas (body_id, year, area_id, name, manager_id, position)
            SELECT $1, $2, i.area_id, i.name, i.manager_id, i.position FROM incoming_areas i
            WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.body_id = $1 AND a.year = $2 AND a.area_id = i.area_id)
            """, key)
    }

    func removeAreasLeft() throws {
        try db.execute("""
            DELETE FROM areas a WHERE a.body_id = $1 AND a.year = $2
              AND NOT EXISTS (SELECT 1 FROM incoming_areas i WHERE i.area_id = a.area_id)
            """, key)
    }

    /// The appraisals submitted as final of people who stay and whose objectives the new records change (an
    /// objective added or removed, its title, weight or ratings changed; order alone is no change) go back to
    /// draft, as when HR changes them on the web (`SubmissionWithdrawal`): a "final" appraisal shows only what its
    /// manager submitted. Each deletion is audited. Call after `stage`, before the staff are merged.
    func withdrawChangedSubmissions() throws -> [WithdrawnSubmission] {
        try db.execute(SubmissionChange.withdrawal("""
            stored AS (
                SELECT o.employee_id, o.code, o.title, o.weight_bp, o.cosa, o.come FROM individual_objectives o
                WHERE o.body_id = $1 AND o.year = $2
                  AND EXISTS (SELECT 1 FROM appraisal_submissions d
                              WHERE d.body_id = o.body_id AND d.year = o.year AND d.employee_id = o.employee_id)
            ), incoming AS (
                SELECT i.employee_id, i.code, i.title, i.weight_bp, i.cosa, i.come FROM incoming_objectives i
                WHERE EXISTS (SELECT 1 FROM appraisal_submissions d
                              WHERE d.body_id = $1 AND d.year = $2 AND d.employee_id = i.employee_id)
            ), changed AS (\(SubmissionChange.changedPeople(before: "stored", after: "incoming")))
            """, also: "EXISTS (SELECT 1 FROM incoming_staff p WHERE p.employee_id = d.employee_id)"),
            key + [SubmissionChange.changedByAnImport])
            .map(WithdrawnSubmission.init).sorted { ($0.name, $0.employeeID) < ($1.name, $1.employeeID) }
    }

    /// Files that give a person no rating at all (the `cosa` and `come` columns left out or empty, or only that person's
    /// left empty) would clear the ratings stored for the same objectives, managers' work on the web among them: most
    /// often columns deleted in a spreadsheet, or a file of objectives prepared again while managers rated. Refused,
    /// naming the people; the same for titles. `anyValue`: whether the files hold any value of the column at all. Call
    /// after `stage`.
    func refuseClearing(_ column: StoredObjectivesCleared, anyValue: Bool) throws {
        let cleared = try column.people(db, staged: "incoming_objectives", body: year.body, year: year.year)
        guard !cleared.isEmpty else { return }
        let (one, many, how) = switch column {
        case .ratings: ("rating", "ratings", "cosa and come, as sipav db export writes them")
        case .titles: ("title", "titles", "the title column, as sipav db export writes it")
        }
        guard anyValue else {
            throw StoreError("the files hold no \(one), and would clear \(cleared.map(\.count).reduce(0, +)) \(many) stored for the same "
                             + "objectives of year \(year.year): give the \(many) (\(how))")
        }
        throw StoreError("the files give no \(one) to people whose \(many) are stored for the same objectives of year \(year.year), "
                         + "and would clear them: \(StoredObjectivesCleared.list(cleared)). Give their \(many) (\(how))")
    }

    /// People who left are deleted (with their objectives and appraisal, by the foreign keys' cascade);
    /// changed situations updated; new people inserted. Refused when one who left had answered the year's publication
    /// (acknowledged or contested it): the cascade would delete the answer, and an open contest with it. Refused too,
    /// unless `removingRated`, when one who left has a rating stored or a final appraisal: a row lost in a spreadsheet
    /// would delete a manager's work without a word. Returns the people removed.
    func mergeStaff(removingRated: Bool) throws -> [RemovedPerson] {
        let answered = try db.execute("""
            SELECT r.employee_id, r.response, r.outcome FROM appraisal_responses r
            WHERE r.body_id = $1 AND r.year = $2 AND NOT EXISTS (SELECT 1 FROM incoming_staff i WHERE i.employee_id = r.employee_id)
            ORDER BY r.employee_id
            """, key).map { row -> String in
            let response = try row.string("response"), outcome: String? = try row["outcome"]
            let what = response == "contested" ? (outcome == nil ? "contestazione aperta" : "contestazione decisa") : "presa visione"
            return "\(try row.string("employee_id")) (\(what))"
        }
        guard answered.isEmpty else { throw AnsweredPeopleRemoved(year: year.year, people: answered) }
        let removed = try RemovedPerson.staged(db, key: key)
        let rated = removed.filter(\.isRated)
        if !removingRated && !rated.isEmpty { throw RatedPeopleRemoved(year: year.year, people: rated) }
        try db.execute("""
            DELETE FROM staff_years s WHERE s.body_id = $1 AND s.year = $2
              AND NOT EXISTS (SELECT 1 FROM incoming_staff i WHERE i.employee_id = s.employee_id)
            """, key)
        try db.execute("""
            UPDATE staff_years s
               SET role = i.role, category = i.category, area_id = i.area_id, part_time_bp = i.part_time_bp, months = i.months,
                   not_assessable_reason = i.not_assessable_reason
              FROM incoming_staff i
             WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id = i.employee_id
               AND (s.role, s.category, s.area_id, s.part_time_bp, s.months, s.not_assessable_reason)
                   IS DISTINCT FROM (i.role, i.category, i.area_id, i.part_time_bp, i.months, i.not_assessable_reason)
            """, key)
        // Left: the new people. Set apart before inserting, so that no statement reads the table it grows.
        try db.execute("""
            DELETE FROM incoming_staff i USING staff_years s WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id = i.employee_id
            """, key)
        try db.execute("""
            INSERT INTO staff_years (\(StaffRow.columns)) SELECT $1, $2, \(StaffRow.stagedColumns) FROM incoming_staff
            """, key)
        return removed
    }

    /// Objectives no longer listed are deleted, changed ones updated (their version moves on), new ones inserted. An
    /// objective only moved in its person's list keeps its version: a rating form open on it is not out of date.
    func mergeObjectives() throws {
        try db.execute("""
            DELETE FROM individual_objectives o WHERE o.body_id = $1 AND o.year = $2
              AND NOT EXISTS (SELECT 1 FROM incoming_objectives i WHERE i.employee_id = o.employee_id AND i.code = o.code)
            """, key)
        try db.execute("""
            UPDATE individual_objectives o
               SET title = i.title, weight_bp = i.weight_bp, cosa = i.cosa, come = i.come, position = i.position,
                   version = o.version + CASE WHEN (o.title, o.weight_bp, o.cosa, o.come)
                                                   IS DISTINCT FROM (i.title, i.weight_bp, i.cosa, i.come) THEN 1 ELSE 0 END,
                   retitled_after_rating = \(ObjectiveRetitling.sql(stored: "o", incoming: "i"))
              FROM incoming_objectives i
             WHERE o.body_id = $1 AND o.year = $2 AND o.employee_id = i.employee_id AND o.code = i.code
               AND (o.title, o.weight_bp, o.cosa, o.come, o.position) IS DISTINCT FROM (i.title, i.weight_bp, i.cosa, i.come, i.position)
            """, key)
        try db.execute("""
            DELETE FROM incoming_objectives i USING individual_objectives o
            WHERE o.body_id = $1 AND o.year = $2 AND o.employee_id = i.employee_id AND o.code = i.code
            """, key)
        try db.execute("""
            INSERT INTO individual_objectives (\(ObjectiveRow.columns)) SELECT $1, $2, \(ObjectiveRow.stagedColumns) FROM incoming_objectives
            """, key)
    }
}
