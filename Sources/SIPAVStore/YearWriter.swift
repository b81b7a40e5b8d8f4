import Postgres
import SIPAV

/// Writes one year's records, replacing what the year held: called inside one transaction, so the
/// import is all or nothing.
///
/// A year imported for the first time is copied straight into its tables (`BulkInsert`). A year imported
/// again is merged (`YearMerge`): people and objectives that left are deleted, those that changed are
/// updated, new ones inserted, and what did not change is left alone, so that the audit log records what the
/// new files changed, and an employee's response, or a manager's submitted appraisal whose objectives the new
/// files leave as they were, survives a re-import that keeps the person. A submitted appraisal whose objectives
/// the files change goes back to draft (`YearMerge.withdrawChangedSubmissions`).
struct YearWriter {
    let db: Connection
    let year: YearRecords
    let progress: ImportProgress?
    /// What the files may rename or remove, as the user said (`ImportConsent`): otherwise refused.
    var consent: ImportConsent = []
    /// Why and how the import was asked for: a year ever reopened may need a reason (`YearImports.refuseWithoutReason`).
    var note = ImportNote()
    /// Said when the year's row is held by another operation a while (`YearWait`).
    var waitNotice: YearWaitNotice? = nil

    var body: String { year.body }
    var number: Int { year.year }

    /// Writes the year; returns what the writing changed beyond the year's rows.
    func write() throws -> ImportSummary {
        var seen = Set<String>()
        for member in year.records.staff where !seen.insert(member.id).inserted {
            throw StoreError("employee \(member.id) appears twice in the staff list of year \(number): each person appears once")
        }
        try YearWait.noticing(waitNotice, body: body, year: number) { try lockYear() }
        try YearImports.refuseWithoutReason(db, body: body, year: number, note: note)
        try keepStoredSettings()
        try YearStatements.prepare(db)
        let bulk = try BulkInsert(db)
        // What was computed from the previous records no longer holds; allocation runs stay: they are the year's history.
        try db.execute("DELETE FROM allocations WHERE body_id = $1 AND year = $2", [body, number])
        try writeEmployees(bulk)
        let plan = PlanRows(bulk: bulk, body: body, plan: year.plan)
        var withdrawn: [WithdrawnSubmission] = []
        var removed: [RemovedPerson] = []
        // A re-import rewrites the plan and the fund only when they changed: rewritten as they were, every row would be
        // logged as deleted and inserted again, as if someone had changed them.
        var fundChanged = true
        let acts = YearActs(plan: year.plan, fund: year.fund)
        try acts.refuseReusing(db, body: body, year: number, consent: consent)
        if try yearHasStaff() {
            let stored = YearReader(db: db, body: body, year: number)
            let storedPlan = try stored.readPlan(bodyName: try stored.readHeader().bodyName)
            let storedFund = try stored.readFund()
            try acts.refuseDropping(from: YearActs(plan: storedPlan, fund: storedFund), year: number, consent: consent)
            let planChanged = storedPlan != year.plan
            fundChanged = storedFund != year.fund
            let merge = YearMerge(db: db, year: year)
            try merge.stage()
            try merge.refuseClearing(.ratings, anyValue: year.records.objectives.hasAnyRating)
            try merge.refuseClearing(.titles, anyValue: year.records.objectives.hasAnyTitle)
            withdrawn = try merge.withdrawChangedSubmissions()
            if planChanged { try clearPlan(keepingAreas: true) }
            try merge.mergeAreas()
            removed = try merge.mergeStaff(removingRated: consent.contains(.removedRatedPeople))
            try merge.removeAreasLeft()
            if planChanged { try plan.write(areas: false) }
            try merge.mergeObjectives()
            progress?(year.records.objectives.count, year.records.objectives.count)
        } else {
            try clearPlan(keepingAreas: false)
            try plan.write()
            try writeStaff(bulk)
            // The year's first ratings are copied in, not changed: nobody is named as having changed them (SQL/0041).
            try db.execute("SELECT set_config('sipav.first_import', 'on', true)")
            try writeObjectives(bulk)
            try db.execute("SELECT set_config('sipav.first_import', '', true)")
        }
        if fundChanged { try writeFund() }
        try db.execute("UPDATE years SET settings_yaml = $3 WHERE body_id = $1 AND year = $2", [body, number, year.settingsYAML])
        // A year imported with ratings is being rated: it leaves planning, as HR's opening does on the web (which takes
        // ratings only in a year opened for rating); a year imported for planning, unrated, stays there.
        let opened = year.records.objectives.hasAnyRating ? try YearOpeningForRating.open(db, body: body, year: number) : false
        return ImportSummary(withdrawnSubmissions: withdrawn, removedPeople: removed,
                             carriedOver: try CarriedOverSituations.read(db, body: body, year: number), openedForRating: opened)
    }

