import Postgres
import SIPAVStore

/// One line of HR's dashboard: the people of an Area (or the Segretario Generale's own line) and how far
/// their appraisals have gone.
struct DashboardLine: Sendable {
    let name: String
    /// Everyone of the Area in the year.
    let total: Int
    /// Appraisals with every objective rated (draft or final), or not assessable (nothing to rate).
    let rated: Int
    /// Appraisals submitted as final.
    let submitted: Int
    /// Not yet submitted.
    var missing: Int { total - submitted }
    /// The line of the people without an Area: the Segretario Generale.
    var isSegretario = false
    /// The Area's id, for the link to its people's list (nil for the Segretario Generale's line and the total).
    var areaID: String? = nil

    /// The sum of `lines`, named `name`.
    static func sum(_ lines: [DashboardLine], name: String) -> DashboardLine {
        DashboardLine(name: name, total: lines.map(\.total).reduce(0, +), rated: lines.map(\.rated).reduce(0, +),
                      submitted: lines.map(\.submitted).reduce(0, +))
    }
}

/// HR's view of one body's year: the progress of the appraisals per Area.
struct Dashboard: Sendable {
    let store: PostgresStore
    let body: String
    let year: Int
    static let segretarioLine = "Segretario Generale"

    /// One line per Area of the year in the plan's order (an Area without staff shows zeros), then the people
    /// without an Area: the Segretario Generale.
    func lines() async throws -> [DashboardLine] {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection(wholeYear: true) { db in
            try db.execute("""
                WITH totals AS (
                    -- Counted per person first: cheaper than grouping the people joined with every objective.
                    SELECT o.employee_id, count(*) = count(o.cosa) AS rated
                    FROM individual_objectives o WHERE o.body_id = $1 AND o.year = $2
                    GROUP BY o.employee_id
                ), people AS (
                    -- A person not assessable has nothing to rate: counted as rated, so that submitted never exceeds rated.
                    SELECT s.area_id, (s.not_assessable_reason IS NOT NULL OR coalesce(t.rated, false)) AS rated,
                           (d.employee_id IS NOT NULL) AS submitted
                    FROM staff_years s
                    LEFT JOIN totals t ON t.employee_id = s.employee_id
                    LEFT JOIN appraisal_submissions d ON d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id
                    WHERE s.body_id = $1 AND s.year = $2
                ), areas_counted AS (
                    -- Counted per Area first: the lines then meet one row per Area, not every person.
                    SELECT area_id, count(*) AS total, count(*) FILTER (WHERE rated) AS rated,
                           count(*) FILTER (WHERE submitted) AS submitted
                    FROM people GROUP BY area_id
                ), lines AS (
                    SELECT a.position, a.name, a.area_id FROM areas a WHERE a.body_id = $1 AND a.year = $2
                    UNION ALL
                    SELECT NULL::integer, $3::text, NULL::text WHERE EXISTS (SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2 AND area_id IS NULL)
                )
                SELECT l.name, l.area_id, coalesce(c.total, 0) AS total, coalesce(c.rated, 0) AS rated,
                       coalesce(c.submitted, 0) AS submitted, l.area_id IS NULL AS segretario
                FROM lines l
                LEFT JOIN areas_counted c ON c.area_id IS NOT DISTINCT FROM l.area_id
                ORDER BY l.position NULLS LAST, l.name
                """, [body, year, Dashboard.segretarioLine]).map { row in
                DashboardLine(name: try row.string("name"), total: try row.int("total"), rated: try row.int("rated"),
                              submitted: try row.int("submitted"), isSegretario: try row.bool("segretario"), areaID: try row["area_id"])
            }
        }
    }
}
