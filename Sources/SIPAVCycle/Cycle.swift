import SIPAV
import SIPAVFiles
import SIPAVReports

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
        case let .failure(error): throw InputErrors([Self.fault(error, in: paths.plan, namingFields: paths.namesFiles)])
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
            throw InputErrors([Self.fault(error, in: paths.fund, namingFields: paths.namesFiles)])
        }
    }

    /// A rule the year's computation stops on, as a fault of `file`, on the line of the entry or key it names
    /// (found again in the file: the values computed from carry no lines); without them for the database's records.
    static func fault(_ error: RuleViolation, in file: String, namingFields: Bool) -> InputError {
        guard namingFields else { return InputError(file: file, line: nil, field: nil, rule: error.rule) }
        let line = error.field.flatMap { field -> Int? in
            let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
            if let entry = error.entry, parts.count == 2 {
                return YAMLLocations.line(in: file, list: parts[0], id: entry, key: parts[1])
            }
            return YAMLLocations.line(in: file, key: parts[0])
        }
        return InputError(file: file, line: line, field: error.field, value: error.entry, rule: error.rule)
    }

    /// The appraisal shown beside a result: the manager's final score, or the Segretario Generale's for "".
    public func appraisal(of managerID: String) -> String? {
        let staff = inputs.records.staff
        let person = managerID.isEmpty ? staff.firstIndex { $0.role == .segretarioGenerale } : staff.firstIndex { $0.id == managerID }
        guard let person else { return nil }
        if scores.isAssessable(person) { return "\(scores.score[person]) (\(scores.band(person).rawValue))" }
        return scores.notAssessableReason[person] == FinalScores.notYetRated ? "da completare" : "non valutabile"
    }
}

extension Cycle {
    /// Each person whose amount on record (`record`, cents by employee id) is not the one in `allocation`, recomputed
    /// from the year's records, or who is on record and no longer in the year: empty when the record holds.
    public func differences(of allocation: Allocation, fromRecord record: [String: Int64]) -> [String] {
        var differences: [String] = []
        var recomputed: [String: Int64] = [:]
        for fund in [allocation.staff, allocation.managers] {
            for row in 0..<fund.count {
                let (id, cents) = (inputs.records.staff[fund.person(at: row)].id, fund.cents(at: row))
                recomputed[id] = cents
                if record[id] != cents {
                    let onRecord = record[id].map { ItalianNumbers.euros(cents: $0) } ?? "assente"
                    differences.append("\(id): registrato \(onRecord), ricalcolato \(ItalianNumbers.euros(cents: cents))")
                }
            }
        }
        for id in record.keys.sorted() where recomputed[id] == nil { differences.append("\(id): registrato ma non più nell'anno") }
        return differences
    }
}
