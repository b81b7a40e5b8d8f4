/// Individual objectives stored column by column: a national body has millions, and scoring reads
/// only their small integers. Codes and titles are kept once each (`TextTable`). A collection of
/// `IndividualObjective` values, built on access.
public struct IndividualObjectives: RandomAccessCollection, Sendable {
    /// The person of each objective (an index into the staff list).
    private(set) var person: [Int32] = []
    /// Basis points; `Int16.min` when the value lies outside `Int16` (then in `wide`).
    private(set) var weight: [Int16] = []
    /// 0…127; -1 while not rated; `Int8.min` when the value lies elsewhere (then in `wide`).
    private(set) var cosa: [Int8] = []
    /// `Come.rawValue`; `Self.notRated` while not rated.
    private(set) var come: [UInt8] = []
    private(set) var code: [UInt32] = []
    private(set) var title: [UInt32] = []
    public private(set) var codes = TextTable()
    public private(set) var titles = TextTable()
    /// The rare weights and ratings that do not fit the columns, by position.
    private(set) var wide: [Int: Wide] = [:]

    struct Wide: Sendable, Hashable {
        var weight: Int
        var cosa: Int?
    }

    static let notRated: UInt8 = 0xFF

    public init() {}

    public init(_ objectives: some Sequence<IndividualObjective>) {
        reserveCapacity(objectives.underestimatedCount)
        for objective in objectives { append(objective) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { person.count }

    /// Whether any objective is rated (its *cosa* given): a year whose objectives carry ratings is being rated.
    public var hasAnyRating: Bool { cosa.contains { $0 != -1 } }

    /// Whether any objective has a title (not empty).
    public var hasAnyTitle: Bool { titles.texts.contains { !$0.isEmpty } }

    public subscript(position: Int) -> IndividualObjective {
        let large = wide.isEmpty ? nil : wide[position]
        return IndividualObjective(
            person: Int(person[position]), code: codes[code[position]], title: titles[title[position]],
            weightBasisPoints: large?.weight ?? Int(weight[position]),
            cosa: large.map(\.cosa) ?? (cosa[position] < 0 ? nil : Int(cosa[position])),
            come: come[position] == Self.notRated ? nil : Come(rawValue: come[position]))
    }

    /// Whether every weight and rating sits in its column (nothing in `wide`).
    var isCompact: Bool { wide.isEmpty }

    public mutating func reserveCapacity(_ count: Int) {
        person.reserveCapacity(count)
        weight.reserveCapacity(count)
        cosa.reserveCapacity(count)
        come.reserveCapacity(count)
        code.reserveCapacity(count)
        title.reserveCapacity(count)
    }

    public mutating func append(_ objective: IndividualObjective) {
        append(person: objective.person, code: codes.number(of: objective.code), title: titles.number(of: objective.title),
               weightBasisPoints: objective.weightBasisPoints, cosa: objective.cosa, come: objective.come)
    }

    /// The number of a code, for `append(person:code:…)`.
    public mutating func codeNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 { codes.number(of: utf8) }
    /// The number of a title, for `append(person:code:…)`.
    public mutating func titleNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 { titles.number(of: utf8) }

    /// Appends an objective whose code and title are given by number (`codeNumber`, `titleNumber`).
    public mutating func append(person: Int, code: UInt32, title: UInt32, weightBasisPoints: Int, cosa: Int?, come: Come?) {
        precondition(person >= 0 && person <= Int(Int32.max), "person index out of range")
        let position = self.person.count
        self.person.append(Int32(person))
        self.code.append(code)
        self.title.append(title)
        self.come.append(come?.rawValue ?? Self.notRated)
        let weightFits = weightBasisPoints > Int(Int16.min) && weightBasisPoints <= Int(Int16.max)
        let cosaFits = cosa.map { (0...Int(Int8.max)).contains($0) } ?? true
        weight.append(weightFits ? Int16(weightBasisPoints) : Int16.min)
        self.cosa.append(cosaFits ? Int8(cosa ?? -1) : Int8.min)
        if !weightFits || !cosaFits { wide[position] = Wide(weight: weightBasisPoints, cosa: cosa) }
    }

    /// Appends `other`, renumbering its codes and titles into these tables.
    public mutating func append(contentsOf other: IndividualObjectives) {
        let codeMap = other.codes.texts.map { codes.number(of: $0) }
        let titleMap = other.titles.texts.map { titles.number(of: $0) }
        let offset = person.count
        person += other.person
        weight += other.weight
        cosa += other.cosa
        come += other.come
        code += other.code.lazy.map { codeMap[Int($0)] }
        title += other.title.lazy.map { titleMap[Int($0)] }
        for (position, value) in other.wide { wide[offset + position] = value }
    }

    /// Gives each objective's person the number `index[person]` instead.
    public mutating func renumberPeople(_ index: [Int]) {
        for position in person.indices {
            let number = index[Int(person[position])]
            precondition(number >= 0 && number <= Int(Int32.max), "person index out of range")
            person[position] = Int32(number)
        }
    }

    /// The objectives in the order `order` gives (a permutation of the positions).
    func permuted(_ order: [Int]) -> IndividualObjectives {
        var result = IndividualObjectives()
        result.codes = codes
        result.titles = titles
        // Six gathers over millions of positions: three columns on each of two threads when there are many.
        let gatherFirst = { (result: inout IndividualObjectives) in
            result.person = order.map { person[$0] }
            result.weight = order.map { weight[$0] }
            result.cosa = order.map { cosa[$0] }
        }
        let gatherSecond = { (result: inout IndividualObjectives) in
            result.come = order.map { come[$0] }
            result.code = order.map { code[$0] }
            result.title = order.map { title[$0] }
        }
        if order.count >= 1 << 16 {
            var (first, second) = (IndividualObjectives(), IndividualObjectives())
            inParallel({ gatherFirst(&first) }, { gatherSecond(&second) })
            (result.person, result.weight, result.cosa) = (first.person, first.weight, first.cosa)
            (result.come, result.code, result.title) = (second.come, second.code, second.title)
        } else {
            gatherFirst(&result)
            gatherSecond(&result)
        }
        if !wide.isEmpty {
            for (position, old) in order.enumerated() { if let value = wide[old] { result.wide[position] = value } }
        }
        return result
    }

    // The columns, for the fast paths of this module.
    func personIndex(_ position: Int) -> Int { Int(person[position]) }
    func weightBasisPoints(_ position: Int) -> Int {
        weight[position] != Int16.min || wide.isEmpty ? Int(weight[position]) : wide[position]!.weight
    }
    func cosaRating(_ position: Int) -> Int? {
        cosa[position] != Int8.min || wide.isEmpty ? (cosa[position] < 0 ? nil : Int(cosa[position])) : wide[position]!.cosa
    }
    func comeRating(_ position: Int) -> Come? { come[position] == Self.notRated ? nil : Come(rawValue: come[position]) }
    func codeNumber(at position: Int) -> UInt32 { code[position] }
    func titleNumber(at position: Int) -> UInt32 { title[position] }
}

extension IndividualObjectives: Equatable {
    /// Equal when they hold the same objectives in the same order.
    public static func == (a: IndividualObjectives, b: IndividualObjectives) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
