import SIPAVTestSupport
import SIPAV
import SIPAVStore
import Testing

/// Text is data: quotes, semicolons, backslashes, newlines, SQL and any Unicode go in and come out unchanged,
/// byte for byte, and no statement they spell is ever run.
@Suite("Hostile text")
struct InjectionTests {
    static let hostile = [
        "'); DROP TABLE staff_years; --",
        "O'Brien \"Bob\"; DELETE FROM audit_log; --",
        "back\\slash \\N \\. \\\\ and a\ttab",
        "new\nline, cr\r\nlf, \u{0B}vt",
        "$1 $$dollar$$ %s %d {} [] \\x00ff",
        "Nicolò perché è già città — «virgolette» 🇮🇹 日本語 e\u{301} \u{FEFF}bom",
        "\u{1B}[31mred\u{1B}[0m \u{7F}",
    ]

    /// The demo year with hostile text in every free-text field the store writes, and as the body's id.
    static func hostileYear(body: String) throws -> YearRecords {
        let demo = try DemoYear.records(body: body)
        func text(_ index: Int) -> String { hostile[index % hostile.count] }
        let plan = demo.plan
        let lines = plan.strategicLines.enumerated().map { StrategicLine(id: $1.id, name: text($0)) }
        let areas = plan.areas.enumerated().map { Area(id: $1.id, name: text($0 + 1), manager: $1.manager) }
        var counter = 0
        func renamed(_ indicator: Indicator) -> Indicator {
            counter += 1
            let content: Indicator.Content
            if case let .composite(steps, subs) = indicator.content {
                content = .composite(stepAchievements: steps, subIndicators: subs.map(renamed))
            } else {
                content = indicator.content
            }
            return Indicator(id: indicator.id, name: text(counter), unit: indicator.unit.map { _ in text(counter + 1) },
                             note: text(counter + 2), content: content,
                             revision: indicator.revision.map { Indicator.Revision(reference: text(counter + 3), previousScale: $0.previousScale,
                                                                                   previousName: $0.previousName.map { _ in text(counter + 4) }) },
                             suppression: indicator.suppression.map { _ in text(counter + 5) })
        }
        let objectives = plan.objectives.enumerated().map { index, objective in
            Objective(id: objective.id, title: text(index), owner: objective.owner, strategicLines: objective.strategicLines,
                      weight: objective.weight, indicators: objective.indicators.map(renamed))
        }
        let hostilePlan = OrganisationalPlan(body: text(5), year: plan.year, strategicLines: lines, areas: areas, objectives: objectives,
                                             validated: [ValidatedResult(scope: .ente, achievement: Ratio(958, 1000), reference: text(1))])
        // Names, reasons and one employee id; objective codes and titles.
        var staff = demo.records.staff.enumerated().map { index, member in
            StaffMember(id: member.id, name: text(index), role: member.role, category: member.category, area: member.area,
                        partTimeBasisPoints: member.partTimeBasisPoints, monthsOfService: member.monthsOfService,
                        notAssessableReason: member.notAssessableReason.map { _ in text(index + 3) })
        }
        let last = staff.count - 1
        staff[last] = StaffMember(id: "E'9;--\\", name: staff[last].name, role: staff[last].role, category: staff[last].category,
                                  area: staff[last].area)
        let individual = demo.records.objectives.enumerated().map { index, objective in
            IndividualObjective(person: objective.person, code: index % 50 == 0 ? "OB'\(index);--" : objective.code, title: text(index),
                                weightBasisPoints: objective.weightBasisPoints, cosa: objective.cosa, come: objective.come)
        }
        let fund = Fund(year: 2019, lines: demo.fund.lines.enumerated().map {
            FundLine(fund: $1.fund, description: text($0), amount: $1.amount, reference: text($0 + 2))
        }, giunta: Confirmation(date: demo.fund.giunta!.date, reference: text(3)), oiv: Confirmation(date: demo.fund.oiv!.date, reference: text(4)))
        return YearRecords(body: body, plan: hostilePlan, records: StaffRecords(staff: staff, objectives: individual), fund: fund,
                           settingsYAML: hostile.joined(separator: "\n# "))
    }

    @Test(arguments: ["'); DROP TABLE staff_years; --", "Ente \"Ü\" \\ d'Aosta 🏔"])
    func everyTextComesBackByteForByte(_ body: String) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try Self.hostileYear(body: body)
        try await store.importYear(year, actor: "hr.o'neil; --", progress: nil)
        let loaded = try await store.loadYear(body: body, year: 2019)

        #expect(loaded.body == body)
        #expect(loaded.plan == year.plan)
        #expect(loaded.staffByID == year.staffByID)
        #expect(loaded.objectiveRows == year.objectiveRows)
        #expect(loaded.fund == year.fund)
        // Swift compares strings up to canonical equivalence: compare the bytes too.
        #expect(loaded.allTexts.map(\.utf8Bytes) == year.allTexts.map(\.utf8Bytes))

        // The whole cycle runs on it (with the default settings: the hostile settings text is no YAML), and the
        // log and the status name the body as it is.
        let computable = YearRecords(body: body, plan: loaded.plan, records: loaded.records, fund: loaded.fund, settingsYAML: nil)
        try await store.saveOutcome(try computable.outcome(), of: loaded, actor: "hr.o'neil; --")
        let years = try await store.years(body: body)
        #expect(years.map(\.body) == [body])
        #expect(years.first?.state == .allocated)
        let log = try await store.auditLog(body: body, limit: 5)
        #expect(!log.isEmpty)
        #expect(Set(log.map(\.actor)) == ["hr.o'neil; --"])

        let tables = try database.withConnection { db in
            try Tables.all.filter { try db.value("SELECT to_regclass($1)::text", [$0]) == $0 }
        }
        #expect(tables == Tables.all)
    }
}

extension String {
    var utf8Bytes: [UInt8] { Array(utf8) }
}

extension YearRecords {
    /// Every free text of the records, in a fixed order, sorted within the staff by employee id.
    var allTexts: [String] {
        var texts = [body, plan.body, settingsYAML ?? ""]
        texts += plan.strategicLines.map(\.name) + plan.areas.map(\.name) + plan.validated.map(\.reference)
        func indicatorTexts(_ indicator: Indicator) -> [String] {
            var own = [indicator.name, indicator.unit ?? "", indicator.note ?? "", indicator.suppression ?? "",
                       indicator.revision?.reference ?? "", indicator.revision?.previousName ?? ""]
            if case let .composite(_, subs) = indicator.content { own += subs.flatMap(indicatorTexts) }
            return own
        }
        for objective in plan.objectives { texts += [objective.title] + objective.indicators.flatMap(indicatorTexts) }
        texts += staffByID.flatMap { [$0.id, $0.name, $0.notAssessableReason ?? ""] }
        texts += objectiveRows.flatMap { [$0.employee, $0.code, $0.title] }
        texts += fund.lines.flatMap { [$0.description, $0.reference ?? ""] }
        texts += [fund.giunta?.reference ?? "", fund.oiv?.reference ?? ""]
        return texts
    }
}
