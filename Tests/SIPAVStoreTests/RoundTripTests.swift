import SIPAVTestSupport
import SIPAV
import SIPAVStore
import Testing

/// Every kind of record the HR office keeps comes back from PostgreSQL exactly as it went in.
@Suite("A year round-trips through the store")
struct RoundTripTests {
    /// The demo year with what its plan leaves out: figures validated by the OIV, and a revision that
    /// keeps the previous target scale.
    static func enrichedDemo() throws -> YearRecords {
        let demo = try DemoYear.records()
        let previous = try TargetScale(kind: .above, steps: [
            ScaleStep(threshold: .number(Ratio(3)), achievement: .one),
            ScaleStep(threshold: .number(Ratio(275, 100)), achievement: Ratio(4, 5)),
            ScaleStep(threshold: .number(Ratio(25, 10)), achievement: Ratio(1, 2)),
        ])
        let revised = demo.plan.changingIndicator("1.2") { indicator in
            Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, note: indicator.note, content: indicator.content,
                      revision: Indicator.Revision(reference: "Delibera di Giunta n. 139 del 16/09/2019", previousScale: previous,
                                                   previousName: "Indicatore di margine (testo del Piano)"),
                      suppression: indicator.suppression)
        }
        // A deadline whose work was not completed: said as such, not as a date.
        let notCompleted = revised.changingIndicator("1.4") { indicator in
            guard case let .measured(scale, _) = indicator.content else { return indicator }
            return Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, note: indicator.note,
                             content: .measured(scale: scale, measured: .notCompleted),
                             revision: indicator.revision, suppression: indicator.suppression)
        }
        return demo.with(plan: notCompleted.with(validated: Self.validated))
    }

    /// In the order the plan's own example writes them (ente, objective, Area), which is not alphabetical.
    static let validated = [
        ValidatedResult(scope: .ente, achievement: Ratio(958, 1000), reference: "Verbale OIV n. 4 del 15/06/2020"),
        ValidatedResult(scope: .objective("6"), achievement: Ratio(88, 100), reference: "Relazione 2019, par. 3.3"),
        ValidatedResult(scope: .area("AREA2"), achievement: Ratio(9375, 10000), reference: "Verbale OIV n. 5 del 16/06/2020"),
    ]

    @Test func theDemoYearComesBackEqual() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try Self.enrichedDemo()
        let store = try database.store()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let loaded = try await store.loadYear(body: "demo", year: 2019)

        #expect(loaded.body == "demo")
        #expect(loaded.year == 2019)
        // The plan piece by piece first, so that a difference names its objective.
        #expect(loaded.plan.body == year.plan.body)
        #expect(loaded.plan.strategicLines == year.plan.strategicLines)
        #expect(loaded.plan.areas == year.plan.areas)
        #expect(loaded.plan.objectives.map(\.id) == year.plan.objectives.map(\.id))
        for (back, sent) in zip(loaded.plan.objectives, year.plan.objectives) {
            #expect(back == sent, "objective \(sent.id)")
        }
        #expect(Set(loaded.plan.validated) == Set(year.plan.validated))
        // The whole plan, but for the order of the validated figures (see the next test).
        #expect(loaded.plan.with(validated: year.plan.validated) == year.plan)

        // The store hands the staff back ordered by employee id.
        #expect(loaded.records.staff.map(\.id) == year.records.staff.map(\.id).sorted())
        #expect(loaded.staffByID == year.staffByID)
        #expect(loaded.objectiveRows == year.objectiveRows)
        #expect(loaded.records.objectives.count == year.records.objectives.count)
        #expect(loaded.fund == year.fund)
        #expect(loaded.settingsYAML == year.settingsYAML)
    }

    @Test func theValidatedFiguresKeepTheirOrder() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try Self.enrichedDemo()
        let store = try database.store()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let loaded = try await store.loadYear(body: "demo", year: 2019)
        #expect(loaded.plan.validated == year.plan.validated)
    }

    @Test func aYearWithoutSettingsOrConfirmationsComesBackWithout() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let demo = try DemoYear.records()
        let bare = YearRecords(body: "bare", plan: demo.plan, records: demo.records,
                               fund: Fund(year: 2019, lines: demo.fund.lines), settingsYAML: nil)
        let store = try database.store()
        try await store.importYear(bare, actor: "hr.rossi", progress: nil)
        let loaded = try await store.loadYear(body: "bare", year: 2019)
        #expect(loaded.settingsYAML == nil)
        #expect(loaded.fund == bare.fund)
        #expect(loaded.fund.giunta == nil)
        #expect(loaded.objectiveRows == bare.objectiveRows)
    }

    @Test func aMissingYearIsAClearError() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let error = await thrownError { try await store.loadYear(body: "demo", year: 2019) }
        let storeError = try #require(error as? StoreError)
        #expect(storeError.message.contains("no year 2019 of body demo"))
    }
}

extension OrganisationalPlan {
    /// The plan with indicator `id` (top level or sub-indicator) changed by `change`.
    func changingIndicator(_ id: String, _ change: (Indicator) -> Indicator) -> OrganisationalPlan {
        func walk(_ indicator: Indicator) -> Indicator {
            if indicator.id == id { return change(indicator) }
            guard case let .composite(steps, subs) = indicator.content else { return indicator }
            return Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, note: indicator.note,
                             content: .composite(stepAchievements: steps, subIndicators: subs.map(walk)),
                             revision: indicator.revision, suppression: indicator.suppression)
        }
        let objectives = objectives.map { objective in
            Objective(id: objective.id, title: objective.title, owner: objective.owner, strategicLines: objective.strategicLines,
                      weight: objective.weight, indicators: objective.indicators.map(walk))
        }
        return OrganisationalPlan(body: body, year: year, strategicLines: strategicLines, areas: areas, objectives: objectives,
                                  validated: validated)
    }

    func with(validated: [ValidatedResult]) -> OrganisationalPlan {
        OrganisationalPlan(body: body, year: year, strategicLines: strategicLines, areas: areas, objectives: objectives,
                           validated: validated)
    }
}
