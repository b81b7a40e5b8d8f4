import BigInt
import PropertyBased
import Testing
@testable import SIPAV

/// The fast paths (columns of small integers, amounts over one common denominator in 128 bits, statistics by
/// counting) give exactly what the plain paths give: the same violations in the same order, the same scores,
/// the same exact figures and cents, the same statistics.
@Suite("Fast paths agree with the exact paths")
struct FastPathTests {
    static let runs = 200

    static func keeping(_ settings: FundSettings) -> FundSettings {
        var settings = settings
        settings.residual = .keep
        settings.topRatingIncrease = nil
        return settings
    }

    static func areas(_ count: Int) -> [Area] { (0..<count).map { Area(id: "A\($0)", name: "Area \($0)", manager: nil) } }

    /// Both funds on both paths; the fast one may decline (nil), never differ.
    static func expectSameAllocation(_ input: AllocationInput, _ settings: FundSettings) throws -> Int {
        var fast = 0
        for kind in FundKind.allCases {
            let exact = input.allocateWithRatios(kind, settings: settings)
            guard let byClass = input.allocateByClass(kind, settings: settings) else { continue }
            fast += 1
            #expect(byClass == exact, "\(kind)")
            #expect(byClass.count == exact.count)
            for row in 0..<exact.count {
                #expect(byClass.person(at: row) == exact.person(at: row))
                #expect(byClass.cents(at: row) == exact.cents(at: row))
                for field in AmountField.allCases {
                    #expect(byClass.figure(field, at: row) == exact.figure(field, at: row), "\(kind) row \(row) \(field)")
                }
            }
        }
        return fast
    }

