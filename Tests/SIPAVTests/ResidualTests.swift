import Testing
@testable import SIPAV

/// Rules §3, the residual: `keep` (default, reported as savings) or `redistribute` (shared again among those
/// paid, in proportion to what they earned, never above a cap set per person, until nothing is left or
/// everyone is capped).
@Suite("Fund: the residual")
struct ResidualTests {
    static func redistributing(cap: Ratio = .one) -> FundSettings {
        var settings = FundSettings()
        settings.residual = .redistribute
        settings.redistributionCapOfShare = cap
        return settings
    }

    @Test("the default keeps the residual as savings")
    func keepIsDefault() throws {
        #expect(FundSettings().residual == .keep)
        // Shares of 5,000: a 6 earns 5,000, a 4 earns 40 % + 40 % = 4,000; 1,000 is kept.
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 4)]
        let staff = try allocate(people, staffFund: 10_000).staff
        #expect(staff.people.map(\.cents) == [5_000, 4_000])
        #expect(staff.people.map(\.redistributed) == [.zero, .zero])
        #expect(staff.residual == Cents(1_000))
    }

    @Test("redistribute with caps at the share: everyone reaches the share and no residual is left")
    func redistributeToShares() throws {
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 4)]
        let staff = try allocate(people, staffFund: 10_000, settings: Self.redistributing()).staff
        #expect(staff.people.map(\.cents) == [5_000, 5_000])
        #expect(staff.people.map(\.redistributed) == [.zero, Ratio(1_000)])
        #expect(staff.residual == .zero)
    }

    @Test("redistribute in proportion to what was earned when the caps allow it all")
    func proportional() throws {
        // Caps at 200 % of the share (10,000 each). Earned 5,000 and 4,000; 10,000 / 9,000 of each:
        // 5,555.55… and 4,444.44… → 5,556 and 4,444 (largest remainder 5/9 against 4/9).
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 4)]
        let staff = try allocate(people, staffFund: 10_000, settings: Self.redistributing(cap: Ratio(2))).staff
        #expect(staff.people.map(\.exact) == [Ratio(50_000, 9), Ratio(40_000, 9)])
        #expect(staff.people.map(\.cents) == [5_556, 4_444])
        #expect(staff.residual == .zero)
    }

    @Test("redistribute never brings anyone above the cap; the others take the rest")
    func capped() throws {
        // Caps at 120 % of 5,000 = 6,000. Earned 5,000 (a 6) and 3,000 (a 2: 20 % + 40 %). The common factor
        // 10,000 / 8,000 = 1.25 would bring E1 to 6,250: E1 stops at 6,000 and E2 takes the remaining 4,000.
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 2)]
        let staff = try allocate(people, staffFund: 10_000, settings: Self.redistributing(cap: Ratio(6, 5))).staff
        #expect(staff.people.map(\.cents) == [6_000, 4_000])
        #expect(staff.residual == .zero)
    }

    @Test("when everyone is capped, the rest stays as residual")
    func everyoneCapped() throws {
        // E2 (band BASSA) earns nothing and gets nothing back; E1 is already at the cap (the share).
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 1)]
        let staff = try allocate(people, staffFund: 10_000, settings: Self.redistributing()).staff
        #expect(staff.people.map(\.cents) == [5_000, 0])
        #expect(staff.residual == Cents(5_000))
    }

    @Test("redistributed, not even the rounding's cent takes anyone above their cap: one nobody can take stays as residual")
    func theLeftOverCentRespectsTheCaps() throws {
        // Three shares of 10,000 / 3 = 3,333.33… cents, everyone at 6: all at their cap (the share), floors of 3,333 each.
        // The cent left over would take its taker to 3,334, above the cap: it is not paid.
        let people = [Person(id: "E1", score: 6), Person(id: "E2", score: 6), Person(id: "E3", score: 6)]
        let staff = try allocate(people, staffFund: 10_000, settings: Self.redistributing()).staff
        #expect(staff.people.map(\.cents) == [3_333, 3_333, 3_333])
        #expect(staff.people.allSatisfy { !$0.receivedRemainderCent })
        #expect(staff.paid == Cents(9_999))
        #expect(staff.residual == Cents(1))
        // Kept, the share is not a cap of the rounding: the cent goes by the largest remainder, then the id.
        let kept = try allocate(people, staffFund: 10_000).staff
        #expect(kept.people.map(\.cents) == [3_334, 3_333, 3_333])
    }

    @Test("a cent that would take the largest remainder above its ceiling goes to the next one below its own")
    func theLeftOverCentSkipsACappedRemainder() {
        // 10,6 + 5,3 = 15,9 → 16 cents: the first's 0,6 is the larger remainder, but 11 would pass its ceiling of 10,6.
        let rounded = LargestRemainder.round([Ratio(106, 10), Ratio(53, 10)], tieOrder: ["A", "B"],
                                             ceilings: [Ratio(106, 10), Ratio(6)])
        #expect(rounded.cents == [10, 6])
        #expect(rounded.receivedExtra == [false, true])
        #expect(rounded.total == 16)
        let bothCapped = LargestRemainder.round([Ratio(106, 10), Ratio(53, 10)], tieOrder: ["A", "B"],
                                                ceilings: [Ratio(106, 10), Ratio(53, 10)])
        #expect(bothCapped.cents == [10, 5])
        #expect(bothCapped.total == 15)
    }

    @Test("redistribute leaves band BASSA and the not assessable at nothing")
    func bassaStaysAtZero() throws {
        let people = [Person(id: "E1", score: 4), Person(id: "E2", score: 0), Person(id: "E3", score: nil)]
        let staff = try allocate(people, staffFund: 30_000, settings: Self.redistributing(cap: Ratio(3))).staff
        #expect(staff.cents("E2", in: people) == 0)
        #expect(staff.cents("E3", in: people) == 0)
        #expect(staff.cents("E1", in: people) == 30_000)   // cap 30,000 allows it all
        #expect(staff.residual == .zero)
    }

    @Test("with nobody paid, nothing is redistributed and the whole fund is residual")
    func nobodyPaid() throws {
        let people = [Person(id: "E1", score: 1), Person(id: "E2", score: nil)]
        let staff = try allocate(people, staffFund: 10_000, settings: Self.redistributing()).staff
        #expect(staff.paid == .zero)
        #expect(staff.residual == Cents(10_000))
    }
}