    /// Creates the body and the year when new, then holds the year's row until the transaction ends, so
    /// that two officers importing or allocating the same year at once take turns.
    func lockYear() throws {
        if !consent.contains(.renamedBody), let stored = try db.execute("SELECT name FROM bodies WHERE body_id = $1 FOR UPDATE", [body]).first?.string("name"),
           stored != year.plan.body {
            throw StoreError("body \(body) is named «\(stored)» in the database and «\(year.plan.body)» in the plan: "
                             + "check the body's id, or say that the body changed its name (--rename-body)")
        }
        try db.execute("""
            INSERT INTO bodies (body_id, name) VALUES ($1, $2)
            ON CONFLICT (body_id) DO UPDATE SET name = EXCLUDED.name WHERE bodies.name IS DISTINCT FROM EXCLUDED.name
            """, [body, year.plan.body])
        try db.execute("INSERT INTO years (body_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING", [body, number])
        if let state = try YearLock.hold(db, body: body, year: number), state.isLocked {
            throw StoreError("year \(number) of body \(body) is \(state.rawValue): reopen it with a reason (sipav db reopen) before importing it again")
        }
    }

    /// Refuses to replace the year's own settings with none: read with the year's row held, so that settings another
    /// import stored just before are seen.
    /// A year imported for the first time without settings, when the latest earlier year has its own, is refused too.
    func keepStoredSettings() throws {
        guard year.settingsYAML == nil else { return }
        let stored = try db.execute("SELECT settings_yaml IS NOT NULL AS present FROM years WHERE body_id = $1 AND year = $2",
                                    [body, number])
        if try stored.first?.bool("present") == true { throw StoredSettingsKept(body: body, year: number) }
        guard try !yearHasStaff() else { return }
        let earlier = try db.execute("""
            SELECT year, settings_yaml IS NOT NULL AS present FROM years WHERE body_id = $1 AND year < $2
            ORDER BY year DESC LIMIT 1
            """, [body, number]).first
        if let earlier, try earlier.bool("present") {
            throw StoredSettingsKept(body: body, year: number, earlierYear: try earlier.int("year"))
        }
    }

    func yearHasStaff() throws -> Bool {
        try db.execute("SELECT EXISTS (SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2) AS present", [body, number])[0]
            .bool("present")
    }

    /// The plan's previous rows, children first; the Areas stay when the staff that reference them are merged.
    func clearPlan(keepingAreas: Bool) throws {
        for table in ["validated_results", "indicator_revisions", "indicator_steps", "indicators", "objective_lines", "objectives",
                      "strategic_lines"] + (keepingAreas ? [] : ["areas"]) {
            try db.execute("DELETE FROM \(table) WHERE body_id = $1 AND year = $2", [body, number])
        }
    }

