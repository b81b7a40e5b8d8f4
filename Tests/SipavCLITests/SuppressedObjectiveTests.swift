import Foundation
import Testing

/// An objective whose indicators the board suppressed one by one (rules §1.1: a suppressed indicator is kept on
/// record and left out of every mean) stays in the report and is left out of the ente's mean, where the plan used to
/// be refused.
@Suite("An objective with every indicator suppressed")
struct SuppressedObjectiveTests {
    /// The demo year with objective 5's four indicators (5.1 to 5.4) suppressed by one act, their measured values
    /// taken out (a suppressed indicator has none).
    func yearWithObjective5Suppressed() throws -> ScratchYear {
        let year = try ScratchYear()
        var inObjective5 = false
        try year.write("plan.yaml", lines: try year.lines("plan.yaml").flatMap { line -> [String] in
            if line.hasPrefix("  - id: ") { inObjective5 = line == "  - id: \"5\"" }
            if inObjective5 && line.hasPrefix("        measured: ") { return [] }
            guard ["5.1", "5.2", "5.3", "5.4"].contains(where: { line == "      - id: \"\($0)\"" }) else { return [line] }
            return [line, "        suppressed: {reference: \"Delibera di Giunta n. 140 del 30/09/2019\"}"]
        })
        return year
    }

    func rows(_ report: [String: Any], _ table: String) throws -> [[String: Any]] {
        try #require(report[table] as? [[String: Any]])
    }

    @Test func itIsKeptOnRecordAndLeftOutOfTheEntesMean() throws {
        let year = try yearWithObjective5Suppressed()
        defer { year.remove() }
        let run = try Sipav.run(["organisation", "--data", year.folder.path, "--format", "json"])
        try #require(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let five = try #require(try rows(report, "objectives").first { $0["objective"] as? String == "5" })
        #expect(five["computed_percent"] is NSNull)
        #expect(five["applied_percent"] is NSNull)
        #expect(five["source"] as? String == "soppresso: tutti gli indicatori sono soppressi, escluso dalle medie")
        let indicators = try rows(report, "indicators").filter { $0["objective"] as? String == "5" }
        #expect(indicators.count == 4)
        #expect(indicators.allSatisfy { ($0["status"] as? String)?.hasPrefix("soppresso (Delibera di Giunta n. 140") == true })
        // The other nine objectives: (958 − 75) / 9 = 98,11 %, where the ten gave 95,8 %.
        let ente = try #require(try rows(report, "results").first { $0["scope"] as? String == "Ente" })
        let computed = try #require((ente["computed_percent"] as? NSNumber)?.doubleValue)
        #expect(abs(computed - 98.1111) < 0.00005, "\(computed)")
        // The year is still computed end to end.
        #expect(try Sipav.run(["allocate", "--data", year.folder.path]).status == 0)
    }

    @Test func anOIVFigureForItIsRefusedOnItsLine() throws {
        let year = try yearWithObjective5Suppressed()
        defer { year.remove() }
        try year.write("plan.yaml", lines: try year.lines("plan.yaml") + [
            "validated:",
            "  - scope: objective:5",
            "    percent: 80",
            "    reference: \"Verbale OIV n. 2/2020\"",
        ])
        let line = try year.lines("plan.yaml").firstIndex(of: "  - scope: objective:5")! + 1
        let run = try Sipav.run(["organisation", "--data", year.folder.path])
        #expect(run.status != 0)
        #expect(run.standardError.contains("plan.yaml:\(line)"), "\(run.standardError)")
        #expect(run.standardError.contains("l'obiettivo 5 ha tutti gli indicatori soppressi: è escluso da ogni media e non ha un risultato da validare"),
                "\(run.standardError)")
    }
}
