import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// Once allocated, a year's records do not change, whoever asks: the database itself refuses (SQLSTATE SV001)
/// until the year is reopened with a reason, which is on record.
@Suite("The allocated-year lock")
struct YearLockTests {
    /// Direct SQL on the allocated year; `$1`, `$2` are its body and year.
    static let writes = [
        "UPDATE individual_objectives SET cosa = 0 WHERE body_id = $1 AND year = $2 AND cosa IS NOT NULL",
        "DELETE FROM staff_years WHERE body_id = $1 AND year = $2",
        "INSERT INTO fund_lines (body_id, year, line_no, fund, description, amount_cents) VALUES ($1, $2, 99, 'staff', 'extra', 100)",
        "UPDATE allocations SET amount_cents = amount_cents + 1 WHERE body_id = $1 AND year = $2",
        "UPDATE allocations SET individual_amount_numerator = 0, individual_amount_denominator = 1 WHERE body_id = $1 AND year = $2",
        "UPDATE indicators SET measured_number = 0 WHERE body_id = $1 AND year = $2 AND measured_number IS NOT NULL",
        "DELETE FROM objectives WHERE body_id = $1 AND year = $2",
        "UPDATE years SET settings_yaml = 'fund: {residual: keep}' WHERE body_id = $1 AND year = $2",
        "DELETE FROM years WHERE body_id = $1 AND year = $2",
        // The run's record: its totals and settings (SQL/0024).
        "UPDATE allocation_runs SET staff_paid_cents = staff_paid_cents - 1, settings_yaml = 'x' WHERE body_id = $1 AND year = $2",
        "DELETE FROM allocation_runs WHERE body_id = $1 AND year = $2",
    ]

    @Test(arguments: writes)
    func directSQLOnTheAllocatedYearFails(_ sql: String) async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let before = try allocated.snapshot()
        let db = try allocated.database.connect()
        defer { db.close() }

        let error = await thrownError { try db.execute(sql, ["demo", 2019]) }
        let refusal = try #require(error as? PostgresError)
        #expect(refusal.sqlState == "SV001")
        #expect(refusal.constraint == "year_locked")
        #expect(refusal.message.contains("year 2019 of body demo is allocated"))
        #expect(try allocated.snapshot() == before)

        // The same statement on the open neighbours goes through.
        for (body, year) in [("demo", 2020), ("other", 2019)] {
            let done = await thrownError { try db.execute(sql, [body, year]) }
            // Deleting a year that holds records is refused by its foreign keys, not by the lock.
            let refused = done as? PostgresError
            #expect(done == nil || (sql.hasPrefix("DELETE FROM years") && refused?.sqlState == "23503"),
                    "\(body) \(year): \(String(describing: done))")
        }
    }

    @Test func importingTheAllocatedYearAgainIsRefusedClearly() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let before = try allocated.snapshot()
        let changed = try DemoYear.records().changingObjectives { _, objective in objective.with(cosa: 6, come: .a) }

        let error = await thrownError { try await allocated.store.importYear(changed, actor: "hr.rossi", progress: nil) }
        let refusal = try #require(error as? StoreError)
        #expect(refusal.message.contains("year 2019 of body demo is allocated"))
        #expect(refusal.message.contains("reopen"))
        #expect(try allocated.snapshot() == before)

        // Another year of the body and another body take imports as usual.
        try await allocated.store.importYear(changed.with(year: 2020), actor: "hr.rossi", progress: nil)
        try await allocated.store.importYear(changed.with(body: "other"), actor: "hr.neri", progress: nil)
        let other = try await allocated.store.loadYear(body: "other", year: 2019)
        #expect(other.objectiveRows == changed.objectiveRows)
    }

    @Test(arguments: ["", "   "])
    func reopeningWithoutAReasonIsRefused(_ reason: String) async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let before = try allocated.snapshot()
        let error = await thrownError { try await allocated.store.reopen(body: "demo", year: 2019, reason: reason, actor: "hr.verdi") }
        let refusal = try #require(error as? StoreError)
        #expect(refusal.message.contains("reason"))
        #expect(try allocated.snapshot() == before)
        #expect(try await allocated.store.years(body: "demo").first?.state == .allocated)
    }

    @Test func reopeningWithAReasonIsRecordedAndLetsTheYearBeRedone() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let store = allocated.store
        let reason = "Ricorso accolto: rettifica della valutazione di E0001"
        try await store.reopen(body: "demo", year: 2019, reason: reason, actor: "hr.verdi")

        let reopenings = try allocated.database.withConnection { db in
            try db.execute("SELECT reopened_by, from_state, to_state, reason FROM year_reopenings WHERE body_id = 'demo' AND year = 2019")
                .map { "\(try $0.string("reopened_by")) \(try $0.string("from_state"))→\(try $0.string("to_state")): \(try $0.string("reason"))" }
        }
        #expect(reopenings == ["hr.verdi allocated→validated: \(reason)"])
        #expect(try await store.years(body: "demo").first?.state == .validated)

        // E0001's objectives are all rated top: the year can be imported and allocated again.
        let corrected = try DemoYear.records().changingObjectives { _, objective in
            objective.person == 4 ? objective.with(cosa: 6, come: .a) : objective
        }
        try #require(corrected.records.staff[4].id == "E0001")
        try await store.importYear(corrected, actor: "hr.verdi", progress: nil)
        let year = try await store.loadYear(body: "demo", year: 2019)
        #expect(year.objectiveRows == corrected.objectiveRows)
        try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.verdi")

        let stored = try allocated.database.withConnection { try StoredOutcome($0, body: "demo", year: 2019) }
        let cents = try year.computedCents()
        #expect(stored.amounts.mapValues(\.cents) == cents)
        #expect(stored.scores["E0001"]?.score == 6)
        #expect(stored.runs.count == 2)
        let state = try allocated.database.withConnection { db in
            try db.value("SELECT state || ' ' || coalesce(reopen_reason, '-') FROM years WHERE body_id = 'demo' AND year = 2019")
        }
        // Allocated again, the reason is spent: the next reopening needs its own.
        #expect(state == "allocated -")
    }

    @Test func reopeningAnOpenYearIsAClearError() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let error = await thrownError { try await allocated.store.reopen(body: "demo", year: 2020, reason: "why not", actor: "hr.verdi") }
        let refusal = try #require(error as? StoreError)
        #expect(refusal.message.contains("nothing to reopen"))
    }
}
