import Testing
@testable import SIPAV

/// Rules §4 and the settings' `statistics.minimum_group_size`: which figures are withheld, and the groups' shares of
/// the fund in whole cents that add up to it.
@Suite("Statistics: withheld groups and shares that add up")
struct StatisticsDisclosureTests {
    typealias Year = StatisticsValuesTests.Year
    typealias Path = StatisticsValuesTests.Path

    /// 100 cents over three equal shares in three categories and three Areas: each exactly 33⅓ cents. Rounded one
    /// by one they make 99; apportioned by largest remainder they make the fund, the earliest group taking the cent.
    @Test("each set of groups' shares adds up to the fund", arguments: Path.allCases)
    func sharesAddUpToTheFund(path: Path) throws {
        let people = (0..<3).map { Person(id: "E\($0)", category: ["B", "C", "D"][$0], area: $0, score: 6) }
        let year = Year(people, staffFund: 100, areaResults: [.one, .one, .one])
        let statistics = try year.statistics(path)
        #expect(statistics.staffByCategory.map(\.allocated) == [34, 33, 33])
        #expect(statistics.staffByArea.map(\.allocated) == [34, 33, 33])
        #expect(statistics.staff.allocated == 100)
        #expect(statistics.staffByCategory.map(\.unpaid).reduce(0, +) == statistics.staff.unpaid)
    }

    @Test("largest remainders: floors, then a cent to the largest remainders, the earlier on a tie")
    func apportionment() {
        #expect(AllocationInput.apportioned([Ratio(1, 3), Ratio(1, 3), Ratio(1, 3)]) == [1, 0, 0])
        #expect(AllocationInput.apportioned([Ratio(11, 10), Ratio(27, 10), Ratio(62, 10)]) == [1, 3, 6])
        #expect(AllocationInput.apportioned([Ratio(5, 2), Ratio(7, 2)]) == [3, 3])
        #expect(AllocationInput.apportioned([]) == [])
    }

    /// The main body of StatisticsValuesTests has 3 managers and 8 + 8 other staff; one more Area of a single
    /// person makes a group of one.
    @Test("a group of fewer people than the minimum is withheld, and one more of its set", arguments: Path.allCases)
    func smallGroupsAreWithheld(path: Path) throws {
        let people = StatisticsValuesTests.people + [Person(id: "E17", category: "C", area: 2, score: 6)]
        let year = Year(people, staffFund: 102_000, managersFund: 30_000, areaResults: [.one, Ratio(4, 5), .one])
        let statistics = try year.statistics(path)
        let disclosure = statistics.disclosure(minimumGroupSize: 3)
        // AREA3 has one person; with AREA1 and AREA2 published, it would be the other staff minus them: the
        // smaller of the two (both 8: the earlier) goes too.
        #expect(disclosure.reason(.area("AREA3")) == .fewPeople)
        #expect(disclosure.reason(.area("AREA1")) == .derivable)
        #expect(disclosure.reason(.area("AREA2")) == nil)
        #expect(disclosure.reason(.staff) == nil)
        #expect(disclosure.reason(.managers) == nil)
        #expect(disclosure.reason(.category("C")) == nil)
        // Everything published with a minimum of 1.
        #expect(statistics.disclosure(minimumGroupSize: 1).groups.isEmpty)
    }

    /// A category of three in which two are not assessable: its mean, median and deviation would be the third person's
    /// score, and what it was paid that person's amount (not assessable and BASSA are paid nothing). Withheld, with
    /// another category's, which the other staff's figures would otherwise give back.
    @Test("figures of fewer assessable or paid people than the minimum are withheld", arguments: Path.allCases)
    func figuresOfFewAssessableOrPaidPeopleAreWithheld(path: Path) throws {
        let people = StatisticsValuesTests.people
            + [Person(id: "Z1", category: "Z", area: 0, score: 6), Person(id: "Z2", category: "Z", area: 0, score: nil),
               Person(id: "Z3", category: "Z", area: 0, score: nil)]
        let year = Year(people, staffFund: 102_000, managersFund: 30_000, areaResults: [.one, Ratio(4, 5)])
        let statistics = try year.statistics(path)
        let disclosure = statistics.disclosure(minimumGroupSize: 3)
        #expect(disclosure.reason(.category("Z")) == nil, "three people: their count and shares are published")
        #expect(disclosure.scoreFiguresReason(.category("Z")) == .fewAssessable)
        #expect(disclosure.paidReason(.category("Z")) == .fewPaid)
        let others = statistics.staffByCategory.map(\.group).filter { $0 != .category("Z") }
        #expect(others.contains { disclosure.scoreFiguresReason($0) == .derivable })
        #expect(others.contains { disclosure.paidReason($0) == .derivable })
        #expect(disclosure.scoreFiguresReason(.staff) == nil && disclosure.paidReason(.staff) == nil)
        #expect(statistics.disclosure(minimumGroupSize: 1).scoreFigures.isEmpty)
    }

