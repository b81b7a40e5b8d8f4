import Postgres
import SIPAV

/// Reads one year's records back into the values the cycle computes on.
struct YearReader {
    let db: Connection
    let body: String
    let year: Int

    var key: [(any PostgresEncodable)?] { [body, year] }

    /// From how many people a second connection reads the individual objectives (`read(connect:)`).
    var secondReaderFrom = 20_000

    /// Reads the year. With `connect`, which opens another connection to the same database, a year of
    /// `secondReaderFrom` people or more has its individual objectives read on that connection at the same
    /// time as the rest is read here, in this transaction's snapshot: both readings see the same records.
    /// Where the snapshot would not reach them all (`snapshotsReachEveryReading`), everything is read here.
    /// When the other connection cannot be opened, everything is read here. The other connection does not see
    /// what this transaction wrote itself: read before writing.
    func read(connect: (() throws -> Connection)? = nil) throws -> YearRecords {
        try YearStatements.prepare(db)
        let (bodyName, settingsYAML) = try readHeader()
        var rest: Result<(OrganisationalPlan, [StaffMember], Fund), any Error>?
        var objectives: Result<ObjectivesByEmployee, any Error>?
        let readRest = {
            rest = Result { let plan = try readPlan(bodyName: bodyName); return (plan, try readStaff(areas: plan.areas), try readFund()) }
        }
        if let connect, try hasPeople(atLeast: secondReaderFrom), try snapshotsReachEveryReading(), let other = try? connect() {
            defer { other.close() }
            let snapshot = try db.exportSnapshot()
            let (body, year) = (body, year)
            // The rest is read on this thread, which holds this transaction's connection.
            let background = OnAnotherThread {
                try other.readingSnapshot(snapshot) { try YearReader(db: $0, body: body, year: year).readObjectives() }
            }
            readRest()
            objectives = background.result()
        } else {
            readRest()
            objectives = Result { try readObjectives() }
        }
        let (plan, staff, fund) = try rest!.get()
        let records = StaffRecords(staff: staff, objectives: try objectives!.get().attached(to: staff, body: body, year: year))
        return YearRecords(body: body, plan: plan, records: records, fund: fund, settingsYAML: settingsYAML)
    }

    /// The body's name and the year's settings (YAML text; nil: the defaults).
    func readHeader() throws -> (bodyName: String, settingsYAML: String?) {
        let header = try db.execute("""
            SELECT b.name, y.settings_yaml FROM years y JOIN bodies b USING (body_id) WHERE y.body_id = $1 AND y.year = $2
            """, key)
        guard let row = header.first else { throw StoreError.missingYear(year, body: body) }
        return (try row.string("name"), try row["settings_yaml"])
    }

    /// Whether a snapshot this transaction exports is all a second connection reads: yes on one PostgreSQL
    /// server; no on a Citus cluster (which installs `pg_catalog.citus_version()`), whose workers it does not
    /// reach, so that a writer could commit between the two readings of a year read without its lock.
    func snapshotsReachEveryReading() throws -> Bool {
        try db.execute("SELECT to_regprocedure('pg_catalog.citus_version()') IS NULL AS single").first?.bool("single") ?? false
    }

    /// Whether the year has at least `count` people (reading no more of them than that).
    func hasPeople(atLeast count: Int) throws -> Bool {
        guard count > 0 else { return true }
        return try db.execute("""
            SELECT EXISTS (SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2 OFFSET $3) AS found
            """, [body, year, count - 1]).first?.bool("found") ?? false
    }

