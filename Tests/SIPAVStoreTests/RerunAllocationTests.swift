import SIPAVTestSupport
import SIPAVStore
import Testing

/// Allocating a reopened year again writes the same cents and replaces, never duplicates, what was there.
@Suite("Re-running an allocation")
struct RerunAllocationTests {
    @Test func theSameRecordsGiveTheSameCentsAndOneRowPerPerson() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let store = allocated.store
        let first = try allocated.database.withConnection { try StoredOutcome($0, body: "demo", year: 2019) }

        for round in 1...2 {
            try await store.reopen(body: "demo", year: 2019, reason: "verifica n. \(round)", actor: "hr.verdi")
            let year = try await store.loadYear(body: "demo", year: 2019)
            try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.verdi")
        }

        let again = try allocated.database.withConnection { try StoredOutcome($0, body: "demo", year: 2019) }
        #expect(again.amounts.mapValues(\.cents) == first.amounts.mapValues(\.cents))
        #expect(again.exactAmounts == first.exactAmounts)
        #expect(again.scores == first.scores)
        let people = allocated.year.records.staff.count
        #expect(again.allocationRows == people)
        #expect(again.scoreRows == people)
        #expect(again.componentRows == first.componentRows)
        // Every run is kept; the amounts name the last.
        #expect(again.runs.count == 3)
        #expect(Set(again.amounts.values.map(\.run)) == [again.runs.last!.id])
        #expect(Set(again.runs.map(\.staffPaid)).count == 1)

        let duplicates = try allocated.database.withConnection { db in
            try db.count("""
                SELECT count(*) FROM (SELECT employee_id FROM allocations WHERE body_id = 'demo' AND year = 2019
                                      GROUP BY employee_id HAVING count(*) > 1) d
                """)
        }
        #expect(duplicates == 0)
        #expect(try await store.years(body: "demo").first?.allocationRuns == 3)
    }

    /// The amounts of every earlier run stay on record (SQL/0036): what a published year showed its employees, and they
    /// acknowledged or contested, is kept when the year is allocated again, and cannot be changed.
    @Test func theAmountsOfEarlierRunsAreKept() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let store = allocated.store
        let first = try allocated.database.withConnection { try StoredOutcome($0, body: "demo", year: 2019) }
        try await store.reopen(body: "demo", year: 2019, reason: "verifica", actor: "hr.verdi")
        let year = try await store.loadYear(body: "demo", year: 2019)
        try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.verdi")
        let kept = try allocated.database.withConnection { db in
            try db.execute("""
                SELECT run_id, employee_id, amount_cents FROM superseded_allocations WHERE body_id = 'demo' AND year = 2019
                """).map { (try $0.int64("run_id"), try $0.string("employee_id"), try $0.int64("amount_cents")) }
        }
        let people = allocated.year.records.staff.count
        #expect(kept.count == people)
        #expect(Set(kept.map(\.0)) == [first.runs.last!.id])
        #expect(Dictionary(uniqueKeysWithValues: kept.map { ($0.1, $0.2) }) == first.amounts.mapValues(\.cents))
        let changed = await thrownError {
            try allocated.database.withConnection { try $0.execute("UPDATE superseded_allocations SET amount_cents = 0") }
        }
        #expect(changed != nil)
    }

    @Test func allocatingTwiceWithoutReopeningIsRefused() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let before = try allocated.snapshot()
        let year = allocated.year
        let error = await thrownError { try await allocated.store.saveOutcome(try year.outcome(), of: year, actor: "hr.rossi") }
        let refusal = try #require(error as? StoreError)
        #expect(refusal.message.contains("already allocated"))
        #expect(try allocated.snapshot() == before)
    }
}
