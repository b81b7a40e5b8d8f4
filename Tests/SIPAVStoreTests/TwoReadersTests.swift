import SIPAVTestSupport
import Postgres
import SIPAV
@testable import SIPAVStore
import Testing

/// A large year is read on two connections at once, its individual objectives on the second, in the
/// first one's snapshot: what is read, and what an allocation stores, is the same as on one connection.
@Suite("Reading a year on two connections")
struct TwoReadersTests {
    @Test func twoConnectionsReadWhatOneReads() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try RoundTripTests.enrichedDemo()
        try await database.store().importYear(year, actor: "hr.rossi", progress: nil)

        let onTwo = try await database.store(secondReaderFrom: 1).loadYear(body: "demo", year: 2019)
        let onOne = try await database.store(secondReaderFrom: .max).loadYear(body: "demo", year: 2019)
        #expect(onTwo.records.objectives.count == year.records.objectives.count)
        #expect(onTwo.records.objectives == onOne.records.objectives)
        #expect(onTwo.records.objectives == year.records.objectives)
        #expect(onTwo.records.staff == onOne.records.staff)
        #expect(onTwo.plan.objectives == onOne.plan.objectives)
        #expect(onTwo.fund == onOne.fund)
        #expect(onTwo.settingsYAML == onOne.settingsYAML)
    }

    @Test func thePlanAloneIsTheYearsPlan() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try RoundTripTests.enrichedDemo()
        try await database.store().importYear(year, actor: "hr.rossi", progress: nil)
        let whole = try await database.store().loadYear(body: "demo", year: 2019)
        let (plan, settings) = try await database.store().loadPlan(body: "demo", year: 2019)
        #expect(plan.objectives == whole.plan.objectives)
        #expect(plan.areas == whole.plan.areas && plan.validated == whole.plan.validated && plan.body == whole.plan.body)
        #expect(settings == whole.settingsYAML && settings != nil)
        await #expect(throws: StoreError.self) { _ = try await database.store().loadPlan(body: "demo", year: 1999) }
    }

    @Test func peopleWithoutObjectivesKeepTheirPlaces() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let demo = try DemoYear.records()
        // Every third person has no objective on record: each objective read must still reach its own person.
        let kept = demo.records.objectives.filter { $0.person % 3 != 1 }
        let year = demo.with(records: StaffRecords(staff: demo.records.staff, objectives: kept))
        try await database.store().importYear(year, actor: "hr.rossi", progress: nil)

        let loaded = try await database.store(secondReaderFrom: 1).loadYear(body: "demo", year: 2019)
        #expect(loaded.records.objectives.count == kept.count)
        #expect(Array(loaded.records.objectives) == kept)
    }

    @Test func anAllocationOnTwoConnectionsStoresWhatOneStores() async throws {
        let (two, one) = (try TestDatabase.create(), try TestDatabase.create())
        defer { two.drop(); one.drop() }
        let year = try SyntheticYear.records(body: "big", staff: 3_000)
        for (database, from) in [(two, 1), (one, Int.max)] {
            let store = try database.store(secondReaderFrom: from)
            try await store.importYear(year, actor: "hr.rossi", progress: nil)
            _ = try await store.allocate(body: "big", year: year.year, actor: "hr.rossi") { read in (try read.outcome(), 0) }
        }
        let (onTwo, onOne) = (try two.withConnection { try StoredOutcome($0, body: "big", year: year.year) },
                              try one.withConnection { try StoredOutcome($0, body: "big", year: year.year) })
        #expect(onTwo.amounts.count == year.records.staff.count)
        #expect(onTwo.amounts == onOne.amounts)
        #expect(onTwo.exactAmounts == onOne.exactAmounts)
        #expect(onTwo.scores == onOne.scores)
    }

    @Test func withoutASecondConnectionEverythingIsReadOnTheFirst() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try DemoYear.records()
        try await database.store().importYear(year, actor: "hr.rossi", progress: nil)
        struct Refused: Error {}
        var asked = 0
        let loaded = try database.withConnection { connection in
            try connection.transaction(isolation: .repeatableRead) { db in
                var reader = YearReader(db: db, body: "demo", year: 2019)
                reader.secondReaderFrom = 1
                return try reader.read(connect: { asked += 1; throw Refused() })
            }
        }
        #expect(asked == 1)
        #expect(loaded.records.objectives == year.records.objectives)
        #expect(loaded.records.staff.count == year.records.staff.count)
    }

    @Test func onCitusEverythingIsReadOnOneConnection() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try DemoYear.records()
        try await database.store().importYear(year, actor: "hr.rossi", progress: nil)
        var asked = 0
        func read() throws -> YearRecords {
            try database.withConnection { connection in
                try connection.transaction(isolation: .repeatableRead) { db in
                    var reader = YearReader(db: db, body: "demo", year: 2019)
                    reader.secondReaderFrom = 1
                    return try reader.read(connect: { asked += 1; return try database.connect() })
                }
            }
        }
        _ = try read()
        #expect(asked == 1)
        // What Citus installs, and what tells it apart from one server.
        try database.withConnection { try $0.execute("CREATE FUNCTION pg_catalog.citus_version() RETURNS text LANGUAGE sql AS $$ SELECT 'Citus 12.1' $$") }
        let loaded = try read()
        #expect(asked == 1)
        #expect(loaded.records.objectives == year.records.objectives)
        #expect(loaded.records.staff.count == year.records.staff.count)
    }

    @Test func aSmallYearIsReadOnOneConnection() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        var asked = 0
        _ = try database.withConnection { connection in
            try connection.transaction(isolation: .repeatableRead) { db in
                var reader = YearReader(db: db, body: "demo", year: 2019)
                reader.secondReaderFrom = 278  // the demo has 277 people
                #expect(try reader.hasPeople(atLeast: 277))
                #expect(try !reader.hasPeople(atLeast: 278))
                return try reader.read(connect: { asked += 1; return try database.connect() })
            }
        }
        #expect(asked == 0)
    }
}
