import Foundation
import Testing

/// `sipav statistics` on the demo body: what it publishes of small groups, its CSV standing alone, and the
/// comparison with a previous year's file.
@Suite("Statistics from the command line")
struct StatisticsCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try Sipav.run(arguments + ["--format", "json"])
        try #require(run.status == 0, "\(run.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    func rows(_ report: [String: Any], _ key: String) throws -> [[String: Any]] {
        try #require(report[key] as? [[String: Any]])
    }

    /// The demo's managers: one of them scored 6. Their count stays; their pay is null in JSON and said withheld in
    /// a table, where it was one person's exact amount.
    @Test func aBonusClassOfOnePersonHasNoAmount() throws {
        let bonus = try rows(try json(["statistics"]), "bonus")
        let small = bonus.filter { (($0["people"] as? NSNumber)?.intValue ?? 0) > 0 && (($0["people"] as? NSNumber)?.intValue ?? 0) < 3 }
        try #require(!small.isEmpty, "the demo has classes of one or two people")
        for row in small {
            for key in ["total_cents", "mean_cents", "minimum_cents", "maximum_cents"] { #expect(row[key] is NSNull, "\(row)") }
            // Each null says why, as the table does; no other field is named.
            let withheld = try #require(row["withheld"] as? [String: String], "\(row)")
            #expect(Set(withheld.keys) == ["total_cents", "mean_cents", "minimum_cents", "maximum_cents"], "\(row)")
            #expect(withheld.values.allSatisfy { $0 == "non pubblicato (meno di 3 persone)" }, "\(row)")
        }
        // Reasons name only null fields, and a row with every figure published has none.
        for row in bonus {
            let withheld = row["withheld"] as? [String: String] ?? [:]
            #expect(withheld.keys.allSatisfy { row[$0] is NSNull }, "\(row)")
            if !row.values.contains(where: { $0 is NSNull }) { #expect(row["withheld"] == nil, "\(row)") }
        }
        #expect(bonus.contains { $0["total_cents"] is NSNumber && $0["withheld"] == nil })
        let text = try Sipav.run(["statistics"])
        #expect(text.standardOutput.contains("non pubblicato (meno di 3 persone)"))
        // Larger classes keep their figures.
        #expect(bonus.contains { (($0["people"] as? NSNumber)?.intValue ?? 0) >= 3 && $0["total_cents"] is NSNumber })
    }

    /// Four managers, two of them not assessable: their group is large enough to be counted, but its scores would be
    /// the two others'. No table gives them: not the distribution, the bands or the mean, not the bonus table's head
    /// counts, not the comparison with the previous year, nor the Gini index or the pay, two people's.
    @Test func theScoresOfTooFewAssessedAppearInNoTable() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("staff.csv", lines: try year.lines("staff.csv").map {
            $0.hasPrefix("DIR002;") || $0.hasPrefix("DIR003;") ? $0 + "in aspettativa" : $0
        })
        let previous = try ScratchYear()
        defer { previous.remove() }
        for file in ["staff.csv", "objectives.csv"] { try previous.write(file, lines: try year.lines(file)) }
        try previous.makeTheYearBefore()
        let previousFile = previous.path("statistiche-2018.json")
        let written = try Sipav.run(["statistics", "--data", previous.folder.path, "--format", "json", "-o", previousFile])
        try #require(written.status == 0, "\(written.standardError)")
        let report = try json(["statistics", "--data", year.folder.path, "--previous", previousFile])
        let managers = { (row: [String: Any]) in (row["group"] as? String) == "Dirigenti" }
        for row in try rows(report, "distribution").filter(managers) where (row["score"] as? String) != "n.v." {
            #expect(row["people"] is NSNull && row["percent"] is NSNull, "\(row)")
        }
        for row in try rows(report, "bands").filter(managers) { #expect(row["people"] is NSNull, "\(row)") }
        for row in try rows(report, "bonus").filter(managers) { #expect(row["people"] is NSNull, "\(row)") }
        let summary = try #require(try rows(report, "summary").first(where: managers))
        for key in ["mean_score", "median_score", "standard_deviation", "gini_index", "paid_cents"] {
            #expect(summary[key] is NSNull, "\(key): \(summary)")
        }
        #expect(summary["people"] as? NSNumber == 4)
        let compared = try rows(report, "comparison").filter(managers)
        try #require(!compared.isEmpty)
        for row in compared where (row["measure"] as? String) != "% non valutabili" {
            #expect(row["this_year"] is NSNull && row["difference"] is NSNull, "\(row)")
        }
        let text = try Sipav.run(["statistics", "--data", year.folder.path])
        #expect(text.standardOutput.contains("non pubblicato (meno di 3 persone valutate)"), "\(text.standardOutput)")
    }

    /// Each set of groups' shares adds up to the fund the statistics show.
    @Test func theSharesOfEachSetAddUpToTheFund() throws {
        let report = try json(["statistics"])
        let summary = try rows(report, "summary")
        let fund = try rows(report, "funds").reduce(Int64(0)) { $0 + (($1["fund_cents"] as? NSNumber)?.int64Value ?? 0) }
        func allocated(_ prefix: String) -> Int64 {
            summary.filter { ($0["group"] as? String)?.hasPrefix(prefix) == true }
                .reduce(Int64(0)) { $0 + (($1["allocated_cents"] as? NSNumber)?.int64Value ?? 0) }
        }
        let staff = try #require(summary.first { ($0["group"] as? String) == "Personale non dirigente" })
        let staffShares = try #require((staff["allocated_cents"] as? NSNumber)?.int64Value)
        #expect(allocated("Tutto il personale") == fund)
        // Withheld rows have no figure; where none is withheld, the categories add up to the other staff's shares.
        let categories = summary.filter { ($0["group"] as? String)?.hasPrefix("Non dirigenti – categoria") == true }
        if categories.allSatisfy({ $0["allocated_cents"] is NSNumber }) { #expect(allocated("Non dirigenti – categoria") == staffShares) }
    }

    /// The published CSV says which year and body it is, in every table's title.
    @Test func theCSVNamesItsYearAndBody() throws {
        let run = try Sipav.run(["statistics", "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        let titles = run.standardOutput.dropFirst().components(separatedBy: "\r\n\r\n").compactMap { $0.components(separatedBy: "\r\n").first }
        #expect(titles.count == 5)
        for title in titles { #expect(title.contains(" – 2019, "), "\(title)") }
    }

    /// A previous year's file whose `mean_score` is not a number is refused as a damaged percent is.
    @Test(arguments: ["mean_score", "gini_index"])
    func aDamagedFigureOfThePreviousYearIsRefused(field: String) throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let previous = try previousYear(in: year)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: previous))) as? [String: Any])
        var summary = try rows(object, "summary")
        summary[0][field] = "quattro"
        object["summary"] = summary
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: previous))
        let run = try Sipav.run(["statistics", "--previous", previous])
        #expect(run.status == 65, "\(run.standardError)")
        #expect(run.standardError.contains(previous), "\(run.standardError)")
        #expect(run.standardError.contains("summary.\(field)"), "\(run.standardError)")
    }

    /// The demo as it was in 2018, written as that year's JSON; returns the file.
    func previousYear(in year: ScratchYear) throws -> String {
        try year.makeTheYearBefore()
        let previous = year.path("previous.json")
        let written = try Sipav.run(["statistics", "--data", year.folder.path, "--format", "json", "-o", previous])
        try #require(written.status == 0, "\(written.standardError)")
        return previous
    }

    /// A group of either year has its rows; the difference is of the two figures as printed; the bands and the not
    /// assessable are compared too.
    @Test func theComparisonKeepsEveryGroupAndAddsUp() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let previous = try previousYear(in: year)
        // Last year had a category this year does not.
        let text = try String(contentsOfFile: previous, encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var distribution = try rows(object, "distribution")
        distribution.append(["group": "Non dirigenti – categoria Z", "score": "6", "people": 3, "percent": 100.0, "bar": ""])
        object["distribution"] = distribution
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: previous))

        let comparison = try rows(try json(["statistics", "--previous", previous]), "comparison")
        let gone = comparison.filter { ($0["group"] as? String) == "Non dirigenti – categoria Z" }
        let six = try #require(gone.first { ($0["measure"] as? String) == "% punteggio 6" })
        #expect(six["this_year"] is NSNull && six["difference"] is NSNull)
        #expect((six["previous_year"] as? NSNumber)?.doubleValue == 100)
        for measure in ["% non valutabili", "% fascia ALTA", "% fascia BASSA", "media", "indice di Gini"] {
            #expect(comparison.contains { ($0["group"] as? String) == "Tutto il personale" && ($0["measure"] as? String) == measure }, "\(measure)")
        }
        // Every difference is this year's printed figure minus last year's, to the digit.
        for row in comparison {
            guard let now = row["this_year"] as? NSNumber, let before = row["previous_year"] as? NSNumber,
                  let difference = row["difference"] as? NSNumber else { continue }
            let digits = (row["measure"] as? String) == "media" ? 100.0 : (row["measure"] as? String) == "indice di Gini" ? 1000.0 : 10.0
            #expect((now.doubleValue * digits).rounded() - (before.doubleValue * digits).rounded() == (difference.doubleValue * digits).rounded(), "\(row)")
        }
    }

    /// Last year's figure a hair from this year's, both printed the same: the difference printed beside them is 0,0,
    /// not the rounding of the unrounded difference.
    @Test func twoFiguresPrintedAlikeDifferByNothing() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let previous = try previousYear(in: year)
        let report = try json(["statistics"])
        let everyone = try #require(try rows(report, "summary").first { ($0["group"] as? String) == "Tutto il personale" })
        let sixes = try #require(try rows(report, "distribution").first {
            ($0["group"] as? String) == "Tutto il personale" && ($0["score"] as? String) == "6"
        })
        let (people, population) = (try #require((sixes["people"] as? NSNumber)?.intValue), try #require((everyone["people"] as? NSNumber)?.intValue))
        // This year's percentage in tenths of a point, printed (half-up); whether the exact one is at least that.
        let tenths = (2000 * people + population) / (2 * population)
        let atLeastPrinted = 1000 * people >= tenths * population
        let printed = Double(tenths) / 10
        // Last year's printed alike: 0,05 less when the exact figure is at or above the printed one, 0,049 more below.
        func decimal(_ units: Int, _ places: Int) -> NSDecimalNumber { NSDecimalNumber(mantissa: UInt64(units), exponent: Int16(-places), isNegative: false) }
        let before = atLeastPrinted ? decimal(tenths * 10 - 5, 2) : decimal(tenths * 100 + 49, 3)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: previous))) as? [String: Any])
        object["distribution"] = try rows(object, "distribution").map { row in
            var row = row
            if (row["group"] as? String) == "Tutto il personale" && (row["score"] as? String) == "6" { row["percent"] = before }
            return row
        }
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: previous))
        let comparison = try rows(try json(["statistics", "--previous", previous]), "comparison")
        let row = try #require(comparison.first { ($0["group"] as? String) == "Tutto il personale" && ($0["measure"] as? String) == "% punteggio 6" })
        #expect((row["this_year"] as? NSNumber)?.doubleValue == printed, "\(row)")
        #expect((row["previous_year"] as? NSNumber)?.doubleValue == printed, "\(row)")
        #expect((row["difference"] as? NSNumber)?.doubleValue == 0, "\(row)")
    }

    /// A file edited by hand (a figure changed, its group no longer adding up to 100) is refused, not compared: an
    /// auditor would read its differences as the body's.
    @Test func aPreviousYearWhosePercentagesCannotAddUpIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let previous = try previousYear(in: year)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: previous))) as? [String: Any])
        object["distribution"] = try rows(object, "distribution").map { row in
            var row = row
            if (row["group"] as? String) == "Tutto il personale" && (row["score"] as? String) == "6" { row["percent"] = 99.9 }
            return row
        }
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: previous))
        let run = try Sipav.run(["statistics", "--previous", previous])
        #expect(run.status == 65, "\(run.standardError)")
        #expect(run.standardError.contains("\(previous): campo \"distribution.percent\": le percentuali del gruppo «Tutto il personale» non sommano a 100"),
                "\(run.standardError)")
    }

    /// The comparison's column names last year by its number, as the title of its file does.
    @Test func theComparisonNamesThePreviousYear() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let previous = try previousYear(in: year)
        let run = try Sipav.run(["statistics", "--previous", previous])
        #expect(run.status == 0, "\(run.standardError)")
        let header = try #require(run.standardOutput.split(separator: "\n").first { $0.hasPrefix("Gruppo") && $0.contains("Misura") })
        #expect(header.contains("Anno 2019") && header.contains("Anno 2018") && !header.contains("precedente"), "\(header)")
    }

    /// The tables' abbreviation and their rounding are said in the notes: a reader adding a group's percentages
    /// finds 100,1 and must know why.
    @Test func theNotesSayWhatTheTablesLeaveUnsaid() throws {
        let run = try Sipav.run(["statistics"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("n.v."))
        #expect(run.standardOutput.contains("\n• n.v.: non valutabili"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("può differire di qualche decimo da 100"), "\(run.standardOutput)")
    }

    /// An Area with nobody in it has no percentages: null in JSON, "—" in a table, not 0,0 % at every score.
    @Test func aGroupWithNobodyHasNoPercentages() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let objective = ["  - id: \"A9.1\"", "    title: \"Obiettivo dell'Area senza personale\"", "    owner: AREA9", "    lines: [\"1\"]",
                         "    indicators:", "      - id: \"A9.1.1\"", "        name: \"Fatto\"", "        unit: \"%\"",
                         "        scale: {kind: at_least, thresholds: [70, 60, 55, 50, 40]}", "        measured: 100", ""]
        var plan = try year.lines("plan.yaml")
        let firstObjective = try #require(plan.firstIndex(of: "  - id: \"A1.1\""))
        plan.insert(contentsOf: objective, at: firstObjective)
        let areas = try #require(plan.firstIndex(of: "areas:"))
        plan.insert(contentsOf: ["  - id: AREA9", "    name: \"Area senza personale\""], at: areas + 1)
        try year.write("plan.yaml", lines: plan)

        let report = try json(["statistics", "--data", year.folder.path])
        let empty = try rows(report, "distribution").filter { ($0["group"] as? String) == "Non dirigenti – Area senza personale" }
        #expect(empty.count == 8)
        #expect(empty.allSatisfy { $0["percent"] is NSNull && ($0["people"] as? NSNumber)?.intValue == 0 }, "\(empty)")
        let bands = try rows(report, "bands").filter { ($0["group"] as? String) == "Non dirigenti – Area senza personale" }
        #expect(bands.count == 3 && bands.allSatisfy { $0["percent"] is NSNull }, "\(bands)")
        let text = try Sipav.run(["statistics", "--data", year.folder.path])
        let lines = text.standardOutput.split(separator: "\n").filter { $0.hasPrefix("Non dirigenti – Area senza personale") }
        #expect(!lines.isEmpty && lines.allSatisfy { !$0.contains("0,0 %") }, "\(lines)")
    }
}
