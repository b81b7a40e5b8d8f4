import Foundation
import SIPAV
import SIPAVReports
import Testing
@testable import SIPAVFiles

/// Every rule the readers state about a broken input file is said in Italian on the pages and by the command line:
/// the real readers are fed many small broken files, and each rule they give must have an Italian text.
@Suite("Every rule of the input files in Italian")
struct ItalianFileRulesTests {
    /// The rules seen, each with one case that gave it.
    private struct Seen {
        var rules: [String: String] = [:]

        /// Records the faults of one case; a case that gives none is itself a failure (the input was not broken).
        mutating func add(_ label: String, _ found: [InputError], sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(!found.isEmpty, "no fault for \(label)", sourceLocation: sourceLocation)
            for fault in found where rules[fault.rule] == nil { rules[fault.rule] = label }
        }
    }

    // MARK: staff.csv and objectives.csv

    private static let staffHeader = "employee_id;name;role;category;area;part_time;months;not_assessable"
    private static let objectivesHeader = "employee_id;objective;title;weight;cosa;come"
    private static let people = [
        StaffMember(id: "E0001", name: "Rossi Mario", role: .dipendente, category: "D", area: 0),
        StaffMember(id: "E0002", name: "Verdi Luisa", role: .dipendente, category: "C", area: 1),
    ]

    private static let staffRows = [
        "E1;A;dipendente;C;AREA1;;;\nE1;B;dipendente;C;AREA1;;;",
        "E1;A;dipendente;C;AREA9;;;",
        "E1;A;dipendente;C;;;;",
        "E1;A;dipendente;C;AREA1;;;no",
        "E1;A;dipendente;C;AREA1;;13;",
        "E1;A;dipendente;C;AREA1;;6,5;",
        "E1;A;dipendente;C;AREA1;0;;",
        "E1;A;dipendente;C;AREA1;33,333;;",
        "E1;A;capo;C;AREA1;;;",
        ";A;dipendente;C;AREA1;;;",
        String(repeating: "X", count: 65) + ";A;dipendente;C;AREA1;;;",
        "E1;;dipendente;C;AREA1;;;",
        "E1;A;dipendente;;AREA1;;;",
        "E1;A;dipendente;C;AREA1",
        "E1;\"A\"x;dipendente;C;AREA1;;;",
        "E1;\"A;dipendente;C;AREA1;;;",
        "E1;A;dipendente;C;AREA1;;;\ne1;B;dipendente;C;AREA1;;;",
    ]

    private static let staffHeaders = [
        "employee_id;name;role;area",
        "employee_id;name;role;category;area;ufficio",
        "employee_id;name;role;category;area;Area",
        "employee_id;;name;role;category;area",
        "\"employee_id\"x;name;role;category;area",
        "\"employee_id;name;role;category;area",
    ]

    private static let objectivesRows = [
        "E9999;OB1;;100;5;A",
        "e0001;OB1;;100;5;A",
        ";OB1;;100;5;A",
        "E0001;OB1;;100;7;A",
        "E0001;OB1;;100;5;D",
        "E0001;OB1;;100;5;",
        "E0001;OB1;;0;5;A",
        "E0001;OB1;;33,333;5;A",
        "E0001;OB1;;;5;A",
        "E0001;;;100;5;A",
        "E0001;OB1;;100;5;A;x",
    ]

