import Testing
@testable import SIPAV

/// Rules §3, "Money is exact": the total paid is the exact sum rounded half-up to the cent; each person gets
/// the floor of their exact amount and the cents left over go one each to the largest remainders
/// (ties: employee id ascending).
@Suite("Fund: exact cents")
struct FundRoundingTests {
    /// Worked by hand. Staff fund € 1,000.00 = 100,000 cents; ente 90 %, Area 80 %, so the organisational
    /// components are 25 % × 90 % + 15 % × 80 % = 34.5 % of a share.
    ///
    /// | id  | part time | months | weight | share          | score | fraction of share      | exact cents     |
    /// |-----|-----------|--------|--------|----------------|-------|------------------------|-----------------|
    /// | E01 | 100 %     | 12     | 1      | 400,000 / 9    | 6     | 60 % + 34.5 % = 94.5 % | 42,000          |
    /// | E02 | 50 %      | 12     | 1/2    | 200,000 / 9    | 5     | 50 % + 34.5 % = 84.5 % | 18,777.777…     |
    /// | E03 | 100 %     | 9      | 3/4    | 300,000 / 9    | 4     | 40 % + 34.5 % = 74.5 % | 24,833.333…     |
    ///
    /// Exact sum 85,611.111… → paid 85,611. Floors 42,000 + 18,777 + 24,833 = 85,610: one cent left over, to
    /// the largest remainder (E02's 0.777…). Residual 100,000 − 85,611 = 14,389.
    static let worked = [
        Person(id: "E01", score: 6),
        Person(id: "E02", partTime: 5_000, score: 5),
        Person(id: "E03", months: 9, score: 4),
    ]

    @Test("a 3-person case worked by hand, with the cent left over to the largest remainder")
    func workedByHand() throws {
        let staff = try allocate(Self.worked, staffFund: 100_000, ente: pct(90), areas: [pct(80)]).staff
        #expect(staff.people.map(\.share) == [Ratio(400_000, 9), Ratio(200_000, 9), Ratio(300_000, 9)])
        #expect(staff.people.map(\.exact) == [Ratio(42_000), Ratio(169_000, 9), Ratio(74_500, 3)])
        #expect(staff.people.map(\.cents) == [42_000, 18_778, 24_833])
        #expect(staff.people.map(\.receivedRemainderCent) == [false, true, false])
        #expect(staff.paid == Cents(85_611))
        #expect(staff.residual == Cents(14_389))
        #expect(staff.paid + staff.residual == staff.fund)
    }

    /// Staff fund € 100.00, three equal shares of 3,333.33… cents, all results 100 %. E02 and E01 score 6
    /// (3,333.333… each), E03 scores 2 (60 % of the share: exactly 2,000). Exact sum 8,666.666… → paid 8,667;
    /// floors 8,666: one cent left over, and E02 and E01 have the same remainder (1/3). E01 gets it: the lower
    /// employee id, although E02 comes first in the list.
    @Test("equal remainders: the cent goes to the lower employee id, not to the first in the list")
    func tieBreak() throws {
        let people = [Person(id: "E02", score: 6), Person(id: "E01", score: 6), Person(id: "E03", score: 2)]
        let staff = try allocate(people, staffFund: 10_000).staff
        #expect(staff.people.map(\.exact) == [Ratio(10_000, 3), Ratio(10_000, 3), Ratio(2_000)])
        #expect(staff.cents("E01", in: people) == 3_334)
        #expect(staff.cents("E02", in: people) == 3_333)
        #expect(staff.cents("E03", in: people) == 2_000)
        #expect(staff.paid == Cents(8_667))
        #expect(staff.residual == Cents(1_333))
    }

    @Test("largest remainders first, then employee id: the rounding alone")
    func largestRemainderAlone() {
        // 1.5 + 1.5 + 1.5 + 1.2 = 5.7 → 6 paid; floors 4; two cents left over for three equal remainders.
        let result = LargestRemainder.round([Ratio(3, 2), Ratio(3, 2), Ratio(3, 2), Ratio(6, 5)], tieOrder: ["C", "A", "B", "D"])
        #expect(result.total == 6)
        #expect(result.cents == [1, 2, 2, 1])
        #expect(result.receivedExtra == [false, true, true, false])
    }

    @Test("the total is the exact sum rounded half-up, not the sum of rounded amounts")
    func totalHalfUp() {
        // Each 0.4 would round to 0; the exact sum 1.2 rounds to 1, so one of them is paid a cent.
        let three = LargestRemainder.round([Ratio(2, 5), Ratio(2, 5), Ratio(2, 5)], tieOrder: ["a", "b", "c"])
        #expect(three.total == 1)
        #expect(three.cents == [1, 0, 0])
        // 0.25 + 0.25 = 0.5 exactly: half-up pays one cent.
        let half = LargestRemainder.round([Ratio(1, 4), Ratio(1, 4)], tieOrder: ["b", "a"])
        #expect(half.total == 1)
        #expect(half.cents == [0, 1])
        // Whole amounts need no cent moved.
        let whole = LargestRemainder.round([Ratio(5), Ratio(7)], tieOrder: ["a", "b"])
        #expect(whole.cents == [5, 7])
        #expect(whole.receivedExtra == [false, false])
    }

    @Test("the report's staff fund, € 734,312.44, split in three equal shares to the cent")
    func reportFund() throws {
        let people = [Person(id: "E3", score: 6), Person(id: "E1", score: 6), Person(id: "E2", score: 6)]
        let staff = try allocate(people, staffFund: 73_431_244).staff
        // 73,431,244 / 3 = 24,477,081.333…: one cent over, to E1.
        #expect(staff.cents("E1", in: people) == 24_477_082)
        #expect(staff.cents("E2", in: people) == 24_477_081)
        #expect(staff.cents("E3", in: people) == 24_477_081)
        #expect(staff.paid == Cents(73_431_244))
        #expect(staff.residual == .zero)
    }
}
