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
    public internal(set) var area: Int?
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
    public let objectives: IndividualObjectives
    /// `objectives[objectiveStart[p] ..< objectiveStart[p + 1]]` are person p's objectives.
    public let objectiveStart: [Int]
    /// For each objective in `objectives`, its position in the input; empty when the input was already grouped.
    let inputOrder: [Int]
    /// The staff's situations as columns, for the fast paths.
    let columns: StaffColumns
    /// The employee ids as keys, when every id can be one.
    let ids: EmployeeIDs?

    /// Groups `objectives` (in input order) by person. Does not check the rules: see `validate`.
    public init(staff: [StaffMember], objectives input: [IndividualObjective]) {
        self.init(staff: staff, objectives: IndividualObjectives(input))
    }

    /// Groups `objectives` (in input order) by person. Does not check the rules: see `validate`.
    public init(staff: [StaffMember], objectives input: IndividualObjectives) {
        let ids = EmployeeIDs(staff)
        self.init(staff: staff, columns: StaffColumns(staff), ids: ids, objectives: input)
    }

    /// As `init(staff:objectives:)`, with the columns and ids a reader made of `staff` as it read it.
    public init(staff: [StaffMember], columns: StaffColumns, ids: EmployeeIDs?, objectives input: IndividualObjectives) {
        precondition(columns.count == staff.count && (ids?.count ?? staff.count) == staff.count, "columns of another staff list")
        var counts = [Int](repeating: 0, count: staff.count + 1)
        var grouped = true
        var previous = 0
        for position in input.indices {
            let person = input.personIndex(position)
            counts[person + 1] += 1
            if person < previous { grouped = false }
            previous = person
        }
        for p in 0..<staff.count { counts[p + 1] += counts[p] }
        if grouped {
            self.objectives = input
            self.inputOrder = []
        } else {
            var next = counts
            var order = [Int](repeating: 0, count: input.count)
            for position in input.indices {
                let person = input.personIndex(position)
                order[next[person]] = position
                next[person] += 1
            }
            self.objectives = input.permuted(order)
            self.inputOrder = order
        }
        self.staff = staff
        self.objectiveStart = counts
        var columns = columns
        columns.idsAreDistinct = ids?.areDistinct ?? false
        self.columns = columns
        self.ids = ids
    }

    /// For each objective in `objectives`, its position in the input (to name the input's line).
    public var inputRow: [Int] { inputOrder.isEmpty ? Array(objectives.indices) : inputOrder }

    /// The position in the input of the objective at `position` of `objectives`.
    func inputRow(_ position: Int) -> Int { inputOrder.isEmpty ? position : inputOrder[position] }

    public func objectives(of person: Int) -> Slice<IndividualObjectives> {
        objectives[objectiveStart[person]..<objectiveStart[person + 1]]
    }

    /// The first person whose employee id is `id` (as `String`s compare).
    public func person(withID id: String) -> Int? {
        if let ids {
            var key = id
            if let found = key.withUTF8({ ids.person($0) }) { return found }
            // Not found by its bytes: only an id that cannot be a key may still equal one as a `String`.
            if key.withUTF8({ EmployeeIDs.key($0) != nil }) { return nil }
        }
        return staff.firstIndex { $0.id == id }
    }
}

/// The situation of every person as columns of small integers, for the fast paths: made from the staff list,
/// or by a reader as it reads it (`append`).
public struct StaffColumns: Sendable {
    /// Whether the person is paid from the managers' fund.
    var managersFund: [Bool] = []
    /// The Area's index, or -1 for none.
    var area: [Int32] = []
    /// The category's number in `categories`.
    var category: [UInt32] = []
    var categories = TextTable()
    var partTime: [Int32] = []
    var months: [Int32] = []
    /// Whether the records give a reason for not assessing the person.
    var hasReason: [Bool] = []
    /// Whether every Area, part time and months of service fits its column (else they read as 0).
    var isCompact = true
    /// Known to hold no employee id twice (false means unknown): set from the ids by `StaffRecords`.
    var idsAreDistinct = false

    public init() {}

    /// The columns of `staff`.
    public init(_ staff: [StaffMember]) {
        reserveCapacity(staff.count)
        var last: (text: String, number: UInt32)?
        for member in staff {
            // Rows come in runs of one category: the previous number spares most look-ups.
            let number: UInt32
            if let last, last.text.utf8.elementsEqual(member.category.utf8) {
                number = last.number
            } else {
                number = categories.number(of: member.category)
                last = (member.category, number)
            }
            append(member, category: number)
        }
    }