    func readPlan(bodyName: String) throws -> OrganisationalPlan {
        let lines = try db.execute("SELECT line_id, name FROM strategic_lines WHERE body_id = $1 AND year = $2 ORDER BY position", key)
            .map { StrategicLine(id: try $0.string("line_id"), name: try $0.string("name")) }
        let areas = try db.execute("SELECT area_id, name, manager_id FROM areas WHERE body_id = $1 AND year = $2 ORDER BY position", key)
            .map { Area(id: try $0.string("area_id"), name: try $0.string("name"), manager: try $0["manager_id"]) }
        var linesOf: [String: [String]] = [:]
        for row in try db.execute("""
            SELECT ol.objective_id, ol.line_id FROM objective_lines ol
            JOIN strategic_lines sl USING (body_id, year, line_id) WHERE ol.body_id = $1 AND ol.year = $2 ORDER BY sl.position
            """, key) {
            linesOf[try row.string("objective_id"), default: []].append(try row.string("line_id"))
        }
        let indicators = try IndicatorRows(db: db, body: body, year: year).read()
        let objectives = try db.execute("""
            SELECT objective_id, title, owner_area_id, weight::text AS weight FROM objectives WHERE body_id = $1 AND year = $2 ORDER BY position
            """, key).map { row in
            let id = try row.string("objective_id")
            return Objective(id: id, title: try row.string("title"), owner: try row["owner_area_id"].map(ObjectiveOwner.area) ?? .ente,
                             strategicLines: linesOf[id] ?? [], weight: try SQLValues.ratio(try row.string("weight")),
                             indicators: indicators[id] ?? [])
        }
        let validated = try db.execute("""
            SELECT scope, scope_id, percent::text AS percent, reference FROM validated_results WHERE body_id = $1 AND year = $2
            ORDER BY position, scope, scope_id
            """, key).map { row in
            let id = try row.string("scope_id")
            let scope: ValidatedResult.Scope = switch try row.string("scope") {
            case "area": .area(id)
            case "objective": .objective(id)
            default: .ente
            }
            return ValidatedResult(scope: scope, achievement: try SQLValues.fractionFromPercent(try row.string("percent")),
                                   reference: try row.string("reference"))
        }
        return OrganisationalPlan(body: bodyName, year: year, strategicLines: lines, areas: areas, objectives: objectives,
                                  validated: validated)
    }

    /// The year's people in employee-id order, read by COPY.
    func readStaff(areas: [Area]) throws -> [StaffMember] {
        var areaNumbers = TextTable()
        for area in areas { _ = areaNumbers.number(of: area.id) }
        var staff: [StaffMember] = []
        // COPY takes no parameters: the key is written into it as literals quoted by libpq, so that the
        // statement carries constants (which a distributed cluster can route to the body's shard).
        let copy = try db.literalStatement("""
            COPY (SELECT s.employee_id, e.name, s.role, s.category, s.area_id, s.part_time_bp, s.months, s.not_assessable_reason
                  FROM staff_years s JOIN employees e USING (body_id, employee_id)
                  WHERE s.body_id = %L AND s.year = %L ORDER BY s.employee_id) TO STDOUT
            """, [body, String(year)])
        try db.copyOut(copy, rows: { row in
            // An Area the plan does not list (impossible under the foreign key) is read as none.
            let area = row.withBytes(4) { Int(areaNumbers.number(of: $0)) }.flatMap { $0 < areas.count ? $0 : nil }
            staff.append(StaffMember(
                id: row.string(0) ?? "", name: row.string(1) ?? "", role: row.string(2).flatMap(Role.init(rawValue:)) ?? .dipendente,
                category: row.string(3) ?? "", area: area, partTimeBasisPoints: try row.int(5) ?? 10_000,
                monthsOfService: try row.int(6) ?? 12, notAssessableReason: row.string(7)))
        })
        return staff
    }

