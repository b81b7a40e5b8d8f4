import Foundation
import SIPAVTestSupport
import Testing

/// A slip in the demo's plan that YAML reads without a word and that would make a wrong figure, and what the commands
/// must say of it: the plan's line, the field and the rule in Italian.
struct PlanSlip: CustomTestStringConvertible, Sendable {
    let name: String
    let original: String
    let replacement: String
    /// Text on the line the fault names, in the plan as changed.
    let lineOf: String
    let field: String
    let rule: String
    var settings: String?
    var testDescription: String { name }
}

let planSlips: [PlanSlip] = [
    PlanSlip(name: "a decimal comma inside [ ]", original: "thresholds: [1, 2], percents: [100, 80]}", replacement: "thresholds: [2,5]}",
             lineOf: "thresholds: [2,5]}", field: "objectives.indicators.scale.thresholds",
             rule: "valore \"2,5\": tra [ ] una virgola fra due cifre separa due numeri: scriva un numero con i decimali con il punto (95.5) o tra virgolette (\"95,5\")"),
    PlanSlip(name: "last year's deadline", original: "          thresholds: [\"2019-06\", \"2019-07\", \"2019-09\", \"2019-10\", \"2019-11\"]\n        measured: \"2019-07-26\"",
             replacement: "          thresholds: [\"2018-06\", \"2018-07\", \"2018-09\", \"2018-10\", \"2018-11\"]\n        measured: \"2019-07-26\"",
             lineOf: "\"2018-06\"", field: "objectives.indicators.scale.thresholds",
             rule: "valore \"2018-06\": una soglia di una scala deadline è un mese dell'anno del piano, 2019, o dell'anno successivo"),
    PlanSlip(name: "an objective without its weight", original: "    lines: [\"1\"]\n    # atteso: (100 + 100 + 100 + 80) / 4 = 95",
             replacement: "    lines: [\"1\"]\n    weight: 40\n    # atteso: (100 + 100 + 100 + 80) / 4 = 95",
             lineOf: "  - id: \"2\"\n    title:", field: "objectives.id",
             rule: "valore \"2\": l'impostazione organisation.objective_weights è true e altri obiettivi del piano hanno un peso",
             settings: "organisation:\n  objective_weights: true\n"),
    PlanSlip(name: "a suppressed indicator measured", original: "          reference: \"Delibera di Giunta n. 139 del 16/09/2019\"\n      - id: \"9.2\"",
             replacement: "          reference: \"Delibera di Giunta n. 139 del 16/09/2019\"\n        measured: \"si\"\n      - id: \"9.2\"",
             lineOf: "        measured: \"si\"\n      - id: \"9.2\"", field: "objectives.indicators.measured",
             rule: "valore \"si\": un indicatore soppresso non ha un valore misurato: è escluso da ogni media"),
    PlanSlip(name: "a key written twice", original: "    title: \"Garantire nel tempo la salute organizzativa dell'ente camerale\"\n",
             replacement: "    title: \"Garantire nel tempo la salute organizzativa dell'ente camerale\"\n    title: \"Bis\"\n",
             lineOf: "title: \"Bis\"", field: "objectives.title",
             rule: "valore \"title\": una chiave compare due volte nello stesso gruppo di chiavi: la prima volta alla riga 61"),
]

@Suite("Plan slips on the command line")
struct PlanSlipsCommandTests {
    @Test(arguments: planSlips)
    func aSlipIsRefusedAndNothingWritten(_ slip: PlanSlip) throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let plan = try String(contentsOfFile: year.path("plan.yaml"), encoding: .utf8)
        try #require(plan.contains(slip.original), "the demo's plan changed: \(slip.original)")
        let text = plan.replacing(slip.original, with: slip.replacement, maxReplacements: 1)
        try text.write(toFile: year.path("plan.yaml"), atomically: true, encoding: .utf8)
        let line = 1 + text[..<text.range(of: slip.lineOf)!.lowerBound].count(where: { $0 == "\n" })
        var settings: [String] = []
        if let yaml = slip.settings {
            try yaml.write(toFile: year.path("settings.yaml"), atomically: true, encoding: .utf8)
            settings = ["--config", year.path("settings.yaml")]
        }
        let validate = try Sipav.run(["validate", "--data", year.folder.path] + settings)
        #expect(validate.status == 65, "\(validate.standardError)")
        #expect(validate.standardError.contains("\(year.path("plan.yaml")):\(line): campo \"\(slip.field)\", \(slip.rule)"),
                "\(validate.standardError)")
        let output = year.path("organisation.txt")
        let organisation = try Sipav.run(["organisation", "--data", year.folder.path, "-o", output] + settings)
        #expect(organisation.status == 65, "\(organisation.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Weights in a plan whose settings do not weigh the objectives are not used: `validate` says so, and passes.
    @Test func weightsTheSettingsDoNotUseAreANote() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let slip = try #require(planSlips.first { $0.name == "an objective without its weight" })
        let plan = try String(contentsOfFile: year.path("plan.yaml"), encoding: .utf8)
        try plan.replacing(slip.original, with: slip.replacement).write(toFile: year.path("plan.yaml"), atomically: true, encoding: .utf8)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Nota: il piano dà un peso diverso da 1 a 1 obiettivo organizzativo (codice 1), ma l'impostazione "
                                            + "organisation.objective_weights è false"), "\(run.standardOutput)")
    }

    /// With every objective weighed, the report's weights have the decimals they need: 40, not 40,0000.
    @Test func weightsArePrintedWithoutNeedlessDecimals() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let plan = try String(contentsOfFile: year.path("plan.yaml"), encoding: .utf8)
        var weight = 0
        let weighed = plan.components(separatedBy: "\n").map { line -> String in
            guard line.hasPrefix("    owner: ") else { return line }
            weight += 1
            return line + "\n    weight: " + (weight == 1 ? "\"12,5\"" : "40")
        }.joined(separator: "\n")
        try weighed.write(toFile: year.path("plan.yaml"), atomically: true, encoding: .utf8)
        try "organisation:\n  objective_weights: true\n".write(toFile: year.path("settings.yaml"), atomically: true, encoding: .utf8)
        let run = try Sipav.run(["organisation", "--data", year.folder.path, "--config", year.path("settings.yaml"), "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        let rows = run.standardOutput.components(separatedBy: "\r\n")
        #expect(rows.contains { $0.hasPrefix("1;") && $0.hasSuffix(";12,5") }, "\(run.standardOutput)")
        #expect(rows.contains { $0.hasPrefix("2;") && $0.hasSuffix(";40") }, "\(run.standardOutput)")
    }
}