    @Test("allocation by class = allocation on Ratios, figure by figure")
    func allocationByClass() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            _ = try Self.expectSameAllocation(body.input, Self.keeping(body.settings))
        }
    }

    @Test("the fast path is taken on an ordinary body")
    func fastPathIsTaken() throws {
        var rng = SeededRandom(seed: 7)
        var taken = 0
        for _ in 0..<20 {
            let body = RandomBody(using: &rng)
            taken += try Self.expectSameAllocation(body.input, Self.keeping(body.settings))
        }
        #expect(taken >= 20)
    }

    @Test("statistics by counting = statistics person by person, whatever the allocation's path")
    func statisticsByCounting() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let input = body.input
            let areas = Self.areas(body.organisation.areas.count)
            for settings in [body.settings, Self.keeping(body.settings)] {
                let allocation = try input.allocate(settings: settings)
                let counted = try #require(input.statisticsByCounting(allocation, areas: areas))
                let reference = input.statisticsPersonByPerson(allocation, areas: areas)
                #expect(counted == reference)
            }
        }
    }

    @Test("violations read from the columns = violations read value by value, in the same order")
    func violations() async {
        await propertyCheck(count: 400, input: RoughBody.generator) { body in
            let records = body.records
            for requireRatings in [true, false] {
                let found = records.violations(settings: body.individual, areaCount: body.areaCount, requireRatings: requireRatings)
                let reference = referenceViolations(records, settings: body.individual, areaCount: body.areaCount,
                                                    requireRatings: requireRatings)
                #expect(found == reference)
            }
        }
    }

    @Test("the columns give back every objective as it went in, grouped by person")
    func columnsKeepTheObjectives() async {
        await propertyCheck(count: Self.runs, input: RoughBody.generator) { body in
            let records = body.records
            var reference: [IndividualObjective] = []
            var rows: [Int] = []
            for person in body.staff.indices {
                for (row, objective) in body.objectives.enumerated() where objective.person == person {
                    reference.append(objective)
                    rows.append(row)
                }
            }
            #expect(Array(records.objectives) == reference)
            #expect(records.inputRow == rows)
            for (person, _) in body.staff.enumerated() {
                #expect(Array(records.objectives(of: person)) == reference.filter { $0.person == person })
            }
        }
    }

    @Test("a large list out of order is grouped by person, every column with its objective")
    func largeListOutOfOrderIsGrouped() {
        // Enough objectives for the columns to be gathered on two threads, in an order mixing the people.
        let people = 20_000
        let staff = (0..<people).map { StaffMember(id: "E\($0)", name: "N", role: .dipendente, category: "C", area: 0) }
        var generator = SplitMix64(seed: 7)
        var input: [IndividualObjective] = []
        for person in 0..<people {
            for number in 1...(3 + person % 4) {
                let rated = generator.next() % 5 != 0
                input.append(IndividualObjective(person: person, code: "OB\(number)", title: number == 2 ? "Titolo \(person % 7)" : "",
                                                 weightBasisPoints: Int(generator.next() % 10_000) + 1,
                                                 cosa: rated ? Int(generator.next() % 7) : nil, come: rated ? .b : nil))
            }
        }
        var order = Array(input.indices)
        for index in order.indices.reversed() { order.swapAt(index, Int(generator.next() % UInt64(index + 1))) }
        let shuffled = order.map { input[$0] }
        #expect(shuffled.count >= 1 << 16)

        let records = StaffRecords(staff: staff, objectives: shuffled)
        let rows = shuffled.indices.sorted { (shuffled[$0].person, $0) < (shuffled[$1].person, $1) }
        #expect(Array(records.objectives) == rows.map { shuffled[$0] })
        #expect(records.inputRow == rows)
    }

    @Test("final scores read from the columns = scores of each objective's values")
    func finalScores() async {
        await propertyCheck(count: Self.runs, input: RoughBody.generator) { body in
            // A cosa outside 0…6 stops scoring (a checked precondition): such bodies are not scored.
            // So are weights that would take a final score beyond a byte.
            guard body.objectives.allSatisfy({ ($0.cosa ?? 0) >= 0 && ($0.cosa ?? 0) <= 6 && abs($0.weightBasisPoints) <= 40_000 }) else {
                return
            }
            let records = body.records
            let scores = records.finalScores(settings: body.individual)
            let matrix = body.individual.matrix
            for person in body.staff.indices {
                if let reason = records.notAssessableReason(person, settings: body.individual) {
                    #expect(scores.notAssessableReason[person] == reason)
                    #expect(scores.score[person] == -1)
                    continue
                }
                let own = Array(records.objectives(of: person))
                guard own.allSatisfy({ $0.cosa != nil && $0.come != nil }) else {
                    #expect(scores.notAssessableReason[person] == FinalScores.notYetRated)
                    continue
                }
                let sum = own.reduce(0) { $0 + $1.weightBasisPoints * matrix.score(cosa: $1.cosa!, come: $1.come!) }
                guard let narrow = Int32(exactly: sum) else { continue }
                #expect(scores.weightedSum[person] == narrow)
                #expect(Int(scores.score[person]) == Int(FinalScores.round(narrow, body.individual.rounding)))
            }
        }
    }
}

/// Bodies at the edges of 64 and 128 bits: funds near `Int64.max`, category parameters and results with large
/// coprime denominators, part time of one basis point. The fast path either declines or agrees.
@Suite("Fast paths at the overflow edges")
struct FastPathEdgeTests {
    static let funds: [Int64] = [0, 1, 99, 1_000_000_000_000, 1 << 62, Int64.max / 2, Int64.max - 1, Int64.max]
    static let parameters: [Ratio] = [.one, Ratio(1, 3), Ratio(7, 3_037_000_499), Ratio(3_037_000_499, 7),
                                      Ratio(1_000_000_007, 1_000_000_009), Ratio(Int(Int32.max), 1), Ratio(0, 1)]
    static let results: [Ratio] = [.zero, .one, Ratio(1, 3), Ratio(999_999, 1_000_000), Ratio(1, 2_147_483_647),
                                   Ratio(4_294_967_291, 4_294_967_295)]