    /// The year's individual objectives, grouped by person in employee-id order, read by COPY into columns:
    /// codes and titles, which repeat a handful of texts, are kept once each. Each person is numbered in the
    /// order read (`ObjectivesByEmployee`), so that the reading needs no staff list and can run beside it.
    ///
    /// The rows come in the primary key's order (person, then code), which the server reads straight from the
    /// index; each person's few objectives are put back in their own order here, rather than have the server
    /// sort millions of rows.
    func readObjectives() throws -> ObjectivesByEmployee {
        var read = ObjectivesByEmployee()
        var person: [PendingObjective] = []
        func flush() {
            // A person has a handful: insertion sort, stable, so that equal positions keep the code order.
            for i in person.indices.dropFirst() {
                var j = i
                while j > 0 && person[j - 1].position > person[j].position {
                    person.swapAt(j - 1, j)
                    j -= 1
                }
            }
            for objective in person {
                read.objectives.append(person: read.employees.count - 1, code: objective.code, title: objective.title,
                                       weightBasisPoints: objective.weight, cosa: objective.cosa, come: objective.come)
            }
            person.removeAll(keepingCapacity: true)
        }
        let copy = try db.literalStatement("""
            COPY (SELECT employee_id, code, title, weight_bp, cosa, come, position FROM individual_objectives
                  WHERE body_id = %L AND year = %L ORDER BY employee_id, code) TO STDOUT
            """, [body, String(year)])
        try db.copyOut(copy, rows: { row in
            guard let weight = try row.int(3),
                  let code = row.withBytes(1, { read.objectives.codeNumber($0) }),
                  let title = row.withBytes(2, { read.objectives.titleNumber($0) }),
                  let sameAsBefore = row.withBytes(0, { id in read.employees.last?.utf8.elementsEqual(id) ?? false }) else { return }
            if !sameAsBefore {
                flush()
                read.employees.append(row.string(0) ?? "")
            }
            let come = try row.byte(5).flatMap { Come(rawValue: $0 &- UInt8(ascii: "A")) }
            person.append(PendingObjective(position: try row.int(6) ?? 0, code: code, title: title, weight: weight,
                                           cosa: try row.int(4), come: come))
        })
        flush()
        return read
    }

    /// One objective of the person being read, until their objectives are in order.
    private struct PendingObjective {
        let position: Int, code: UInt32, title: UInt32, weight: Int, cosa: Int?, come: Come?
    }

    func readFund() throws -> Fund {
        let lines = try db.execute("""
            SELECT fund, description, amount_cents, reference FROM fund_lines WHERE body_id = $1 AND year = $2 ORDER BY line_no
            """, key).map { row in
            FundLine(fund: FundKind(rawValue: try row.string("fund")) ?? .staff, description: try row.string("description"),
                     amount: Cents(try row.int64("amount_cents")), reference: try row["reference"])
        }
        var confirmations: [String: Confirmation] = [:]
        for row in try db.execute("SELECT kind, confirmed_on::text AS day, reference FROM fund_confirmations WHERE body_id = $1 AND year = $2", key) {
            guard let day = CalendarDate(parsing: try row.string("day")) else { continue }
            confirmations[try row.string("kind")] = Confirmation(date: day, reference: try row.string("reference"))
        }
        return Fund(year: year, lines: lines, giunta: confirmations["giunta"], oiv: confirmations["oiv"])
    }
}

/// Individual objectives as read, before the staff list is at hand: each objective's person is a number
/// into `employees`, the employee ids in the order read (the staff's own order, by employee id).
struct ObjectivesByEmployee {
    var objectives = IndividualObjectives()
    var employees: [String] = []

    /// The objectives with each person's number in `staff`. Both lists come in the server's order of employee
    /// ids, so each id is looked for from where the one before was found; the foreign key to `staff_years`
    /// leaves no id that is not in the staff, and one would stop the reading.
    func attached(to staff: [StaffMember], body: String, year: Int) throws -> IndividualObjectives {
        var index: [Int] = []
        index.reserveCapacity(employees.count)
        var next = 0
        var byID: [String: Int]?
        for id in employees {
            if let found = (next..<min(next + 64, staff.count)).first(where: { staff[$0].id == id }) {
                next = found + 1
                index.append(found)
                continue
            }
            if byID == nil {
                byID = Dictionary(staff.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            guard let found = byID?[id] else {
                throw StoreError("year \(year) of body \(body): individual objectives of \(id), who is not in the year's staff")
            }
            next = found + 1
            index.append(found)
        }
        var result = objectives
        result.renumberPeople(index)
        return result
    }
}
