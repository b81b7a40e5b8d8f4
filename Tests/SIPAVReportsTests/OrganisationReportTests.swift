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
        #expect(rows[0][3] == .percent(.zero, digits: 1))
        #expect(rows[0][4] == .text("non completato"))
        // A completion is not said to be missing.
        #expect(rows[1][3] == .percent(Ratio(1, 2), digits: 1))
        #expect(rows[1][4] == .text(""))
    }
}
