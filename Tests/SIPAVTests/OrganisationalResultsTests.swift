import Testing
@testable import SIPAV

/// Rules §1.2: objectives, the ente and the Areas, with the report's 2019 figures.
@Suite("Organisational results")
struct OrganisationalResultsTests {
    static let areas = [
        Area(id: "AG", name: "Area Affari Generali", manager: "D01"),
        Area(id: "RF", name: "Area Risorse Finanziarie e Provveditorato", manager: "D02"),
    ]

    static func objective(_ id: String, _ indicators: [Indicator], owner: ObjectiveOwner = .ente, weight: Ratio = .one) -> Objective {
        Objective(id: id, title: "Obiettivo \(id)", owner: owner, strategicLines: ["L1"], weight: weight, indicators: indicators)
    }

    /// Objective 1: (100 + 100 + 100 + 80) / 4.
    static let objective1 = objective("1", [scoring("1.1", 100), scoring("1.2", 100), scoring("1.3", 100), scoring("1.4", 80)])
    /// Objective 5: (100 + 100 + 0 + 100) / 4.
    static let objective5 = objective("5", [scoring("5.1", 100), scoring("5.2", 100), yesNo("5.3", done: false), scoring("5.4", 100)])
    /// Objective 6: (100 + 100 + 40 + 100 + 100) / 5, with the composite 6.3 scoring 40 %.
    static func objective6() throws -> Objective {
        objective("6", [scoring("6.1", 100), scoring("6.2", 100), try CompositeIndicatorTests.indicator63(),
                        yesNo("6.4", done: true), yesNo("6.5", done: true)])
    }

    /// The report's ten objectives of the ente: 100 % for 2, 3, 4, 7, 8, 9, 10; 95 %, 75 %, 88 % for 1, 5, 6.
    static func reportPlan(validated: [ValidatedResult] = [], areaObjectives: [Objective] = []) throws -> OrganisationalPlan {
        let full = ["2", "3", "4", "7", "8", "9", "10"].map { objective($0, [yesNo("\($0).1", done: true)]) }
        let defaultAreaObjectives = [
            objective("AG-1", [yesNo("AG-1.1", done: true)], owner: .area("AG")),
            objective("RF-1", [yesNo("RF-1.1", done: true)], owner: .area("RF")),
        ]
        return OrganisationalPlan(body: "Camera di commercio", year: 2019, strategicLines: [StrategicLine(id: "L1", name: "Linea 1")],
                                  areas: areas, objectives: [objective1, objective5, try objective6()] + full
                                      + (areaObjectives.isEmpty ? defaultAreaObjectives : areaObjectives),
                                  validated: validated)
    }

    @Test("objective achievements are the plain mean of their indicators", arguments: [("1", 95), ("5", 75), ("6", 88)])
    func objectiveMeans(id: String, expected: Int) throws {
        let results = try Self.reportPlan().results(settings: OrganisationSettings())
        let found = results.objectives.first { $0.objective.id == id }
        let objective = try #require(found)
        #expect(objective.achievement?.computed == pct(expected))
        #expect(objective.achievement?.applied == pct(expected))
    }

    @Test("an objective's achievement is not snapped to a step: 95 % stays 95 %")
    func notSnapped() throws {
        let results = try Self.reportPlan().results(settings: OrganisationSettings())
        #expect(results.objectives[0].achievement?.computed == pct(95))
    }

    @Test("a suppressed indicator is left out of the objective's mean, and kept on record")
    func suppressedIndicator() throws {
        let objective = Self.objective("S", [scoring("S.1", 100), scoring("S.2", 80),
                                             scoring("S.3", 0, suppression: "deliberazione 139/2019")])
        let plan = OrganisationalPlan(body: "CCIAA", year: 2019, strategicLines: [], areas: [], objectives: [objective])
        let results = try plan.results(settings: OrganisationSettings())
        #expect(results.objectives[0].achievement?.computed == pct(90))
        #expect(results.objectives[0].indicators.count == 3)
        #expect(results.objectives[0].indicators[2].achievement == nil)
    }

    /// Objective 5 of the report with every indicator suppressed: its 75 % would have pulled the ente's mean down.
    static let objective5Suppressed = objective("5", [scoring("5.1", 100, suppression: "delibera 1"), yesNo("5.3", done: false, suppression: "delibera 1")])

    @Test("an objective with every indicator suppressed stays on record and is left out of the ente's mean")
    func everyIndicatorSuppressed() throws {
        let plan = OrganisationalPlan(body: "CCIAA", year: 2019, strategicLines: [], areas: [],
                                      objectives: [Self.objective1, Self.objective5Suppressed])
        let results = try plan.results(settings: OrganisationSettings())
        #expect(results.objectives.count == 2)
        #expect(results.objectives[1].isSuppressed)
        #expect(results.objectives[1].indicators.count == 2)
        #expect(results.objectives[1].indicators.allSatisfy { $0.achievement == nil })
        // The ente's mean is objective 1's alone: 95 %, not (95 + 75) / 2 nor (95 + 0) / 2.
        #expect(results.ente.computed == pct(95))
    }

    @Test("with objective weights on, a suppressed objective's weight is left out with it")
    func suppressedObjectiveWeight() throws {
        let heavy = Self.objective("H", [yesNo("H.1", done: false, suppression: "delibera 2")], weight: Ratio(3))
        let plan = OrganisationalPlan(body: "CCIAA", year: 2019, strategicLines: [], areas: [],
                                      objectives: [Self.objective1, Self.objective("2", [yesNo("2.1", done: true)]), heavy])
        var settings = OrganisationSettings()
        settings.objectiveWeights = true
        #expect(try plan.results(settings: settings).ente.computed == Ratio(975, 1000))
    }

