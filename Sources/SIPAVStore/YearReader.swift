import Postgres
import SIPAV

/// Reads one year's records back into the values the cycle computes on.
struct YearReader {
    let db: Connection
    let body: String
    let year: Int

    var key: [(any PostgresEncodable)?] { [body, year] }

    func read() throws -> YearRecords {
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

    func readStaff(areas: [Area]) throws -> [StaffMember] {
        let areaIndex = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1.id, $0) })
        return try db.execute("""
            SELECT s.employee_id, e.name, s.role, s.category, s.area_id, s.part_time_bp, s.months, s.not_assessable_reason
            FROM staff_years s JOIN employees e USING (body_id, employee_id) WHERE s.body_id = $1 AND s.year = $2 ORDER BY s.employee_id
            """, key).map { row in
            StaffMember(id: try row.string("employee_id"), name: try row.string("name"),
                        role: Role(rawValue: try row.string("role")) ?? .dipendente, category: try row.string("category"),
                        area: try row["area_id"].flatMap { areaIndex[$0] }, partTimeBasisPoints: try row.int("part_time_bp"),
                        monthsOfService: try row.int("months"), notAssessableReason: try row["not_assessable_reason"])
        }
    }

    func readObjectives(staff: [StaffMember]) throws -> [IndividualObjective] {
        let personIndex = Dictionary(uniqueKeysWithValues: staff.enumerated().map { ($1.id, $0) })
        var objectives: [IndividualObjective] = []
        // COPY takes no parameters: the key is written into it as literals quoted by the server, so that the
        // statement carries constants (which a distributed cluster can route to the body's shard).
        let copy = try db.literalStatement("""
            COPY (SELECT employee_id, code, title, weight_bp, cosa, come FROM individual_objectives
                  WHERE body_id = %L AND year = %L ORDER BY employee_id, position) TO STDOUT
            """, [body, String(year)])
        _ = try db.copyOut(copy, rows: { row in
            guard let id = row.string(0), let person = personIndex[id], let weight = try row.int(3) else { return }
            objectives.append(IndividualObjective(person: person, code: row.string(1) ?? "", title: row.string(2) ?? "",
                                                  weightBasisPoints: weight, cosa: try row.int(4),
                                                  come: row.string(5).flatMap { Come(letter: $0) }))
        })
        return objectives
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