    @Test("a bonus class of one or two people is withheld; a lone one in its set takes another with it", arguments: Path.allCases)
    func smallBonusClassesAreWithheld(path: Path) throws {
        let disclosure = try StatisticsValuesTests.year.statistics(path).disclosure(minimumGroupSize: 3)
        // Managers: SG 6, M1 6, M2 4. The group (3) is published; its score 6 (2), score 4 (1), ALTA (2), MEDIA (1)
        // each have fewer than 3.
        #expect(disclosure.reason(.managers) == nil)
        #expect(disclosure.reason(.score(6), of: .managers) == .fewPeople)
        #expect(disclosure.reason(.score(4), of: .managers) == .fewPeople)
        #expect(disclosure.reason(.band(.alta), of: .managers) == .fewPeople)
        #expect(disclosure.reason(.band(.media), of: .managers) == .fewPeople)
        // Other staff: score 6 has E01 alone; in ALTA with score 5 (4 people): ALTA − score 5 would give it back.
        #expect(disclosure.reason(.score(6), of: .staff) == .fewPeople)
        #expect(disclosure.reason(.score(5), of: .staff) == .derivable)
        #expect(disclosure.reason(.score(4), of: .staff) == nil)
        // ALTA (4) is published, but its maximum would be E01's own amount, the only 6: its extremes are withheld.
        #expect(disclosure.reason(.band(.alta), of: .staff) == nil)
        #expect(disclosure.extremesReason(.band(.alta), of: .staff) == .extremeOfWithheld)
        #expect(disclosure.extremesReason(.score(6), of: .staff) == .fewPeople)
    }

    /// Two at score 6, three at 5 (ALTA: five), ten in MEDIA, two not assessable. BASSA (the two) is withheld, and is
    /// paid nothing by rule: withholding it hides nothing, nor may ALTA stand as its pair, for the fund's total paid
    /// less scores 5, 4 and 3 would give back score 6's. Score 5 goes with score 6 instead, and ALTA is published.
    @Test("a class paid nothing by rule is no second withheld figure", arguments: Path.allCases)
    func classesPaidNothingHideNothing(path: Path) throws {
        let people = (1...2).map { Person(id: "S\($0)", category: "D", area: 0, score: 6) }
            + (1...3).map { Person(id: "F\($0)", category: "D", area: 0, score: 5) }
            + (1...6).map { Person(id: "Q\($0)", category: "C", area: 0, score: 4) }
            + (1...4).map { Person(id: "T\($0)", category: "C", area: 0, score: 3) }
            + (1...2).map { Person(id: "N\($0)", category: "C", area: 0, score: nil) }
        let disclosure = try Year(people, staffFund: 150_000).statistics(path).disclosure(minimumGroupSize: 3)
        #expect(disclosure.reason(.score(6), of: .staff) == .fewPeople)
        #expect(disclosure.reason(.notAssessable, of: .staff) == .fewPeople)
        #expect(disclosure.reason(.band(.bassa), of: .staff) == .fewPeople)
        #expect(disclosure.reason(.score(5), of: .staff) == .derivable)
        #expect(disclosure.reason(.band(.alta), of: .staff) == nil)
        #expect(disclosure.reason(.score(4), of: .staff) == nil && disclosure.reason(.score(3), of: .staff) == nil)
        // Every set of paid classes with a published total has no lone withheld figure.
        let paid: [StatisticsDisclosure.BonusClass] = (2...6).map { .score($0) }
        #expect(paid.filter { disclosure.reason($0, of: .staff) != nil }.count != 1)
    }

    /// Category C holds every score 5 and the lone score 3; D every score 4 and 2. Score 3's total is withheld, but C's pay
    /// less score 5's total (both published) would be that one person's. With a paid class withheld, no Area or category
    /// has its pay published; with only BASSA's withheld (paid nothing by rule), they keep it.
    @Test("a paid class withheld withholds what each Area and category was paid", arguments: Path.allCases)
    func aWithheldPaidClassWithholdsThePayOfAreasAndCategories(path: Path) throws {
        let people = (1...4).map { Person(id: "C\($0)", category: "C", area: 0, score: 5) }
            + [Person(id: "C5", category: "C", area: 0, score: 3)]
            + (1...3).map { Person(id: "D\($0)", category: "D", area: 0, score: 4) }
            + (4...6).map { Person(id: "D\($0)", category: "D", area: 0, score: 2) }
        let disclosure = try Year(people, staffFund: 120_000).statistics(path).disclosure(minimumGroupSize: 3)
        #expect(disclosure.reason(.score(3), of: .staff) == .fewPeople)
        #expect(disclosure.reason(.score(5), of: .staff) == nil)
        #expect(disclosure.paidReason(.category("C")) == .derivable)
        #expect(disclosure.paidReason(.category("D")) == .derivable)
        #expect(disclosure.paidReason(.area("AREA1")) == .derivable)
        #expect(disclosure.paidReason(.staff) == nil)

        let bassaOnly = (1...4).map { Person(id: "C\($0)", category: "C", area: 0, score: 5) }
            + [Person(id: "C5", category: "C", area: 0, score: nil)]
            + (1...3).map { Person(id: "D\($0)", category: "D", area: 0, score: 4) }
        let kept = try Year(bassaOnly, staffFund: 120_000).statistics(path).disclosure(minimumGroupSize: 3)
        #expect(kept.reason(.notAssessable, of: .staff) == .fewPeople)
        #expect(kept.paidReason(.category("C")) == nil && kept.paidReason(.category("D")) == nil)
    }

