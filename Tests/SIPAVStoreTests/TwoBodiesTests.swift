import SIPAVTestSupport
import Foundation
import SIPAV
import SIPAVStore
import Testing

/// Bodies share the database, never their rows: with the same employee ids in both, whatever is done to one
/// leaves the other's rows exactly as they were, and nothing of one is shown for the other.
@Suite("Two bodies in one database")
struct TwoBodiesTests {
    @Test func importingAllocatingAndReopeningOneLeavesTheOtherUntouched() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let torino = try DemoYear.records(body: "cciaa-to")
        // Same employee ids, other names and ratings.
        let milano = try DemoYear.records(body: "cciaa-mi").changingObjectives { index, objective in
            objective.cosa.map { index % 3 == 0 ? objective.with(cosa: max(0, $0 - 2)) : objective } ?? objective
        }
        let renamed = StaffRecords(staff: milano.records.staff.map { $0.with(name: $0.name.uppercased()) },
                                   objectives: milano.records.objectives)
        let milanoYear = milano.with(records: renamed)
        try #require(Set(torino.records.staff.map(\.id)) == Set(milanoYear.records.staff.map(\.id)))

        try await store.importYear(milanoYear, actor: "hr.mi", progress: nil)
        let milanoLoaded = try await store.loadYear(body: "cciaa-mi", year: 2019)
        try await store.saveOutcome(try milanoLoaded.outcome(), of: milanoLoaded, actor: "hr.mi")
        let milanoBefore = try database.withConnection { try Snapshot($0, body: "cciaa-mi") }
        let milanoCents = try database.withConnection { try StoredOutcome($0, body: "cciaa-mi", year: 2019) }.amounts.mapValues(\.cents)

        // Everything one body goes through in a year, twice over.
        for round in 1...2 {
            try await store.importYear(torino, actor: "hr.to", progress: nil)
            let year = try await store.loadYear(body: "cciaa-to", year: 2019)
            try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.to")
            try await store.reopen(body: "cciaa-to", year: 2019, reason: "giro \(round)", actor: "hr.to")
            try await store.importYear(torino.with(year: 2020), actor: "hr.to", progress: nil)
        }
        try database.withConnection { db in
            try db.execute("SET sipav.actor = 'hr.to'")
            try db.execute("UPDATE individual_objectives SET cosa = 0 WHERE body_id = 'cciaa-to' AND year = 2019 AND cosa IS NOT NULL")
            try db.execute("DELETE FROM staff_years WHERE body_id = 'cciaa-to' AND year = 2020")
        }

        // 2020 was imported with its ratings: it is being rated (YearWriter), staff removed or not.
        let milanoAfter = try database.withConnection { try Snapshot($0, body: "cciaa-mi") }
        #expect(milanoAfter.changes(since: milanoBefore) == [])
        let milanoNow = try await store.loadYear(body: "cciaa-mi", year: 2019)
        #expect(milanoNow.staffByID == milanoYear.staffByID)
        #expect(milanoNow.objectiveRows == milanoYear.objectiveRows)
        #expect(try database.withConnection { try StoredOutcome($0, body: "cciaa-mi", year: 2019) }.amounts.mapValues(\.cents) == milanoCents)
        let torinoNow = try await store.loadYear(body: "cciaa-to", year: 2019)
        #expect(torinoNow.staffByID == torino.staffByID)

        // Each body's own view shows its own rows only.
        let torinoYears = try await store.years(body: "cciaa-to")
        #expect(torinoYears.map(\.summary) == ["cciaa-to 2019 validated, 277 staff, 2 run(s)", "cciaa-to 2020 rating, 0 staff, 0 run(s)"])
        #expect(try await store.years(body: "cciaa-mi").map(\.summary) == ["cciaa-mi 2019 allocated, 277 staff, 1 run(s)"])
        #expect(try await store.years(body: nil).count == 3)

        for body in ["cciaa-to", "cciaa-mi"] {
            let log = try await store.auditLog(body: body, limit: 1_000_000)
            let bodies = Set(log.compactMap { json($0.recordKey)?["body_id"] as? String })
            #expect(bodies == [body])
            let logged = try database.withConnection { try $0.count("SELECT count(*) FROM audit_log WHERE body_id = $1", [body]) }
            #expect(log.count == logged)
            #expect(Set(log.map(\.actor)) == [body == "cciaa-to" ? "hr.to" : "hr.mi"])
        }
    }
}