    private static func csvFaults(_ seen: inout Seen) throws {
        func staff(_ label: String, _ bytes: [UInt8], areas: [Area] = testAreas) {
            seen.add("staff.csv: \(label)", faults { () throws(InputErrors) in
                try StaffFile.parse(bytes: bytes, file: "staff.csv", areas: areas)
            })
        }
        for rows in staffRows { staff(rows, csv(staffHeader, rows)) }
        for header in staffHeaders { staff(header, csv(header, "E1;A;dipendente;C;AREA1")) }
        staff("no Areas in the plan", csv(staffHeader, "E1;A;dipendente;C;AREA1;;;"), areas: [])
        staff("header only", csv(staffHeader))
        staff("a NUL", csv(staffHeader, "E1;A\u{0};dipendente;C;AREA1;;;"))
        staff("empty", [])
        staff("blanks only", Array(" \n\t\r\n".utf8))
        staff("Latin-1", Array("employee_id;name\nE1;Citt".utf8) + [0xE0] + Array("\n".utf8))

        for rows in objectivesRows {
            seen.add("objectives.csv: \(rows)", faults { () throws(InputErrors) in
                try ObjectivesFile.parse(bytes: csv(objectivesHeader, rows), file: "objectives.csv", staff: people)
            })
        }
        seen.add("objectives.csv: cosa without come", faults { () throws(InputErrors) in
            try ObjectivesFile.parse(bytes: csv(objectivesHeader, "E0001;OB1;;100;;B"), file: "objectives.csv", staff: people)
        })
        // The web's download's own columns: a version and a year that are no whole numbers, and a file of another year.
        seen.add("objectives.csv: a version and a year garbled", try ObjectivesFile.parseKeepingFaults(
            bytes: csv(objectivesHeader + ";version;year", "E0001;OB1;;100;5;A;uno;duemila"), file: "objectives.csv", staff: people,
            readingVersions: true).faults)
        seen.add("objectives.csv of another year", [ObjectivesFile.otherYearFault([2023: 2], file: "objectives.csv", year: 2024)].compactMap { $0 })

        // The files themselves: missing, a folder; read whole and mapped in place.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-italian-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("staff.csv").path
        for path in [missing, folder.path] {
            seen.add("read \(path)", faults { () throws(InputErrors) in try StaffFile.read(path: path, areas: testAreas) })
            seen.add("load \(path)", faults { () throws(InputErrors) in try StaffFile.load(path: path, areas: testAreas) })
            seen.add("load \(path)", faults { () throws(InputErrors) in try ObjectivesFile.load(path: path, staff: people) })
            seen.add("read \(path)", faults { () throws(InputErrors) in try FundFile.read(path: path) })
        }
        let headerOnly = folder.appendingPathComponent("no-one.csv")
        try Data(csv(staffHeader)).write(to: headerOnly)
        seen.add("load a staff list of no one", faults { () throws(InputErrors) in
            try StaffFile.load(path: headerOnly.path, areas: testAreas)
        })
    }

    // MARK: plan.yaml

