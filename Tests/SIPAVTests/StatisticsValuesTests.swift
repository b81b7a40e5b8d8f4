import Testing
@testable import SIPAV

/// Rules §4, differentiation statistics (transparency): the published figures themselves, on small bodies whose
/// every expected value is worked out by hand in the comments (FastPathTests only checks that two
/// implementations agree with each other).
///
/// Every test runs on both allocation paths (by class, on Ratios) and both statistics paths (by counting, person
/// by person). The comparison with the previous year is not in the core (`SIPAV`): it lives in `SIPAVReports`
/// (`PreviousYear.comparison`), which this test target does not import, so it is not tested here.
@Suite("Statistics: the published values (rules §4)")
struct StatisticsValuesTests {
    /// Which allocation and which statistics computation a case runs on.
    enum Path: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case countingOnClasses, personByPersonOnClasses, countingOnRatios, personByPersonOnRatios
        var testDescription: String { rawValue }
    }

    /// A year's body with its allocation input and its Areas (in plan order).
    struct Year {
        let people: [Person]
        let input: AllocationInput
        let areas: [Area]

        init(_ people: [Person], staffFund: Int64, managersFund: Int64 = 0, ente: Ratio = .one, areaResults: [Ratio] = [.one]) {
            let body = records(people)
            self.people = people
            input = AllocationInput(records: body, scores: body.finalScores(settings: IndividualSettings()),
                                    organisation: organisation(ente: ente, areas: areaResults),
                                    fund: fund(staff: staffFund, managers: managersFund))
            areas = areaResults.indices.map { Area(id: "AREA\($0 + 1)", name: "Area \($0 + 1)", manager: nil) }
        }

        func statistics(_ path: Path, settings: FundSettings = FundSettings()) throws -> DifferentiationStatistics {
            let allocation: Allocation
            switch path {
            case .countingOnClasses, .personByPersonOnClasses:
                allocation = try input.allocate(settings: settings)
            case .countingOnRatios, .personByPersonOnRatios:
                allocation = Allocation(staff: input.allocateWithRatios(.staff, settings: settings),
                                        managers: input.allocateWithRatios(.managers, settings: settings))
            }
            switch path {
            case .countingOnClasses, .countingOnRatios:
                return try #require(input.statisticsByCounting(allocation, areas: areas))
            case .personByPersonOnClasses, .personByPersonOnRatios:
                return input.statisticsPersonByPerson(allocation, areas: areas)
            }
        }
    }

    /// A published percentage: `count` of the group's whole population, to one decimal, half-up.
    static func percent(_ group: GroupStatistics, _ count: Int) -> String {
        DecimalText.format(group.share(count) * Ratio(100), digits: 1)
    }

    static func figures(_ count: Int, _ total: Int64, _ minimum: Int64?, _ maximum: Int64?) -> BonusFigures {
        BonusFigures(count: count, total: total, minimum: minimum, maximum: maximum)
    }

    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-12
    }

    // MARK: - The main body

    /// 3 managers and 16 other staff in two Areas (results 100 % and 80 %) and two categories (D, C).
    ///
    /// Staff fund € 960.00 = 96,000 cents over 16 equal shares (category parameter 1, full time, 12 months):
    /// 6,000 cents each. Ente result 100 %. A staff amount (band MEDIA or ALTA) is
    /// share × (60 % × score/6 [6 → 100 %] + 25 % × ente + 15 % × Area):
    ///   AREA1 (100 %): 6,000 × (0.1 × score + 0.40): 6 → 6,000; 5 → 5,400; 4 → 4,800; 3 → 4,200; 2 → 3,600
    ///   AREA2 (80 %):  6,000 × (0.1 × score + 0.37): 6 → 5,820; 5 → 5,220; 4 → 4,620; 3 → 4,020; 2 → 3,420
    /// Band BASSA (0, 1) and not assessable (nil): 0. Every amount is a whole number of cents: no remainder.
    ///
    /// Managers' fund € 300.00 = 30,000 cents over 3 shares of 10,000; a manager gets
    /// share × (80 % × coefficient + 20 % × ente): a 6 → 10,000; a 4 → 10,000 × (0.8 × 4/6 + 0.2) = 10,000 × 11/15
    /// = 7,333.33… → 7,333 (paid = 27,333.33… rounded half-up = 27,333 = the sum of the floors: no cent left over).
    static let people: [Person] = [
        .manager("SG", score: 6, secretary: true),   // 10,000
        .manager("M1", score: 6, area: 0),           // 10,000
        .manager("M2", score: 4, area: 1),           //  7,333
        Person(id: "E01", category: "D", area: 0, score: 6),     // 6,000
        Person(id: "E02", category: "D", area: 0, score: 5),     // 5,400
        Person(id: "E03", category: "D", area: 0, score: 4),     // 4,800
        Person(id: "E04", category: "D", area: 0, score: 3),     // 4,200
        Person(id: "E05", category: "C", area: 0, score: 5),     // 5,400
        Person(id: "E06", category: "C", area: 0, score: 2),     // 3,600
        Person(id: "E07", category: "C", area: 0, score: 0),     //     0
        Person(id: "E08", category: "C", area: 0, score: nil),   //     0 (not assessable)
        Person(id: "E09", category: "D", area: 1, score: 5),     // 5,220
        Person(id: "E10", category: "D", area: 1, score: 4),     // 4,620
        Person(id: "E11", category: "D", area: 1, score: 1),     //     0
        Person(id: "E12", category: "D", area: 1, score: nil),   //     0 (not assessable)
        Person(id: "E13", category: "C", area: 1, score: 4),     // 4,620
        Person(id: "E14", category: "C", area: 1, score: 3),     // 4,020
        Person(id: "E15", category: "C", area: 1, score: 3),     // 4,020
        Person(id: "E16", category: "C", area: 1, score: 2),     // 3,420
    ]

    static let year = Year(people, staffFund: 96_000, managersFund: 30_000, areaResults: [.one, Ratio(4, 5)])

    // MARK: - Counts and percentages

    @Test("other staff: count and percentage at each score 0…6, not assessable apart, per band", arguments: Path.allCases)
    func staffDistribution(path: Path) throws {
        let staff = try Self.year.statistics(path).staff
        #expect(staff.group == .staff)
        // 16 other staff; managers are not among them.
        #expect(staff.population == 16)
        // Score 0: E07; 1: E11; 2: E06, E16; 3: E04, E14, E15; 4: E03, E10, E13; 5: E02, E05, E09; 6: E01.
        #expect(staff.scoreCounts == [1, 1, 2, 3, 3, 3, 1])
        #expect(staff.notAssessable == 2)   // E08, E12
        // BASSA = scores 0, 1 + not assessable = 1 + 1 + 2 = 4; MEDIA = 2 + 3 + 3 = 8; ALTA = 3 + 1 = 4.
        #expect(staff.bandCounts == [4, 8, 4])
        #expect(Band.allCases == [.bassa, .media, .alta])
        // Percentages of the whole population (16, the not assessable included), one decimal, half-up:
        // 1/16 = 6.25 % → 6.3 (half-up; half-even would give 6.2); 2/16 = 12.5 % exactly → 12.5;
        // 3/16 = 18.75 % → 18.8; 4/16 = 25 %; 8/16 = 50 %.
        #expect(staff.share(1) == Ratio(1, 16))
        #expect((0...6).map { Self.percent(staff, staff.scoreCounts[$0]) }
                == ["6.3", "6.3", "12.5", "18.8", "18.8", "18.8", "6.3"])
        #expect(Self.percent(staff, staff.notAssessable) == "12.5")
        #expect(staff.bandCounts.map { Self.percent(staff, $0) } == ["25.0", "50.0", "25.0"])
    }

    @Test("managers: count and percentage at each score and band, apart from the other staff", arguments: Path.allCases)
    func managersDistribution(path: Path) throws {
        let managers = try Self.year.statistics(path).managers
        #expect(managers.group == .managers)
        #expect(managers.population == 3)   // SG, M1, M2
        #expect(managers.scoreCounts == [0, 0, 0, 0, 1, 0, 2])
        #expect(managers.notAssessable == 0)
        #expect(managers.bandCounts == [0, 1, 2])
        // 2/3 = 66.666… % → 66.7; 1/3 = 33.333… % → 33.3; 0 → 0.0.
        #expect((0...6).map { Self.percent(managers, managers.scoreCounts[$0]) }
                == ["0.0", "0.0", "0.0", "0.0", "33.3", "0.0", "66.7"])
        #expect(managers.bandCounts.map { Self.percent(managers, $0) } == ["0.0", "33.3", "66.7"])
    }

    @Test("one decimal, half-up, on exact halves and repeating decimals")
    func percentRounding() {
        // The published form of a share: ×100, one decimal, half-up.
        #expect(DecimalText.format(Ratio(1, 8) * Ratio(100), digits: 1) == "12.5")    // exactly 12.5
        #expect(DecimalText.format(Ratio(1, 16) * Ratio(100), digits: 1) == "6.3")    // 6.25 → 6.3
        #expect(DecimalText.format(Ratio(3, 16) * Ratio(100), digits: 1) == "18.8")   // 18.75 → 18.8
        #expect(DecimalText.format(Ratio(2, 3) * Ratio(100), digits: 1) == "66.7")    // 66.666…
        #expect(DecimalText.format(Ratio(1, 3) * Ratio(100), digits: 1) == "33.3")    // 33.333…
        #expect(DecimalText.format(Ratio(1, 40) * Ratio(100), digits: 1) == "2.5")    // exactly 2.5
        #expect(DecimalText.format(Ratio(1, 80) * Ratio(100), digits: 1) == "1.3")    // 1.25 → 1.3
    }

    // MARK: - Mean, median, standard deviation without the not assessable

    @Test("mean, median and population standard deviation leave the not assessable out", arguments: Path.allCases)
    func scoreSummary(path: Path) throws {
        let statistics = try Self.year.statistics(path)
        let staff = statistics.staff
        // The 14 assessable other staff, ascending: 0, 1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6.
        // Sum 47 → mean 47/14 (with the 2 not assessable as 0: 47/16).
        #expect(staff.meanScore == Ratio(47, 14))
        // Median of 14: (7th + 8th) / 2 = (3 + 4) / 2 = 7/2 (with two more at 0 or below, 16 values:
        // (8th + 9th) / 2 = (3 + 3) / 2 = 3).
        #expect(staff.medianScore == Ratio(7, 2))
        // Σx² = 0 + 1 + 4·2 + 9·3 + 16·3 + 25·3 + 36 = 195; variance = 195/14 − (47/14)² = (2730 − 2209)/196 = 521/196;
        // σ = √521 / 14 ≈ 1.6304. (With the not assessable as 0: 195/16 − (47/16)² = 911/256, σ ≈ 1.886; the sample
        // deviation, ÷13, would be √(521/182) ≈ 1.692.)
        #expect(Self.close(staff.standardDeviation, (521.0).squareRoot() / 14))

        // Managers 6, 6, 4: mean 16/3; median 6; deviations 2/3, 2/3, −4/3 → variance (4 + 4 + 16)/9/3 = 8/9, σ = √8/3.
        let managers = statistics.managers
        #expect(managers.meanScore == Ratio(16, 3))
        #expect(managers.medianScore == Ratio(6))
        #expect(Self.close(managers.standardDeviation, (8.0).squareRoot() / 3))
    }

    @Test("the not assessable: counted in BASSA, shown apart, out of mean, median and deviation", arguments: Path.allCases)
    func notAssessable(path: Path) throws {
        // Two 6s and two not assessable; fund 40,000 → shares of 10,000: 10,000, 10,000, 0, 0.
        let year = Year([Person(id: "E1", score: 6), Person(id: "E2", score: 6),
                         Person(id: "E3", score: nil), Person(id: "E4", score: nil)], staffFund: 40_000)
        let staff = try year.statistics(path).staff
        #expect(staff.population == 4)
        #expect(staff.scoreCounts == [0, 0, 0, 0, 0, 0, 2])   // nobody at score 0: they are not scored
        #expect(staff.notAssessable == 2)
        #expect(staff.bandCounts == [2, 0, 2])
        #expect(Self.percent(staff, staff.notAssessable) == "50.0")
        #expect(Self.percent(staff, staff.bandCounts[0]) == "50.0")
        // Over 6, 6 only: mean 6, median 6, σ 0 (with the two counted as 0: 3, 3 and 3).
        #expect(staff.meanScore == Ratio(6))
        #expect(staff.medianScore == Ratio(6))
        #expect(staff.standardDeviation == 0)
        // Their bonus: nothing, shown apart and inside BASSA.
        #expect(staff.bonusNotAssessable == Self.figures(2, 0, 0, 0))
        #expect(staff.bonusByBand[0] == Self.figures(2, 0, 0, 0))
        #expect(staff.bonusByScore[0] == Self.figures(0, 0, nil, nil))
    }

    @Test("no one assessable: no mean, median or deviation, but still counted", arguments: Path.allCases)
    func nobodyAssessable(path: Path) throws {
        let year = Year([Person(id: "E1", score: nil), Person(id: "E2", score: nil)], staffFund: 10_000)
        let staff = try year.statistics(path).staff
        #expect(staff.population == 2)
        #expect(staff.notAssessable == 2)
        #expect(staff.bandCounts == [2, 0, 0])
        #expect(staff.meanScore == nil)
        #expect(staff.medianScore == nil)
        #expect(staff.standardDeviation == nil)
    }

    // MARK: - Funds

    @Test("the fund allocated, the amount paid and the residual", arguments: Path.allCases)
    func funds(path: Path) throws {
        let statistics = try Self.year.statistics(path)
        // Staff: allocated 16 × 6,000 = 96,000. Paid: AREA1 6,000 + 5,400 + 4,800 + 4,200 + 5,400 + 3,600 = 29,400;
        // AREA2 5,220 + 4,620 + 4,620 + 4,020 + 4,020 + 3,420 = 25,920; together 55,320. Residual 40,680.
        #expect(statistics.staff.allocated == 96_000)
        #expect(statistics.staff.paid == 55_320)
        #expect(statistics.staff.unpaid == 40_680)
        #expect(statistics.allocation.staff.fund == Cents(96_000))
        #expect(statistics.allocation.staff.paid == Cents(55_320))
        #expect(statistics.allocation.staff.residual == Cents(40_680))
        // Managers: allocated 30,000; paid 10,000 + 10,000 + 7,333 = 27,333; residual 2,667.
        #expect(statistics.managers.allocated == 30_000)
        #expect(statistics.managers.paid == 27_333)
        #expect(statistics.managers.unpaid == 2_667)
        #expect(statistics.allocation.managers.residual == Cents(2_667))
        // Everyone: 126,000 allocated, 82,653 paid, 43,347 not paid; 19 people.
        #expect(statistics.everyone.population == 19)
        #expect(statistics.everyone.allocated == 126_000)
        #expect(statistics.everyone.paid == 82_653)
        #expect(statistics.everyone.unpaid == 43_347)
    }

    @Test("under redistribute the amount paid is the whole fund and nothing is left", arguments: Path.allCases)
    func fundsRedistributed(path: Path) throws {
        var settings = FundSettings()
        settings.residual = .redistribute
        settings.redistributionCapOfShare = .one
        // Shares 5,000 each; a 6 earns 5,000, a 4 earns 4,000; the 1,000 not earned goes back to E2 (cap 5,000).
        let year = Year([Person(id: "E1", score: 6), Person(id: "E2", score: 4)], staffFund: 10_000)
        let staff = try year.statistics(path, settings: settings).staff
        #expect(staff.allocated == 10_000)
        #expect(staff.paid == 10_000)
        #expect(staff.unpaid == 0)
        #expect(staff.bonusByScore[4] == Self.figures(1, 5_000, 5_000, 5_000))
        #expect(staff.gini == .zero)   // 5,000 and 5,000: all equal
    }

    // MARK: - Bonus figures

    @Test("bonus figures per score and per band, in cents: count, total, mean, minimum, maximum", arguments: Path.allCases)
    func bonusFigures(path: Path) throws {
        let statistics = try Self.year.statistics(path)
        let staff = statistics.staff
        #expect(staff.bonusByScore == [
            Self.figures(1, 0, 0, 0),                 // 0: E07
            Self.figures(1, 0, 0, 0),                 // 1: E11
            Self.figures(2, 7_020, 3_420, 3_600),     // 2: 3,600 + 3,420
            Self.figures(3, 12_240, 4_020, 4_200),    // 3: 4,200 + 4,020 + 4,020
            Self.figures(3, 14_040, 4_620, 4_800),    // 4: 4,800 + 4,620 + 4,620
            Self.figures(3, 16_020, 5_220, 5_400),    // 5: 5,400 + 5,400 + 5,220
            Self.figures(1, 6_000, 6_000, 6_000),     // 6: E01
        ])
        #expect(staff.bonusByScore.map(\.mean) == [Ratio(0), Ratio(0), Ratio(3_510), Ratio(4_080), Ratio(4_680),
                                                    Ratio(5_340), Ratio(6_000)])
        #expect(staff.bonusNotAssessable == Self.figures(2, 0, 0, 0))
        // BASSA: E07, E08, E11, E12, all 0. MEDIA: 7,020 + 12,240 + 14,040 = 33,300 over 8 → mean 4,162.5 = 8,325/2.
        // ALTA: 16,020 + 6,000 = 22,020 over 4 → 5,505. 0 + 33,300 + 22,020 = 55,320, the amount paid.
        #expect(staff.bonusByBand == [
            Self.figures(4, 0, 0, 0),
            Self.figures(8, 33_300, 3_420, 4_800),
            Self.figures(4, 22_020, 5_220, 6_000),
        ])
        #expect(staff.bonusByBand.map(\.mean) == [Ratio(0), Ratio(8_325, 2), Ratio(5_505)])

        // Managers: 4 → 7,333; 6 → 10,000 twice; no one elsewhere (no minimum, maximum or mean).
        let managers = statistics.managers
        let none = Self.figures(0, 0, nil, nil)
        #expect(managers.bonusByScore == [none, none, none, none, Self.figures(1, 7_333, 7_333, 7_333), none,
                                          Self.figures(2, 20_000, 10_000, 10_000)])
        #expect(managers.bonusByBand == [none, Self.figures(1, 7_333, 7_333, 7_333), Self.figures(2, 20_000, 10_000, 10_000)])
        #expect(managers.bonusByBand.map(\.mean) == [nil, Ratio(7_333), Ratio(10_000)])
        #expect(managers.bonusNotAssessable == none)
    }

    @Test("bonus figures are the cents paid, after the largest remainders: an exact mean", arguments: Path.allCases)
    func bonusFiguresInExactCents(path: Path) throws {
        // Three managers at 4, fund 30,000: each exact amount is 10,000 × 11/15 = 22,000/3 = 7,333.33…; paid
        // 22,000 exactly; the floors make 21,999 and the one cent left goes to the first id on the tie (M1).
        let year = Year([.manager("M1", score: 4), .manager("M2", score: 4), .manager("M3", score: 4)],
                        staffFund: 0, managersFund: 30_000)
        let managers = try year.statistics(path).managers
        #expect(managers.bonusByScore[4] == Self.figures(3, 22_000, 7_333, 7_334))
        #expect(managers.bonusByScore[4].mean == Ratio(22_000, 3))
        #expect(managers.bonusByBand[1] == Self.figures(3, 22_000, 7_333, 7_334))
        #expect(managers.paid == 22_000)
        #expect(managers.unpaid == 8_000)
        // Gini of 7,333, 7,333, 7,334: Σ|xi − xj| over ordered pairs = 2 × (1 + 1 + 0) = 4;
        // 4 / (2 × 3 × 22,000) = 1/33,000.
        #expect(managers.gini == Ratio(1, 33_000))
    }

    // MARK: - Gini

    /// The code computes, amounts sorted ascending and i from 1, G = 2 Σ i·x_i / (n Σx) − (n + 1)/n. The
    /// standard (population) Gini index is the mean absolute difference over twice the mean,
    /// G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄) = Σ_i Σ_j |x_i − x_j| / (2 n Σx); for sorted amounts
    /// Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n − 1) x_i, which gives the code's formula: the same index, with no
    /// n/(n − 1) correction. The expected values below come from the pairwise differences.
    @Test("Gini index over every person's amount, zeros included", arguments: Path.allCases)
    func gini(path: Path) throws {
        let statistics = try Self.year.statistics(path)
        // Staff, 16 amounts ascending: 0, 0, 0, 0, 3,420, 3,600, 4,020, 4,020, 4,200, 4,620, 4,620, 4,800, 5,220,
        // 5,400, 5,400, 6,000 (Σ = 55,320). Σ_i (2i − 17) x_i (the zeros weigh nothing):
        // −7·3,420 − 5·3,600 − 3·4,020 − 1·4,020 + 1·4,200 + 3·4,620 + 5·4,620 + 7·4,800 + 9·5,220 + 11·5,400
        // + 13·5,400 + 15·6,000 = −58,020 + 341,340 = 283,320; Σ|xi − xj| = 566,640;
        // G = 566,640 / (2 × 16 × 55,320) = 283,320 / 885,120 = 2,361/7,376 ≈ 0.3201.
        // (Without the four zeros, over the 12 paid only, it would be much lower.)
        #expect(statistics.staff.gini == Ratio(2_361, 7_376))
        // Managers 7,333, 10,000, 10,000: Σ|xi − xj| = 2 × (2,667 + 2,667 + 0) = 10,668;
        // G = 10,668 / (2 × 3 × 27,333) = 1,778/27,333.
        #expect(statistics.managers.gini == Ratio(10_668, 163_998))
        #expect(statistics.managers.gini == Ratio(1_778, 27_333))
    }

    @Test("Gini: one paid and one at zero is 1/2; all equal is 0", arguments: Path.allCases)
    func giniSmall(path: Path) throws {
        // 5,000 and 0: Σ|xi − xj| = 2 × 5,000; G = 10,000 / (2 × 2 × 5,000) = 1/2 (leaving the zero out: 0).
        let unequal = Year([Person(id: "E1", score: 6), Person(id: "E2", score: 1)], staffFund: 10_000)
        #expect(try unequal.statistics(path).staff.gini == Ratio(1, 2))
        // Two 6s and two not assessable: 10,000, 10,000, 0, 0: Σ|xi − xj| = 2 × 4 × 10,000 = 80,000;
        // G = 80,000 / (2 × 4 × 20,000) = 1/2.
        let withNotAssessable = Year([Person(id: "E1", score: 6), Person(id: "E2", score: 6),
                                      Person(id: "E3", score: nil), Person(id: "E4", score: nil)], staffFund: 40_000)
        #expect(try withNotAssessable.statistics(path).staff.gini == Ratio(1, 2))
        // Three 6s: 10,000 each: 0.
        let equal = Year([Person(id: "E1", score: 6), Person(id: "E2", score: 6), Person(id: "E3", score: 6)],
                         staffFund: 30_000)
        #expect(try equal.statistics(path).staff.gini == .zero)
    }

    // MARK: - Breakdowns

    @Test("per-Area breakdown of the other staff", arguments: Path.allCases)
    func byArea(path: Path) throws {
        let areas = try Self.year.statistics(path).staffByArea
        #expect(areas.map(\.group) == [.area("AREA1"), .area("AREA2")])
        guard areas.count == 2 else { return }
        let (first, second) = (areas[0], areas[1])

        // AREA1: E01…E08, scores 6, 5, 4, 3, 5, 2, 0, n/a (managers M1 and the SG are not other staff).
        #expect(first.population == 8)
        #expect(first.scoreCounts == [1, 0, 1, 1, 1, 2, 1])
        #expect(first.notAssessable == 1)
        #expect(first.bandCounts == [2, 3, 3])
        #expect(Self.percent(first, first.scoreCounts[5]) == "25.0")   // 2/8
        #expect(Self.percent(first, first.scoreCounts[6]) == "12.5")   // 1/8
        // 7 assessable: sum 25 → mean 25/7; sorted 0, 2, 3, 4, 5, 5, 6 → median 4;
        // Σx² = 36 + 25 + 16 + 9 + 25 + 4 = 115; variance 115/7 − 625/49 = 180/49 → σ = √180 / 7.
        #expect(first.meanScore == Ratio(25, 7))
        #expect(first.medianScore == Ratio(4))
        #expect(Self.close(first.standardDeviation, (180.0).squareRoot() / 7))
        #expect(first.allocated == 48_000)
        #expect(first.paid == 29_400)
        #expect(first.unpaid == 18_600)
        #expect(first.bonusByBand == [Self.figures(2, 0, 0, 0), Self.figures(3, 12_600, 3_600, 4_800),
                                      Self.figures(3, 16_800, 5_400, 6_000)])
        #expect(first.bonusByScore[5] == Self.figures(2, 10_800, 5_400, 5_400))
        // Ascending 0, 0, 3,600, 4,200, 4,800, 5,400, 5,400, 6,000; Σ (2i − 9) x_i = −3·3,600 − 4,200 + 4,800
        // + 3·5,400 + 5·5,400 + 7·6,000 = 75,000; G = 150,000 / (2 × 8 × 29,400) = 125/392.
        #expect(first.gini == Ratio(125, 392))

        // AREA2 (result 80 %): E09…E16, scores 5, 4, 1, n/a, 4, 3, 3, 2.
        #expect(second.population == 8)
        #expect(second.scoreCounts == [0, 1, 1, 2, 2, 1, 0])
        #expect(second.notAssessable == 1)
        #expect(second.bandCounts == [2, 5, 1])
        #expect(Self.percent(second, second.bandCounts[1]) == "62.5")   // 5/8
        // Sum 22 → mean 22/7; sorted 1, 2, 3, 3, 4, 4, 5 → median 3; Σx² = 80; variance 80/7 − 484/49 = 76/49.
        #expect(second.meanScore == Ratio(22, 7))
        #expect(second.medianScore == Ratio(3))
        #expect(Self.close(second.standardDeviation, (76.0).squareRoot() / 7))
        #expect(second.allocated == 48_000)
        #expect(second.paid == 25_920)
        #expect(second.bonusByBand == [Self.figures(2, 0, 0, 0), Self.figures(5, 20_700, 3_420, 4_620),
                                       Self.figures(1, 5_220, 5_220, 5_220)])
        #expect(second.bonusByBand[1].mean == Ratio(4_140))
        // Ascending 0, 0, 3,420, 4,020, 4,020, 4,620, 4,620, 5,220: Σ (2i − 9) x_i = −3·3,420 − 4,020 + 4,020
        // + 3·4,620 + 5·4,620 + 7·5,220 = 63,240; G = 126,480 / (2 × 8 × 25,920) = 527/1,728.
        #expect(second.gini == Ratio(527, 1_728))
    }

    @Test("per-category breakdown of the other staff, categories in alphabetical order", arguments: Path.allCases)
    func byCategory(path: Path) throws {
        let categories = try Self.year.statistics(path).staffByCategory
        // DIR (the managers' category) is not among the other staff's categories.
        #expect(categories.map(\.group) == [.category("C"), .category("D")])
        guard categories.count == 2 else { return }
        let (c, d) = (categories[0], categories[1])

        // C: E05 5, E06 2, E07 0, E08 n/a, E13 4, E14 3, E15 3, E16 2.
        #expect(c.population == 8)
        #expect(c.scoreCounts == [1, 0, 2, 2, 1, 1, 0])
        #expect(c.notAssessable == 1)
        #expect(c.bandCounts == [2, 5, 1])
        // Sum 19 → 19/7; sorted 0, 2, 2, 3, 3, 4, 5 → median 3; Σx² = 67; variance 67/7 − 361/49 = 108/49.
        #expect(c.meanScore == Ratio(19, 7))
        #expect(c.medianScore == Ratio(3))
        #expect(Self.close(c.standardDeviation, (108.0).squareRoot() / 7))
        #expect(c.allocated == 48_000)
        #expect(c.paid == 25_080)   // 5,400 + 3,600 + 4,620 + 4,020 + 4,020 + 3,420
        #expect(c.bonusByBand == [Self.figures(2, 0, 0, 0), Self.figures(5, 19_680, 3_420, 4_620),
                                  Self.figures(1, 5_400, 5_400, 5_400)])
        #expect(c.bonusByBand[1].mean == Ratio(3_936))

        // D: E01 6, E02 5, E03 4, E04 3, E09 5, E10 4, E11 1, E12 n/a.
        #expect(d.population == 8)
        #expect(d.scoreCounts == [0, 1, 0, 1, 2, 2, 1])
        #expect(d.notAssessable == 1)
        #expect(d.bandCounts == [2, 3, 3])
        // 1 of 8 = 12.5 % exactly; 2 of 8 = 25.0 %.
        #expect(Self.percent(d, d.scoreCounts[6]) == "12.5")
        #expect(Self.percent(d, d.scoreCounts[1]) == "12.5")
        #expect(Self.percent(d, d.scoreCounts[5]) == "25.0")
        #expect(Self.percent(d, d.notAssessable) == "12.5")
        // Sum 28 → mean 4; sorted 1, 3, 4, 4, 5, 5, 6 → median 4; Σx² = 128; variance 128/7 − 16 = 16/7 → σ = 4/√7.
        #expect(d.meanScore == Ratio(4))
        #expect(d.medianScore == Ratio(4))
        #expect(Self.close(d.standardDeviation, 4 / (7.0).squareRoot()))
        #expect(d.allocated == 48_000)
        #expect(d.paid == 30_240)   // 6,000 + 5,400 + 4,800 + 4,200 + 5,220 + 4,620
        #expect(d.bonusByBand == [Self.figures(2, 0, 0, 0), Self.figures(3, 13_620, 4_200, 4_800),
                                  Self.figures(3, 16_620, 5_220, 6_000)])
        #expect(d.bonusByBand[2].mean == Ratio(5_540))
    }
}