    @Test(arguments: 0..<60)
    func edgeBody(seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed))
        func one<T>(_ values: [T]) -> T { values.randomElement(using: &rng)! }
        let areaCount = Int.random(in: 1...3, using: &rng)
        var staff: [StaffMember] = []
        var objectives: [IndividualObjective] = []
        for person in 0..<Int.random(in: 1...12, using: &rng) {
            let manager = Int.random(in: 0..<4, using: &rng) == 0
            staff.append(StaffMember(id: employeeID(100 - person), name: "P", role: manager ? .dirigente : .dipendente,
                                     category: manager ? "DIR" : one(["D", "C", "B"]), area: Int.random(in: 0..<areaCount, using: &rng),
                                     partTimeBasisPoints: one([1, 3_333, 9_999, 10_000]), monthsOfService: one([0, 1, 7, 12])))
            objectives.append(IndividualObjective(person: person, code: "OB1", weightBasisPoints: 10_000,
                                                  cosa: Int.random(in: 0...6, using: &rng), come: one(Come.allCases)))
        }
        let records = StaffRecords(staff: staff, objectives: objectives)
        let organisation = SIPAV.OrganisationalResults(
            objectives: [], ente: ResultFigure(computed: one(Self.results), validated: nil),
            areas: (0..<areaCount).map { _ in ResultFigure(computed: one(Self.results), validated: nil) })
        // The statistics add both funds (their total is a number of cents, as everywhere): at most Int64.max.
        let staffFund = one(Self.funds)
        let fund = Fund(year: 2019, lines: [FundLine(fund: .staff, description: "s", amount: Cents(staffFund)),
                                            FundLine(fund: .managers, description: "m", amount: Cents(min(one(Self.funds), Int64.max - staffFund)))],
                        giunta: confirmed, oiv: confirmed)
        var settings = FundSettings()
        settings.categoryParameters = ["DIR": one(Self.parameters), "D": one(Self.parameters), "C": one(Self.parameters),
                                       "B": one(Self.parameters)]
        settings.individualCoefficients = [.zero, .zero, Ratio(1, 3), one(Self.results), Ratio(2, 3), Ratio(5, 7), .one]
        settings.sharesFollowPartTime = Bool.random(using: &rng)
        let input = AllocationInput(records: records, scores: records.finalScores(settings: IndividualSettings()),
                                    organisation: organisation, fund: fund)
        _ = try FastPathTests.expectSameAllocation(input, settings)
        // Funds past Fund.largestTotal are refused before allocating; the paths themselves are tried on them all.
        let allocation = Allocation(staff: input.allocate(.staff, settings: settings), managers: input.allocate(.managers, settings: settings))
        if fund.fundsOverTheLargestTotal.isEmpty {
            #expect(try input.allocate(settings: settings) == allocation)
        } else {
            #expect(throws: RuleViolation.self) { try input.allocate(settings: settings) }
        }
        let areas = FastPathTests.areas(areaCount)
        #expect(input.statisticsByCounting(allocation, areas: areas) == input.statisticsPersonByPerson(allocation, areas: areas))
    }

    @Test func exactFiguresRoundLikeRatios() {
        var rng = SeededRandom(seed: 11)
        let edges: [Int128] = [0, 1, -1, 5, 49, 50, 51, 99, 100, Int128(Int64.max), Int128(Int64.max) + 1, -Int128(Int64.max),
                               Int128(UInt64.max), Int128(UInt64.max) + 1, Int128.max / 3, Int128.max / 1_000, Int128.max, Int128.min + 1]
        for _ in 0..<3_000 {
            let n = Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Int128(Int64.random(in: .min ... .max, using: &rng))
            var d = Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Int128(Int64.random(in: 1 ... .max, using: &rng))
            if d <= 0 { d = 7 }
            let exponent = Int.random(in: -3...8, using: &rng)
            let figure = ExactFigure(numerator: n, denominator: d)
            let exact = Ratio(BigInt(n), BigInt(d))
            #expect(figure.ratio == exact)
            guard let scaled = figure.scaledHalfUp(exponent: exponent) else { continue }
            let power = Ratio(BigInt(10).power(abs(exponent)))
            let reference = (exponent >= 0 ? exact * power : exact / power).roundedHalfUp
            #expect(BigInt(scaled) == reference, "\(n)/\(d) e\(exponent)")
        }
    }

    @Test func largestRemaindersBySelection() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<300 {
            let count = Int.random(in: 1...200, using: &rng)
            let denominator = UInt64(Int.random(in: 1...9, using: &rng))
            let remainders = (0..<count).map { _ in UInt64.random(in: 0..<denominator, using: &rng) }
            let ids = (0..<count).map { _ in employeeID(Int.random(in: 0..<(count * 2), using: &rng)) }
            let exact = remainders.enumerated().map { Ratio(BigInt($1) + BigInt($0 % 5) * BigInt(denominator), BigInt(denominator)) }
            let reference = LargestRemainder.round(exact, tieOrder: ids)
            let leftover = reference.receivedExtra.filter { $0 }.count
            let marked = LargestRemainder.mark(remainders, count: leftover) { ids[$0] < ids[$1] }
            #expect(marked == reference.receivedExtra)
        }
    }
}

