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
