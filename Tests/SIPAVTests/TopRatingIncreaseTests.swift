import Testing
@testable import SIPAV

/// Rules §3, the top-rating increase (CCNL Funzioni Locali 21/05/2018 art. 69): at least 30 % of the average
/// individual component paid to positively rated staff, to at most a share of the staff fixed in advance,
/// staff other than managers only, out of the individual-component pot.
@Suite("Fund: the top-rating increase")
struct TopRatingIncreaseTests {
    static func increase(share: Int = 10, fraction: Int = 30) throws -> FundSettings {
        var settings = FundSettings()
        settings.topRatingIncrease = try TopRatingIncrease(maximumShareOfStaff: pct(share), fractionOfAverage: pct(fraction))
        return settings
    }

    static func ids(_ range: ClosedRange<Int>) -> [String] { range.map { $0 < 10 ? "E0\($0)" : "E\($0)" } }

    @Test("off by default")
    func offByDefault() throws {
        #expect(FundSettings().topRatingIncrease == nil)
        let people = Self.ids(1...10).map { Person(id: $0, score: 6) }
        let staff = try allocate(people, staffFund: 100_000).staff
        #expect(staff.increaseRecipients == 0)
        let increases = staff.people.filter { $0.increase != .zero }
        #expect(increases.isEmpty)
    }

    /// Ten shares of 10,000 cents, results 100 %. E01 scores 6 from 5.5 (half of its objectives at 6, half at 5),
    /// E02 scores 6 from 6.0, the others 4. Individual components: 6,000 + 6,000 + 8 × 4,000 = 44,000 over ten
    /// positively rated: average 4,400, increase 30 % = 1,320. At most 10 % of ten: one recipient. The pot
    /// (60 % of 100,000) holds 44,000 + 1,320, so nobody's individual component is scaled.
    @Test("at most 10 % of staff, 30 % of the average; the tie at 6 goes to the higher unrounded score")
    func unscaled() throws {
        var people = Self.ids(1...10).map { Person(id: $0, score: 4) }
        people[0] = Person(id: "E01", score: 6, ratings: [(50, 6), (50, 5)])
        people[1] = Person(id: "E02", score: 6)
        let staff = try allocate(people, staffFund: 100_000, settings: try Self.increase()).staff
        #expect(staff.increaseRecipients == 1)
        #expect(staff.individualScaling == .one)
        #expect(staff.increasePerHead == Ratio(1_320))
        #expect(staff.person("E02", in: people).increase == Ratio(1_320))
        #expect(staff.person("E01", in: people).increase == .zero, "E01 has the lower id but the lower unrounded score")
        #expect(staff.cents("E02", in: people) == 11_320)
        #expect(staff.cents("E01", in: people) == 10_000)
        #expect(staff.paid == Cents(85_320))
        #expect(staff.paid + staff.residual == staff.fund)
    }

    /// Ten 6s: individual components 60,000, average 6,000, increase 1,800 for one person: 61,800 > the pot of
    /// 60,000. Every individual component is scaled by 60,000 / 61,800 = 100/103, the increase too (it is 30 %
    /// of the average actually paid): 5,825.24… each, 1,747.57… increase, and the pot is exactly spent.
    /// All ten tie at 6.0: E01, the lowest id, is the recipient. Exact amounts 1,192,000/103 (E01) and
    /// 1,012,000/103: floors 11,572 + 9 × 9,825 = 99,997; three cents left over, to E01 (remainder 0.815…) then
    /// to E02 and E03 (equal remainders 0.242…, lower ids).
    @Test("the money comes out of the individual pot: scaled so the fund is never exceeded; ties to the lower id")
    func scaled() throws {
        let people = Self.ids(1...10).map { Person(id: $0, score: 6) }
        let staff = try allocate(people, staffFund: 100_000, settings: try Self.increase()).staff
        #expect(staff.individualScaling == Ratio(100, 103))
        #expect(staff.increasePerHead == Ratio(180_000, 103))
        #expect(staff.increaseRecipients == 1)
        #expect(staff.person("E01", in: people).increase == Ratio(180_000, 103))
        #expect(staff.person("E01", in: people).exact == Ratio(1_192_000, 103))
        #expect(staff.person("E10", in: people).exact == Ratio(1_012_000, 103))
        let individualPot = staff.people.reduce(Ratio.zero) { $0 + $1.individual + $1.increase }
        #expect(individualPot == Ratio(60_000))
        #expect(staff.people.map(\.cents) == [11_573, 9_826, 9_826, 9_825, 9_825, 9_825, 9_825, 9_825, 9_825, 9_825])
        #expect(staff.paid == Cents(100_000))
        #expect(staff.residual == .zero)
    }

