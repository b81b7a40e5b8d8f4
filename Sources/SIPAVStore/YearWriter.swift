import Postgres
import SIPAV

/// Writes one year's records, replacing what the year held: called inside one transaction, so the
/// import is all or nothing.
struct YearWriter {
    let db: Connection
    let year: YearRecords
    let progress: ImportProgress?

    var body: String { year.body }
    var number: Int { year.year }

    func write() throws {
        var seen = Set<String>()
        for member in year.records.staff where !seen.insert(member.id).inserted {
            throw StoreError("employee \(member.id) appears twice in the staff list of year \(number): each person appears once")
        }
        try lockYear()
        try clearYear()
        try writeEmployees()
        try PlanRows(db: db, body: body, plan: year.plan).write()
        try writeStaff()
        try writeObjectives()
        try writeFund()
        try db.execute("UPDATE years SET settings_yaml = $3 WHERE body_id = $1 AND year = $2", [body, number, year.settingsYAML])
        // Fresh statistics, or the planner misjudges the foreign-key checks of the next big write.
        try db.execute("ANALYZE staff_years, individual_objectives")
    }

    /// Creates the body and the year when new, then holds the year's row until the transaction ends, so
    /// that two officers importing or allocating the same year at once take turns.
    func lockYear() throws {
        try db.execute("""
            INSERT INTO bodies (body_id, name) VALUES ($1, $2)
            ON CONFLICT (body_id) DO UPDATE SET name = EXCLUDED.name WHERE bodies.name IS DISTINCT FROM EXCLUDED.name
            """, [body, year.plan.body])
        try db.execute("INSERT INTO years (body_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING", [body, number])
        if let state = try YearLock.hold(db, body: body, year: number), state.isLocked {
            throw StoreError("year \(number) of body \(body) is \(state.rawValue): reopen it with a reason (sipav db reopen) before importing it again")
        }
    }

    /// The year's previous records, children first. Allocation runs stay: they are the year's history.
    func clearYear() throws {
        for table in ["allocation_components", "allocations", "final_scores", "individual_objectives", "staff_years",
                      "fund_confirmations", "fund_lines", "validated_results", "indicator_revisions", "indicator_steps",
                      "indicators", "objective_lines", "objectives", "areas", "strategic_lines"] {
            try db.execute("DELETE FROM \(table) WHERE body_id = $1 AND year = $2", [body, number])
        }
    }

    /// People are the body's, not the year's: new ones are added and changed names updated.
    func writeEmployees() throws {
        try db.execute("CREATE TEMPORARY TABLE incoming_employees (employee_id text, name text) ON COMMIT DROP")
        let staff = year.records.staff
        _ = try db.copyIn("COPY incoming_employees (employee_id, name) FROM STDIN") { writer in
            for member in staff { try writer.row { $0.field(member.id); $0.field(member.name) } }
        }
        try db.execute("""
            INSERT INTO employees (body_id, employee_id, name) SELECT $1, employee_id, name FROM incoming_employees
            ON CONFLICT (body_id, employee_id) DO UPDATE SET name = EXCLUDED.name WHERE employees.name IS DISTINCT FROM EXCLUDED.name
            """, [body])
    }

    func writeStaff() throws {
        let staff = year.records.staff
        let areas = year.plan.areas
        let (body, number) = (self.body, self.number)
        _ = try db.copyIn("""
            COPY staff_years (body_id, year, employee_id, role, category, area_id, part_time_bp, months, not_assessable_reason) FROM STDIN
            """) { writer in
            for member in staff {
                try writer.row {
                    $0.field(body); $0.field(number); $0.field(member.id); $0.field(member.role.rawValue)
                    $0.field(member.category); $0.field(member.area.map { areas[$0].id })
                    $0.field(member.partTimeBasisPoints); $0.field(member.monthsOfService); $0.field(member.notAssessableReason)
                }
            }
        }
    }

    func writeObjectives() throws {
        let records = year.records
        let (body, number, progress) = (self.body, self.number, self.progress)
        let total = records.objectives.count
        var nextReport = 0
        _ = try db.copyIn("""
            COPY individual_objectives (body_id, year, employee_id, code, title, weight_bp, cosa, come, position) FROM STDIN
            """) { writer in
            for person in records.staff.indices {
                let id = records.staff[person].id
                for (position, objective) in records.objectives(of: person).enumerated() {
                    try writer.row {
                        $0.field(body); $0.field(number); $0.field(id); $0.field(objective.code); $0.field(objective.title)
                        $0.field(objective.weightBasisPoints); $0.field(objective.cosa); $0.field(objective.come?.letter)
                        $0.field(position)
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
        for (index, line) in year.fund.lines.enumerated() {
            try db.execute("""
                INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents, reference) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [body, number, index + 1, line.fund.rawValue, line.description, line.amount.value, line.reference])
        }
        for (kind, confirmation) in [("giunta", year.fund.giunta), ("oiv", year.fund.oiv)] {
            guard let confirmation else { continue }
            try db.execute("""
                INSERT INTO fund_confirmations (body_id, year, kind, confirmed_on, reference) VALUES ($1, $2, $3, $4, $5)
                """, [body, number, kind, confirmation.date.description, confirmation.reference])
        }
    }
}
