import Foundation
import Testing

/// What the reports say about how an amount or a result was reached is what was used: an auditor recomputes from
/// the page.
@Suite("Figures explained as used")
struct ExplainedFiguresTests {
    func withSettings(_ yaml: String, _ body: (ScratchYear, String) throws -> Void) throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let config = year.path("settings.yaml")
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        try body(year, config)
    }

    /// "quota × 63 %" for a component of 62,5 % gave an amount 3,57 € away from the one paid.
    @Test func componentPercentagesAreShownAsTheyAre() throws {
        try withSettings("fund:\n  components:\n    staff: {individual: \"62,5\", ente: \"22,5\", area: 15}\n") { year, config in
            let run = try Sipav.run(["explain", "E0001", "--data", year.folder.path, "--config", config])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("quota × 62,5 % × coefficiente"), "\(run.standardOutput)")
            #expect(run.standardOutput.contains("quota × 22,5 % × risultato ente"), "\(run.standardOutput)")
        }
    }

    /// The share's weight names only the factors the settings use, with the category's parameter, and the sum of
    /// the weights is on the page, so that the share can be recomputed.
    @Test func theShareWeightSaysWhatItIsMadeOf() throws {
        try withSettings("fund:\n  shares_follow_part_time: false\n  category_parameters: {C: \"0,9\"}\n") { year, config in
            let run = try Sipav.run(["explain", "E0001", "--data", year.folder.path, "--config", config, "--format", "json"])
            try #require(run.status == 0, "\(run.standardError)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            let steps = try #require(report["steps"] as? [[String: Any]])
            func step(_ name: String) -> [String: Any]? { steps.first { ($0["step"] as? String) == name } }
            let weight = try #require(step("Peso della quota"))
            let how = try #require(weight["how"] as? String)
            #expect(how.hasSuffix("(part-time non conta)"), "\(how)")
            #expect(!how.contains("part-time 1") && !how.contains("part-time 8"), "\(how)")
            let total = try #require(step("Somma dei pesi"))
            let share = try #require((step("Quota teorica")?["value"] as? NSNumber)?.doubleValue)
            let fund = try #require((step("Fondo")?["value"] as? NSNumber)?.doubleValue)
            let ownWeight = try #require((weight["value"] as? NSNumber)?.doubleValue)
            let sum = try #require((total["value"] as? NSNumber)?.doubleValue)
            #expect(sum > ownWeight)
            // The share is the fund times the weight over the sum, within the rounding of the figures shown.
            #expect(abs(fund * ownWeight / sum - share) < 0.01 * fund / sum + 1, "\(fund) \(ownWeight) \(sum) \(share)")
        }
    }

    /// A person in band BASSA gets nothing: each component says so, where the line's formula (quota × 25 % × risultato
    /// ente) gave an amount the line did not show; a person not assessable has no score to round and no coefficient.
    @Test func bandBassaAndNotAssessableSayWhyEachComponentIsZero() throws {
        let bassa = try Sipav.run(["explain", "E0247"])
        try #require(bassa.status == 0, "\(bassa.standardError)")
        for step in ["Componente individuale", "Componente ente", "Componente Area"] {
            let line = bassa.standardOutput.split(separator: "\n").first { $0.hasPrefix(step) }.map(String.init) ?? ""
            #expect(line.hasSuffix("fascia BASSA: nessun importo"), "\(line)")
            #expect(!line.contains("quota ×"), "\(line)")
        }
        #expect(bassa.standardOutput.contains("arrotondamento all'intero più vicino"), "an assessable person's score is rounded")
        let notAssessable = try Sipav.run(["explain", "E0110"])
        try #require(notAssessable.status == 0, "\(notAssessable.standardError)")
        #expect(notAssessable.standardOutput.contains("nessun punteggio (non valutabile); fascia BASSA"), "\(notAssessable.standardOutput)")
        #expect(notAssessable.standardOutput.contains("nessun punteggio: nessun coefficiente"))
        #expect(!notAssessable.standardOutput.contains("arrotondamento"))
        // The sum of the weights names how many share the fund, with no article to agree with the number.
        #expect(notAssessable.standardOutput.contains("273 aventi diritto al fondo"), "\(notAssessable.standardOutput)")
        #expect(notAssessable.standardOutput.firstMatch(of: /dei \d/) == nil, "\(notAssessable.standardOutput)")
    }

    /// With the organisational components fixed, the page said "risultato ente 100,00 %" for an ente at 95,8 %.
    @Test func aFixedComponentIsNotCalledAResult() throws {
        try withSettings("fund:\n  organisational_components_follow_results: false\n") { year, config in
            let run = try Sipav.run(["explain", "E0001", "--data", year.folder.path, "--config", config])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("100 % (componente fissa: non segue il risultato ente)"), "\(run.standardOutput)")
            #expect(!run.standardOutput.contains("risultato ente 100"), "\(run.standardOutput)")
        }
        let run = try Sipav.run(["explain", "E0001"])
        #expect(run.standardOutput.contains("(calcolato)"), "\(run.standardOutput)")
    }

    /// The managers' share has no Area part: the Segretario Generale, who has no Area, silently lost it.
    @Test func theManagersShareHasNoAreaComponent() throws {
        try withSettings("fund:\n  components:\n    managers: {individual: 70, ente: 20, area: 10}\n") { year, config in
            let run = try Sipav.run(["allocate", "--data", year.folder.path, "--config", config])
            #expect(run.status == 65, "\(run.standardOutput)")
            #expect(run.standardError.contains("la quota dei dirigenti non ha una componente Area"), "\(run.standardError)")
        }
        try withSettings("fund:\n  components:\n    managers: {individual: 80, ente: 20, area: 0}\n") { year, config in
            let run = try Sipav.run(["allocate", "--data", year.folder.path, "--config", config])
            #expect(run.status == 0, "\(run.standardError)")
        }
    }

    /// Money on a fund nobody is paid from went to the residual without a word.
    @Test func aFundWithMoneyAndNobodyToPayIsAFault() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let staff = try year.lines("staff.csv")
        let managers = staff.filter { $0.hasPrefix("employee_id;") || $0.contains(";dirigente;") || $0.contains(";segretario_generale;") }
        let ids = Set(managers.dropFirst().map { String($0.prefix { $0 != ";" }) })
        try year.write("staff.csv", lines: managers)
        try year.write("objectives.csv", lines: try year.lines("objectives.csv").filter { line in
            line.hasPrefix("employee_id;") || ids.contains(String(line.prefix { $0 != ";" }))
        })
        let run = try Sipav.run(["allocate", "--data", year.folder.path])
        #expect(run.status == 65, "\(run.standardOutput)")
        #expect(run.standardError.contains("il fondo del personale ha un importo, ma nell'elenco del personale nessuno ne è pagato"),
                "\(run.standardError)")
    }

    /// The ente's computed figure is the mean of its objectives' figures in force: it says which were the OIV's.
    @Test func theEntesSourceNamesTheValidatedObjectives() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let plan = try year.lines("plan.yaml") + ["validated:", "  - {scope: \"objective:1\", percent: 50, reference: \"Verbale 9\"}"]
        try year.write("plan.yaml", lines: plan)
        let run = try Sipav.run(["organisation", "--data", year.folder.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        let ente = try #require(run.standardOutput.split(separator: "\r\n").first { $0.hasPrefix("Ente;") })
        #expect(ente.contains("calcolato, con l'obiettivo 1 validato OIV"), "\(ente)")
    }

    /// With weighted objectives the objectives' table shows the weights the results were computed with.
    @Test func weightedObjectivesShowTheirWeights() throws {
        try withSettings("organisation:\n  objective_weights: true\n") { year, config in
            let run = try Sipav.run(["organisation", "--data", year.folder.path, "--config", config, "--format", "json"])
            try #require(run.status == 0, "\(run.standardError)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            let objectives = try #require(report["objectives"] as? [[String: Any]])
            #expect(objectives.allSatisfy { ($0["weight"] as? NSNumber)?.doubleValue == 1 }, "\(objectives.first ?? [:])")
            // The note under the tables says which mean was taken: with no objective weighing other than 1, the plain one.
            #expect(!run.standardOutput.contains("pesata con i pesi degli obiettivi"))
            #expect(run.standardOutput.contains("è la media degli obiettivi con il loro valore applicato."))
            // Every objective given a weight, the first 3: the mean is weighed, and says so.
            var first = true
            try year.write("plan.yaml", lines: try year.lines("plan.yaml").flatMap { line -> [String] in
                guard line.hasPrefix("    lines:") else { return [line] }
                defer { first = false }
                return [line, "    weight: \(first ? 3 : 1)"]
            })
            let weighed = try Sipav.run(["organisation", "--data", year.folder.path, "--config", config, "--format", "json"])
            try #require(weighed.status == 0, "\(weighed.standardError)")
            #expect(weighed.standardOutput.contains("pesata con i pesi degli obiettivi"))
        }
        let unweighted = try Sipav.run(["organisation", "--format", "json"])
        #expect(!unweighted.standardOutput.contains("\"weight\""))
        #expect(!unweighted.standardOutput.contains("pesata con i pesi degli obiettivi"))
    }

    /// The fund's top-rating increase and the factor it scales everyone's individual component by are on the
    /// allocation, not only in one person's explanation.
    @Test func theAllocationShowsTheIncreaseAndItsFactor() throws {
        try withSettings("fund:\n  top_rating_increase: {enabled: true, maximum_share_of_staff_percent: 10, percent_of_average: 30}\n") { year, config in
            try theIncreaseIsShown(try Sipav.run(["allocate", "--data", year.folder.path, "--config", config, "--format", "json"]))
        }
    }

    func theIncreaseIsShown(_ run: SipavRun) throws {
        try #require(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let funds = try #require(report["funds"] as? [[String: Any]])
        let staff = try #require(funds.first { ($0["increase_recipients"] as? NSNumber)?.intValue ?? 0 > 0 }, "\(funds)")
        #expect(((staff["increase_per_head_cents"] as? NSNumber)?.doubleValue ?? 0) > 0, "\(staff)")
        let scaling = try #require((staff["individual_scaling"] as? NSNumber)?.doubleValue, "\(staff)")
        #expect(scaling > 0 && scaling <= 1, "\(staff)")
    }
}
