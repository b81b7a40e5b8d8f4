import Foundation
import Testing

/// The demo body, run through the command line as a user would, reproduces the report.
@Suite("The demo cycle from the command line")
struct DemoCycleTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try Sipav.run(arguments + ["--format", "json"])
        try #require(run.status == 0, "\(run.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }

    func rows(_ report: [String: Any], _ key: String) throws -> [[String: Any]] {
        try #require(report[key] as? [[String: Any]])
    }

    func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    /// A value that does not exist is null in JSON, as the README says, and its reason in a table and a CSV: the
    /// final score of a person who cannot be assessed (`n.v.`), the Area of the Segretario Generale.
    @Test func anAbsentValueIsNullInJSONAndSaysWhyElsewhere() throws {
        let amounts = try rows(try json(["allocate"]), "amounts")
        let notAssessable = try #require(amounts.first { ($0["employee_id"] as? String) == "E0110" })
        #expect(notAssessable["final_score"] is NSNull, "\(notAssessable)")
        let segretario = try #require(amounts.first { ($0["employee_id"] as? String) == "DIR001" })
        #expect(segretario["area"] is NSNull, "\(segretario)")
        let csv = try Sipav.run(["allocate", "--format", "csv"])
        let line = try #require(csv.standardOutput.split(separator: "\r\n").first { $0.hasPrefix("E0110;") })
        #expect(line.contains(";n.v.;"), "\(line)")
    }

    /// The explanation of an amount fits a terminal's table: no step's how is cut.
    @Test func theExplanationIsNotCut() throws {
        let run = try Sipav.run(["explain", "E0001"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("arrotondamento all'intero più vicino (0,5 per eccesso); fascia"), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("…"), "\(run.standardOutput)")
    }

    @Test func organisationalResultsAreTheReports() throws {
        let report = try json(["organisation"])
        let objectives = try rows(report, "objectives").filter { ($0["owner"] as? String) == "Ente" }
        let byID = Dictionary(uniqueKeysWithValues: objectives.map { ($0["objective"] as! String, number($0["computed_percent"])) })
        #expect(byID.count == 10)
        let expected: [String: Double] = ["1": 95, "2": 100, "3": 100, "4": 100, "5": 75, "6": 88, "7": 100, "8": 100,
                                          "9": 100, "10": 100]
        #expect(byID == expected)
        let indicators = try rows(report, "indicators")
        func indicator(_ id: String) -> Double {
            number(indicators.first { ($0["indicator"] as? String)?.trimmingCharacters(in: .whitespaces) == id }?["achievement_percent"])
        }
        #expect(indicator("1.4") == 80)
        #expect(indicator("6.3") == 40)
        let ente = try rows(report, "results").first { ($0["scope"] as? String) == "Ente" }
        #expect(number(ente?["computed_percent"]) == 95.8)
        // Who answers for each scope, by employee id alike (the Segretario Generale's row had a title): an id, not a name,
        // beside an individual score.
        #expect(try rows(report, "results").map { $0["manager"] as? String } == ["DIR001", "DIR002", "DIR003", "DIR004"])
    }

    @Test func allocationAddsUpToTheCent() throws {
        let report = try json(["allocate"])
        let funds = try rows(report, "funds")
        let amounts = try rows(report, "amounts")
        #expect(funds.count == 2)
        for fund in funds {
            let name = fund["fund"] as! String
            let paid = (fund["paid_cents"] as! NSNumber).int64Value
            let residual = (fund["residual_cents"] as! NSNumber).int64Value
            let total = (fund["fund_cents"] as! NSNumber).int64Value
            #expect(paid + residual == total)
            let people = amounts.filter { ($0["fund"] as! String) == name }
            #expect(people.reduce(Int64(0)) { $0 + ($1["amount_cents"] as! NSNumber).int64Value } == paid)
            #expect(people.allSatisfy { ($0["amount_cents"] as! NSNumber).int64Value >= 0 })
        }
        let staffFund = try #require(funds.first { ($0["fund"] as! String) == "Personale non dirigente" })
        #expect((staffFund["fund_cents"] as! NSNumber).int64Value == 73_431_244 + 1_248_000)
        let bassa = amounts.filter { ($0["band"] as! String) == "BASSA" }
        #expect(!bassa.isEmpty)
        #expect(bassa.allSatisfy { ($0["amount_cents"] as! NSNumber).int64Value == 0 })
    }

    /// The theoretical shares and the components, rounded for reading, do not add up to the fund or the amount to the
    /// cent (the demo's staff shares fall 93 cents short): the report says so, and that the amounts do.
    @Test func theReportSaysWhatIsRoundedForReading() throws {
        let run = try Sipav.run(["allocate"])
        #expect(run.standardOutput.contains("La quota teorica e le componenti sono importi esatti arrotondati al centesimo per la lettura"),
                "\(run.standardOutput)")
        #expect(run.standardOutput.contains("gli importi sommano al pagato, al centesimo"), "\(run.standardOutput)")
    }

    @Test func theSameInputGivesTheSameCents() throws {
        let first = try Sipav.run(["allocate", "--format", "csv"])
        let second = try Sipav.run(["allocate", "--format", "csv"])
        #expect(first.status == 0)
        #expect(first.standardOutput == second.standardOutput)
    }

    @Test func distributionResemblesTheReport() throws {
        let report = try json(["statistics"])
        let everyone = try rows(report, "distribution").filter { ($0["group"] as? String) == "Tutto il personale" }
        func percent(_ score: String) -> Double { number(everyone.first { ($0["score"] as? String) == score }?["percent"]) }
        #expect(abs(percent("6") - 18.5) < 1.5)
        #expect(abs(percent("5") - 44.9) < 1.5)
        #expect(abs(percent("4") - 29.8) < 1.5)
    }

    @Test func csvOpensInAnItalianSpreadsheet() throws {
        let run = try Sipav.run(["allocate", "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("\u{FEFF}"))
        let lines = run.standardOutput.components(separatedBy: "\r\n")
        #expect(lines.contains { $0.hasPrefix("Dirigenza;") && $0.contains("78980,25") })
    }

    @Test func explainShowsEveryStep() throws {
        let run = try Sipav.run(["explain", "E0001"])
        #expect(run.status == 0, "\(run.standardError)")
        for step in ["Quota teorica", "Coefficiente individuale", "Componente ente", "Componente Area", "Importo erogato"] {
            #expect(run.standardOutput.contains(step))
        }
        let unknown = try Sipav.run(["explain", "NOBODY"])
        #expect(unknown.status == 64)
        // The built-in demo's files are named as such, not by the build folder they sit in.
        #expect(unknown.standardError == "sipav: nessun dipendente con matricola \"NOBODY\" in dati dimostrativi integrati/staff.csv\n",
                "\(unknown.standardError)")
        // A staff list of its own, one person short: that person's rows of the demo's objectives are its faults.
        let year = try ScratchYear()
        defer { year.remove() }
        var staff = try year.lines("staff.csv")
        staff.remove(at: 11)
        try year.write("staff.csv", lines: staff)
        let fault = try Sipav.run(["validate", "--staff", year.path("staff.csv")])
        #expect(fault.status == 65)
        #expect(fault.standardError.contains("\ndati dimostrativi integrati/objectives.csv:"), "\(fault.standardError)")
        #expect(!fault.standardError.contains(".build"), "\(fault.standardError)")
    }

    @Test func theDemoDataIsTheGeneratorsOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-generate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Sipav.run(["generate", "--demo", "--seed", "2019", "-o", folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        for name in ["staff.csv", "objectives.csv"] {
            let generated = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let committed = try String(contentsOf: Sipav.demoFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(generated == committed, "\(name) differs from the generator's output")
        }
    }

    @Test func statisticsCompareWithThePreviousYear() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let generated = try Sipav.run(["generate", "--demo", "--seed", "2018", "-o", year.folder.path, "--force"])
        try #require(generated.status == 0)
        // The generated body as it was the year before.
        try year.makeTheYearBefore()
        let previous = year.path("previous.json")
        let written = try Sipav.run(["statistics", "--data", year.folder.path, "--format", "json", "-o", previous])
        try #require(written.status == 0, "\(written.standardError)")
        let report = try json(["statistics", "--previous", previous])
        let comparison = try rows(report, "comparison")
        let sixes = try #require(comparison.first { ($0["group"] as? String) == "Tutto il personale" && ($0["measure"] as? String) == "% punteggio 6" })
        let difference = number(sixes["this_year"]) - number(sixes["previous_year"])
        #expect(abs(number(sixes["difference"]) - difference) < 0.0001)
        #expect(comparison.count > 20)
    }

    /// The comparison is with an earlier year of the same body: this year's own statistics, or another body's, are
    /// refused rather than published as "the previous year".
    @Test func statisticsRefuseToCompareWithTheSameYearOrAnotherBody() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let same = year.path("same.json")
        try #require(try Sipav.run(["statistics", "--format", "json", "-o", same]).status == 0)
        let other = year.path("other.json")
        let text = try String(contentsOfFile: same, encoding: .utf8)
            .replacingOccurrences(of: "Differenziazione delle valutazioni 2019 – ", with: "Differenziazione delle valutazioni 2018 – Altro ente, ")
        try text.write(toFile: other, atomically: true, encoding: .utf8)
        for file in [same, other] {
            let run = try Sipav.run(["statistics", "--previous", file])
            #expect(run.status == 65, "\(run.standardError)")
            #expect(run.standardError.contains("devono essere di un anno precedente dello stesso ente"), "\(run.standardError)")
        }
    }

    @Test func theDemoCommandPrintsEveryReport() throws {
        let run = try Sipav.run(["demo"])
        #expect(run.status == 0, "\(run.standardError)")
        for title in ["Risultati dell'ente e delle Aree", "Fondi", "Distribuzione dei punteggi finali", "Sintesi e grado di differenziazione"] {
            #expect(run.standardOutput.contains(title))
        }
        let json = try self.json(["demo"])
        #expect(json["report"] as? String == "cycle")
        for key in ["indicators", "objectives", "results", "funds", "distribution", "bands", "summary", "bonus"] {
            #expect(json[key] != nil, "missing table \(key)")
        }
    }
}

/// Writing a report to a device must not replace the device with a file.
@Suite("Output to special files")
struct OutputToDevicesTests {
    @Test func writingToDevNullKeepsItADevice() throws {
        let run = try Sipav.run(["scores", "--format", "csv", "-o", "/dev/null"])
        #expect(run.status == 0, "\(run.standardError)")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    /// A file that cannot be written says why in Italian (Foundation's own reason is in English).
    @Test func aFileThatCannotBeWrittenSaysWhyInItalian() throws {
        let run = try Sipav.run(["scores", "--format", "csv", "-o", "/nessuna/cartella/punteggi.csv"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("/nessuna/cartella/punteggi.csv: impossibile scrivere il file (la cartella non esiste)"),
                "\(run.standardError)")
        #expect(!run.standardError.contains("The operation"))
    }
}
