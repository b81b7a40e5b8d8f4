import Foundation
import Testing

/// A person's explanation says why they got the top-rating increase or not, and how their share of the redistributed
/// residual was reached, with figures an auditor recomputes the amounts from.
@Suite("Increase and residual explained")
struct ExplainedIncreaseAndResidualTests {
    static let settings = """
        fund:
          top_rating_increase: {enabled: true, maximum_share_of_staff_percent: 10, percent_of_average: 30}
          residual: redistribute
          redistribution_cap_percent_of_share: 110

        """

    /// The allocation's amounts and its staff fund, and each person's explanation on demand.
    struct Year {
        let amounts: [[String: Any]]
        let staffFund: [String: Any]
        let folder: String
        let config: String

        func steps(of person: String) throws -> [String: [String: Any]] {
            let run = try Sipav.run(["explain", person, "--data", folder, "--config", config, "--format", "json"])
            try #require(run.status == 0, "\(run.standardError)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            let steps = try #require(report["steps"] as? [[String: Any]])
            return Dictionary(steps.map { ($0["step"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        }

        func staff(where condition: ([String: Any]) -> Bool) -> [[String: Any]] {
            amounts.filter { $0["fund"] as? String == "Personale non dirigente" && condition($0) }
        }
    }

    func withYear(_ body: (Year) throws -> Void) throws {
        let scratch = try ScratchYear()
        defer { scratch.remove() }
        let config = scratch.path("settings.yaml")
        try Self.settings.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try Sipav.run(["allocate", "--data", scratch.folder.path, "--config", config, "--format", "json"])
        try #require(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let amounts = try #require(report["amounts"] as? [[String: Any]])
        let funds = try #require(report["funds"] as? [[String: Any]])
        let staffFund = try #require(funds.first { $0["fund"] as? String == "Personale non dirigente" })
        try body(Year(amounts: amounts, staffFund: staffFund, folder: scratch.folder.path, config: config))
    }

    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }
    static func text(_ step: [String: Any]?) -> String { step?["how"] as? String ?? "" }
    /// The position in "23° di 270 valutati positivamente".
    static func position(_ step: [String: Any]?) -> Int? { text(step).split(separator: "°").first.flatMap { Int($0) } }

    /// A recipient's increase is the percentage of the average shown; their place is among the first so many, and
    /// a positively rated person without it is told they are not among them, and placed after them.
    @Test func theIncreaseSaysWhereEachStood() throws {
        try withYear { year in
            let recipients = Int(Self.number(year.staffFund["increase_recipients"]))
            try #require(recipients > 0, "\(year.staffFund)")
            let increased = year.staff { Self.number($0["increase_cents"]) > 0 }
            #expect(increased.count == recipients)
            let recipient = try #require(increased.last?["employee_id"] as? String)
            let steps = try year.steps(of: recipient)
            let increase = try #require(steps["Maggiorazione (CCNL 21/05/2018 art. 69)"])
            let how = Self.text(increase)
            #expect(how.hasPrefix("30 % della componente individuale media ("), "\(how)")
            // The average shown, in euros with four decimals, times 30 % is the increase paid, in cents.
            let averageText = how.split(separator: "(").last?.split(separator: " ").first ?? ""
            let average = try #require(Double(averageText.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")))
            #expect(abs(average * 100 * 0.3 - Self.number(increase["value"])) < 0.01, "\(average) \(increase)")
            let place = try #require(Self.position(steps["Graduatoria"]), "\(steps["Graduatoria"] ?? [:])")
            #expect((1...recipients).contains(place))

            let missedOut = try #require(year.staff {
                Self.number($0["increase_cents"]) == 0 && Self.number($0["individual_cents"]) > 0 && Self.number($0["final_score"]) == 6
            }.first?["employee_id"] as? String, "someone rated 6 beyond the first \(recipients)")
            let theirs = try year.steps(of: missedOut)
            let none = try #require(theirs["Maggiorazione (CCNL 21/05/2018 art. 69)"])
            #expect(Self.number(none["value"]) == 0)
            #expect(Self.text(none) == "non tra i primi \(recipients): al più 10 % di \(Int(Self.number(year.staffFund["people"]))) aventi diritto",
                    "\(none)")
            let theirPlace = try #require(Self.position(theirs["Graduatoria"]))
            #expect(theirPlace > recipients)
        }
    }

    /// Under the cap, the redistributed part is what was earned times the factor shown; at the cap, it fills the
    /// share × 110 % shown; with nothing earned, nothing is redistributed, and each line says which.
    @Test func theResidualSaysHowEachShareWasReached() throws {
        try withYear { year in
            let belowCap = try #require(year.staff {
                Self.number($0["redistributed_cents"]) > 0
                    && Self.number($0["amount_cents"]) < Self.number($0["share_cents"]) * 1.1 - 1
            }.first)
            let belowCapID = try #require(belowCap["employee_id"] as? String)
            let steps = try year.steps(of: belowCapID)
            let line = try #require(steps["Residuo ridistribuito"])
            let how = Self.text(line)
            #expect(how.hasPrefix("maturato × ") && how.hasSuffix("(fattore comune sotto il tetto)"), "\(how)")
            let factorText = how.dropFirst("maturato × ".count).split(separator: " ").first ?? ""
            let factor = try #require(Double(factorText.replacingOccurrences(of: ",", with: ".")))
            let redistributed = Self.number(line["value"])
            let earned = Self.number(steps["Importo esatto"]?["value"]) - redistributed
            // What was earned times the factor shown is the part redistributed (not the whole amount), to the cent.
            #expect(abs(earned * factor - redistributed) < 1, "\(earned) \(factor) \(redistributed)")

            let capped = try #require(year.staff {
                Self.number($0["redistributed_cents"]) > 0
                    && abs(Self.number($0["amount_cents"]) - Self.number($0["share_cents"]) * 1.1) <= 1
            }.first)
            let cappedID = try #require(capped["employee_id"] as? String)
            let cappedLine = try #require(try year.steps(of: cappedID)["Residuo ridistribuito"])
            #expect(Self.text(cappedLine).hasPrefix("fino al tetto: quota × 110 % = "), "\(cappedLine)")

            let bassa = try #require(year.staff { $0["band"] as? String == "BASSA" }.first?["employee_id"] as? String)
            let nothing = try #require(try year.steps(of: bassa)["Residuo ridistribuito"])
            #expect(Self.text(nothing) == "nulla maturato: nulla ridistribuito")
            #expect(Self.number(nothing["value"]) == 0)
        }
    }

    /// Without the two settings the explanation has neither line: nothing was moved between people.
    @Test func neitherLineWithoutTheSettings() throws {
        let run = try Sipav.run(["explain", "E0001"])
        try #require(run.status == 0, "\(run.standardError)")
        #expect(!run.standardOutput.contains("Maggiorazione"))
        #expect(!run.standardOutput.contains("Residuo ridistribuito"))
        #expect(!run.standardOutput.contains("Graduatoria"))
    }
}
