import Testing
@testable import SIPAV

/// The next year's draft carries the plan's targets, the people and their objectives, the fund's lines, and leaves the
/// year's measurements, acts, ratings and situations behind, naming each for HR.
@Suite("Next year's draft")
struct NextYearDraftTests {
    private let deadline = try! scale(.deadline, ["2019-06", "2019-09", "2020-01"])

    private func plan() -> OrganisationalPlan {
        let revised = Indicator(id: "1.2", name: "Pratiche evase nel 2019", unit: "%", note: "Dato del protocollo al 31/12",
                                content: .measured(scale: try! scale(.atLeast, ["90", "80"], percents: [100, 50]), measured: .number(Ratio(85))),
                                revision: .init(reference: "Delibera n. 139/2019", previousScale: nil, previousName: "Pratiche"))
        let composite = Indicator(id: "1.3", name: "Composito", content: .composite(stepAchievements: [pct(100), pct(40)], subIndicators: [
            measured("1.3.1", deadline, .date(day("2019-08-30"))),
            scoring("1.3.2", 60, suppression: "Delibera n. 12/2019"),
        ]))
        return OrganisationalPlan(body: "Ente", year: 2019, strategicLines: [StrategicLine(id: "L1", name: "Linea")],
                                  areas: [Area(id: "A1", name: "Area uno", manager: "D1"), Area(id: "A2", name: "Area progetti 2015-2019", manager: nil)],
                                  objectives: [
                                    Objective(id: "1", title: "Obiettivo", owner: .ente, strategicLines: ["L1"],
                                              indicators: [measured("1.1", deadline, .notCompleted), revised, composite]),
                                    Objective(id: "2", title: "Piano 2019", owner: .area("A1"), strategicLines: ["L1"],
                                              indicators: [yesNo("2.1", done: true)]),
                                    Objective(id: "3", title: "Soppresso", owner: .area("A2"), strategicLines: ["L1"],
                                              indicators: [yesNo("3.1", done: false, suppression: "Delibera n. 13/2019")]),
                                  ],
                                  validated: [ValidatedResult(scope: .ente, achievement: pct(97), reference: "Verbale OIV n. 2/2020")])
    }

    private func people() -> StaffRecords {
        var hired = Person(id: "E2", score: 4)
        hired.months = 4
        return records([.manager("D1", score: 5), Person(id: "E1", score: 6), hired, Person(id: "E3", score: nil)])
    }

    private func yearFund() -> Fund {
        Fund(year: 2019, lines: [
            FundLine(fund: .staff, description: "Fondo risorse decentrate 2019", amount: Cents(73_431_244), reference: "Determina n. 5/2019"),
            FundLine(fund: .staff, description: "Economie 120190", amount: Cents(1_248_000)),
            FundLine(fund: .managers, description: "Retribuzione di risultato", amount: Cents(7_898_025)),
        ], giunta: confirmed, oiv: confirmed)
    }

    @Test func thePlanCarriesItsTargetsAndLeavesTheYearsMeasurementsAndActsBehind() throws {
        let draft = try NextYearDraft(plan: plan(), records: people(), fund: yearFund())
        #expect(draft.plan.year == 2020)
        #expect(draft.plan.validated.isEmpty)
        #expect(draft.plan.areas == plan().areas && draft.plan.strategicLines == plan().strategicLines)
        #expect(draft.plan.objectives.map(\.id) == ["1", "2", "3"])
        let ente = try #require(draft.plan.objectives.first)
        #expect(ente.indicators.map(\.id) == ["1.1", "1.2", "1.3"])
        // A deadline's months a year on, its achievements as they were; nothing measured, no revision.
        guard case let .measured(moved, nil) = ente.indicators[0].content else { Issue.record("1.1 still measured"); return }
        #expect(moved.steps.map(\.threshold) == ["2020-06", "2020-09", "2021-01"].map { .month(month($0)) })
        #expect(moved.steps.map(\.achievement) == deadline.steps.map(\.achievement))
        let revised = ente.indicators[1]
        #expect(revised.revision == nil && revised.note == "Dato del protocollo al 31/12" && revised.unit == "%"
                && revised.name == "Pratiche evase nel 2019")
        guard case let .measured(kept, nil) = revised.content else { Issue.record("1.2 still measured"); return }
        #expect(kept == (try scale(.atLeast, ["90", "80"], percents: [100, 50])))
        // A suppressed sub-indicator comes back live: the composite keeps both, as the plan's rules want two at least.
        guard case let .composite(steps, subs) = ente.indicators[2].content else { Issue.record("1.3 not composite"); return }
        #expect(steps == [pct(100), pct(40)] && subs.map(\.id) == ["1.3.1", "1.3.2"])
        #expect(subs.allSatisfy { !$0.isSuppressed })
        #expect(draft.plan.objectives[2].indicators.allSatisfy { !$0.isSuppressed })
        guard case .measured(_, nil) = subs[1].content else { Issue.record("1.3.2 still measured"); return }

