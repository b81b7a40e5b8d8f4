import Testing
@testable import SIPAV

/// Rules §3: the Giunta confirms the fund and the OIV checks the conditions for paying; both are recorded
/// (date, reference) before a year can be allocated.
@Suite("Fund: confirmations before allocating")
struct ConfirmationsTests {
    static let people = [Person(id: "E1", score: 6), Person.manager("D1", score: 6)]

    static func input(giunta: SIPAV.Confirmation?, oiv: SIPAV.Confirmation?) -> AllocationInput {
        let body = records(Self.people)
        return AllocationInput(records: body, scores: body.finalScores(settings: IndividualSettings()),
                               organisation: organisation(ente: .one, areas: [.one]),
                               fund: fund(staff: 10_000, managers: 5_000, giunta: giunta, oiv: oiv))
    }

    @Test("a missing confirmation refuses to allocate, saying which", arguments: [
        (false, true, "Giunta"), (true, false, "OIV"), (false, false, "Giunta"),
    ])
    func missing(giunta: Bool, oiv: Bool, named: String) {
        let input = Self.input(giunta: giunta ? confirmed : nil, oiv: oiv ? confirmed : nil)
        let error = #expect(throws: RuleViolation.self) { try input.allocate(settings: FundSettings()) }
        #expect(error?.rule.contains(named) == true)
    }

    @Test("every refusal is named at once: both confirmations when both are missing")
    func bothMissingAreBothNamed() {
        let refusals = Self.input(giunta: nil, oiv: nil).refusals(settings: FundSettings())
        #expect(refusals.map(\.field) == ["giunta", "oiv"])
        #expect(Self.input(giunta: confirmed, oiv: confirmed).refusals(settings: FundSettings()).isEmpty)
    }

    @Test("with both recorded, the year is allocated")
    func bothRecorded() throws {
        let allocation = try Self.input(giunta: confirmed, oiv: confirmed).allocate(settings: FundSettings())
        #expect(allocation.staff.paid == Cents(10_000))
        #expect(allocation.managers.paid == Cents(5_000))
    }

    /// A fund's lines may come from a database written without the tool's checks: over 1.000.000.000.000,00 €
    /// (or past what 64-bit cents can add) the allocation refuses, naming the fund, rather than overflow.
    @Test("a fund over the largest total is refused, never added past 64 bits", arguments: [
        [Int64.max / 2, Int64.max / 2, 10], [100_000_000_000_000, 1], [100_000_000_000_001],
    ])
    func overTheLargestTotal(managersLines: [Int64]) {
        let body = records(Self.people)
        let fund = Fund(year: 2019, lines: [FundLine(fund: .staff, description: "fondo", amount: Cents(100_000_000_000_000))]
                            + managersLines.map { FundLine(fund: .managers, description: "riga", amount: Cents($0)) },
                        giunta: confirmed, oiv: confirmed)
        #expect(fund.fundsOverTheLargestTotal == [.managers])
        let input = AllocationInput(records: body, scores: body.finalScores(settings: IndividualSettings()),
                                    organisation: organisation(ente: .one, areas: [.one]), fund: fund)
        let error = #expect(throws: RuleViolation.self) { try input.allocate(settings: FundSettings()) }
        #expect(error?.rule == "the lines of the managers fund add up to more than 1,000,000,000,000.00 euros")
    }

    @Test("confirmations are required by default; a setting can lift the requirement")
    func setting() throws {
        #expect(FundSettings().requireConfirmations)
        var settings = FundSettings()
        settings.requireConfirmations = false
        let allocation = try Self.input(giunta: nil, oiv: nil).allocate(settings: settings)
        #expect(allocation.staff.paid == Cents(10_000))
    }
}