    /// Changes to the fixture of `PlanFileTests`: the original and its replacement.
    private static let planChanges: [(String, String)] = [
        ("lines: [\"1\", \"2\"]", "lines: [\"1\", \"1\"]"),
        ("    name: \"Area Risorse\"\n", "    name: \"Area Risorse\"\n  - {id: area1, name: \"Bis\"}\n"),
        ("scale: {kind: yes_no}\n              measured: \"no\"", "composite: {sub_indicators: []}"),
        ("measured: \"2019-07-26\"", "measured: \"2017-07-26\""),
        ("{kind: below,", "{kind: under,"),
        ("[80, 85, 90, 95, 100]", "[85, 80, 90, 95, 100]"),
        ("[\"2019-03\", \"2019-04\"]", "[\"2019-04\", \"2019-03\"]"),
        ("[3, 2, 1]}", "[1, 2, 3]}"),
        ("[3, 2, 1]}", "[3,2, 1]}"),
        ("[\"2019-03\", \"2019-04\"]", "[\"2018-03\"]"),
        ("              suppressed: {reference: \"Delibera n. 139\"}", "              suppressed: {reference: \"Delibera n. 139\"}\n              measured: sì"),
        ("measured: \"2019-07-26\"\n", "measured: \"2019-07-26\"\n        suppressed: {reference: \"D\"}\n"),
        ("measured: \"2019-07-26\"", "measured: \"30/02/2019\""),
        ("    title: \"Patrimonio\"", "    title: 'Dell'ente'"),
        ("    title: \"Patrimonio\"", "    title: \"Patrimonio"),
        ("    title: \"Patrimonio\"", "\ttitle: \"Patrimonio\""),
        ("    title: \"Patrimonio\"", "    title: \"Patrimonio\"\n    title: \"Bis\""),
        ("percents: [100, 80, 60, 40, 20]}", "percents: [100, 80, 60, 40, 50]}"),
        ("percents: [100, 80, 60, 40, 20]}", "percents: [100, 80]}"),
        ("percents: [100, 80, 60, 40, 20]}", "percents: [100, 80, 60, 40, 0]}"),
        ("measured: 75", "measured: \"2019-07-26\""),
        ("measured: \"2019-07-26\"", "measured: 80"),
        ("measured: \"no\"", "measured: forse"),
        ("[\"2019-03\", \"2019-04\"]", "[\"2019-03\", \"aprile\"]"),
        ("[3, 2, 1]}", "[3, 2, tre]}"),
        ("measured: 75", "measured: \"1.500\""),
        ("[3, 2, 1]}", "[3, 2, 1, 0, -1, -2]}"),
        ("{kind: at_least, thresholds: [3, 2, 1]}", "{kind: at_least}"),
        ("{kind: at_least, thresholds: [3, 2, 1]}", "{kind: at_least, thresholds: []}"),
        ("{kind: at_least, thresholds: [3, 2, 1]}", "[at_least, 3, 2, 1]"),
        ("{kind: yes_no}\n              measured: \"no\"", "{kind: yes_no, thresholds: [1]}\n              measured: \"no\""),
        ("owner: AREA2", "owner: AREA9"),
        ("  - id: \"6\"", "  - id: \"1\""),
        ("- id: \"6.4\"", "- id: \"1.1\""),
        ("lines: [\"1\", \"2\"]", "lines: [\"1\", \"7\"]"),
        ("lines: [\"1\"]", "lines: []"),
        ("lines: [\"1\"]", "lines: {first: \"1\"}"),
        ("unit: \"%\"", "units: \"%\""),
        ("    title: \"Salute organizzativa\"\n", ""),
        ("title: \"Salute organizzativa\"", "title: \"  \""),
        ("title: \"Salute organizzativa\"", "title: [\"Salute\"]"),
        ("title: \"Salute organizzativa\"", "title:"),
        ("        measured: 8\n", ""),
        ("percents: [100, 80, 60, 40, 20]\n          sub", "percents: [100, 80, 90, 40, 20]\n          sub"),
        ("percents: [100, 80, 60, 40, 20]\n          sub", "percents: [100, 80, 0]\n          sub"),
        ("        composite:\n", "        measured: 5\n        composite:\n"),
        ("        composite:\n", "        scale: {kind: yes_no}\n        composite:\n"),
        ("            - id: \"6.3.2\"", "            - id: \"6.3.1\""),
        ("name: \"Registro\", scale: {kind: yes_no}, ", "name: \"Registro\", "),
        ("weight: 2", "weight: 0"),
        ("{id: AREA1, name: \"Area Anagrafe\", manager: DIR002}", "{id: ente, name: \"Area Anagrafe\"}"),
        ("  - id: AREA2\n", "  - id: AREA1\n"),
        ("name: \"Territorio\"}", "name: \"Territorio\"}\n  - {id: \"2\", name: \"Bis\"}"),
        ("\"area:AREA2\"", "\"area:AREA7\""),
        ("\"area:AREA2\"", "ente"),
        ("scope: ente", "scope: \"objective:99\""),
        ("scope: ente", "scope: tutto"),
        ("percent: 70", "percent: 170"),
        ("year: 2019", "year: duemila"),
        ("year: 2019", "year:"),
        ("year: 2019", "year: 2019\nyear: 2020"),
        ("body: \"Camera di commercio di Prova\"\n", ""),
        ("body: \"Camera di commercio di Prova\"", "body: [\"Camera\""),
        ("areas:\n", "areas: {AREA1: x}\nareas_list:\n"),
        ("        revision:\n          reference: \"Delibera di Giunta n. 139 del 16/09/2019\"\n", "        revision:\n"),
        ("        revision:\n          reference: \"Delibera di Giunta n. 139 del 16/09/2019\"\n",
         "        revision:\n          reference: \"Delibera\"\n          previous_scale: {kind: below}\n"),
        ("suppressed: {reference: \"Delibera n. 139\"}", "suppressed: \"Delibera n. 139\""),
    ]

