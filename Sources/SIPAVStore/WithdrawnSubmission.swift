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

    public init(withdrawnSubmissions: [WithdrawnSubmission] = []) { self.withdrawnSubmissions = withdrawnSubmissions }
}

/// The rule both HR's changes on the web and a re-import follow: a change of a submitted appraisal's objectives (an
/// objective added or removed, its title, weight or ratings changed; order alone is no change) withdraws the
/// submission, in the same transaction, audited.
public enum SubmissionChange {
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
    /// with the others in `ctes`), among those `also` lets through (a condition on `d`), returning each person as
    /// `WithdrawnSubmission(_:)` reads them.
    public static func withdrawal(_ ctes: String, also: String = "TRUE") -> String {
        """
        WITH \(ctes)
        DELETE FROM appraisal_submissions d USING changed c, employees e, staff_years s
        WHERE d.body_id = $1 AND d.year = $2 AND d.employee_id = c.employee_id AND (\(also))
          AND e.body_id = d.body_id AND e.employee_id = d.employee_id
          AND s.body_id = d.body_id AND s.year = d.year AND s.employee_id = d.employee_id
        RETURNING d.employee_id, e.name, s.role = 'segretario_generale' AS segretario
        """
    }
}
