import SIPAV
import SIPAVReports
import SIPAVStore
import SIPAVTestSupport
@testable import SIPAVWeb

/// The employees' accounts over `PublishedYearFixture`: e1 (E1, final score 6) and e2 (E2, final score 4).
enum OwnAppraisalFixture {
    static func insert(into database: TestDatabase, published: Bool) async throws {
        let store = try database.store()
        try await PublishedYearFixture.insertAllocated(into: store)
        let accounts = Accounts(store: store, body: WebFixture.body)
        for (username, employee) in [("e1", "E1"), ("e2", "E2")] {
            try await accounts.add(username: username, password: WebFixture.password, role: .employee, employeeID: employee,
                                   cost: 4, actor: "test")
        }
        if published { try publish(database) }
    }

    static func publish(_ database: TestDatabase) throws {
        try database.withConnection { db in
            try db.execute("UPDATE years SET state = 'published' WHERE body_id = $1 AND year = $2",
                           [WebFixture.body, PublishedYearFixture.year])
        }
    }

    /// The amount of `employee` in cents, allocated here from the stored year with the default settings.
    static func expectedCents(of employee: String, in database: TestDatabase) async throws -> Int64? {
        let year = try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)
        let allocation = try PublishedYearFixture.outcome(of: year).allocation
        guard let person = year.records.staff.firstIndex(where: { $0.id == employee }) else { return nil }
        let member = year.records.staff[person]
        return allocation.fund(member.role.fund).people.first { $0.person == person }?.cents
    }

    /// `sipav db report explain`'s explanation of the amount of `employee`, built here from the stored year with the
    /// default settings.
    static func explanation(of employee: String, in database: TestDatabase) async throws -> Report? {
        let year = try await database.store().loadYear(body: WebFixture.body, year: PublishedYearFixture.year)
        let outcome = try PublishedYearFixture.outcome(of: year)
        guard let person = year.records.staff.firstIndex(where: { $0.id == employee }) else { return nil }
        return ExplainReport.build(plan: year.plan, records: year.records, scores: outcome.scores,
                                   allocation: outcome.allocation, settings: Settings(), person: person)
    }

    /// Cents as the page prints them: `1.234,56 €`.
    static func italianEuros(_ cents: Int64) -> String {
        var whole = String(cents / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        let fraction = cents % 100
        return groups.joined(separator: ".") + "," + (fraction < 10 ? "0" : "") + String(fraction) + " €"
    }

    static func responses(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            try db.execute("SELECT employee_id || ':' || response || ':' || coalesce(reason, '') AS r FROM appraisal_responses ORDER BY employee_id")
                .map { try $0.string("r") }
        }
    }
}
