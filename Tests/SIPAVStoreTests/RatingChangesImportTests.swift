import SIPAVTestSupport
import Foundation
import Postgres
import SIPAV
@testable import SIPAVStore
import Testing

/// What imports leave in `rating_changes` (SQL/0039, 0041): a year's first import copies its ratings in and names
/// nobody, whether its rows are copied with the row triggers bypassed or through them (a plain role); a re-import whose
/// files drop a rated objective changes that person's ratings, and names its importer.
@Suite("Imports and who last changed the ratings")
struct RatingChangesImportTests {
    /// `year` with `person`'s first rated objective left out, its weight given to the person's next objective.
    static func droppingARatedObjective(of person: String, from year: YearRecords) throws -> YearRecords {
        let staff = year.records.staff
        let theirs = year.records.objectives.enumerated().filter { staff[$0.element.person].id == person }
        let dropped = try #require(theirs.first { $0.element.cosa != nil })
        let heir = try #require(theirs.first { $0.offset != dropped.offset })
        let objectives: [IndividualObjective] = year.records.objectives.enumerated().compactMap { position, objective in
            if position == dropped.offset { return nil }
            guard position == heir.offset else { return objective }
            return IndividualObjective(person: objective.person, code: objective.code, title: objective.title,
                                       weightBasisPoints: objective.weightBasisPoints + dropped.element.weightBasisPoints,
                                       cosa: objective.cosa, come: objective.come)
        }
        return year.with(records: StaffRecords(staff: staff, objectives: objectives))
    }

    static func changes(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            try db.execute("SELECT employee_id || ':' || changed_by AS c FROM rating_changes ORDER BY employee_id")
                .map { try $0.string("c") }
        }
    }

    @Test func aFirstImportNamesNobodyWithOrWithoutTheBypass() async throws {
        let role = BulkInsertTests.PlainRole()
        let (bypassed, triggered) = (try TestDatabase.create(), try TestDatabase.create())
        defer {
            bypassed.drop()
            triggered.drop()
            role.drop()
        }
        try role.create(on: triggered)
        let year = try DemoYear.records()
        #expect(year.records.objectives.hasAnyRating)
        for (database, store) in [(bypassed, try bypassed.store()), (triggered, try role.store(of: triggered))] {
            try await store.importYear(year, actor: "hr.rossi", progress: nil)
            #expect(try Self.changes(database).isEmpty)
        }
    }

    @Test func aReimportDroppingARatedObjectiveNamesItsImporter() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        try await store.importYear(try Self.droppingARatedObjective(of: "E0002", from: first), actor: "hr.bianchi", progress: nil)
        #expect(try Self.changes(database) == ["E0002:hr.bianchi"])
    }
}