    /// A plan of one objective of the ente whose only indicator is `indicator` (flow style).
    private static func smallPlan(indicator: String) -> String {
        """
        body: Ente
        year: 2019
        strategic_lines: [{id: "1", name: Linea}]
        areas: [{id: AREA1, name: Area}]
        objectives:
          - id: O1
            title: Obiettivo
            owner: ente
            lines: ["1"]
            indicators:
              - \(indicator)
        """
    }

    private static let smallPlanIndicators = [
        "{id: I1, name: N, composite: {sub_indicators: [{id: S1, name: S, scale: {kind: yes_no}, suppressed: {reference: D}}, {id: S2, name: S, scale: {kind: yes_no}, suppressed: {reference: D}}]}}",
        "{id: I1, name: N, composite: {sub_indicators: [{id: S1, name: S, scale: {kind: yes_no}, measured: sì}]}}",
        "{id: I1, name: N, composite: {sub_indicators: [{id: S1, name: S, composite: {}, scale: {kind: yes_no}, measured: sì}, {id: S2, name: S, scale: {kind: yes_no}, measured: sì}]}}",
        "{id: I1, name: N, scale: {kind: deadline, thresholds: [\"2019-06\"]}, measured: \"2019-02-30\"}",
        "{id: I1, name: N, scale: {kind: below, thresholds: [2, 1]}, measured: 1}",
        "{id: I1, name: N, scale: {kind: yes_no, percents: [100, 50]}, measured: sì}",
        "{id: I1, name: N, scale: {kind: yes_no}, measured: sì, suppressed: {}}",
    ]

    /// Whole documents, and the YAML the library refuses: each of its usual problems once.
    private static let planTexts = [
        "# nothing\n",
        "- body\n- year\n",
        "body: Ente\nyear: 2019\nstrategic_lines: [{id: \"1\", name: L}]\nareas: []\nobjectives: []\n",
        "body: Ente\nyear: 2019\nstrategic_lines: [{id: \"1\", name: L}]\nareas: []\nobjectives:\n  - {id: O1, title: T, owner: ente, lines: [\"1\"], indicators: []}\n",
        "body: Ente: la Camera\n",
        "body: [Ente, {year: 2019}\n",
        "body: {name: Ente, year: 2019\n",
        "body: \"Ente\n",
        "body: @Ente\n",
        "body:\n\t- Ente\n",
        "body: \"Ente\\q\"\n",
        "body: *ente\n",
        "body: Ente\n---\nyear: 2019\n",
        "body: Ente\u{01}\n",
        "areas:\n  - id: A\n  name: B\n - id: C\n",
        "body:\n  - a\n  b: c\n",
        "body:\n  name: Ente\n year: 2019\n",
        "body: Ente\n  year: 2019\n",
        "body: Ente\n- year\n",
        "areas:\n  - AREA1\n  - AREA2\nobjectives\n",
        "body: - Ente\n",
        "body: Ente\n\tyear: 2019\n",
        "areas: [,]\n",
    ]

