import SIPAV

/// The computed year: organisational results, final scores, allocation and statistics.
public struct Cycle: Sendable {
    public let inputs: YearInputs
    public let paths: InputPaths
    public let organisation: OrganisationalResults
    public let scores: FinalScores

    public init(_ inputs: YearInputs, paths: InputPaths) throws {
        self.inputs = inputs
        self.paths = paths
        // The organisational results and the final scores do not depend on each other: made at the same time.
        var results: Result<OrganisationalResults, RuleViolation>?
        var scores: FinalScores?
        inParallel({ results = Result { () throws(RuleViolation) in try inputs.plan.results(settings: inputs.settings.organisation) } },
                   { scores = inputs.records.finalScores(settings: inputs.settings.individual) })
        switch results! {
        case let .success(organisation): self.organisation = organisation
        case let .failure(error): throw InputErrors([InputError(file: paths.plan, line: nil, field: nil, rule: error.rule)])
        }
        self.scores = scores!
    }

    public var allocationInput: AllocationInput {
        AllocationInput(records: inputs.records, scores: scores, organisation: organisation, fund: inputs.fund)
    }

    /// Allocates both funds; a rule that stops it (a missing confirmation, say) is a fault of the fund file.
    public func allocate() throws -> Allocation {
        do {
            return try allocationInput.allocate(settings: inputs.settings.fund)
        } catch {
            throw InputErrors([InputError(file: paths.fund, line: nil, field: nil, rule: error.rule)])
        }
    }

    /// The appraisal shown beside a result: the manager's final score, or the Segretario Generale's for "".
    public func appraisal(of managerID: String) -> String? {
        let staff = inputs.records.staff
        let person = managerID.isEmpty ? staff.firstIndex { $0.role == .segretarioGenerale } : staff.firstIndex { $0.id == managerID }
        guard let person else { return nil }
        return scores.isAssessable(person) ? "\(scores.score[person]) (\(scores.band(person).rawValue))" : "non valutabile"
    }
}
