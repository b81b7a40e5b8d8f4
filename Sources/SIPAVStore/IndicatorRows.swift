import Postgres
import SIPAV

/// Reads a year's indicators, with their steps, sub-indicators and revisions, grouped by objective.
struct IndicatorRows {
    let db: Connection
    let body: String
    let year: Int

    struct Row {
        let id: String, objective: String, parent: String?, name: String, unit: String?, note: String?
        let kind: String?, composite: String?, number: String?, date: String?, notCompleted: Bool, done: Bool?, suppressed: String?
    }

    func read() throws -> [String: [Indicator]] {
        let key: [(any PostgresEncodable)?] = [body, year]
        let rows = try db.execute("""
            SELECT indicator_id, objective_id, parent_indicator_id, name, unit, note, kind, composite_percents::text AS composite,
                   measured_number::text AS number, measured_date::text AS date, measured_not_completed, measured_yes
            , suppressed_reference FROM indicators WHERE body_id = $1 AND year = $2 ORDER BY position, indicator_id
            """, key).map { row in
            Row(id: try row.string("indicator_id"), objective: try row.string("objective_id"), parent: try row["parent_indicator_id"],
                name: try row.string("name"), unit: try row["unit"], note: try row["note"], kind: try row["kind"], composite: try row["composite"],
                number: try row["number"], date: try row["date"],
                notCompleted: try row.decode("measured_not_completed", as: Bool.self), done: try row.decode("measured_yes", as: Bool?.self),
                suppressed: try row["suppressed_reference"])
        }
        var steps: [String: [ScaleStep]] = [:]
        var kinds: [String: ThresholdKind] = [:]
        for row in rows { if let kind = row.kind.flatMap(ThresholdKind.init(rawValue:)) { kinds[row.id] = kind } }
        for row in try db.execute("""
            SELECT indicator_id, threshold_number::text AS number, to_char(threshold_month, 'YYYY-MM') AS month, percent::text AS percent
            FROM indicator_steps WHERE body_id = $1 AND year = $2 ORDER BY indicator_id, step
            """, key) {
            let id = try row.string("indicator_id")
            let threshold: Threshold
            if let number = try row["number"] { threshold = .number(try SQLValues.ratio(number)) }
            else if let month = try row["month"].flatMap(YearMonth.init(parsing:)) { threshold = .month(month) }
            else { threshold = .yes }
            steps[id, default: []].append(ScaleStep(threshold: threshold, achievement: try SQLValues.fractionFromPercent(try row.string("percent"))))
        }
        var revisions: [String: Indicator.Revision] = [:]
        for row in try db.execute("""
            SELECT indicator_id, reference, previous_name, previous_scale::text AS previous_scale FROM indicator_revisions
            WHERE body_id = $1 AND year = $2 ORDER BY indicator_id, revision_no
            """, key) {
            revisions[try row.string("indicator_id")] = Indicator.Revision(
                reference: try row.string("reference"), previousScale: try row["previous_scale"].map(ScaleJSON.decode),
                previousName: try row["previous_name"])
        }
        let children = Dictionary(grouping: rows.filter { $0.parent != nil }, by: { $0.parent! })
        func build(_ row: Row) throws -> Indicator {
            let content: Indicator.Content
            if let composite = row.composite {
                content = .composite(stepAchievements: try SQLValues.percentArray(composite),
                                     subIndicators: try (children[row.id] ?? []).map(build))
            } else {
                guard let kind = kinds[row.id] else { throw StoreError("indicator \(row.id) has neither a kind nor composite steps") }
                let scale: TargetScale
                do { scale = try TargetScale(kind: kind, steps: steps[row.id] ?? []) } catch {
                    throw StoreError("the scale of indicator \(row.id) in the database breaks a rule: \(error)")
                }
                content = .measured(scale: scale, measured: try measurement(row))
            }
            return Indicator(id: row.id, name: row.name, unit: row.unit, note: row.note, content: content,
                             revision: revisions[row.id], suppression: row.suppressed)
        }
        var byObjective: [String: [Indicator]] = [:]
        for row in rows where row.parent == nil { byObjective[row.objective, default: []].append(try build(row)) }
        return byObjective
    }

    private func measurement(_ row: Row) throws -> Measurement? {
        if let number = row.number { return .number(try SQLValues.ratio(number)) }
        if let date = row.date {
            guard let day = CalendarDate(parsing: date) else { throw StoreError("indicator \(row.id) holds the date \(date)") }
            return .date(day)
        }
        if row.notCompleted { return .notCompleted }
        return row.done.map(Measurement.yesNo)
    }
}
