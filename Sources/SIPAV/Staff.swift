/// The role of a person, which decides their fund and its components.
public enum Role: String, Sendable, CaseIterable {
    /// The *Segretario Generale*, the top manager: paid from the managers' fund.
    case segretarioGenerale = "segretario_generale"
    /// A *dirigente*: paid from the managers' fund.
    case dirigente
    /// Staff other than managers (categories D, C, B): paid from the staff fund.
    case dipendente

    public var fund: FundKind { self == .dipendente ? .staff : .managers }
}

/// A person's situation in the year.
public struct StaffMember: Sendable, Hashable {
    public let id: String
    public let name: String
    public let role: Role
    /// The contract category (`DIR`, `D`, `C`, `B`), keyed into the category parameters.
    public let category: String
    /// The index of the person's Area in the plan; nil only for the Segretario Generale.
    public let area: Int?
    /// The part-time fraction in basis points: 10000 = full time.
    public let partTimeBasisPoints: Int
    /// Months of service in the year, 0…12.
    public let monthsOfService: Int
    /// Set when the appraisal is *not assessable*, with the reason.
    public let notAssessableReason: String?

    public init(id: String, name: String, role: Role, category: String, area: Int?, partTimeBasisPoints: Int = 10_000,
                monthsOfService: Int = 12, notAssessableReason: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.category = category
        self.area = area
        self.partTimeBasisPoints = partTimeBasisPoints
        self.monthsOfService = monthsOfService
        self.notAssessableReason = notAssessableReason
    }
}

/// The *come* rating: how the objective was pursued (the behaviours adopted). A is best.
public enum Come: UInt8, Sendable, CaseIterable {
    case a = 0, b = 1, c = 2
    public init?(letter: some StringProtocol) {
        switch letter.uppercased() {
        case "A": self = .a
        case "B": self = .b
        case "C": self = .c
        default: return nil
        }
    }
    public var letter: String { ["A", "B", "C"][Int(rawValue)] }
}

/// One individual objective of a person, with its weight and (once rated) its *cosa* and *come*.
public struct IndividualObjective: Sendable, Hashable {
    /// Index of the person in the staff list.
    public let person: Int
    public let code: String
    public let title: String
    /// Weight in basis points of a percent: 100 % = 10000. One person's weights sum to 10000.
    public let weightBasisPoints: Int
    /// *cosa*: what was achieved, 0…6; nil while not rated.
    public let cosa: Int?
    public let come: Come?

    public init(person: Int, code: String, title: String = "", weightBasisPoints: Int, cosa: Int?, come: Come?) {
        self.person = person
        self.code = code
        self.title = title
        self.weightBasisPoints = weightBasisPoints
        self.cosa = cosa
        self.come = come
    }
}

/// The staff of a year and their individual objectives, as flat arrays.
public struct StaffRecords: Sendable {
    public let staff: [StaffMember]
    /// Every individual objective, grouped by person in staff order (stable within a person).
    public let objectives: [IndividualObjective]
    /// `objectives[objectiveStart[p] ..< objectiveStart[p + 1]]` are person p's objectives.
    public let objectiveStart: [Int]
    /// For each objective in `objectives`, its position in the input (to name the input's line).
    public let inputRow: [Int]

    /// Groups `objectives` (in input order) by person. Does not check the rules: see `validate`.
    public init(staff: [StaffMember], objectives input: [IndividualObjective]) {
        var counts = [Int](repeating: 0, count: staff.count + 1)
        for objective in input { counts[objective.person + 1] += 1 }
        for p in 0..<staff.count { counts[p + 1] += counts[p] }
        var next = counts
        var order = [Int](repeating: 0, count: input.count)
        for (row, objective) in input.enumerated() {
            order[next[objective.person]] = row
            next[objective.person] += 1
        }
        self.staff = staff
        self.objectives = order.map { input[$0] }
        self.objectiveStart = counts
        self.inputRow = order
    }

    public func objectives(of person: Int) -> ArraySlice<IndividualObjective> {
        objectives[objectiveStart[person]..<objectiveStart[person + 1]]
    }
}
