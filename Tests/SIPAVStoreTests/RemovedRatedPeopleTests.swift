import SIPAVTestSupport
import Postgres
import SIPAV
@testable import SIPAVStore
import Testing

/// A re-imported staff list that leaves out someone whose appraisal holds ratings, or was submitted as final, deletes a
/// manager's work: refused unless the user says so, and every person removed is named.
@Suite("Re-imports that remove rated people")
struct RemovedRatedPeopleTests {
    @Test func aRatedPersonLeftOutIsRefusedUnlessSaidAndNamedWhenRemoved() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        try await store.importYear(first, actor: "hr.rossi", progress: nil)
        let (second, _, gone, _, _) = ReimportTests.changed(first)
        let goneMember = try #require(first.records.staff.first { $0.id == gone })
        let ratings = first.objectiveRows.filter { $0.employee == gone && $0.cosa != nil }.count
        try #require(ratings > 0, "the demo's people are rated")
        try database.withConnection { db in
            try db.execute("INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by) VALUES ('demo', 2019, $1, 'm.bruno')",
                           [gone])
        }
        let expected = RemovedPerson(employeeID: gone, name: goneMember.name, ratings: ratings, submitted: true)
        await #expect(throws: RatedPeopleRemoved(year: 2019, people: [expected])) {
            try await store.importYear(second, actor: "hr.bianchi", progress: nil, consent: [])
        }
        let kept = try database.withConnection { db in
            try db.execute("SELECT count(*) AS n FROM appraisal_submissions WHERE employee_id = $1", [gone])[0].int("n")
        }
        #expect(kept == 1, "nothing written")
        #expect(expected.described == "\(goneMember.name) (\(gone)): inviata come definitiva, \(ratings) obiettivi già valutati")

        let summary = try await store.importYear(second, actor: "hr.bianchi", progress: nil, consent: .removedRatedPeople)
        #expect(summary.removedPeople == [expected])
        let left = try database.withConnection { db in
            try db.execute("SELECT count(*) AS n FROM staff_years WHERE employee_id = $1", [gone])[0].int("n")
        }
        #expect(left == 0)
    }

    /// Someone with nothing rated leaves without being asked about, and is named all the same.
    @Test func anUnratedPersonLeftOutIsRemovedAndNamed() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        let first = try DemoYear.records()
        let unrated = first.with(records: StaffRecords(staff: first.records.staff, objectives: first.records.objectives.map {
            IndividualObjective(person: $0.person, code: $0.code, title: $0.title, weightBasisPoints: $0.weightBasisPoints, cosa: nil, come: nil)
        }))
        try await store.importYear(unrated, actor: "hr.rossi", progress: nil)
        let staff = unrated.records.staff
        let gone = staff[10]
        let index = Dictionary(uniqueKeysWithValues: staff.filter { $0.id != gone.id }.enumerated().map { ($1.id, $0) })
        let second = unrated.with(records: StaffRecords(
            staff: staff.filter { $0.id != gone.id },
            objectives: unrated.records.objectives.compactMap { objective in
                index[staff[objective.person].id].map {
                    IndividualObjective(person: $0, code: objective.code, title: objective.title,
                                        weightBasisPoints: objective.weightBasisPoints, cosa: nil, come: nil)
                }
            }))
        let summary = try await store.importYear(second, actor: "hr.bianchi", progress: nil, consent: [])
        #expect(summary.removedPeople == [RemovedPerson(employeeID: gone.id, name: gone.name, ratings: 0, submitted: false)])
        #expect(summary.removedPeople.map(\.described) == ["\(gone.name) (\(gone.id))"])
    }
}
