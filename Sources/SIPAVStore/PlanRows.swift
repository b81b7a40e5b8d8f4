import Postgres
import SIPAV

/// Writes the organisational plan of a year: strategic lines, Areas, objectives, indicators with their
/// steps, revisions and suppressions, and the OIV-validated figures.
struct PlanRows {
    let bulk: BulkInsert
    let body: String
    let plan: OrganisationalPlan
    var year: Int { plan.year }

    /// Copies the year's rows of a plan table, through `BulkInsert`: the tables' foreign keys checked once
    /// for all rows, not row by row (a lookup each, slow while the referenced table is still new).
    private func copy(into table: String, _ columns: String, _ rows: (inout CopyWriter) throws -> Void) throws {
        try bulk.copy(into: table, columns: columns, body: body, year: year, rows)
    }

    /// One COPY per table (a few dozen statements for any plan, rather than one per row).
    /// - Parameter areas: whether to write the Areas too (false when they were merged already).
    func write(areas writingAreas: Bool = true) throws {
        let (body, year, plan) = (self.body, self.year, self.plan)
        try copy(into: "strategic_lines", "body_id, year, line_id, name, position") { writer in
            for (position, line) in plan.strategicLines.enumerated() {
                try writer.row { $0.field(body); $0.field(year); $0.field(line.id); $0.field(line.name); $0.field(position) }
            }
        }
        if writingAreas {
            try copy(into: "areas", "body_id, year, area_id, name, manager_id, position") { writer in
                for (position, area) in plan.areas.enumerated() {
                    try writer.row {
                        $0.field(body); $0.field(year); $0.field(area.id); $0.field(area.name); $0.field(area.manager)
                        $0.field(position)
                    }
                }
            }
        }
        try copy(into: "objectives", "body_id, year, objective_id, title, owner_area_id, weight, position") { writer in
            for (position, objective) in plan.objectives.enumerated() {
                let owner: String? = if case let .area(id) = objective.owner { id } else { nil }
                try writer.row {
                    $0.field(body); $0.field(year); $0.field(objective.id); $0.field(objective.title); $0.field(owner)
                    $0.field(SQLValues.decimal(objective.weight)); $0.field(position)
                }
            }
        }
        try copy(into: "objective_lines", "body_id, year, objective_id, line_id") { writer in
            for objective in plan.objectives {
                for line in objective.strategicLines {
                    try writer.row { $0.field(body); $0.field(year); $0.field(objective.id); $0.field(line) }
                }
            }
        }
        var indicators: [IndicatorRow] = []
        for objective in plan.objectives {
            for (index, indicator) in objective.indicators.enumerated() {
                collect(indicator, objective: objective.id, parent: nil, position: index, into: &indicators)
            }
        }
        try writeIndicators(indicators)
        try writeValidated()
    }

    /// A figure given twice for the same scope counts once: the last one, at its position.
    private func writeValidated() throws {
        let (body, year) = (self.body, self.year)
        var last: [String: Int] = [:]
        let keys = plan.validated.map { figure -> String in
            switch figure.scope {
            case .ente: "ente\u{0}"
            case let .area(area): "area\u{0}" + area
            case let .objective(objective): "objective\u{0}" + objective
            }
        }
        for (position, key) in keys.enumerated() { last[key] = position }
        try copy(into: "validated_results", "body_id, year, scope, scope_id, percent, reference, position") { writer in
            for (position, figure) in plan.validated.enumerated() where last[keys[position]] == position {
                let (scope, id): (String, String) = switch figure.scope {
                case .ente: ("ente", "")
                case let .area(area): ("area", area)
                case let .objective(objective): ("objective", objective)
                }
                try writer.row {
                    $0.field(body); $0.field(year); $0.field(scope); $0.field(id); $0.field(SQLValues.percent(figure.achievement))
                    $0.field(figure.reference); $0.field(position)
                }
            }
        }
    }

    /// An indicator's row, its scale's steps and its revision, flattened from the plan's tree.
    private struct IndicatorRow {
        let indicator: Indicator, objective: String, parent: String?, position: Int
    }

    private func collect(_ indicator: Indicator, objective: String, parent: String?, position: Int, into rows: inout [IndicatorRow]) {
        rows.append(IndicatorRow(indicator: indicator, objective: objective, parent: parent, position: position))
        if case let .composite(_, subs) = indicator.content {
            for (index, sub) in subs.enumerated() { collect(sub, objective: objective, parent: indicator.id, position: index, into: &rows) }
        }
    }

    private func writeIndicators(_ rows: [IndicatorRow]) throws {
        let (body, year) = (self.body, self.year)
        try copy(into: "indicators", """
            body_id, year, indicator_id, objective_id, parent_indicator_id, name, unit, note, kind, composite_percents,
            measured_number, measured_date, measured_not_completed, measured_yes, suppressed_reference, position
            """) { writer in
            for row in rows {
                let indicator = row.indicator
                var kind: String?, composite: String?
                var number: String?, date: String?, notCompleted = false, done: Bool?
                switch indicator.content {
                case let .measured(scale, measured):
                    kind = scale.kind.rawValue
                    switch measured {
                    case let .number(value)?: number = SQLValues.decimal(value)
                    case let .date(day)?: date = day.description
                    case .notCompleted?: notCompleted = true
                    case let .yesNo(value)?: done = value
                    case nil: break
                    }
                case let .composite(steps, _):
                    composite = SQLValues.percentArrayLiteral(steps)
                }
                try writer.row {
                    $0.field(body); $0.field(year); $0.field(indicator.id); $0.field(row.objective); $0.field(row.parent)
                    $0.field(indicator.name); $0.field(indicator.unit); $0.field(indicator.note); $0.field(kind); $0.field(composite)
                    $0.field(number); $0.field(date); $0.field(notCompleted); $0.field(done); $0.field(indicator.suppression); $0.field(row.position)
                }
            }
        }
        try copy(into: "indicator_steps", "body_id, year, indicator_id, step, threshold_number, threshold_month, percent") { writer in
            for row in rows {
                guard case let .measured(scale, _) = row.indicator.content else { continue }
                for (index, step) in scale.steps.enumerated() {
                    var threshold: String?, month: String?
                    switch step.threshold {
                    case let .number(value): threshold = SQLValues.decimal(value)
                    case let .month(value): month = SQLValues.month(value)
                    case .yes: break
                    }
                    try writer.row {
                        $0.field(body); $0.field(year); $0.field(row.indicator.id); $0.field(index + 1); $0.field(threshold)
                        $0.field(month); $0.field(SQLValues.percent(step.achievement))
                    }
                }
            }
        }
        try copy(into: "indicator_revisions", "body_id, year, indicator_id, reference, previous_name, previous_scale") { writer in
            for row in rows {
                guard let revision = row.indicator.revision else { continue }
                try writer.row {
                    $0.field(body); $0.field(year); $0.field(row.indicator.id); $0.field(revision.reference)
                    $0.field(revision.previousName); $0.field(revision.previousScale.map(ScaleJSON.encode))
                }
            }
        }
    }
}