    /// People are the body's, not the year's: new ones are added and changed names updated (each change on
    /// record row by row). Those already there are held until the transaction ends, as the foreign-key check
    /// of the year's staff rows would hold them.
    /// A person's name is the body's, not a year's: changed, it changes the reports of every year, closed ones too. So
    /// a new name for someone on the staff of a closed year is refused unless said (`ImportConsent.renamedEmployeesOfClosedYears`):
    /// most often an employee id given to a new person, who would then see the other's appraisal as their own. So is one
    /// for someone on the staff of a later year: an earlier year's files imported again would undo, unseen, the name
    /// that year's import set.
    func refuseRenamingPeopleOfClosedYears() throws {
        /// The people the files rename who are on the staff of a year `which` selects, as `E0001 «stored» → «given» (years)`.
        func renamed(inYears which: String) throws -> [String] {
            try db.execute("""
                SELECT e.employee_id, e.name AS stored, i.name AS given, string_agg(DISTINCT y.year::text, ', ') AS years
                FROM employees e
                JOIN incoming_employees i ON i.employee_id = e.employee_id AND i.name IS DISTINCT FROM e.name
                JOIN staff_years s ON s.body_id = e.body_id AND s.employee_id = e.employee_id
                JOIN years y ON y.body_id = s.body_id AND y.year = s.year AND \(which)
                WHERE e.body_id = $1
                GROUP BY e.employee_id, e.name, i.name ORDER BY e.employee_id
                """, [body, number]).map { row in
                "\(try row.string("employee_id")) «\(try row.string("stored"))» → «\(try row.string("given"))» (\(try row.string("years")))"
            }
        }
        let closed = try renamed(inYears: "y.state IN ('allocated', 'published') AND $2::int IS NOT NULL")
        guard closed.isEmpty else {
            throw StoreError("the files rename people of closed years: \(ShortList.text(closed, separator: "; ")). An employee id stays with one person: "
                             + "give a new person a new id, or say that these people changed their names (--rename-employees)")
        }
        let later = try renamed(inYears: "y.year > $2")
        guard later.isEmpty else {
            throw StoreError("the files give people of later years the names they had before: \(ShortList.text(later, separator: "; ")). A later year's "
                             + "import set those names: write them in this year's staff list too, or, if they were a mistake, "
                             + "say that these people are named as these files say (--rename-employees)")
        }
    }

    func writeEmployees(_ bulk: BulkInsert) throws {
        let (staff, body) = (year.records.staff, self.body)
        if try !bodyHasEmployees() {
            // A new body: everyone is new. (Another import creating the same body at the same moment makes
            // one of the two fail on the key, all or nothing, rather than mix.)
            try bulk.copy(into: "employees", columns: "body_id, employee_id, name", body: body, year: nil) { writer in
                for member in staff { try writer.row { $0.field(body); $0.field(member.id); $0.field(member.name) } }
            }
            return
        }
        try db.execute("CREATE TEMPORARY TABLE incoming_employees (employee_id text, name text) ON COMMIT DROP")
        try db.copyIn("COPY incoming_employees (employee_id, name) FROM STDIN") { writer in
            for member in staff { try writer.row { $0.field(member.id); $0.field(member.name) } }
        }
        if !consent.contains(.renamedEmployeesOfClosedYears) { try refuseRenamingPeopleOfClosedYears() }
        try db.execute("""
            UPDATE employees e SET name = i.name FROM incoming_employees i
            WHERE e.body_id = $1 AND e.employee_id = i.employee_id AND e.name IS DISTINCT FROM i.name
            """, [body])
        try db.execute("""
            SELECT count(*) FROM (SELECT 1 FROM employees e JOIN incoming_employees i ON e.employee_id = i.employee_id
                                  WHERE e.body_id = $1 FOR KEY SHARE OF e) AS held
            """, [body])
        // Left: the new people. Set apart before inserting, so that no statement reads the table it grows.
        try db.execute("DELETE FROM incoming_employees i USING employees e WHERE e.body_id = $1 AND e.employee_id = i.employee_id", [body])
        // With its triggers, as any insert into a table holding rows of the body already: the bulk path's audit
        // entry describes a table that held none (`BulkInsert`). A re-import adds few people.
        let inserted = try db.execute("""
            INSERT INTO employees (body_id, employee_id, name) SELECT $1, employee_id, name FROM incoming_employees
            ON CONFLICT (body_id, employee_id) DO NOTHING
            """, [body]).affectedRows
        let new = try db.execute("SELECT count(*) AS n FROM incoming_employees")[0].int("n")
        if inserted < new {
            // Another import added some of them meanwhile: hold those too.
            try db.execute("""
                SELECT count(*) FROM (SELECT 1 FROM employees e JOIN incoming_employees i ON e.employee_id = i.employee_id
                                      WHERE e.body_id = $1 FOR KEY SHARE OF e) AS held
                """, [body])
        }
    }

