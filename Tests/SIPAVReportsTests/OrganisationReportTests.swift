import SIPAV
import SIPAVReports
import Testing

/// The indicators' table says what each figure stands on.
@Suite("The organisation report")
struct OrganisationReportTests {
    @Test func aDeadlineNotCompletedIsSaidSoAndScoresNothing() throws {
        let scale = try TargetScale(kind: .deadline, steps: [
            ScaleStep(threshold: .month(YearMonth(year: 2019, month: 6)!), achievement: .one),
            ScaleStep(threshold: .month(YearMonth(year: 2019, month: 9)!), achievement: Ratio(1, 2)),
        ])
        let indicators = [
            Indicator(id: "1.1", name: "Adozione del regolamento", content: .measured(scale: scale, measured: .notCompleted)),
            Indicator(id: "1.2", name: "Avvio del servizio", content: .measured(
                scale: scale, measured: .date(CalendarDate(year: 2019, month: 8, day: 30)!))),
        ]
        let plan = OrganisationalPlan(
            body: "Ente di prova", year: 2019, strategicLines: [StrategicLine(id: "1", name: "Linea")], areas: [],
            objectives: [Objective(id: "1", title: "Obiettivo", owner: .ente, strategicLines: ["1"], indicators: indicators)],
            validated: [])
        let report = OrganisationReport.build(plan: plan, results: try plan.results(settings: OrganisationSettings()))
        let rows = report.tables[0].rows
        #expect(rows.count == 2)
        #expect(rows[0][6] == .percent(.zero, digits: 1))
        #expect(rows[0][7] == .text("non completato"))
        // A completion is not said to be missing.
        #expect(rows[1][6] == .percent(Ratio(1, 2), digits: 1))
        #expect(rows[1][7] == .text(""))
        // What the achievement stands on: the value measured and the steps in force, as an OIV checks them.
        #expect(rows[0][4] == .text("non completato"))
        #expect(rows[1][4] == .text("30/08/2019"))
        #expect(rows[1][5] == .text("entro 06/2019 → 100 %; entro 09/2019 → 50 %"))
    }

    /// A revision keeps the old target, the new one and the reference (the rules, 1.1): the report shows the target
    /// replaced beside the act. A sub-indicator's id is as written, and names the composite it is part of.
    @Test func aRevisionShowsTheTargetItReplacedAndSubIndicatorsTheirComposite() throws {
        let previous = try TargetScale(kind: .atLeast, steps: [ScaleStep(threshold: .number(Ratio(6)), achievement: .one),
                                                               ScaleStep(threshold: .number(Ratio(45, 10)), achievement: Ratio(4, 5))])
        let current = try TargetScale(kind: .atLeast, steps: [ScaleStep(threshold: .number(Ratio(4)), achievement: .one)])
        let revised = Indicator(id: "5.2", name: "Eventi", content: .measured(scale: current, measured: .number(Ratio(4))),
                                revision: Indicator.Revision(reference: "Delibera 139", previousScale: previous, previousName: nil))
        let subs = [Indicator(id: "5.3.1", name: "Prima parte", content: .measured(scale: current, measured: .number(Ratio(5)))),
                    Indicator(id: "5.3.2", name: "Seconda parte", content: .measured(scale: current, measured: .number(Ratio(1))))]
        let composite = Indicator(id: "5.3", name: "Composto", content: .composite(stepAchievements: TargetScale.defaultAchievements, subIndicators: subs))
        let plan = OrganisationalPlan(
            body: "Ente di prova", year: 2019, strategicLines: [StrategicLine(id: "1", name: "Linea")], areas: [],
            objectives: [Objective(id: "5", title: "Obiettivo", owner: .ente, strategicLines: ["1"], indicators: [revised, composite])],
            validated: [])
        let rows = OrganisationReport.build(plan: plan, results: try plan.results(settings: OrganisationSettings())).tables[0].rows
        #expect(rows[0][7] == .text("modificato (Delibera 139; traguardo precedente ≥ 6 → 100 %; ≥ 4,5 → 80 %)"))
        // The target in force beside the one replaced, and the value measured against it.
        #expect(rows[0][5] == .text("≥ 4 → 100 %"))
        #expect(rows[0][4] == .text("4"))
        #expect(rows.map { $0[1] } == [.text("5.2"), .text("5.3"), .text("5.3.1"), .text("5.3.2")])
        #expect(rows.map { $0[2] } == [.empty, .empty, .text("5.3"), .text("5.3")])
    }
}
