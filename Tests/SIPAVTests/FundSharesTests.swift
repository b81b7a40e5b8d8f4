import Testing
@testable import SIPAV

/// Rules §3, shares: the fund is divided into theoretical shares in proportion to
/// category parameter × part-time fraction × months of service / 12, before the ratings.
@Suite("Fund: theoretical shares")
struct FundSharesTests {
    static let people = [
        Person(id: "E1", category: "D", score: 6),                     // 1.2 × 1 × 12/12 = 1.2
        Person(id: "E2", category: "C", partTime: 5_000, score: 6),    // 1.0 × ½ × 12/12 = 0.5
        Person(id: "E3", category: "B", months: 6, score: 6),          // 0.8 × 1 × 6/12 = 0.4
    ]

    static func settings() -> FundSettings {
        var s = FundSettings()
        s.categoryParameters = ["D": Ratio(12, 10), "C": .one, "B": Ratio(8, 10), "DIR": .one]
        return s
    }

    @Test("shares are proportional to category parameter × part time × months")
    func proportional() throws {
        // Fund € 2,100.00; weights 1.2 + 0.5 + 0.4 = 2.1.
        let staff = try allocate(Self.people, staffFund: 210_000, settings: Self.settings()).staff
        #expect(staff.people.map(\.shareWeight) == [Ratio(12, 10), Ratio(1, 2), Ratio(4, 10)])
        #expect(staff.people.map(\.share) == [Ratio(120_000), Ratio(50_000), Ratio(40_000)])
        // Everyone scored 6 and every result is 100 %: each is paid the whole share, nothing is left.
        #expect(staff.people.map(\.cents) == [120_000, 50_000, 40_000])
        #expect(staff.paid == Cents(210_000))
        #expect(staff.residual == .zero)
    }

    @Test("each factor of the share can be switched off", arguments: [
        (false, true, [Ratio(12, 10), Ratio(1), Ratio(4, 10)]),
        (true, false, [Ratio(12, 10), Ratio(1, 2), Ratio(8, 10)]),
        (false, false, [Ratio(12, 10), Ratio(1), Ratio(8, 10)]),
    ])
    func factorsOff(partTime: Bool, months: Bool, weights: [Ratio]) throws {
        var settings = Self.settings()
        settings.sharesFollowPartTime = partTime
        settings.sharesFollowMonthsOfService = months
        let staff = try allocate(Self.people, staffFund: 210_000, settings: settings).staff
        #expect(staff.people.map(\.shareWeight) == weights)
        let total = weights.reduce(Ratio.zero, +)
        let shares = weights.map { Ratio(210_000) * $0 / total }
        #expect(staff.people.map(\.share) == shares)
    }

    @Test("a category the settings do not list weighs 1.0; a listed one weighs its own parameter")
    func defaultParameters() {
        #expect(FundSettings().categoryParameters.isEmpty)
        for category in ["DIR", "D", "C", "B", "A", "Funzionari e Elevate Qualificazioni"] {
            #expect(FundSettings().parameter(ofCategory: category) == .one, "\(category)")
        }
        var settings = FundSettings()
        settings.categoryParameters = ["D": Ratio(12, 10)]
        #expect(settings.parameter(ofCategory: "D") == Ratio(12, 10))
        #expect(settings.parameter(ofCategory: "C") == .one)
    }

    /// A (not in any settings), C, a category of the 2022 contract, and D, which the second settings weigh 1.2.
    static let mixedCategories = [
        Person(id: "E1", category: "A", score: 6),
        Person(id: "E2", category: "C", score: 6),
        Person(id: "E3", category: "Funzionari e Elevate Qualificazioni", partTime: 5_000, score: 6),
        Person(id: "E4", category: "D", months: 6, score: 6),
    ]

    @Test("a category without a parameter weighs 1.0, on the 128-bit path and on the exact path", arguments: [
        ([:], [Ratio(1), Ratio(1), Ratio(1, 2), Ratio(1, 2)]),
        (["D": Ratio(12, 10)], [Ratio(1), Ratio(1), Ratio(1, 2), Ratio(6, 10)]),
    ])
    func unlistedCategory(parameters: [String: Ratio], weights: [Ratio]) throws {
        var settings = FundSettings()
        settings.categoryParameters = parameters
        let body = records(Self.mixedCategories)
        let input = AllocationInput(records: body, scores: body.finalScores(settings: IndividualSettings()),
                                    organisation: organisation(ente: .one, areas: [.one]), fund: fund(staff: 300_000))
        let byClass = try #require(input.allocateByClass(.staff, settings: settings))
        let total = weights.reduce(Ratio.zero, +)
        for staff in [byClass, input.allocateWithRatios(.staff, settings: settings)] {
            #expect(staff.people.map(\.shareWeight) == weights)
            #expect(staff.people.map(\.share) == weights.map { Ratio(300_000) * $0 / total })
            #expect(staff.paid == Cents(300_000))
        }
        // A and C: the same part time and months, the same share.
        #expect(byClass.people[0].share == byClass.people[1].share)
    }

    @Test("shares are set before the ratings: BASSA and not assessable keep their share and are paid nothing")
    func sharesBeforeRatings() throws {
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 1), Person(id: "E3", score: nil)]
        let staff = try allocate(people, staffFund: 300_000).staff
        #expect(staff.people.map(\.share) == [Ratio(100_000), Ratio(100_000), Ratio(100_000)])
        #expect(staff.people.map(\.cents) == [100_000, 0, 0])
        #expect(staff.residual == Cents(200_000), "what a person does not earn is not handed to others under keep")
    }

    @Test("each fund has its own population: managers and the SG in one, the other staff in the other")
    func populations() throws {
        let people = [
            Person.manager("SG", score: 6, secretary: true),
            Person(id: "E1", score: 6),
            Person.manager("D1", score: 6),
            Person(id: "E2", score: 6),
        ]
        let allocation = try allocate(people, staffFund: 200_000, managersFund: 50_000)
        #expect(allocation.staff.people.map(\.person) == [1, 3])
        #expect(allocation.managers.people.map(\.person) == [0, 2])
        #expect(allocation.staff.people.map(\.cents) == [100_000, 100_000])
        #expect(allocation.managers.people.map(\.cents) == [25_000, 25_000])
        #expect(allocation.fund(.managers).fund == Cents(50_000))
    }

    @Test("a person with no months of service has no share")
    func noMonths() throws {
        let people = [Person(id: "E1", score: 6), Person(id: "E2", months: 0, score: 6)]
        let staff = try allocate(people, staffFund: 100_000).staff
        #expect(staff.people.map(\.share) == [Ratio(100_000), .zero])
        #expect(staff.people.map(\.cents) == [100_000, 0])
    }

    @Test("fund lines of the same fund add up: the budget plus savings from other accessory pay")
    func fundLines() {
        let fund = Fund(year: 2019, lines: [
            FundLine(fund: .staff, description: "fondo risorse decentrate", amount: Cents(73_431_244)),
            FundLine(fund: .staff, description: "economie da altri istituti", amount: Cents(1_000_000), reference: "Det. 12/2020"),
            FundLine(fund: .managers, description: "retribuzione di risultato", amount: Cents(7_898_025)),
        ])
        #expect(fund.total(.staff) == Cents(74_431_244))
        #expect(fund.total(.managers) == Cents(7_898_025))
    }
}
