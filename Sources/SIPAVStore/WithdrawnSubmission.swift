import Postgres

/// An appraisal submitted as final that a change of the person's objectives by HR (on the web, or by importing the
/// year again) sent back to draft.
public struct WithdrawnSubmission: Sendable, Equatable {
    public let employeeID: String
    public let name: String

    public init(employeeID: String, name: String) { (self.employeeID, self.name) = (employeeID, name) }

    /// What HR reads after the change, e.g. `La valutazione di Rossi Mario (E0081), inviata come definitiva, torna in bozza: …`.
    public var notice: String {
        "La valutazione di \(name) (\(employeeID)), inviata come definitiva, torna in bozza: il valutatore dovrà inviarla di nuovo."
    }
}

extension WithdrawnSubmission {
    /// From a row with `employee_id` and `name`.
    public init(_ row: Row) throws {
        self.init(employeeID: try row.string("employee_id"), name: try row.string("name"))
    }
}

/// What importing a year changed beyond its rows.
public struct ImportSummary: Sendable, Equatable {
    /// The appraisals submitted as final whose objectives the import changed: they are drafts again.
    public let withdrawnSubmissions: [WithdrawnSubmission]

    public init(withdrawnSubmissions: [WithdrawnSubmission] = []) { self.withdrawnSubmissions = withdrawnSubmissions }
}
