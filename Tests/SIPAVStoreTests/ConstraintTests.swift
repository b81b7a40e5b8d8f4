import SIPAVTestSupport
import Postgres
import SIPAV
import SIPAVStore
import Testing

/// Records that slipped past the file readers are refused by the database's constraints: the error names
/// the constraint, and the import leaves nothing behind, not even the deletion of the year it was replacing.
@Suite("Constraint violations")
struct ConstraintTests {
    struct BadRecords: Sendable, CustomTestStringConvertible {
        let what: String
        let constraint: String
        let spoil: @Sendable () throws -> YearRecords
        var testDescription: String { what }
    }

    static let cases = [
        BadRecords(what: "months of service 13", constraint: "staff_years_months_range") {
            try spoilStaff(of: DemoYear.records(), at: 100) { $0.with(months: 13) }
        },
        BadRecords(what: "cosa 9 in the middle of 10,000 objectives", constraint: "individual_objectives_cosa_range") {
            // With titles: the demo's stored ones would otherwise be cleared, which an import refuses before any constraint.
            let big = try SyntheticYear.records(body: "demo", staff: 2_300, titles: true)
            guard big.records.objectives.count >= 10_000 else { throw TestSetupError("only \(big.records.objectives.count) objectives") }
            let middle = big.records.objectives.count / 2
            return big.changingObjectives { index, objective in index == middle ? objective.with(cosa: 9) : objective }
        },
        BadRecords(what: "an Area manager who is not an employee", constraint: "areas_manager_fk") {
            let demo = try DemoYear.records()
            let plan = demo.plan
            var areas = plan.areas
            areas[1] = Area(id: areas[1].id, name: areas[1].name, manager: "DIR999")
            return demo.with(plan: OrganisationalPlan(body: plan.body, year: plan.year, strategicLines: plan.strategicLines,
                                                      areas: areas, objectives: plan.objectives, validated: plan.validated))
        },
        BadRecords(what: "part time 0 %", constraint: "staff_years_part_time_range") {
            try spoilStaff(of: DemoYear.records(), at: 200) { member in
                StaffMember(id: member.id, name: member.name, role: member.role, category: member.category, area: member.area,
                            partTimeBasisPoints: 0)
            }
        },
        BadRecords(what: "a cosa without its come", constraint: "individual_objectives_rating_complete") {
            try DemoYear.records().changingObjectives { index, objective in
                index == 500 ? IndividualObjective(person: objective.person, code: objective.code, title: objective.title,
                                                   weightBasisPoints: objective.weightBasisPoints, cosa: 4, come: nil) : objective
            }
        },
        BadRecords(what: "the same objective code twice for one person", constraint: "individual_objectives_pkey") {
            let demo = try DemoYear.records()
            // The first person has several objectives: the second takes the first's code.
            let twin = demo.records.objectives[0]
            return demo.changingObjectives { index, objective in
                index == 1
                    ? IndividualObjective(person: objective.person, code: twin.code, title: objective.title,
                                          weightBasisPoints: objective.weightBasisPoints, cosa: objective.cosa, come: objective.come)
                    : objective
            }
        },
        BadRecords(what: "a suppressed indicator with a measured value", constraint: "indicators_suppressed_not_measured") {
            let demo = try DemoYear.records()
            return demo.with(plan: demo.plan.changingIndicator("1.1") { indicator in
                Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, note: indicator.note, content: indicator.content,
                          revision: indicator.revision, suppression: "Delibera di Giunta n. 1 del 10/01/2020")
            })
        },
        BadRecords(what: "a negative fund line", constraint: "fund_lines_amount_nonnegative") {
            let demo = try DemoYear.records()
            let lines = demo.fund.lines + [FundLine(fund: .staff, description: "Rettifica", amount: Cents(-1))]
            return demo.with(fund: Fund(year: 2019, lines: lines, giunta: demo.fund.giunta, oiv: demo.fund.oiv))
        },
        BadRecords(what: "a fund line over 1.000.000.000.000,00 €", constraint: "fund_lines_amount_largest") {
            let demo = try DemoYear.records()
            let lines = demo.fund.lines + [FundLine(fund: .staff, description: "Rettifica", amount: Cents(100_000_000_000_001))]
            return demo.with(fund: Fund(year: 2019, lines: lines, giunta: demo.fund.giunta, oiv: demo.fund.oiv))
        },
    ]

    static func spoilStaff(of year: YearRecords, at index: Int, _ change: (StaffMember) -> StaffMember) -> YearRecords {
        var staff = year.records.staff
        staff[index] = change(staff[index])
        return year.with(records: StaffRecords(staff: staff, objectives: year.records.objectives))
    }

    @Test(arguments: cases)
    func theErrorNamesTheConstraintAndNothingChanges(_ bad: BadRecords) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        // The year the bad import would replace, and another body's year beside it.
        let earlier = try DemoYear.records()
        try await store.importYear(earlier, actor: "hr.rossi", progress: nil)
        try await store.importYear(try DemoYear.records(body: "other"), actor: "hr.neri", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }
        let records = try bad.spoil()

        let error = await thrownError { try await store.importYear(records, actor: "hr.rossi", progress: nil) }
        let refusal = try #require(error as? StoreError)
        #expect(refusal.message.contains(bad.constraint), "\(refusal.message)")
        #expect(refusal.underlying?.constraint == bad.constraint)
        #expect(refusal.underlying?.kind == .statement)

        let after = try database.withConnection { try Snapshot($0) }
        #expect(after.changes(since: before) == [])
        let intact = try await store.loadYear(body: "demo", year: 2019)
        #expect(intact.objectiveRows == earlier.objectiveRows)
        #expect(intact.staffByID == earlier.staffByID)

        // Into a body of its own, the same records leave no trace of that body either.
        let elsewhere = await thrownError { try await store.importYear(records.with(body: "new"), actor: "hr.rossi", progress: nil) }
        #expect((elsewhere as? StoreError)?.underlying?.constraint == bad.constraint, "\(String(describing: elsewhere))")
        let trace = try database.withConnection { try Snapshot($0, body: "new") }
        #expect(trace.tables.values.allSatisfy { $0.rows == 0 })
    }

    /// A person twice in the staff list is refused before anything is written, naming the person.
    @Test func theSameEmployeeTwiceIsNamed() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let earlier = try DemoYear.records()
        try await store.importYear(earlier, actor: "hr.rossi", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }
        let twice = Self.spoilStaff(of: earlier, at: 150) { _ in earlier.records.staff[149] }
        for records in [twice, twice.with(body: "new")] {
            let error = await thrownError { try await store.importYear(records, actor: "hr.rossi", progress: nil) }
            let message = (error as? StoreError)?.message ?? ""
            #expect(message.contains(earlier.records.staff[149].id) && message.contains("appears twice"), "\(message)")
        }
        let after = try database.withConnection { try Snapshot($0) }
        #expect(after.changes(since: before) == [])
    }
}
