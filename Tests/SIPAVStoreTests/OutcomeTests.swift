import SIPAVTestSupport
import SIPAV
import SIPAVStore
import Testing

/// `saveOutcome` stores each person's exact cents, the components that explain them, the scores and the run.
@Suite("The stored allocation is the computed one")
struct OutcomeTests {
    @Test func everyAmountComponentScoreAndTotalIsOnRecord() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        try await store.importYear(try RoundTripTests.enrichedDemo(), actor: "hr.rossi", progress: nil)
        let year = try await store.loadYear(body: "demo", year: 2019)
        let outcome = try year.outcome()
        try await store.saveOutcome(outcome, of: year, actor: "hr.rossi")

        let stored = try database.withConnection { try StoredOutcome($0, body: "demo", year: 2019) }
        let allocation = outcome.allocation
        let people = allocation.staff.people + allocation.managers.people
        #expect(people.count == year.records.staff.count)
        #expect(stored.amounts.count == people.count)
        #expect(stored.allocationRows == people.count)
        for fund in [allocation.staff, allocation.managers] {
            for amount in fund.people {
                let id = year.records.staff[amount.person].id
                let row = stored.amounts[id]
                #expect(row?.cents == amount.cents, "amount of \(id)")
                #expect(row?.fund == fund.kind.rawValue, "fund of \(id)")
                #expect(row?.receivedRemainderCent == amount.receivedRemainderCent, "remainder cent of \(id)")
                // The components add up to the exact amount, which the cents round.
                #expect((stored.exactAmounts[id] ?? .zero) == amount.exact, "components of \(id)")
            }
        }
        // Something is actually paid, with redistribution and the increase among the components.
        #expect(people.contains { $0.increase > .zero })
        #expect(people.contains { $0.redistributed > .zero })

        #expect(stored.scores == year.expectedScores(outcome))
        #expect(stored.scoreRows == year.records.staff.count)

        let run = try #require(stored.runs.first)
        #expect(stored.runs.count == 1)
        #expect(run.staffFund == allocation.staff.fund.value)
        #expect(run.staffPaid == allocation.staff.paid.value)
        #expect(run.staffResidual == allocation.staff.residual.value)
        #expect(run.managersFund == allocation.managers.fund.value)
        #expect(run.managersPaid == allocation.managers.paid.value)
        #expect(run.settings == year.settingsYAML)
        #expect(run.by == "hr.rossi")
        #expect(Set(stored.amounts.values.map(\.run)) == [run.id])
        let staffPaid = stored.amounts.values.filter { $0.fund == "staff" }.reduce(Int64(0)) { $0 + $1.cents }
        #expect(staffPaid == run.staffPaid)
        #expect(run.staffFund == 73_431_244 + 1_248_000)

        let status = try await store.years(body: "demo")
        #expect(status.map(\.summary) == ["demo 2019 allocated, 277 staff, 1 run(s)"])
    }

    @Test func theCentsAreTheFilesCents() async throws {
        // Computed from the files directly or from what the store gives back: the same cents.
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let files = try DemoYear.records()
        try await store.importYear(files, actor: "hr.rossi", progress: nil)
        let year = try await store.loadYear(body: "demo", year: 2019)
        #expect(try year.computedCents() == files.computedCents())
    }

    @Test func allocatingAYearNotImportedIsAClearError() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let year = try DemoYear.records()
        let error = await thrownError { try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.rossi") }
        let storeError = try #require(error as? StoreError)
        #expect(storeError.message.contains("import it first"))
    }
}