/// The seeded generator of the synthetic bodies, for the tests that draw many cases in a loop.
typealias SeededRandom = SplitMix64

@Suite("Division by an invariant divisor")
struct InvariantDivisorTests {
    @Test func agreesWithDivision() {
        var rng = SeededRandom(seed: 99)
        let divisors: [UInt64] = [1, 2, 3, 7, 10, 100, 1 << 32, (1 << 32) + 1, UInt64.max, UInt64.max - 1, 1 << 63, (1 << 63) - 1, (1 << 63) + 1]
        for round in 0..<20_000 {
            let d = round < divisors.count * 50 ? divisors[round % divisors.count] : UInt64.random(in: 1 ... .max, using: &rng) >> UInt64.random(in: 0...63, using: &rng)
            guard d > 0 else { continue }
            let divisor = InvariantDivisor(d)
            let high = [0, d - 1, d / 2, UInt64.random(in: 0..<d, using: &rng)].randomElement(using: &rng)!
            let low = [0, .max, UInt64.random(in: 0 ... .max, using: &rng)].randomElement(using: &rng)!
            let expected = d.dividingFullWidth((high: high, low: low))
            let found = divisor.divide(high: high, low: low)
            #expect(found.quotient == expected.quotient && found.remainder == expected.remainder, "\(high):\(low) / \(d)")
        }
    }
}

@Suite("Gini sums by one sort of packed words")
struct WeightedRanksTests {
    /// Σ rank × amount per group, by the definition: each group's amounts sorted, ranks from 1.
    static func reference(_ cents: [Int64], _ groupsOf: (Int) -> [Int], groupCount: Int) -> [Int128] {
        (0..<groupCount).map { group in
            let amounts = cents.indices.filter { groupsOf($0).contains(group) }.map { cents[$0] }.sorted()
            return amounts.enumerated().reduce(Int128(0)) { $0 + Int128($1.offset + 1) * Int128($1.element) }
        }
    }

    /// Amounts in a narrow range, a wide one, and one too wide to pack (then the people are looked up).
    @Test(arguments: [(Int64(0), Int64(50_000)), (Int64(-3), Int64(1 << 40)), (Int64.min / 4, Int64.max / 4)])
    func agreeWithTheDefinition(low: Int64, high: Int64) {
        var rng = SeededRandom(seed: UInt64(bitPattern: low &+ high))
        let (areaCount, categoryCount, count) = (5, 3, 3_000)
        let groupCount = 3 + areaCount + categoryCount
        // Few distinct amounts, so that ties are many.
        let values = (0..<40).map { _ in Int64.random(in: low...high, using: &rng) }
        let cents = (0..<count).map { _ in values.randomElement(using: &rng)! }
        var fund = [Int32](), area = [Int32](), category = [Int32]()
        for _ in 0..<count {
            let manager = Int.random(in: 0..<10, using: &rng) == 0
            fund.append(manager ? 1 : 2)
            area.append(manager ? -1 : Int32(3 + Int.random(in: 0..<areaCount, using: &rng)))
            category.append(manager ? -1 : Int32(3 + areaCount + Int.random(in: 0..<categoryCount, using: &rng)))
        }
        let found = AllocationInput.weightedRanks(cents: cents, fundGroup: fund, areaGroup: area, categoryGroup: category,
                                                  areaCount: areaCount, groupCount: groupCount)
        let expected = Self.reference(cents, { [0, Int(fund[$0]), Int(area[$0]), Int(category[$0])].filter { $0 >= 0 } },
                                      groupCount: groupCount)
        #expect(found == expected)
    }
}

