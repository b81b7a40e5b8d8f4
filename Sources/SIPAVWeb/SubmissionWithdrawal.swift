import Postgres
import SIPAV
import SIPAVStore

/// A "final" appraisal must show only what its manager submitted. When HR changes the objectives of people whose
/// appraisal is submitted (an objective added or removed, its title, weight or ratings changed), their submission
/// is withdrawn in the same transaction: the appraisal is a draft again and the manager must submit it anew. The
/// deletion goes through the audit triggers (SQL/0005), attributed to HR. Order alone is no change.
enum SubmissionWithdrawal {
    /// Runs `change` (which writes the objectives of `people`, employee ids, inside the caller's transaction) and
    /// withdraws the submissions of those of them whose objectives it changed; returns them, by name.
    ///
    /// The people's `staff_years` rows are locked first, as a manager's save does: no submission slips in between
    /// the objectives noted here and the change.
    static func withdrawingChanged(_ db: Connection, body: String, year: Int, people: [String],
                                   _ change: () throws -> Void) throws -> [WithdrawnSubmission] {
        let list = QuotedText.jsonArray(people)
        try db.execute("""
            SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2
              AND employee_id IN (SELECT value FROM jsonb_array_elements_text($3::jsonb))
            ORDER BY employee_id FOR UPDATE
            """, [body, year, list])
        // The submitted people's objectives as their manager submitted them (a row without code for one who has none).
        try db.execute("""
            CREATE TEMPORARY TABLE submitted_objectives ON COMMIT DROP AS
            SELECT d.employee_id, o.code, o.title, o.weight_bp, o.cosa, o.come
            FROM appraisal_submissions d
            LEFT JOIN individual_objectives o ON o.body_id = d.body_id AND o.year = d.year AND o.employee_id = d.employee_id
            WHERE d.body_id = $1 AND d.year = $2 AND d.employee_id IN (SELECT value FROM jsonb_array_elements_text($3::jsonb))
            """, [body, year, list])
        try change()
        let withdrawn = try db.execute(SubmissionChange.withdrawal("""
            submitted AS (
                SELECT * FROM submitted_objectives WHERE code IS NOT NULL
            ), written AS (
                SELECT o.employee_id, o.code, o.title, o.weight_bp, o.cosa, o.come FROM individual_objectives o
                WHERE o.body_id = $1 AND o.year = $2 AND o.employee_id IN (SELECT employee_id FROM submitted_objectives)
            ), changed AS (\(SubmissionChange.changedPeople(before: "submitted", after: "written")))
            """), [body, year, SubmissionChange.changedOnTheWeb]).map(WithdrawnSubmission.init)
        try db.execute("DROP TABLE submitted_objectives")
        return withdrawn.sorted { ($0.name, $0.employeeID) < ($1.name, $1.employeeID) }
    }

    /// Which of `people` (employee ids) are in the year with their appraisal a draft, by name: for the notice after
    /// a redirect, so that an id typed into the address never claims a withdrawal of a submitted appraisal.
    static func drafts(_ db: Connection, body: String, year: Int, among people: [String]) throws -> [WithdrawnSubmission] {
        try db.execute("""
            SELECT s.employee_id, e.name, s.role = 'segretario_generale' AS segretario FROM staff_years s
            JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
            WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id IN (SELECT value FROM jsonb_array_elements_text($3::jsonb))
              AND NOT EXISTS (SELECT 1 FROM appraisal_submissions d
                              WHERE d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id)
            ORDER BY e.name, s.employee_id
            """, [body, year, QuotedText.jsonArray(people)]).map(WithdrawnSubmission.init)
    }
}