        let changes = draft.changes
        #expect(changes.measuredLeftOut == ["1.1", "1.2", "1.3.1", "1.3.2", "2.1", "3.1"])
        #expect(changes.deadlinesMoved == ["1.1", "1.3.1"])
        #expect(changes.notesCarried == ["1.2"])
        #expect(changes.revisionsLeftOut == ["1.2"])
        #expect(changes.suppressionsLeftOut == ["1.3.2", "3.1"])
        #expect(changes.validatedLeftOut == 1)
        #expect(changes.planTextsNamingAYear == [.area("A2"), .indicator("1.2"), .objective("2")])
    }

    @Test func thePeopleKeepTheirObjectivesAndPartTimeWithoutRatingsShortServiceOrReasons() throws {
        let year = people()
        let draft = try NextYearDraft(plan: plan(), records: year, fund: yearFund())
        #expect(draft.staff.map(\.id) == ["D1", "E1", "E2", "E3"])
        #expect(draft.staff.allSatisfy { $0.monthsOfService == 12 && $0.notAssessableReason == nil })
        #expect(draft.staff.map(\.partTimeBasisPoints) == year.staff.map(\.partTimeBasisPoints))
        #expect(draft.staff.map(\.area) == year.staff.map(\.area))
        #expect(draft.objectives.map(\.code) == year.objectives.map(\.code))
        #expect(draft.objectives.map(\.weightBasisPoints) == year.objectives.map(\.weightBasisPoints))
        #expect(draft.objectives.allSatisfy { $0.cosa == nil && $0.come == nil })
        let changes = draft.changes
        #expect(changes.ratingsLeftOut == 3)
        #expect(changes.individualTitlesNamingAYear.isEmpty)
        #expect(changes.serviceReset.map(\.employeeID) == ["E2"] && changes.serviceReset.first?.months == 4)
        #expect(changes.assessableAgain.map(\.employeeID) == ["E3"] && changes.assessableAgain.first?.notAssessableReason == "assunto a dicembre")
        #expect(changes.withoutObjectives.map(\.employeeID) == ["E3"])
    }

    @Test func anIndividualTitleNamingTheYearIsNamedByPersonAndCode() throws {
        let staff = [StaffMember(id: "E1", name: "Persona", role: .dipendente, category: "C", area: 0)]
        let titled = StaffRecords(staff: staff, objectives: [
            IndividualObjective(person: 0, code: "OB1", title: "Bilancio 2019", weightBasisPoints: 5_000, cosa: 5, come: .a),
            IndividualObjective(person: 0, code: "OB2", title: "Sportello", weightBasisPoints: 5_000, cosa: 5, come: .a),
        ])
        let draft = try NextYearDraft(plan: plan(), records: titled, fund: yearFund())
        #expect(draft.changes.individualTitlesNamingAYear == [.init(employeeID: "E1", code: "OB1")])
        #expect(draft.objectives.map(\.title) == ["Bilancio 2019", "Sportello"])
    }

    @Test func theFundKeepsItsLinesWithoutTheYearsAmountsOrActs() throws {
        let draft = try NextYearDraft(plan: plan(), records: people(), fund: yearFund())
        #expect(draft.fund.year == 2020 && draft.fund.giunta == nil && draft.fund.oiv == nil)
        #expect(draft.fund.lines.map(\.description) == yearFund().lines.map(\.description))
        #expect(draft.fund.lines.map(\.fund) == yearFund().lines.map(\.fund))
        #expect(draft.fund.lines.allSatisfy { $0.reference == nil && $0.amount == .zero })
        #expect(draft.changes.giuntaLeftOut && draft.changes.oivLeftOut)
        #expect(draft.changes.fundLines == yearFund().lines)
        // "120190" holds 2019 but does not name it.
        #expect(draft.changes.fundLinesNamingAYear == [1])
    }

    @Test func aYearNamedOnItsOwn() {
        let years = 2009...2019
        #expect(NextYearDraft.namesAYear(years, "Fondo 2019"))
        #expect(NextYearDraft.namesAYear(years, "(2019)"))
        #expect(NextYearDraft.namesAYear(years, "2019"))
        #expect(NextYearDraft.namesAYear(years, "mandato 2017-2022"))
        #expect(NextYearDraft.namesAYear(years, "nota del 26/07/2018"))
        #expect(!NextYearDraft.namesAYear(years, "120190"))
        #expect(!NextYearDraft.namesAYear(years, "20191"))
        #expect(!NextYearDraft.namesAYear(years, "201"))
        #expect(!NextYearDraft.namesAYear(years, "piano 2020"))
        #expect(!NextYearDraft.namesAYear(years, "29.166.574,58 euro"))
    }

    @Test func noYearAfterTheLastAPlanMayHave() {
        let last = OrganisationalPlan(body: "Ente", year: 2999, strategicLines: [], areas: [], objectives: [])
        #expect(throws: RuleViolation.self) { try NextYearDraft(plan: last, records: records([]), fund: Fund(year: 2999, lines: [])) }
    }
}
