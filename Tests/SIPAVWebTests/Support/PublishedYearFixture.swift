import SIPAV
import SIPAVStore

/// A small year of the web fixture's body, 2023, allocated: the Segretario Generale, two managers and seven other
/// people, one of them not assessable, each rated on one objective so that the final score is its *cosa*
/// (*come* A). The plan names the body with HTML in it, to check it is escaped.
enum PublishedYearFixture {
    static let year = 2023
    static let bodyName = "Camera <b>di</b> \"prova\" & Co."

    /// (id, role, category, Area index, final score; nil = not assessable).
    static let people: [(String, Role, String, Int?, Int?)] = [
        ("S1", .segretarioGenerale, "DIR", nil, 6), ("M1", .dirigente, "DIR", 0, 5), ("M2", .dirigente, "DIR", 1, 5),
        ("E1", .dipendente, "C", 0, 6), ("E2", .dipendente, "C", 0, 4), ("E3", .dipendente, "D", 1, 4),
        ("E4", .dipendente, "D", 1, 4), ("E5", .dipendente, "B", 0, 2), ("E6", .dipendente, "C", 1, nil),
        ("E7", .dipendente, "D", 0, 0),
    ]

    /// The final scores of one fund's people, as listed above.
    static func scores(managers: Bool) -> [Int?] {
        people.filter { ($0.1 == .dipendente) != managers }.map(\.4)
    }

    static func records(settingsText: String? = nil) throws -> YearRecords {
        let areas = [Area(id: "A1", name: "Area Uno", manager: "M1"), Area(id: "A2", name: "Area Due", manager: "M2")]
        let scale = try TargetScale(kind: .yesNo, steps: [ScaleStep(threshold: .yes, achievement: .one)])
        let objectives = [(ObjectiveOwner.ente, "OE"), (.area("A1"), "OA1"), (.area("A2"), "OA2")].map { owner, id in
            Objective(id: id, title: "Obiettivo \(id)", owner: owner, strategicLines: ["L1"], indicators: [
                Indicator(id: "I-\(id)", name: "Fatto", content: .measured(scale: scale, measured: .yesNo(true))),
            ])
        }
        let plan = OrganisationalPlan(body: bodyName, year: year, strategicLines: [StrategicLine(id: "L1", name: "Linea")],
                                      areas: areas, objectives: objectives)
        let staff = people.map { id, role, category, area, score in
            StaffMember(id: id, name: "Persona \(id)", role: role, category: category, area: area,
                        notAssessableReason: score == nil ? "servizio inferiore a 90 giorni" : nil)
        }
        let ratings = people.enumerated().compactMap { index, person in
            person.4.map { IndividualObjective(person: index, code: "OB1", weightBasisPoints: 10_000, cosa: $0, come: .a) }
        }
        let confirmed = Confirmation(date: CalendarDate(year: 2024, month: 3, day: 1)!, reference: "Delibera n. 1")
        let fund = Fund(year: year, lines: [FundLine(fund: .staff, description: "Fondo", amount: Cents(734_312_44)),
                                            FundLine(fund: .managers, description: "Risultato", amount: Cents(90_000_00))],
                        giunta: confirmed, oiv: confirmed)
        return YearRecords(body: WebFixture.body, plan: plan, records: StaffRecords(staff: staff, objectives: ratings),
                           fund: fund, settingsYAML: settingsText)
    }

    /// Imports the year and allocates it with `settings`, as `sipav db run` would; `settingsText` is stored with it.
    static func insertAllocated(into store: PostgresStore, settingsText: String? = nil,
                                settings: Settings = Settings()) async throws {
        try await store.importYear(try records(settingsText: settingsText), actor: "test", progress: nil)
        try await allocate(in: store, settings: settings)
    }

    /// Allocates the stored year (again, after a reopening) with `settings`, as `sipav db run` would.
    static func allocate(in store: PostgresStore, settings: Settings = Settings()) async throws {
        let stored = try await store.loadYear(body: WebFixture.body, year: year)
        try await store.saveOutcome(try outcome(of: stored, settings: settings), of: stored, actor: "test")
    }

    /// The scores and allocation of `year` with `settings`.
    static func outcome(of year: YearRecords, settings: Settings = Settings()) throws -> YearOutcome {
        let scores = year.records.finalScores(settings: settings.individual)
        let allocation = try AllocationInput(records: year.records, scores: scores,
                                             organisation: try year.plan.results(settings: settings.organisation),
                                             fund: year.fund).allocate(settings: settings.fund)
        return YearOutcome(scores: scores, allocation: allocation)
    }
}