    public var count: Int { managersFund.count }

    public mutating func reserveCapacity(_ count: Int) {
        managersFund.reserveCapacity(count)
        area.reserveCapacity(count)
        category.reserveCapacity(count)
        partTime.reserveCapacity(count)
        months.reserveCapacity(count)
        hasReason.reserveCapacity(count)
    }

    /// The number of a category, by its bytes: `categoryText(_:)` gives it back.
    public mutating func categoryNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 { categories.number(of: utf8) }
    public func categoryText(_ number: UInt32) -> String { categories[number] }

    /// Appends the next person, whose category has the number `category` (from `categoryNumber`).
    public mutating func append(_ member: StaffMember, category: UInt32) {
        managersFund.append(member.role != .dipendente)
        let areaValue = member.area.flatMap { Int32(exactly: $0) }
        let partTimeValue = Int32(exactly: member.partTimeBasisPoints)
        let monthsValue = Int32(exactly: member.monthsOfService)
        if (member.area != nil && (areaValue == nil || areaValue! < 0)) || partTimeValue == nil || monthsValue == nil {
            isCompact = false
        }
        area.append(member.area == nil ? -1 : max(areaValue ?? 0, 0))
        partTime.append(partTimeValue ?? 0)
        months.append(monthsValue ?? 0)
        hasReason.append(member.notAssessableReason != nil)
        self.category.append(category)
    }

    /// Appends the people of `other`, renumbering its categories.
    public mutating func append(contentsOf other: StaffColumns) {
        let renumbered = other.categories.texts.map { categories.number(of: $0) }
        managersFund += other.managersFund
        area += other.area
        category += other.category.lazy.map { renumbered[Int($0)] }
        partTime += other.partTime
        months += other.months
        hasReason += other.hasReason
        isCompact = isCompact && other.isCompact
    }
}

extension StaffRecords {
    /// The categories the settings give a share parameter only written otherwise (`d` for `D`), with the first
    /// person of each: the parameter would be missed and the category weigh 1.0 without a word.
    public func categoriesWrittenOtherwise(than parameters: [String: Ratio]) -> [(person: Int, category: String, setting: String)] {
        guard !parameters.isEmpty else { return [] }
        let bySpelling = Dictionary(parameters.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: min)
        var checked = [Bool](repeating: false, count: columns.categories.count)
        var found: [(person: Int, category: String, setting: String)] = []
        for (person, number) in columns.category.enumerated() where !checked[Int(number)] {
            checked[Int(number)] = true
            let category = columns.categoryText(number)
            if parameters[category] == nil, let setting = bySpelling[category.lowercased()] {
                found.append((person, category, setting))
            }
        }
        return found
    }

    /// The categories of the staff list written in two ways that differ only in case (`d` beside `D`), each less usual
    /// way with its first person and the way most people have it: every category is a group of the published statistics,
    /// and one mistyped letter would publish a group of one, and withhold others' figures to protect it.
    /// Categories that one of `except` (the settings' spellings) spells in some case are left to the settings' rule.
    public func categoriesDifferingOnlyInCase(except: Set<String> = []) -> [(person: Int, category: String, usual: String)] {
        let excepted = Set(except.map { $0.lowercased() })
        let count = columns.categories.count
        var people = [Int](repeating: 0, count: count), first = [Int](repeating: -1, count: count)
        for (person, number) in columns.category.enumerated() {
            people[Int(number)] += 1
            if first[Int(number)] < 0 { first[Int(number)] = person }
        }
        var spellings: [String: [Int]] = [:]
        for number in 0..<count where people[number] > 0 {
            spellings[columns.categoryText(UInt32(number)).lowercased(), default: []].append(number)
        }
        var found: [(person: Int, category: String, usual: String)] = []
        for (lowercased, numbers) in spellings where numbers.count > 1 && !excepted.contains(lowercased) {
            let usual = numbers.max { (people[$0], columns.categoryText(UInt32($1))) < (people[$1], columns.categoryText(UInt32($0))) }!
            for number in numbers where number != usual {
                found.append((first[number], columns.categoryText(UInt32(number)), columns.categoryText(UInt32(usual))))
            }
        }
        return found.sorted { $0.person < $1.person }
    }
}
