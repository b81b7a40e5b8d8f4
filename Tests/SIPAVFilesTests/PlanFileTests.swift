import SIPAV
import SIPAVFiles
import Testing

/// A small plan with every feature of the format.
let planFixture = """
body: "Camera di commercio di Prova"
year: 2019
strategic_lines:
  - {id: "1", name: "Imprese"}
  - {id: "2", name: "Territorio"}
areas:
  - {id: AREA1, name: "Area Anagrafe", manager: DIR002}
  - id: AREA2
    name: "Area Risorse"
objectives:
  - id: "1"
    title: "Salute organizzativa"
    owner: ente
    lines: ["1"]
    indicators:
      - id: "1.1"
        name: "Rigidità"
        unit: "%"
        scale: {kind: below, thresholds: [80, 85, 90, 95, 100], percents: [100, 80, 60, 40, 20]}
        measured: 75
      - id: "1.2"
        name: "Margine"
        scale: {kind: above, thresholds: ["2,8", 2.6, 2.4, 2.2, 2.0]}
        measured: 3,16
      - id: "1.4"
        name: "Rinnovo Consiglio"
        note: "entro giugno"
        scale:
          kind: deadline
          thresholds: ["2019-06", "2019-07", "2019-09", "2019-10", "2019-11"]
        measured: "2019-07-26"
        revision:
          reference: "Delibera di Giunta n. 139 del 16/09/2019"
          previous_scale: {kind: deadline, thresholds: ["2019-05"]}
          previous_name: "Vecchio nome"
  - id: "6"
    title: "Patrimonio"
    owner: AREA2
    lines: ["1", "2"]
    weight: 2
    indicators:
      - id: "6.3"
        name: "Centro Congressi"
        composite:
          percents: [100, 80, 60, 40, 20]
          sub_indicators:
            - id: "6.3.1"
              name: "Avvio gara"
              scale: {kind: deadline, thresholds: ["2019-03", "2019-04"]}
              measured: "2019-03-22"
            - id: "6.3.2"
              name: "Aggiudicazione"
              scale: {kind: yes_no}
              measured: "no"
            - id: "6.3.3"
              name: "Aggiudicazione definitiva"
              scale: {kind: yes_no}
              suppressed: {reference: "Delibera n. 139"}
      - id: "6.4"
        name: "Rapporti"
        scale: {kind: at_least, thresholds: [3, 2, 1]}
        measured: 8
  - id: "A1.1"
    title: "Anagrafe"
    owner: AREA1
    lines: ["2"]
    indicators:
      - {id: "A1.1.1", name: "Registro", scale: {kind: yes_no}, measured: sì}
validated:
  - scope: ente
    percent: "95,8"
    reference: "Verbale OIV n. 1"
  - scope: "area:AREA2"
    percent: 70
    reference: "Verbale OIV n. 2"
"""

/// The 1-based line of the first line of `text` holding `marker`.
func line(of marker: String, in text: String) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return 1 + lines.firstIndex { $0.contains(marker) }!
}

@Test func planHappyPath() throws {
    let plan = try PlanFile.parse(text: planFixture, file: "plan.yaml")
    #expect(plan.body == "Camera di commercio di Prova")
    #expect(plan.year == 2019)
    #expect(plan.strategicLines == [StrategicLine(id: "1", name: "Imprese"), StrategicLine(id: "2", name: "Territorio")])
    #expect(plan.areas == [Area(id: "AREA1", name: "Area Anagrafe", manager: "DIR002"), Area(id: "AREA2", name: "Area Risorse", manager: nil)])
    #expect(plan.objectives.map(\.owner) == [.ente, .area("AREA2"), .area("AREA1")])
    #expect(plan.objectives.map(\.weight) == [.one, Ratio(2), .one])
    #expect(plan.objectives[1].strategicLines == ["1", "2"])

    let margin = plan.objectives[0].indicators[1]
    let scale = try TargetScale(kind: .above, steps: zip([Ratio(28, 10), Ratio(26, 10), Ratio(24, 10), Ratio(22, 10), Ratio(2)],
                                                         TargetScale.defaultAchievements).map { ScaleStep(threshold: .number($0), achievement: $1) })
    #expect(margin.content == .measured(scale: scale, measured: .number(Ratio(316, 100))))

    let deadline = plan.objectives[0].indicators[2]
    #expect(deadline.note == "entro giugno")
    #expect(deadline.revision?.reference == "Delibera di Giunta n. 139 del 16/09/2019")
    #expect(deadline.revision?.previousScale?.steps == [ScaleStep(threshold: .month(YearMonth(year: 2019, month: 5)!), achievement: .one)])
    #expect(deadline.revision?.previousName == "Vecchio nome")
    guard case let .measured(_, measured) = deadline.content else { Issue.record("not measured"); return }
    #expect(measured == .date(CalendarDate(year: 2019, month: 7, day: 26)!))

    guard case let .composite(steps, subs) = plan.objectives[1].indicators[0].content else { Issue.record("not composite"); return }
    #expect(steps == TargetScale.defaultAchievements)
    #expect(subs.map(\.id) == ["6.3.1", "6.3.2", "6.3.3"])
    #expect(subs[2].suppression == "Delibera n. 139")
    #expect(plan.validated == [ValidatedResult(scope: .ente, achievement: Ratio(958, 1000), reference: "Verbale OIV n. 1"),
                               ValidatedResult(scope: .area("AREA2"), achievement: Ratio(70, 100), reference: "Verbale OIV n. 2")])

    let results = try plan.results(settings: OrganisationSettings())
    #expect(results.objectives.map(\.achievement?.computed) == [Ratio(280, 300), Ratio(70, 100), .one])
}

