import Testing
@testable import SIPAV

/// Rules §3, components: managers 80 % × coefficient + 20 % × ente result; other staff
/// 60 % × coefficient + 25 % × ente result + 15 % × own Area's result; band BASSA gets nothing.
@Suite("Fund: components of a share")
struct FundComponentsTests {
    @Test("the individual coefficient: 0 and 1 → 0, 2…5 → score / 6, 6 → 100 %", arguments: [
        (0, Ratio.zero), (1, .zero), (2, Ratio(1, 3)), (3, Ratio(1, 2)), (4, Ratio(2, 3)), (5, Ratio(5, 6)), (6, .one),
    ])
    func coefficients(score: Int, coefficient: Ratio) {
        #expect(FundSettings().individualCoefficients[score] == coefficient)
    }

    @Test("the default components are 80/20 for managers and 60/25/15 for the others")
    func defaults() throws {
        let settings = FundSettings()
        let managers = try Components(individual: pct(80), ente: pct(20), area: .zero)
        let staff = try Components(individual: pct(60), ente: pct(25), area: pct(15))
        #expect(settings.components(.managers) == managers)
        #expect(settings.components(.staff) == staff)
    }

    @Test("components that do not sum to 100 % or are negative are refused", arguments: [
        (70, 20, 0), (60, 25, 20), (110, -10, 0),
    ])
    func invalidComponents(individual: Int, ente: Int, area: Int) {
        #expect(throws: RuleViolation.self) { try Components(individual: pct(individual), ente: pct(ente), area: pct(area)) }
    }

    @Test("a manager: 80 % × coefficient + 20 % × ente result, no Area component", arguments: [false, true])
    func manager(secretary: Bool) throws {
        // Managers' fund € 100.00 (10,000 cents), one manager; score 5, ente 90 %, Area 70 % (not used).
        let people = [Person.manager("D1", score: 5, secretary: secretary)]
        let amount = try allocate(people, staffFund: 0, managersFund: 10_000, ente: pct(90), areas: [pct(70)]).managers.people[0]
        #expect(amount.share == Ratio(10_000))
        #expect(amount.coefficient == Ratio(5, 6))
        #expect(amount.individual == Ratio(10_000) * pct(80) * Ratio(5, 6))   // 6,666.67 cents
        #expect(amount.ente == Ratio(1_800))                                    // 10,000 × 20 % × 90 %
        #expect(amount.area == .zero)
        #expect(amount.exact == Ratio(25_400, 3))                              // 8,466.67 cents
        #expect(amount.cents == 8_467)
    }

    @Test("other staff: 60 % × coefficient + 25 % × ente result + 15 % × their own Area's result")
    func staffMember() throws {
        // Staff fund € 200.00, two people with equal shares of 10,000 cents, in different Areas.
        let people = [Person(id: "E1", area: 0, score: 4), Person(id: "E2", area: 1, score: 4)]
        let staff = try allocate(people, staffFund: 20_000, ente: pct(90), areas: [pct(50), pct(70)]).staff
        let e2 = staff.person("E2", in: people)
        #expect(e2.individual == Ratio(4_000))   // 10,000 × 60 % × 4/6
        #expect(e2.ente == Ratio(2_250))         // 10,000 × 25 % × 90 %
        #expect(e2.area == Ratio(1_050))         // 10,000 × 15 % × 70 %: E2's Area, not E1's
        #expect(e2.areaResult == pct(70))
        #expect(e2.cents == 7_300)
        #expect(staff.person("E1", in: people).area == Ratio(750))
        #expect(staff.cents("E1", in: people) == 7_000)
    }

    @Test("a 6 with every result at 100 % earns the full share; only a 6 does")
    func onlySixEarnsFull() throws {
        let people = (2...6).map { (score: Int) in Person(id: "E\(score)", score: score) }
        let staff = try allocate(people, staffFund: 50_000).staff
        // Each share is 10,000: 6,000 × score/6 + 4,000.
        #expect(staff.people.map(\.cents) == [6_000, 7_000, 8_000, 9_000, 10_000])
    }

    @Test("band BASSA gets nothing at all, organisational components included", arguments: [0, 1])
    func bassa(score: Int) throws {
        let people = [Person(id: "E1", score: score), Person(id: "E2", score: 6)]
        let staff = try allocate(people, staffFund: 20_000).staff
        let low = staff.person("E1", in: people)
        #expect(low.excluded)
        #expect(low.individual == .zero)
        #expect(low.ente == .zero)
        #expect(low.area == .zero)
        #expect(low.cents == 0)
        #expect(staff.residual == Cents(10_000))
    }

    @Test("a not-assessable person gets nothing, in either fund")
    func notAssessable() throws {
        let people = [Person(id: "E1", score: nil), Person(id: "E2", score: 6), Person.manager("D1", score: nil)]
        let allocation = try allocate(people, staffFund: 20_000, managersFund: 10_000)
        let e1 = allocation.staff.person("E1", in: people)
        #expect(e1.excluded)
        #expect(e1.exact == .zero)
        #expect(e1.cents == 0)
        #expect(allocation.managers.people[0].cents == 0)
        #expect(allocation.managers.residual == Cents(10_000))
    }

    @Test("with organisational components not following results, they are paid whole")
    func notFollowingResults() throws {
        var settings = FundSettings()
        settings.organisationalComponentsFollowResults = false
        let people = [Person(id: "E1", score: 4)]
        let e1 = try allocate(people, staffFund: 10_000, ente: pct(50), areas: [pct(20)], settings: settings).staff.people[0]
        #expect(e1.enteResult == .one)
        #expect(e1.areaResult == .one)
        #expect(e1.cents == 8_000)   // 4,000 + 2,500 + 1,500
    }

    @Test("the organisational components rise and fall with the results", arguments: [(100, 100, 10_000), (0, 0, 6_000), (50, 100, 8_750)])
    func followResults(ente: Int, area: Int, cents: Int64) throws {
        let e1 = try allocate([Person(id: "E1", score: 6)], staffFund: 10_000, ente: pct(ente), areas: [pct(area)]).staff.people[0]
        #expect(e1.cents == cents)
    }
}