/// A staff large enough to be scored, allocated and counted in two halves at once gets what the one-thread
/// paths give: the scores of each half scored alone, the amounts of the allocation on Ratios, the statistics
/// person by person.
@Suite("Two halves at once")
struct HalvesTests {
    static let profile = BodyProfile.scaled(staff: 80_000, areaCount: 6)
    static let body = SyntheticBody(profile: profile, seed: 3)

    @Test func scoresOfTheHalvesAreTheScoresOfEachHalfAlone() {
        let records = StaffRecords(staff: Self.body.staff, objectives: Self.body.objectives)
        let settings = Settings().individual
        let whole = records.finalScores(settings: settings)
        let middle = records.staff.count / 2
        var (weighted, scores, reasons) = ([Int32](), [Int8](), [String?]())
        for part in [0..<middle, middle..<records.staff.count] {
            let objectives = Self.body.objectives.filter { part.contains($0.person) }.map {
                IndividualObjective(person: $0.person - part.lowerBound, code: $0.code, title: $0.title,
                                    weightBasisPoints: $0.weightBasisPoints, cosa: $0.cosa, come: $0.come)
            }
            let alone = StaffRecords(staff: Array(records.staff[part]), objectives: objectives).finalScores(settings: settings)
            weighted += alone.weightedSum
            scores += alone.score
            reasons += alone.notAssessableReason
        }
        #expect(whole.weightedSum == weighted)
        #expect(whole.score == scores)
        #expect(Array(whole.notAssessableReason) == reasons)
        #expect(Set(whole.score).count >= 4)
    }

    @Test func allocationAndStatisticsAgreeWithTheOneThreadPaths() throws {
        let records = StaffRecords(staff: Self.body.staff, objectives: Self.body.objectives)
        let synthetic = SyntheticPlan(profile: Self.profile, seed: 3)
        let settings = Settings()
        let input = AllocationInput(records: records, scores: records.finalScores(settings: settings.individual),
                                    organisation: try synthetic.plan.results(settings: settings.organisation), fund: synthetic.fund)
        let fundSettings = FastPathTests.keeping(settings.fund)
        let byClass = try #require(input.allocateByClass(.staff, settings: fundSettings))
        let exact = input.allocateWithRatios(.staff, settings: fundSettings)
        #expect(byClass.count >= 1 << 16)
        #expect(byClass == exact)
        #expect((0..<exact.count).allSatisfy { byClass.cents(at: $0) == exact.cents(at: $0) })
        let allocation = try input.allocate(settings: fundSettings)
        #expect(input.statisticsByCounting(allocation, areas: Self.profile.areas) == input.statisticsPersonByPerson(allocation, areas: Self.profile.areas))
    }
}