@Test func demoPlanGivesTheReportsFigures() throws {
    let path = repositoryRoot.appendingPathComponent("Sources/sipav/Demo/plan.yaml").path
    let plan = try PlanFile.read(path: path)
    let results = try plan.results(settings: OrganisationSettings())
    #expect(results.ente.computed == Ratio(958, 1000))
    #expect(results.areas.map(\.computed) == [Ratio(1), Ratio(9375, 10000), Ratio(8875, 10000)])
}

/// A fault made by changing `original` into `replacement` in the fixture; the fault is on the line of
/// `lineOf` (default: of `original`).
struct PlanCase: Sendable, CustomTestStringConvertible {
    let original: String
    let replacement: String
    let field: String?
    let rule: String
    var lineOf: String?

    var testDescription: String { "\(original) → \(replacement)" }
}

private let planCases: [PlanCase] = [
    PlanCase(original: "{kind: below,", replacement: "{kind: under,", field: "objectives.indicators.scale.kind",
             rule: "unknown scale kind; allowed: below, at_most, above, at_least, deadline, yes_no"),
    PlanCase(original: "[80, 85, 90, 95, 100]", replacement: "[85, 80, 90, 95, 100]", field: "objectives.indicators.scale.thresholds",
             rule: "thresholds must get easier to meet from the first step to the last"),
    PlanCase(original: "percents: [100, 80, 60, 40, 20]}", replacement: "percents: [100, 80, 60, 40, 50]}",
             field: "objectives.indicators.scale", rule: "step percentages must fall"),
    PlanCase(original: "percents: [100, 80, 60, 40, 20]}", replacement: "percents: [100, 80]}",
             field: "objectives.indicators.scale.percents", rule: "give one percent per step: the scale has 5 steps and 2 percents"),
    PlanCase(original: "measured: 75", replacement: "measured: \"2019-07-26\"", field: "objectives.indicators.measured",
             rule: "the measured value of a below scale is a number"),
    PlanCase(original: "measured: \"2019-07-26\"", replacement: "measured: 80", field: "objectives.indicators.measured",
             rule: "the measured value of a deadline scale is the completion date"),
    PlanCase(original: "measured: \"no\"", replacement: "measured: forse", field: "objectives.indicators.composite.sub_indicators.measured",
             rule: "the measured value of a yes/no scale is sì or no"),
    PlanCase(original: "[\"2019-03\", \"2019-04\"]", replacement: "[\"2019-03\", \"aprile\"]",
             field: "objectives.indicators.composite.sub_indicators.scale.thresholds", rule: "a deadline threshold is a month"),
    PlanCase(original: "[3, 2, 1]}", replacement: "[3, 2, tre]}", field: "objectives.indicators.scale.thresholds",
             rule: "a threshold of a at_least scale is a number"),
    PlanCase(original: "{kind: yes_no}\n              measured: \"no\"", replacement: "{kind: yes_no, thresholds: [1]}\n              measured: \"no\"",
             field: "objectives.indicators.composite.sub_indicators.scale.thresholds", rule: "a yes/no scale has no thresholds"),
    PlanCase(original: "owner: AREA2", replacement: "owner: AREA9", field: "objectives.owner",
             rule: "unknown owner; the owner is ente or an Area of the plan (AREA1, AREA2)"),
    PlanCase(original: "  - id: \"6\"", replacement: "  - id: \"1\"", field: "objectives.id", rule: "each objective id appears once: 1 is also on line 11"),
    PlanCase(original: "- id: \"6.4\"", replacement: "- id: \"1.1\"", field: "objectives.indicators.id", rule: "each indicator id appears once"),
    PlanCase(original: "- id: \"6.3.2\"", replacement: "- id: \"6.3.1\"", field: "objectives.indicators.composite.sub_indicators.id",
             rule: "each indicator id appears once"),
    PlanCase(original: "lines: [\"1\", \"2\"]", replacement: "lines: [\"1\", \"7\"]", field: "objectives.lines",
             rule: "unknown strategic line; the plan's lines are 1, 2"),
    PlanCase(original: "lines: [\"1\"]", replacement: "lines: []", field: "objectives.lines", rule: "at least 1 strategic line"),
    PlanCase(original: "unit: \"%\"", replacement: "units: \"%\"", field: "objectives.indicators.units",
             rule: "unknown key; allowed keys are id, name, unit, note, scale, measured, revision, suppressed, composite"),
    PlanCase(original: "    title: \"Salute organizzativa\"\n", replacement: "", field: "objectives.title",
             rule: "the key title is required", lineOf: "  - id: \"1\""),
    PlanCase(original: "        measured: 8\n", replacement: "", field: "objectives.indicators.measured",
             rule: "the measured value is required (only a suppressed indicator may lack one; while objectives are planned, --planning accepts it missing)", lineOf: "- id: \"6.4\""),
    PlanCase(original: "percents: [100, 80, 60, 40, 20]\n          sub", replacement: "percents: [100, 80, 90, 40, 20]\n          sub",
             field: "objectives.indicators.composite.percents", rule: "the composite's step percentages are one to five, falling"),
    PlanCase(original: "weight: 2", replacement: "weight: 0", field: "objectives.weight", rule: "a number above 0"),
    PlanCase(original: "measured: 75", replacement: "measured: \"1.500\"", field: "objectives.indicators.measured",
             rule: "a single . or , with three digits after it is ambiguous"),
    PlanCase(original: "[3, 2, 1]}", replacement: "[3, \"2,500\", 1]}", field: "objectives.indicators.scale.thresholds",
             rule: "a single . or , with three digits after it is ambiguous"),
    PlanCase(original: "weight: 2", replacement: "weight: 1.250", field: "objectives.weight",
             rule: "a single . or , with three digits after it is ambiguous"),
    PlanCase(original: "\"area:AREA2\"", replacement: "\"area:AREA7\"", field: "validated.scope", rule: "unknown Area"),
    PlanCase(original: "percent: 70", replacement: "percent: 170", field: "validated.percent", rule: "a percentage from 0 to 100"),
    PlanCase(original: "    reference: \"Verbale OIV n. 2\"", replacement: "    reference: \"Verbale OIV n. 2\"\n  - {scope: \"area:area2\", percent: 50, reference: \"Verbale 2\"}",
             field: "validated.scope", rule: "the OIV validates each scope once: area:AREA2 is also on line", lineOf: "Verbale 2"),
    PlanCase(original: "year: 2019", replacement: "year: duemila", field: "year", rule: "the year is a whole number"),
    PlanCase(original: "year: 2019", replacement: "year: 2300", field: "year", rule: "the year is a whole number from 1990 to 2200"),
    PlanCase(original: "name: \"Territorio\"}", replacement: "name: \"Territorio\"}\n  - {id: \"2\", name: \"Bis\"}",
             field: "strategic_lines.id", rule: "each strategic line id appears once", lineOf: "\"Bis\""),
    // The fault is on the second key, and names the first.
    PlanCase(original: "year: 2019", replacement: "year: 2019\nyear: 2020", field: "year",
             rule: "a key appears twice in the same mapping: it is also on line 2", lineOf: "year: 2020"),
    // The same key quoted and plain is the same key: keys are read as the text written.
    PlanCase(original: "year: 2019", replacement: "year: 2019\n\"year\": 2020", field: "year",
             rule: "a key appears twice in the same mapping: it is also on line 2", lineOf: "\"year\": 2020"),
    PlanCase(original: "body: \"Camera di commercio di Prova\"", replacement: "body: [\"Camera\"", field: nil, rule: "not valid YAML",
             lineOf: "year: 2019"),
]