    @Test("the average is over the positively rated only; the share of staff over the whole population")
    func averageOverPositives() throws {
        // E01 a 6, E02…E05 4s, E06…E10 in band BASSA. Average individual component of the five positively
        // rated: (6,000 + 4 × 4,000) / 5 = 4,400 → increase 1,320. One recipient: 10 % of all ten.
        let people = Self.ids(1...10).map { id in Person(id: id, score: id <= "E05" ? 4 : 1) }
            .enumerated().map { $0 == 0 ? Person(id: "E01", score: 6) : $1 }
        let staff = try allocate(people, staffFund: 100_000, settings: try Self.increase()).staff
        #expect(staff.increaseRecipients == 1)
        #expect(staff.increasePerHead == Ratio(1_320))
        #expect(staff.person("E01", in: people).increase == Ratio(1_320))
        let excludedPaid = staff.people.filter { $0.excluded && ($0.cents != 0 || $0.increase != .zero) }
        #expect(excludedPaid.isEmpty)
    }

    @Test("the number of recipients is the share of staff, rounded down", arguments: [(9, 0), (10, 1), (19, 1), (25, 2)])
    func recipients(staffCount: Int, expected: Int) throws {
        let people = Self.ids(1...staffCount).map { Person(id: $0, score: 5) }
        let staff = try allocate(people, staffFund: Int64(staffCount) * 10_000, settings: try Self.increase()).staff
        #expect(staff.increaseRecipients == expected)
        let increased = staff.people.filter { $0.increase > .zero }
        #expect(increased.count == expected)
        #expect(staff.paid <= staff.fund)
    }

    @Test("the best are ranked by final score, then unrounded score, then employee id")
    func ranking() throws {
        // 20 staff, 10 % → two recipients. E20 scores 6 from 6.0; E05 and E03 score 6 from 5.6; E01 scores 5.
        var people = Self.ids(1...20).map { Person(id: $0, score: 4) }
        people[0] = Person(id: "E01", score: 5)
        people[2] = Person(id: "E03", score: 6, ratings: [(60, 6), (40, 5)])
        people[4] = Person(id: "E05", score: 6, ratings: [(60, 6), (40, 5)])
        people[19] = Person(id: "E20", score: 6)
        let staff = try allocate(people, staffFund: 200_000, settings: try Self.increase()).staff
        let recipients = staff.people.filter { $0.increase > .zero }.map { people[$0.person].id }
        #expect(Set(recipients) == ["E20", "E03"])
    }

    @Test("managers never receive it")
    func notForManagers() throws {
        let people = Self.ids(1...10).map { Person.manager($0, score: 6) }
        let allocation = try allocate(people, staffFund: 0, managersFund: 100_000, settings: try Self.increase())
        #expect(allocation.managers.increaseRecipients == 0)
        let increased = allocation.managers.people.filter { $0.increase != .zero }
        #expect(increased.isEmpty)
        #expect(allocation.managers.paid == Cents(100_000))
    }

    @Test("the setting refuses less than 30 % of the average, and a share of staff outside (0, 100 %]", arguments: [
        (10, 29), (0, 30), (101, 30),
    ])
    func invalid(share: Int, fraction: Int) {
        #expect(throws: RuleViolation.self) { try TopRatingIncrease(maximumShareOfStaff: pct(share), fractionOfAverage: pct(fraction)) }
    }

    @Test("a larger increase is allowed")
    func larger() throws {
        // 40 %: 10 × 5 shares of 10,000; individual 5,000 each, average 5,000, increase 2,000.
        let people = Self.ids(1...10).map { Person(id: $0, score: 5) }
        let staff = try allocate(people, staffFund: 100_000, settings: try Self.increase(fraction: 40)).staff
        #expect(staff.increasePerHead == Ratio(2_000))
        #expect(staff.person("E01", in: people).cents == 11_000)
    }
}