    private static func planFaults(_ seen: inout Seen) {
        func plan(_ label: String, _ text: String) {
            seen.add("plan.yaml: \(label)", faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") })
        }
        for (original, replacement) in planChanges {
            #expect(planFixture.contains(original), "the fixture changed: \(original)")
            plan("\(original) → \(replacement)", planFixture.replacing(original, with: replacement, maxReplacements: 1))
        }
        for indicator in smallPlanIndicators { plan(indicator, smallPlan(indicator: indicator)) }
        for text in planTexts { plan(text, text) }
    }

    /// The results the cycle computes from a plan read: their refusals are faults of the plan file.
    private static func planResultsFaults(_ seen: inout Seen) throws {
        let yes = "scale: {kind: yes_no}, measured: sì"
        let suppressed = "scale: {kind: yes_no}, suppressed: {reference: D}"
        let texts = [
            // An Area without objectives; then the ente without any.
            smallPlan(indicator: "{id: I1, name: N, \(yes)}"),
            smallPlan(indicator: "{id: I1, name: N, \(yes)}").replacing("owner: ente", with: "owner: AREA1"),
            // Every indicator of the objective suppressed (a composite's are refused by the reader).
            smallPlan(indicator: "{id: I1, name: N, \(suppressed)}"),
        ]
        for text in texts {
            let plan = try PlanFile.parse(text: text, file: "plan.yaml")
            var found: [InputError] = []
            do { _ = try plan.results(settings: OrganisationSettings()) } catch {
                found.append(InputError(file: "plan.yaml", line: nil, field: nil, rule: error.rule))
            }
            seen.add("the results of \(text)", found)
        }
    }

    // MARK: fund.yaml

    private static let fundFixture = """
    year: 2019
    lines:
      - fund: staff
        description: "Fondo risorse decentrate"
        amount: "734.312,44"
        reference: "Determinazione n. 1"
      - fund: managers
        description: "Retribuzione di risultato"
        amount: 78980.25
    giunta: {date: 2020-06-15, reference: "Delibera di Giunta n. 80"}
    oiv: {date: 10/06/2020, reference: "Verbale OIV n. 3"}
    """

    private static let fundChanges: [(String, String)] = [
        ("amount: \"734.312,44\"", "amount: \"-734.312,44\""),
        ("amount: 78980.25", "amount: 78980.255"),
        ("amount: 78980.25", "amount: mille"),
        ("2020-06-15", "2020-02-30"),
        ("fund: managers", "fund: segretario"),
        ("    description: \"Retribuzione di risultato\"\n", ""),
        ("reference: \"Verbale OIV n. 3\"", "reference: \"Verbale OIV n. 3\", firma: Rossi"),
        ("year: 2019", "year: 19.5"),
        ("giunta: {date: 2020-06-15, reference: \"Delibera di Giunta n. 80\"}", "giunta: [2020-06-15]"),
        ("description: \"Fondo risorse decentrate\"", "description: \"\""),
        ("amount: 78980.25", "amount: \"12.480\""),
        ("amount: 78980.25", "amount: 1000000000000.01"),
        ("amount: 78980.25", "amount: 999999999999.99\n  - {fund: managers, description: x, amount: 1}"),
    ]

    private static func fundFaults(_ seen: inout Seen) {
        func fund(_ label: String, _ text: String) {
            seen.add("fund.yaml: \(label)", faults { () throws(InputErrors) in try FundFile.parse(text: text, file: "fund.yaml") })
        }
        for (original, replacement) in fundChanges {
            #expect(fundFixture.contains(original), "the fixture changed: \(original)")
            fund("\(original) → \(replacement)", fundFixture.replacing(original, with: replacement, maxReplacements: 1))
        }
        fund("no lines", "year: 2019\nlines: []\n")
        fund("lines as keys", "year: 2019\nlines: {staff: 1}\n")
    }

    // MARK: The settings

    private static let settingsTexts = [
        "organisation: {composite: mean}",
        "organisations: {}",
        "organisation: {composite_rule: median}",
        "organisation: {objective_weights: forse}",
        "organisation: {objective_weights: [sì]}",
        "individual: {minimum_months_of_service: 13}",
        "individual: {rounding: up}",
        "individual:\n  matrix:\n    A: [0, 1, 2, 3, 4, 5]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]",
        "individual:\n  matrix:\n    A: [0, 1, 2, 3, 4, 5, 7]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]",
        "individual:\n  matrix:\n    A: [0, 2, 1, 3, 4, 5, 6]\n    B: [0, 1, 2, 3, 3, 4, 5]\n    C: [0, 0, 1, 2, 2, 3, 4]",
        "individual:\n  matrix: {A: [0, 1, 2, 3, 4, 5, 6], B: [0, 1, 2, 3, 3, 4, 5]}",
        "individual:\n  matrix: {A: 6, B: [0, 1, 2, 3, 3, 4, 5], C: [0, 0, 1, 2, 2, 3, 4]}",
        "individual: {matrix: [0, 1, 2]}",
        "individual:\n  bands: {BASSA: [0, 1], MEDIA: [2, 3], ALTA: [5, 6]}",
        "individual:\n  bands: {BASSA: [0, 1], MEDIA: [1, 2, 3, 4], ALTA: [5, 6]}",
        "individual:\n  bands: {BASSA: [0, 5], MEDIA: [2, 3, 4], ALTA: [1, 6]}",
        "individual:\n  bands: {BASSA: [0, 1], MEDIA: [2, 3, 4], ALTA: [5, 9]}",
        "individual:\n  bands: {BASSA: [], MEDIA: [0, 1, 2, 3, 4], ALTA: [5, 6]}",
        "fund:\n  components:\n    staff: {individual: 60, ente: 25, area: 5}",
        "fund:\n  components:\n    staff: {individual: 160, ente: 0, area: 0}",
        "fund:\n  components:\n    managers: {individual: 100, other: 0}",
        "fund: {individual_coefficients: [0, 0, 40, 30, 60, 80, 100]}",
        "fund: {individual_coefficients: [0, 0, 40, 60, 80, 100]}",
        "fund: {individual_coefficients: [0, 0, \"7/6\", 50, 60, 80, 100]}",
        "fund: {individual_coefficients: linear}",
        "fund: {individual_coefficients: [0, 0, \"2/6\", \"3/6\", \"4/6\", 100, 100]}",
        "fund: {individual_coefficients: [0, 0, 10, 20, 30, 40, 50]}",
        "fund: {individual_coefficients: [0, 10, 20, 30, 40, 50, 100]}",
        "fund: {category_parameters: {D: 0}}",
        "fund: {category_parameters: {D: 1.23456}}",
        "fund: {category_parameters: [D]}",
        "fund: {residual: share}",
        "fund: {redistribution_cap_percent_of_share: 90}",
        "fund:\n  top_rating_increase: {enabled: true, percent_of_average: 20}",
        "fund:\n  top_rating_increase: {maximum_share_of_staff_percent: 0}",
        "fund:\n  top_rating_increase: {maximum_share_of_staff_percent: molti}",
        "fund:\n  top_rating_increase: {percent_of_average: tanto}",
        "fund: {require_confirmations: sometimes}",
        "fund: [residual]",
        "fund:\n  components:\n    managers: {individual: 70, ente: 20, area: 10}",
        "",
    ]

    private static func settingsFaults(_ seen: inout Seen) {
        for text in settingsTexts {
            seen.add("settings: \(text)", faults { () throws(InputErrors) in try SettingsFile.parse(text: text, file: "sipav.yaml") })
        }
    }

    /// The rules of the cycle's checks across files (SIPAVCycle, which this target does not link) and of a file that
    /// cannot be read (the tests may run as root, who reads every file), as the code writes them.
    private static let rulesBuiltElsewhere = [
        "the file cannot be read: check its permissions",
        "the file does not exist or cannot be read",
        "the fund's year must be the plan's year (2019)",
        "the manager of Area AREA1 must be in the staff list",
        "the manager of Area AREA1 is a dirigente or the Segretario Generale, not a dipendente",
        "the settings give the category D its share parameter: write it D (a category they do not list weighs 1)",
        // Read with the setting organisation.objective_weights (`WeighedObjectivesTests`).
        "organisation.objective_weights is true and other objectives of the plan have a weight: give this one its weight too (with no weight at all, the objectives weigh the same)",
        "a name has at most 200 characters", "a reason has at most 500 characters", "a title has at most 500 characters",
        "the staff fund has no line, and the staff list has people paid from it: add its line (of 0 if it has nothing)",
        "the managers fund has no line, and the staff list has people paid from it: add its line (of 0 if it has nothing)",
        "the staff fund holds money, and the staff list has nobody paid from it: check the staff list's roles, or make its lines 0",
        "the managers fund holds money, and the staff list has nobody paid from it: check the staff list's roles, or make its lines 0",
    ]

    /// How many distinct rule texts the cases above give: raise it when a case is added, never lower it.
    private static let distinctRulesSeen = 191

    @Test func everyRuleTheReadersStateIsTranslated() throws {
        var seen = Seen()
        try Self.csvFaults(&seen)
        Self.planFaults(&seen)
        try Self.planResultsFaults(&seen)
        Self.fundFaults(&seen)
        Self.settingsFaults(&seen)
        for rule in Self.rulesBuiltElsewhere { seen.rules[rule] = "as written" }
        for (rule, label) in seen.rules.sorted(by: { $0.key < $1.key }) {
            #expect(ItalianFaults.rule(rule) != rule, "not translated: \(rule) (from \(label))")
        }
        #expect(seen.rules.count >= Self.distinctRulesSeen, "fewer distinct rules than before: \(seen.rules.count)")
    }

    @Test func aRuleReadsAsAWholeItalianSentenceWithItsNamesAndFigures() {
        #expect(ItalianFaults.rule("part time is a percentage above 0 and at most 100, like 100 or 33,33")
                == "il part-time è una percentuale sopra 0 e al massimo 100, come 100 o 33,33")
        #expect(ItalianFaults.rule("each employee appears once: E0012 is on lines 4 and 17")
                == "ogni dipendente compare una volta sola: E0012 compare alle righe 4 e 17")
        #expect(ItalianFaults.rule("two employee ids may not differ in case alone: E0004 is on line 9, e0004 on line 10 (one person, or two ids to tell apart)")
                == "due matricole non possono differire solo per maiuscole e minuscole: E0004 è alla riga 9, e0004 alla riga 10 (è la stessa persona, o due matricole da distinguere)")
        #expect(ItalianFaults.rule("unknown employee: the staff list writes the id E0004, in another case: write it as the staff list does")
                == "dipendente sconosciuto: l'elenco del personale scrive la matricola E0004, con altre maiuscole e minuscole: la scriva come nell'elenco del personale")
        #expect(ItalianFaults.rule("score 1 is in two bands, BASSA and MEDIA") == "il punteggio 1 è in due fasce, BASSA e MEDIA")
        #expect(ItalianFaults.rule("unknown key; allowed keys are date, reference")
                == "chiave sconosciuta; le chiavi ammesse sono date, reference")
        #expect(ItalianFaults.rule("the key thresholds is required for a at_least scale")
                == "la chiave thresholds è obbligatoria per una scala at_least")
        // A fixed text wins over the pattern that would also match it.
        #expect(ItalianFaults.rule("expected keys and values (a category and its parameter, like D: 1.2)")
                == "qui vanno chiavi e valori (una categoria e il suo parametro, come D: 1.2)")
        #expect(ItalianFaults.rule("expected keys and values (date, reference)") == "qui vanno chiavi e valori (date, reference)")
        // The YAML library's own words: the usual problems in Italian, any other (even on several lines) after an
        // Italian opening.
        #expect(ItalianFaults.rule("not valid YAML: did not find expected key (while parsing a block mapping)")
                == "YAML non valido: manca la chiave attesa; controlli il rientro delle righe")
        // A first key indented by a space: the library's words say nothing a person could act on.
        #expect(ItalianFaults.rule("not valid YAML: did not find expected <document start>")
                == "YAML non valido: una riga non segue il rientro delle precedenti; controlli che le chiavi principali inizino a "
                    + "inizio riga, senza spazi prima")
        #expect(ItalianFaults.rule("not valid YAML: 2:7: error: reader: control characters are not allowed:\nbody: Ente\n      ^")
                == "YAML non valido: carattere di controllo non ammesso alla riga 2, colonna 7")
        #expect(ItalianFaults.rule("not valid YAML: found unexpected ':' (while scanning a plain scalar)\nmore")
                == "YAML non valido: found unexpected ':' (while scanning a plain scalar)\nmore")
    }
}