@Test("plan faults", arguments: planCases)
func planFaults(change: PlanCase) {
    #expect(planFixture.contains(change.original))
    let text = planFixture.replacing(change.original, with: change.replacement, maxReplacements: 1)
    let found = faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
    let changedLine = 1 + planFixture[..<planFixture.range(of: change.original)!.lowerBound].count(where: { $0 == "\n" })
    let expected = ExpectedFault(change.lineOf.map { line(of: $0, in: text) } ?? changedLine, change.field, change.rule)
    expectOneFault(found, expected, in: "plan.yaml")
}

@Test func planFaultsAreAllReportedSortedByLine() {
    let text = planFixture.replacing("owner: AREA2", with: "owner: AREA9").replacing("{kind: below,", with: "{kind: under,")
    let found = faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
    #expect(found.map(\.field) == ["objectives.indicators.scale.kind", "objectives.owner"])
    #expect(found.map(\.line) == [line(of: "kind: under", in: text), line(of: "owner: AREA9", in: text)])
}

@Test func planFileAsAWhole() throws {
    #expect(faults { () throws(InputErrors) in try PlanFile.parse(text: "# nothing\n", file: "plan.yaml") }
        == [InputError(file: "plan.yaml", line: nil, field: nil, rule: "the file is empty")])
    let missing = faults { () throws(InputErrors) in try PlanFile.parse(text: "body: x\n", file: "plan.yaml") }
    #expect(missing.map(\.field) == ["year", "strategic_lines", "areas", "objectives"])
    let latin1 = Array("body: \"Citt".utf8) + [0xE0] + Array("\"\n".utf8)
    let path = try temporaryFile("plan.yaml", [0xEF, 0xBB, 0xBF] + latin1)
    #expect(faults { () throws(InputErrors) in try PlanFile.read(path: path) }
        == [InputError(file: path, line: 1, field: nil, rule: "the file is not UTF-8: save it as UTF-8 text")])
    #expect(faults { () throws(InputErrors) in try PlanFile.read(path: "nowhere/plan.yaml") }.map(\.line) == [nil])
}