    func bodyHasEmployees() throws -> Bool {
        try db.execute("SELECT EXISTS (SELECT 1 FROM employees WHERE body_id = $1) AS present", [body])[0].bool("present")
    }

    func writeStaff(_ bulk: BulkInsert) throws {
        let (staff, areas, body, number) = (year.records.staff, year.plan.areas, self.body, self.number)
        try bulk.copy(into: "staff_years", columns: StaffRow.columns, body: body, year: number) { writer in
            for member in staff {
                try writer.row {
                    $0.field(body); $0.field(number)
                    StaffRow.fields(of: member, areas: areas, into: &$0)
                }
            }
        }
    }

    func writeObjectives(_ bulk: BulkInsert) throws {
        let (records, body, number, progress) = (year.records, self.body, self.number, self.progress)
        let total = records.objectives.count
        var nextReport = 0
        try bulk.copy(into: "individual_objectives", columns: ObjectiveRow.columns, body: body, year: number) { writer in
            for person in records.staff.indices {
                let id = records.staff[person].id
                for (position, objective) in records.objectives(of: person).enumerated() {
                    try writer.row {
                        $0.field(body); $0.field(number)
                        ObjectiveRow.fields(of: objective, employee: id, position: position, into: &$0)
                    }
                }
                if writer.rowCount >= nextReport {
                    progress?(writer.rowCount, total)
                    nextReport += 50_000
                }
            }
        }
        progress?(total, total)
    }

    func writeFund() throws {
        for table in ["fund_confirmations", "fund_lines"] {
            try db.execute("DELETE FROM \(table) WHERE body_id = $1 AND year = $2", [body, number])
        }
        let (fund, body, number) = (year.fund, self.body, self.number)
        try db.copyIn("COPY fund_lines (body_id, year, line_no, fund, description, amount_cents, reference) FROM STDIN") { writer in
            for (index, line) in fund.lines.enumerated() {
                try writer.row {
                    $0.field(body); $0.field(number); $0.field(index + 1); $0.field(line.fund.rawValue); $0.field(line.description)
                    $0.field(line.amount.value); $0.field(line.reference)
                }
            }
        }
        try db.copyIn("COPY fund_confirmations (body_id, year, kind, confirmed_on, reference) FROM STDIN") { writer in
            for (kind, confirmation) in [("giunta", fund.giunta), ("oiv", fund.oiv)] {
                guard let confirmation else { continue }
                try writer.row {
                    $0.field(body); $0.field(number); $0.field(kind); $0.field(confirmation.date.description)
                    $0.field(confirmation.reference)
                }
            }
        }
    }
}

/// A person's row of `staff_years` after its key (body, year), as COPY writes it.
enum StaffRow {
    static let columns = "body_id, year, employee_id, role, category, area_id, part_time_bp, months, not_assessable_reason"
    /// The same columns without the key, for a staging table.
    static let stagedColumns = "employee_id, role, category, area_id, part_time_bp, months, not_assessable_reason"

    static func fields(of member: StaffMember, areas: [Area], into row: inout CopyWriter) {
        row.field(member.id); row.field(member.role.rawValue); row.field(member.category)
        row.field(member.area.map { areas[$0].id }); row.field(member.partTimeBasisPoints); row.field(member.monthsOfService)
        row.field(member.notAssessableReason)
    }
}

/// An individual objective's row of `individual_objectives` after its key (body, year), as COPY writes it.
enum ObjectiveRow {
    static let columns = "body_id, year, employee_id, code, title, weight_bp, cosa, come, position"
    static let stagedColumns = "employee_id, code, title, weight_bp, cosa, come, position"

    static func fields(of objective: IndividualObjective, employee: String, position: Int, into row: inout CopyWriter) {
        row.field(employee); row.field(objective.code); row.field(objective.title); row.field(objective.weightBasisPoints)
        row.field(objective.cosa); row.field(objective.come?.letter); row.field(position)
    }
}