@Suite("Fractions reduced in 128 bits")
struct ReducedFractionTests {
    @Test func reduceAsRatiosDo() {
        var rng = SeededRandom(seed: 128)
        for round in 0..<20_000 {
            let bits = round % 120 + 1
            let common = Int128(UInt64.random(in: 1...(1 << UInt64(round % 40)), using: &rng))
            // Numerators of either sign below 2^bits, denominators in 1 ..< 2^bits, often with a factor in common.
            let n = (Int128(truncatingIfNeeded: (UInt128(rng.next()) << 64) | UInt128(rng.next())) >> (127 - bits)) / common * common
            let d = max(1, Int128(((UInt128(rng.next()) << 64) | UInt128(rng.next())) >> (128 - bits)) / common * common)
            let figure = ExactFigure(numerator: n, denominator: d)
            guard let (numerator, denominator) = figure.reducedFraction else {
                Issue.record("no fraction for \(n)/\(d)")
                continue
            }
            let ratio = figure.ratio
            #expect(BigInt(numerator) == ratio.numerator && BigInt(denominator) == ratio.denominator, "\(n)/\(d)")
        }
        #expect(ExactFigure(numerator: 0, denominator: 12).reducedFraction! == (0, 1))
        #expect(ExactFigure(numerator: -6, denominator: 4).reducedFraction! == (-3, 2))
    }
}

@Suite("The remainder at a rank, by radix selection")
struct NthLargestTests {
    @Test(arguments: [UInt64.max, UInt64(1) << 40, UInt64(1) << 16, UInt64(10)])
    func agreesWithSorting(bound: UInt64) {
        var rng = SeededRandom(seed: bound)
        for _ in 0..<200 {
            let count = Int.random(in: 1...3_000, using: &rng)
            // Few distinct values (many ties) or many.
            let pool = (0..<Int.random(in: 1...50, using: &rng)).map { _ in UInt64.random(in: 0...bound, using: &rng) }
            let values = (0..<count).map { _ in Bool.random(using: &rng) ? pool.randomElement(using: &rng)! : UInt64.random(in: 0...bound, using: &rng) }
            let sorted = values.sorted(by: >)
            for rank in [0, count / 3, count / 2, count - 1, Int.random(in: 0..<count, using: &rng)] {
                #expect(LargestRemainder.nthLargest(values, rank) == sorted[rank], "rank \(rank) of \(count)")
            }
        }
    }
}

/// Whether some employee id has a lower-case letter, read eight bytes at a time from the keys, as a letter-by-letter
/// look says: in the first word or the second (after the eighth byte), and never for digits, capitals or punctuation.
@Test(arguments: [(["E0001", "E0002", "DIR-01_X"], false), (["E0001", "e0002"], true), (["ABCDEFGHIJKLMNz"], true),
                  (["ABCDEFGHz"], true), (["ABCDEFGH"], false), (["`{@[~"], false), (["ABCDEFGHIJKLMNO"], false), (["a"], true)])
func idsWithALowerCaseLetterAreFound(ids: [String], expected: Bool) throws {
    let staff = ids.map { StaffMember(id: $0, name: "N", role: .dipendente, category: "C", area: 0) }
    let keys = try #require(EmployeeIDs(staff))
    #expect(keys.haveLowercase == expected)
    #expect(ids.contains { $0.contains { $0.isLowercase } } == expected)
}

/// Whether two employee ids are one but for case, told from the keys upper-cased, as `CaseAloneIDs` says from the
/// `String`s: in either word of a key, for ids in any order, and an exact repetition counted as one.
@Test(arguments: [(["E0001", "E0002", "DIR-01_X"], false), (["E0001", "e0001"], true), (["e0001", "E0002", "E0001"], true),
                  (["ABCDEFGHIJKLMNz", "ABCDEFGHIJKLMNZ"], true), (["ABCDEFGHz", "ABCDEFGHZ"], true), (["abcdefghZ", "ABCDEFGHZ"], true),
                  (["E0001", "e0002"], false), (["`{@[~", "@[~`{"], false), (["a", "b", "ab", "A_"], false), (["E1", "E1"], true)])
func idsDifferingInCaseAloneAreFound(ids: [String], expected: Bool) throws {
    let staff = ids.map { StaffMember(id: $0, name: "N", role: .dipendente, category: "C", area: 0) }
    let keys = try #require(EmployeeIDs(staff))
    #expect(keys.someDifferInCaseAlone() == expected)
    #expect((!CaseAloneIDs.pairs(ids).isEmpty || Set(ids).count < ids.count) == expected)
}