    @Test("an Area whose objectives are all suppressed is refused, naming the Area")
    func areaWithEveryObjectiveSuppressed() throws {
        let plan = try Self.reportPlan(areaObjectives: [
            Self.objective("AG-1", [yesNo("AG-1.1", done: true)], owner: .area("AG")),
            Self.objective("RF-1", [yesNo("RF-1.1", done: true, suppression: "delibera 3")], owner: .area("RF")),
        ])
        let violation = #expect(throws: RuleViolation.self) { try plan.results(settings: OrganisationSettings()) }
        #expect(violation?.rule == "Area RF has no objective left that is not suppressed (every indicator of its objectives is suppressed)")
        #expect(violation?.entry == "RF")
    }

    @Test("an OIV figure for an objective whose indicators are all suppressed is refused")
    func validatedSuppressedObjective() throws {
        let plan = OrganisationalPlan(body: "CCIAA", year: 2019, strategicLines: [], areas: [],
                                      objectives: [Self.objective1, Self.objective5Suppressed],
                                      validated: [ValidatedResult(scope: .objective("5"), achievement: pct(80), reference: "verbale OIV 1")])
        let violation = #expect(throws: RuleViolation.self) { try plan.results(settings: OrganisationSettings()) }
        #expect(violation?.rule == "objective 5 has every indicator suppressed: it is left out of every mean and has no result to validate")
        #expect(violation?.entry == "objective:5")
    }

    @Test("the ente's result is the plain mean of its objectives: 95.8 % for 2019")
    func entePlainMean() throws {
        let results = try Self.reportPlan().results(settings: OrganisationSettings())
        #expect(results.ente.computed == Ratio(958, 1000))
        #expect(results.ente.applied == Ratio(958, 1000))
        #expect(!results.ente.isValidated)
        #expect(DecimalText.format(results.ente.applied * Ratio(100), digits: 1, decimalMark: ",") == "95,8")
    }

    @Test("with objective weights on, the ente's result is the weighted mean")
    func enteWeighted() throws {
        let plan = OrganisationalPlan(body: "CCIAA", year: 2019, strategicLines: [], areas: [], objectives: [
            Self.objective("1", Self.objective1.indicators, weight: Ratio(3)),
            Self.objective("5", Self.objective5.indicators, weight: Ratio(1)),
        ])
        var settings = OrganisationSettings()
        #expect(try plan.results(settings: settings).ente.computed == pct(85))   // (95 + 75) / 2
        settings.objectiveWeights = true
        #expect(try plan.results(settings: settings).ente.computed == pct(90))   // (3 × 95 + 75) / 4
    }

    @Test("each Area's result comes from the Area's own objectives only")
    func areaResults() throws {
        let plan = try Self.reportPlan(areaObjectives: [
            Self.objective("AG-1", [scoring("AG-1.1", 100), scoring("AG-1.2", 60)], owner: .area("AG")),
            Self.objective("AG-2", [scoring("AG-2.1", 40)], owner: .area("AG")),
            Self.objective("RF-1", [yesNo("RF-1.1", done: false), yesNo("RF-1.2", done: true)], owner: .area("RF")),
        ])
        let results = try plan.results(settings: OrganisationSettings())
        #expect(results.areas.count == 2)
        #expect(results.areas[0].computed == pct(60))   // AG: (80 + 40) / 2
        #expect(results.areas[1].computed == pct(50))   // RF: (0 + 100) / 2
        // The Areas' objectives do not move the ente's result.
        #expect(results.ente.computed == Ratio(958, 1000))
    }

    @Test("an Area without objectives is refused")
    func areaWithoutObjectives() throws {
        let plan = OrganisationalPlan(body: "CCIAA", year: 2019, strategicLines: [], areas: Self.areas,
                                      objectives: [Self.objective1, Self.objective("AG-1", [yesNo("a", done: true)], owner: .area("AG"))])
        #expect(throws: RuleViolation.self) { try plan.results(settings: OrganisationSettings()) }
    }

    @Test("an OIV-validated ente figure is applied in place of the computed one; both stay on record")
    func validatedEnte() throws {
        let validated = ValidatedResult(scope: .ente, achievement: pct(96), reference: "Verbale OIV n. 3/2020")
        let results = try Self.reportPlan(validated: [validated]).results(settings: OrganisationSettings())
        #expect(results.ente.computed == Ratio(958, 1000))
        #expect(results.ente.applied == pct(96))
        #expect(results.ente.isValidated)
        #expect(results.ente.validated?.reference == "Verbale OIV n. 3/2020")
    }

    @Test("an OIV-validated objective figure feeds the ente's mean")
    func validatedObjective() throws {
        let validated = ValidatedResult(scope: .objective("5"), achievement: pct(85), reference: "Verbale OIV n. 3/2020")
        let results = try Self.reportPlan(validated: [validated]).results(settings: OrganisationSettings())
        let found = results.objectives.first { $0.objective.id == "5" }
        let five = try #require(found)
        #expect(five.achievement?.computed == pct(75))
        #expect(five.achievement?.applied == pct(85))
        #expect(results.ente.computed == Ratio(968, 1000))   // (958 − 75 + 85) / 10
    }

    @Test("an OIV-validated Area figure is applied to that Area only")
    func validatedArea() throws {
        let validated = ValidatedResult(scope: .area("RF"), achievement: pct(70), reference: "Verbale OIV n. 4/2020")
        let results = try Self.reportPlan(validated: [validated]).results(settings: OrganisationSettings())
        #expect(results.areas[0].applied == pct(100))
        #expect(!results.areas[0].isValidated)
        #expect(results.areas[1].computed == pct(100))
        #expect(results.areas[1].applied == pct(70))
    }
}
