import Postgres
import SIPAV

/// Writes the organisational plan of a year: strategic lines, Areas, objectives, indicators with their
/// steps, revisions and suppressions, and the OIV-validated figures.
struct PlanRows {
    let db: Connection
    let body: String
    let plan: OrganisationalPlan
    var year: Int { plan.year }

    func write() throws {
        for (position, line) in plan.strategicLines.enumerated() {
            try db.execute("INSERT INTO strategic_lines (body_id, year, line_id, name, position) VALUES ($1, $2, $3, $4, $5)",
                           [body, year, line.id, line.name, position])
        }
        for (position, area) in plan.areas.enumerated() {
            try db.execute("INSERT INTO areas (body_id, year, area_id, name, manager_id, position) VALUES ($1, $2, $3, $4, $5, $6)",
                           [body, year, area.id, area.name, area.manager, position])
        }
        for (position, objective) in plan.objectives.enumerated() {
            let owner: String? = if case let .area(id) = objective.owner { id } else { nil }
            try db.execute("""
                INSERT INTO objectives (body_id, year, objective_id, title, owner_area_id, weight, position) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [body, year, objective.id, objective.title, owner, SQLValues.decimal(objective.weight), position])
            for line in objective.strategicLines {
                try db.execute("INSERT INTO objective_lines (body_id, year, objective_id, line_id) VALUES ($1, $2, $3, $4)",
                               [body, year, objective.id, line])
            }
            for (index, indicator) in objective.indicators.enumerated() {
                try write(indicator, objective: objective.id, parent: nil, position: index)
            }
        }
        for (position, figure) in plan.validated.enumerated() {
            let (scope, id): (String, String) = switch figure.scope {
            case .ente: ("ente", "")
            case let .area(area): ("area", area)
            case let .objective(objective): ("objective", objective)
            }
            try db.execute("""
                INSERT INTO validated_results (body_id, year, scope, scope_id, percent, reference, position) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (body_id, year, scope, scope_id)
                DO UPDATE SET percent = EXCLUDED.percent, reference = EXCLUDED.reference, position = EXCLUDED.position
                """, [body, year, scope, id, SQLValues.percent(figure.achievement), figure.reference, position])
        }
    }

    private func write(_ indicator: Indicator, objective: String, parent: String?, position: Int) throws {
        var kind: String?, composite: String?
        var number: String?, date: String?, done: Bool?
        switch indicator.content {
        case let .measured(scale, measured):
            kind = scale.kind.rawValue
            switch measured {
            case let .number(value)?: number = SQLValues.decimal(value)
            case let .date(day)?: date = day.description
            case let .yesNo(value)?: done = value
            case nil: break
            }
        case let .composite(steps, _):
            composite = SQLValues.percentArrayLiteral(steps)
        }
        try db.execute("""
            INSERT INTO indicators (body_id, year, indicator_id, objective_id, parent_indicator_id, name, unit, note, kind,
                                    composite_percents, measured_number, measured_date, measured_yes, suppressed_reference, position)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            """, [body, year, indicator.id, objective, parent, indicator.name, indicator.unit, indicator.note, kind,
                  composite, number, date, done, indicator.suppression, position])
        switch indicator.content {
        case let .measured(scale, _):
            for (index, step) in scale.steps.enumerated() {
                var threshold: String?, month: String?
                switch step.threshold {
                case let .number(value): threshold = SQLValues.decimal(value)
                case let .month(value): month = SQLValues.month(value)
                case .yes: break
                }
                try db.execute("""
                    INSERT INTO indicator_steps (body_id, year, indicator_id, step, threshold_number, threshold_month, percent)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, [body, year, indicator.id, index + 1, threshold, month, SQLValues.percent(step.achievement)])
            }
        case let .composite(_, subs):
            for (index, sub) in subs.enumerated() { try write(sub, objective: objective, parent: indicator.id, position: index) }
        }
        if let revision = indicator.revision {
            try db.execute("""
                INSERT INTO indicator_revisions (body_id, year, indicator_id, reference, previous_name, previous_scale)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, [body, year, indicator.id, revision.reference, revision.previousName, revision.previousScale.map(ScaleJSON.encode)])
        }
    }
}
