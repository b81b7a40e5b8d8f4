import Foundation
import Testing
import SIPAV
@testable import SIPAVFiles

/// What the writers write, the readers read back unchanged: the database export gives back the files.
@Suite("Plan and fund writers")
struct WritersRoundTripTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/sipav/Demo")

    @Test func theDemoPlanRoundTrips() throws {
        let plan = try PlanFile.read(path: Self.demo.appendingPathComponent("plan.yaml").path)
        let written = PlanWriter.yaml(plan)
        let again = try PlanFile.parse(text: written, file: "exported.yaml")
        #expect(again == plan)
    }

    @Test func theDemoFundRoundTrips() throws {
        let fund = try FundFile.read(path: Self.demo.appendingPathComponent("fund.yaml").path)
        let again = try FundFile.parse(text: FundWriter.yaml(fund), file: "exported.yaml")
        #expect(again == fund)
    }

    @Test func awkwardTextRoundTrips() throws {
        let plan = OrganisationalPlan(
            body: "Ente \"quoted\"; '); DROP TABLE bodies; --\\", year: 2020,
            strategicLines: [StrategicLine(id: "1", name: "Linea: uno\nriga due")],
            areas: [Area(id: "A1", name: "Area #1 – è", manager: nil)],
            objectives: [Objective(id: "1", title: "Obiettivo", owner: .area("A1"), strategicLines: ["1"], weight: Ratio(3, 2),
                                   indicators: [Indicator(id: "1.1", name: "yes", content: .measured(
                                       scale: try TargetScale(kind: .yesNo, steps: [ScaleStep(threshold: .yes, achievement: .one)]),
                                       measured: .yesNo(false)))])],
            validated: [ValidatedResult(scope: .area("A1"), achievement: Ratio(9583, 10000), reference: "Verbale: n. 1")])
        let again = try PlanFile.parse(text: PlanWriter.yaml(plan), file: "exported.yaml")
        #expect(again == plan)
    }

    @Test(arguments: ["non completato", "Non Completato", " not completed "])
    func aDeadlineNotCompletedIsReadAndWrittenBack(written: String) throws {
        let demo = try String(contentsOf: Self.demo.appendingPathComponent("plan.yaml"), encoding: .utf8)
        let original = "measured: \"2019-07-26\"   # luglio -> secondo gradino ; atteso 80"
        #expect(demo.contains(original))
        let text = demo.replacing(original, with: "measured: \"\(written)\"", maxReplacements: 1)
        let plan = try PlanFile.parse(text: text, file: "plan.yaml")
        let indicator = plan.objectives.flatMap(\.indicators).first { $0.id == "1.4" }
        guard case let .measured(_, measured)? = indicator?.content else { Issue.record("1.4 is not measured"); return }
        #expect(measured == .notCompleted)
        #expect(PlanWriter.yaml(plan).contains("measured: \"non completato\""))
        #expect(try PlanFile.parse(text: PlanWriter.yaml(plan), file: "exported.yaml") == plan)
    }

    @Test func notCompletedSuitsADeadlineOnly() throws {
        let demo = try String(contentsOf: Self.demo.appendingPathComponent("plan.yaml"), encoding: .utf8)
        let original = "measured: 6           # atteso 100"
        #expect(demo.contains(original))
        let text = demo.replacing(original, with: "measured: non completato", maxReplacements: 1)
        #expect(throws: InputErrors.self) { try PlanFile.parse(text: text, file: "plan.yaml") }
    }

    /// Three decimals after one to three digits would read as ambiguous: the writer adds a zero, and the number
    /// comes back the same.
    @Test(arguments: [(Ratio(17, 8), "2.1250"), (Ratio(-12_345, 1_000), "-12.3450"), (Ratio(1, 8), "0.125"), (Ratio(1_500), "1500")])
    func numbersAreWrittenUnambiguously(value: Ratio, text: String) throws {
        #expect(PlanWriter.number(value) == text)
        #expect(YAMLReader.number(text) == value)
        #expect(!DecimalText.isAmbiguous(text))
    }

    @Test(arguments: [(Ratio(79, 25), "3.16"), (Ratio(-1, 2), "-0.5"), (Ratio(75), "75"), (Ratio(1, 3), nil)])
    func exactDecimals(value: Ratio, text: String?) {
        #expect(DecimalText.exact(value) == text)
    }
}
