import Postgres
import SIPAV

/// Reads one year's records back into the values the cycle computes on.
struct YearReader {
    let db: Connection
    let body: String
    let year: Int

    var key: [(any PostgresEncodable)?] { [body, year] }

    func read() throws -> YearRecords {
        try YearStatements.prepare(db)
        let header = try db.execute("""
            SELECT b.name, y.settings_yaml FROM years y JOIN bodies b USING (body_id) WHERE y.body_id = $1 AND y.year = $2
            """, key)
        guard let row = header.first else { throw StoreError("there is no year \(year) of body \(body) in the database") }
        let plan = try readPlan(bodyName: try row.string("name"))
        let staff = try readStaff(areas: plan.areas)
        let records = StaffRecords(staff: staff, objectives: try readObjectives(staff: staff))
        return YearRecords(body: body, plan: plan, records: records, fund: try readFund(), settingsYAML: try row["settings_yaml"])
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
        // COPY takes no parameters: the key is written into it as literals quoted by the server, so that the
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

    /// The year's individual objectives, grouped by person in `staff` order, read by COPY into columns: codes
    /// and titles, which repeat a handful of texts, are kept once each.
    ///
    /// The rows come in the primary key's order (person, then code), which the server reads straight from the
    /// index; each person's few objectives are put back in their own order here, rather than have the server
    /// sort millions of rows.
    func readObjectives(staff: [StaffMember]) throws -> IndividualObjectives {
        var people = PeopleInOrder(staff)
        var objectives = IndividualObjectives()
        var person: [PendingObjective] = []
        var current = -1
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
                objectives.append(person: current, code: objective.code, title: objective.title,
                                  weightBasisPoints: objective.weight, cosa: objective.cosa, come: objective.come)
            }
            person.removeAll(keepingCapacity: true)
        }
        let copy = try db.literalStatement("""
            COPY (SELECT employee_id, code, title, weight_bp, cosa, come, position FROM individual_objectives
                  WHERE body_id = %L AND year = %L ORDER BY employee_id, code) TO STDOUT
            """, [body, String(year)])
        try db.copyOut(copy, rows: { row in
            guard let index = row.withBytes(0, { people.index(of: $0) }) ?? nil, let weight = try row.int(3),
                  let code = row.withBytes(1, { objectives.codeNumber($0) }),
                  let title = row.withBytes(2, { objectives.titleNumber($0) }) else { return }
            if index != current {
                flush()
                current = index
            }
            let come = try row.byte(5).flatMap { Come(rawValue: $0 &- UInt8(ascii: "A")) }
            person.append(PendingObjective(position: try row.int(6) ?? 0, code: code, title: title, weight: weight,
                                           cosa: try row.int(4), come: come))
        })
        flush()
        return objectives
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

/// Finds a person's index from their employee id's bytes, for rows that come in the staff's own order:
/// the same person as the row before, or the next one, is a comparison of bytes; only a row out of that
/// order looks the id up.
private struct PeopleInOrder {
    private let staff: [StaffMember]
    private var current = 0
    private var byID: [String: Int]?

    init(_ staff: [StaffMember]) { self.staff = staff }

    mutating func index(of id: UnsafeBufferPointer<UInt8>) -> Int? {
        for candidate in current..<min(current + 2, staff.count) where staff[candidate].id.utf8.elementsEqual(id) {
            current = candidate
            return candidate
        }
        if byID == nil { byID = Dictionary(staff.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first }) }
        guard let found = byID?[String(decoding: id, as: UTF8.self)] else { return nil }
        current = found
        return found
    }
}
