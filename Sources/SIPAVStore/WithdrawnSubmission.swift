import Postgres

/// An appraisal submitted as final that a change of the person's objectives by HR (on the web, or by importing the
/// year again) sent back to draft.
public struct WithdrawnSubmission: Sendable, Equatable {
    public let employeeID: String
    public let name: String
    /// The Segretario Generale, whose appraisal HR records from the act of the body's political head.
    public let isSegretario: Bool

    public init(employeeID: String, name: String, isSegretario: Bool = false) {
        (self.employeeID, self.name, self.isSegretario) = (employeeID, name, isSegretario)
    }

    /// What HR reads after the change, e.g. `La valutazione di Rossi Mario (E0081), inviata come definitiva, torna in bozza: …`.
    public var notice: String {
        isSegretario
            ? "La valutazione di \(name) (\(employeeID)), registrata come definitiva, torna in bozza: l'ufficio personale dovrà "
                + "registrarla di nuovo dall'atto dell'organo di vertice."
            : "La valutazione di \(name) (\(employeeID)), inviata come definitiva, torna in bozza: il valutatore dovrà inviarla di nuovo."
    }

    /// What HR reads after an import that allocated the year in the same transaction: nobody sends the appraisal again,
    /// the files' ratings are paid.
    public var noticeAfterAllocation: String {
        "La valutazione di \(name) (\(employeeID)), \(isSegretario ? "registrata" : "inviata") come definitiva, torna in bozza per le "
            + "modifiche dei file ed è ripartita con le valutazioni dei file."
    }
}

extension WithdrawnSubmission {
    /// From a row with `employee_id`, `name` and `segretario` (whether the person is the Segretario Generale).
    public init(_ row: Row) throws {
        self.init(employeeID: try row.string("employee_id"), name: try row.string("name"), isSegretario: try row.bool("segretario"))
    }
}

/// What importing a year changed beyond its rows.
public struct ImportSummary: Sendable, Equatable {
    /// The appraisals submitted as final whose objectives the import changed: they are drafts again.
    public let withdrawnSubmissions: [WithdrawnSubmission]
    /// The people the import removed from the year: the staff list left them out.
    public let removedPeople: [RemovedPerson]
    /// The situations the year gives as the previous year did, where they seldom stay the same (`CarriedOverSituations`).
    public let carriedOver: CarriedOverSituations?
    /// Whether the import moved the year from planning to rating: its files hold ratings.
    public let openedForRating: Bool

    public init(withdrawnSubmissions: [WithdrawnSubmission] = [], removedPeople: [RemovedPerson] = [],
                carriedOver: CarriedOverSituations? = nil, openedForRating: Bool = false) {
        (self.withdrawnSubmissions, self.removedPeople, self.carriedOver) = (withdrawnSubmissions, removedPeople, carriedOver)
        self.openedForRating = openedForRating
    }
}

/// The rule both HR's changes on the web and a re-import follow: a change of a submitted appraisal's objectives (an
/// objective added or removed, its title, weight or ratings changed; order alone is no change) withdraws the
/// submission, in the same transaction, audited.
///
/// A withdrawal is recorded as a return to draft (SQL/0028), with the reason the caller gives: the manager then reads
/// why their final appraisal is a draft again, HR's allocation counts it with the returned ones, and the employee's
/// response to the withdrawn version moves into it, as a return moves it. An acknowledgement, or a contest decided
/// "confirmed", answered a version that is gone: it must not stand as an answer to the next one, which the employee
/// has not seen. An open contest stays where it is, for HR to decide; so does a contest decided "changed", whose ratings
/// the pages show as the act's outcome until the manager submits again.
public enum SubmissionChange {
    /// The reasons recorded with a withdrawal.
    public static let changedOnTheWeb = "Obiettivi modificati dall'ufficio personale dopo l'invio come definitiva."
    public static let changedByAnImport = "Obiettivi modificati dall'importazione dei dati dell'anno dopo l'invio come definitiva."

    /// The body of a `changed` CTE: the people whose objectives differ between the relations `before` and `after`
    /// (each with employee_id, code, title, weight_bp, cosa, come).
    public static func changedPeople(before: String, after: String) -> String {
        """
        SELECT DISTINCT coalesce(b.employee_id, a.employee_id) AS employee_id
        FROM \(before) b FULL JOIN \(after) a ON a.employee_id = b.employee_id AND a.code = b.code
        WHERE b.code IS NULL OR a.code IS NULL
           OR (b.title, b.weight_bp, b.cosa, b.come) IS DISTINCT FROM (a.title, a.weight_bp, a.cosa, a.come)
        """
    }

    /// The statement that deletes the submissions of body $1 and year $2 of the people of a `changed` CTE (defined
    /// with the others in `ctes`), among those `also` lets through (a condition on `d`), and records each as a return
    /// with the reason $3 (`changedOnTheWeb`, `changedByAnImport`); returns each person as `WithdrawnSubmission(_:)`
    /// reads them.
    public static func withdrawal(_ ctes: String, also: String = "TRUE") -> String {
        """
        WITH \(ctes), withdrawn AS (
            DELETE FROM appraisal_submissions d USING changed c, employees e, staff_years s
            WHERE d.body_id = $1 AND d.year = $2 AND d.employee_id = c.employee_id AND (\(also))
              AND e.body_id = d.body_id AND e.employee_id = d.employee_id
              AND s.body_id = d.body_id AND s.year = d.year AND s.employee_id = d.employee_id
            RETURNING d.body_id, d.year, d.employee_id, d.submitted_at, d.submitted_by, d.reference,
                      e.name, s.role = 'segretario_generale' AS segretario
        ), response AS (
            DELETE FROM appraisal_responses r USING withdrawn d
            WHERE r.body_id = d.body_id AND r.year = d.year AND r.employee_id = d.employee_id
              AND (r.response = 'acknowledged' OR r.outcome = 'confirmed')
            RETURNING r.*
        ), recorded AS (
            INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, reference,
                                           response, response_reason, responded_at, outcome, outcome_reference, outcome_at)
            SELECT d.body_id, d.year, d.employee_id, $3, d.submitted_at, d.submitted_by, d.reference,
                   r.response, r.reason, r.responded_at, r.outcome, r.outcome_reference, r.outcome_at
            FROM withdrawn d LEFT JOIN response r ON r.employee_id = d.employee_id
        )
        SELECT employee_id, name, segretario FROM withdrawn
        """
    }
}