    /// Score 4 of the other staff is E03 (4,800), E10 and E13 (4,620 each): its total, minimum and maximum would give
    /// the third amount. A class keeps its extremes only with at least the minimum of people between them.
    @Test("a class's extremes are withheld when with its total they would give back fewer people's pay", arguments: Path.allCases)
    func extremesThatGiveBackTheRest(path: Path) throws {
        let statistics = try StatisticsValuesTests.year.statistics(path)
        #expect(statistics.staff.bonusByScore[4].count == 3)
        #expect(statistics.disclosure(minimumGroupSize: 3).reason(.score(4), of: .staff) == nil)
        #expect(statistics.disclosure(minimumGroupSize: 3).extremesReason(.score(4), of: .staff) == .extremesGiveTheRest)
        // A minimum of 1 publishes everything.
        #expect(statistics.disclosure(minimumGroupSize: 1).extremesReason(.score(4), of: .staff) == nil)

        // Five at score 5 (ALTA) keep their extremes, three between them; four at score 3 (MEDIA) do not, two between.
        let people = (1...5).map { Person(id: "E\($0)", category: "D", area: 0, score: 5) }
            + (6...9).map { Person(id: "E\($0)", category: "C", area: 0, score: 3) }
        let small = try Year(people, staffFund: 80_000).statistics(path)
        let disclosure = small.disclosure(minimumGroupSize: 3)
        #expect(disclosure.extremesReason(.score(5), of: .staff) == nil)
        #expect(disclosure.extremesReason(.band(.alta), of: .staff) == nil)
        #expect(disclosure.extremesReason(.score(3), of: .staff) == .extremesGiveTheRest)
        #expect(disclosure.extremesReason(.band(.media), of: .staff) == .extremesGiveTheRest)
        #expect(disclosure.reason(.band(.media), of: .staff) == nil)

        // MEDIA of six, three at score 4 and three at 3: enough people between its extremes, but its maximum is score
        // 4's, whose total would then give back the other two's pay. Withheld with score 4's.
        let media = (1...5).map { Person(id: "E\($0)", category: "D", area: 0, score: 5) }
            + (6...8).map { Person(id: "E\($0)", category: "C", area: 0, score: 4) }
            + (9...11).map { Person(id: "E\($0)", category: "C", area: 0, score: 3) }
        let six = try Year(media, staffFund: 110_000).statistics(path).disclosure(minimumGroupSize: 3)
        #expect(six.reason(.score(4), of: .staff) == nil)
        #expect(six.extremesReason(.score(4), of: .staff) == .extremesGiveTheRest)
        #expect(six.extremesReason(.band(.media), of: .staff) == .extremeOfWithheld)
        #expect(six.extremesReason(.band(.alta), of: .staff) == nil)
    }

    @Test("one withheld part of a set: the smallest other part, else the parent")
    func secondaryWithholding() {
        // A total always published (nil) of a 1 and two larger parts: the smaller of those goes too.
        let two = Withholding.solve(sizes: [("a", 1), ("b", 9), ("c", 5)], minimum: 3, sets: [(nil, ["a", "b", "c"])])
        #expect(two == ["a": .fewPeople, "c": .derivable])
        // The only other part heads a set of its own: the parent goes instead, not the part and all under it.
        let parent = Withholding.solve(sizes: [("all", 20), ("few", 2), ("many", 18), ("x", 9), ("y", 9)], minimum: 3,
                                       sets: [("all", ["few", "many"]), ("many", ["x", "y"])])
        #expect(parent == ["few": .fewPeople, "all": .derivable])
        // Two withheld already: nothing more.
        let both = Withholding.solve(sizes: [("a", 1), ("b", 2), ("c", 5)], minimum: 3, sets: [(nil, ["a", "b", "c"])])
        #expect(both == ["a": .fewPeople, "b": .fewPeople])
    }
}