/// A plan without its strategic lines is told so once, not once more for every objective's line.
@Test func aPlanWithoutStrategicLinesHasOneFault() throws {
    let start = try #require(planFixture.range(of: "strategic_lines:"))
    let end = try #require(planFixture.range(of: "\nareas:", range: start.upperBound..<planFixture.endIndex))
    let text = planFixture.replacingCharacters(in: start.lowerBound...end.lowerBound, with: "")
    let found = faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
    #expect(found.map(\.field) == ["strategic_lines"])
    #expect(found.map(\.rule) == ["the key strategic_lines is required"])
}

@Test func textsAreTrimmedOfSpacesTabsAndNoBreakSpaces() throws {
    // Quoted, so that YAML keeps the spaces: the reader trims them (Unicode spaces and tabs), as
    // CharacterSet.whitespaces does, and keeps what is inside.
    let text = planFixture
        .replacingOccurrences(of: "name: \"Area Anagrafe\"", with: "name: \"\\t Area Anagrafe\\u00A0\"")
        .replacingOccurrences(of: "name: \"Area Risorse\"", with: "name: \" Area  Risorse \"")
    #expect(text != planFixture, "the fixture's Area names moved: update this test")
    let plan = try PlanFile.parse(text: text, file: "plan.yaml")
    #expect(plan.areas.map(\.name) == ["Area Anagrafe", "Area  Risorse"])
    let blank = planFixture.replacingOccurrences(of: "name: \"Area Risorse\"", with: "name: \"\\u3000\\t\"")
    #expect(throws: InputErrors.self) { try PlanFile.parse(text: blank, file: "plan.yaml") }
}

/// A fault of the checks across files names the line where the plan writes what it is about, found again.
@Test func locationsInAPlanFile() throws {
    let path = try temporaryFile("plan.yaml", Array(planFixture.utf8))
    #expect(YAMLLocations.line(in: path, list: "areas", id: "AREA1", key: "manager") == line(of: "manager: DIR002", in: planFixture))
    #expect(YAMLLocations.line(in: path, list: "areas", id: "AREA2", key: "id") == line(of: "  - id: AREA2", in: planFixture))
    #expect(YAMLLocations.line(in: path, list: "objectives", id: "1", key: "indicators") == line(of: "      - id: \"1.1\"", in: planFixture))
    #expect(YAMLLocations.line(in: path, key: "year") == line(of: "year: 2019", in: planFixture))
    #expect(YAMLLocations.line(in: path, list: "areas", id: "AREA2", key: "manager") == nil)
    #expect(YAMLLocations.line(in: path, list: "areas", id: "AREA9", key: "id") == nil)
    #expect(YAMLLocations.line(in: path + ".missing", key: "year") == nil)
}
