import SIPAV
import SIPAVFiles
import SIPAVReports
import SIPAVStore

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

    /// Allocates both funds; a rule that stops it (a missing confirmation, say) is a fault of the fund file, and
    /// every such rule is said at once: both confirmations when both are missing.
    public func allocate() throws -> Allocation {
        let refusals = allocationInput.refusals(settings: inputs.settings.fund)
        guard refusals.isEmpty else {
            throw InputErrors(refusals.map { Self.fault($0, in: paths.fund, namingFields: paths.namesFiles) })
        }
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
        guard let person = manager(managerID) else { return nil }
        if scores.isAssessable(person) { return "\(scores.score[person]) (\(scores.band(person).rawValue))" }
        return scores.notAssessableReason[person] == FinalScores.notYetRated ? "da completare" : "non valutabile"
    }

    /// Who answers for the ente ("" as `managerID`: the Segretario Generale) or an Area, by employee id, as the plan
    /// names an Area's manager: the same column for every scope, and beside an individual score an id, not a name.
    public func responsible(of managerID: String) -> String {
        guard managerID.isEmpty else { return managerID }
        return manager("").map { inputs.records.staff[$0].id } ?? "—"
    }

    /// The staff member who is the Segretario Generale ("" as `managerID`) or has that employee id.
    private func manager(_ managerID: String) -> Int? {
        managerID.isEmpty ? inputs.records.staff.firstIndex { $0.role == .segretarioGenerale } : inputs.records.person(withID: managerID)
    }
}

extension Cycle {
    /// Each person whose amount on record (`record`, cents by employee id) is not the one in `allocation`, recomputed
    /// from the year's records, or who is on record and no longer in the year: empty when the record holds.
    static func differences(staff: [StaffMember], of allocation: Allocation, fromRecord record: [String: Int64]) -> [String] {
        var differences: [String] = []
        var recomputed: [String: Int64] = [:]
        for fund in [allocation.staff, allocation.managers] {
            for row in 0..<fund.count {
                let (id, cents) = (staff[fund.person(at: row)].id, fund.cents(at: row))
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

    /// As `differences(of:fromRecord:)` for the amounts, and beyond them every figure the record holds for each person
    /// (fund, final score, band, weighted sum, the remainder cent, the share and its factors, the exact components)
    /// and the totals of the run the record names (each fund, paid and residual): a record whose cents are right but
    /// whose score or share is another person's does not hold either.
    public func differences(of allocation: Allocation, fromRecord record: RecordedAllocation) -> [String] {
        Self.differences(staff: inputs.records.staff, scores: scores, of: allocation, fromRecord: record)
    }

    /// As the method, for records and scores computed elsewhere (the web's published figures).
    public static func differences(staff: [StaffMember], scores: FinalScores, of allocation: Allocation,
                                   fromRecord record: RecordedAllocation) -> [String] {
        var differences = Self.differences(staff: staff, of: allocation, fromRecord: record.amounts)
        for fund in [allocation.staff, allocation.managers] {
            for row in 0..<fund.count {
                let person = fund.person(at: row)
                let id = staff[person].id
                guard let stored = record.people[id] else { continue }  // said above: absent
                var expected: [(String, String?, String?)] = [
                    ("fondo", stored.fund, fund.kind.rawValue),
                    ("punteggio finale", stored.finalScore.map(String.init), String(scores.score[person])),
                    ("fascia", stored.band, scores.band(person).rawValue),
                    ("somma ponderata", stored.weightedSum.map(String.init),
                     scores.isAssessable(person) ? String(scores.weightedSum[person]) : nil),
                    ("motivo di non valutabilità", stored.notAssessableReason, scores.notAssessableReason[person]),
                    ("centesimo del resto", stored.receivedRemainderCent ? "sì" : "no", fund.receivedRemainderCent(at: row) ? "sì" : "no"),
                ]
                for field in Self.recordedFigures {
                    let figure = fund.figure(field, at: row)
                    let recomputed = Self.componentFields.contains(field) && figure.isZero ? nil : figure.recordedText
                    // Rows written before the share's factors were recorded have none: nothing to compare.
                    if stored.figures[field] == nil && !Self.componentFields.contains(field) && field != .share { continue }
                    expected.append((Self.figureName(field), stored.figures[field], recomputed))
                }
                for (name, onRecord, recomputed) in expected where onRecord != recomputed {
                    differences.append("\(id): \(name), valore registrato \(onRecord ?? "assente"), ricalcolato \(recomputed ?? "assente")")
                }
            }
        }
        guard let run = record.run, record.runCount == 1 else {
            if !record.people.isEmpty {
                differences.append(record.runCount > 1 ? "le ripartizioni registrate vengono da \(record.runCount) esecuzioni diverse"
                                                       : "l'esecuzione della ripartizione registrata non c'è")
            }
            return differences
        }
        let totals: [(String, Int64, Int64)] = [
            ("fondo del personale", run.staffFund, allocation.staff.fund.value),
            ("erogato al personale", run.staffPaid, allocation.staff.paid.value),
            ("residuo del personale", run.staffResidual, allocation.staff.fund.value - allocation.staff.paid.value),
            ("fondo della dirigenza", run.managersFund, allocation.managers.fund.value),
            ("erogato alla dirigenza", run.managersPaid, allocation.managers.paid.value),
            ("residuo della dirigenza", run.managersResidual, allocation.managers.fund.value - allocation.managers.paid.value),
        ]
        for (name, onRecord, recomputed) in totals where onRecord != recomputed {
            differences.append("esecuzione \(run.id): \(name), valore registrato \(ItalianNumbers.euros(cents: onRecord)), "
                               + "ricalcolato \(ItalianNumbers.euros(cents: recomputed))")
        }
        // What HR confirmed paying as it stood (SQL/0035), against the year's records, which the lock keeps.
        let counts: [(String, Int?, Int)] = [("valutazioni pagate non definitive", run.draftsPaid, run.draftsNow),
                                             ("di cui restituite in bozza", run.returnedPaid, run.returnedNow)]
        for (name, onRecord, counted) in counts {
            if let onRecord, onRecord != counted {
                differences.append("esecuzione \(run.id): \(name), valore registrato \(onRecord), contato ora \(counted)")
            }
        }
        return differences
    }

    /// The exact figures a person's row records; the components are recorded only when not zero.
    static let recordedFigures: [AmountField] = [.shareWeight, .share, .coefficient, .enteResult, .areaResult,
                                                 .individual, .ente, .area, .increase, .redistributed]
    static let componentFields: Set<AmountField> = [.individual, .ente, .area, .increase, .redistributed]

    static func figureName(_ field: AmountField) -> String {
        switch field {
        case .shareWeight: "peso della quota"
        case .share: "quota"
        case .coefficient: "coefficiente"
        case .enteResult: "risultato dell'ente"
        case .areaResult: "risultato dell'Area"
        case .individual: "componente individuale"
        case .ente: "componente dell'ente"
        case .area: "componente dell'Area"
        case .increase: "maggiorazione"
        case .redistributed: "redistribuzione"
        case .exact: "importo esatto"
        }
    }
}
