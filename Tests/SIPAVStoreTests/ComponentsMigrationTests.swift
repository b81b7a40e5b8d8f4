import SIPAVTestSupport
import Foundation
import Postgres
import SIPAV
import SIPAVStore
import Testing

/// Migration 0012 moves each amount's exact components from the rows of `allocation_components` into
/// columns of `allocations`, and 0013 the rows of `final_scores` (then a view of them): an allocated year on
/// record keeps every figure and score, its lock and its audit log.
@Suite("Migrations 0012 and 0013: components and scores become columns of allocations")
struct ComponentsMigrationTests {
    static let version = "0012_allocation_components_as_columns"
    static let versions = [version, "0013_final_scores_in_allocations"]

    /// Later migrations that add a column today's import writes, to tables neither 0012 nor 0013 touches: applied
    /// ahead with the ones before, so that the import below writes a year into the older schema.
    static let columnsTheImportWrites = ["0030_deadline_not_completed.sql"]

    /// The migrations before `first` (0012 unless said), copied into a folder of their own, with
    /// `columnsTheImportWrites`.
    static func migrationsBefore(_ first: String = version) throws -> Migrations {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Repository.path("SQL"))
        where name.hasSuffix(".sql") && (name < first || columnsTheImportWrites.contains(name)) {
            try FileManager.default.copyItem(atPath: Repository.path("SQL/\(name)"), toPath: folder.appendingPathComponent(name).path)
        }
        return try Migrations(directory: folder.path)
    }

    /// Stores the outcome as the schema before 0012 held it: a final_scores and an allocations row a person
    /// (components left out) and a row of allocation_components for each component that is not zero.
    /// Returns the count of those component rows.
    static func storeTheOldWay(_ outcome: YearOutcome, of year: YearRecords, on db: Connection) throws -> Int {
        try db.transaction { tx in
            try tx.setLocal("sipav.actor", to: "hr.rossi")
            let run = try tx.execute("""
                INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents)
                VALUES ('demo', 2019, '', $1, $2, $3, $4) RETURNING run_id
                """, [outcome.allocation.staff.fund.value, outcome.allocation.staff.paid.value,
                      outcome.allocation.managers.fund.value, outcome.allocation.managers.paid.value])[0].int64("run_id")
            var components = 0
            for fund in [outcome.allocation.staff, outcome.allocation.managers] {
                for amount in fund.people {
                    let id = year.records.staff[amount.person].id
                    try tx.execute("""
                        INSERT INTO allocations (body_id, year, employee_id, run_id, fund, final_score, band, share_numerator,
                                                 share_denominator, amount_cents, received_remainder_cent)
                        VALUES ('demo', 2019, $1, $2, $3, $9, $4, $5::numeric, $6::numeric, $7, $8)
                        """, [id, run, fund.kind.rawValue, outcome.scores.band(amount.person).rawValue,
                              amount.share.numerator.description, amount.share.denominator.description, amount.cents,
                              amount.receivedRemainderCent, Int(outcome.scores.score[amount.person])])
                    let assessable = outcome.scores.isAssessable(amount.person)
                    try tx.execute("""
                        INSERT INTO final_scores (body_id, year, employee_id, weighted_sum, final_score, band, not_assessable_reason)
                        VALUES ('demo', 2019, $1, $2, $3, $4, $5)
                        """, [id, assessable ? Int(outcome.scores.weightedSum[amount.person]) : nil, Int(outcome.scores.score[amount.person]),
                              outcome.scores.band(amount.person).rawValue, outcome.scores.notAssessableReason[amount.person]])
                    let named = [("individual", amount.individual), ("ente", amount.ente), ("area", amount.area),
                                 ("increase", amount.increase), ("redistributed", amount.redistributed)]
                    for (name, value) in named where !value.isZero {
                        try tx.execute("""
                            INSERT INTO allocation_components (body_id, year, employee_id, component, exact_numerator, exact_denominator)
                            VALUES ('demo', 2019, $1, $2, $3::numeric, $4::numeric)
                            """, [id, name, value.numerator.description, value.denominator.description])
                        components += 1
                    }
                }
            }
            try tx.execute("UPDATE years SET state = 'allocated' WHERE body_id = 'demo' AND year = 2019")
            return components
        }
    }

    @Test func anAllocatedYearKeepsEveryComponentAndScoreItsLockAndItsAuditLog() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try database.withConnection { _ = try Self.migrationsBefore().apply(on: $0, dryRun: false) }
        let store = try database.store()
        let year = try DemoYear.records()
        try await store.importYear(year, actor: "hr.rossi", progress: nil)
        let outcome = try year.outcome()
        let oldRows = try database.withConnection { try Self.storeTheOldWay(outcome, of: year, on: $0) }
        let audit = { try database.withConnection { try $0.count("SELECT count(*) FROM audit_log") } }
        let auditBefore = try audit()

        // 0012 and 0013 first; later migrations (of other tables) after them.
        #expect(Array(try await store.migrate(dryRun: false).prefix(Self.versions.count)) == Self.versions)

        let stored = try database.withConnection { try StoredOutcome($0, body: "demo", year: 2019) }
        let people = outcome.allocation.staff.people + outcome.allocation.managers.people
        #expect(stored.amounts.count == people.count)
        #expect(stored.scores == year.expectedScores(outcome))
        #expect(stored.scoreRows == people.count)
        #expect(stored.componentRows == oldRows)
        var different: [String] = []
        for amount in people where (stored.exactAmounts[year.records.staff[amount.person].id] ?? .zero) != amount.exact {
            different.append(year.records.staff[amount.person].id)
        }
        #expect(different == [], "people whose components no longer add up to their exact amount")
        #expect(people.contains { $0.increase > .zero } && people.contains { $0.redistributed > .zero })

        #expect(try audit() == auditBefore)
        #expect(try await store.years(body: "demo").first?.state == .allocated)
        let (oldTable, lockError) = try database.withConnection { db in
            (try db.value("SELECT to_regclass('allocation_components')::text") as String?,
             errorThrown { try db.execute("UPDATE allocations SET ente_amount_numerator = 0 WHERE body_id = 'demo' AND year = 2019") })
        }
        #expect(oldTable == nil)
        // The year lock is back on allocations after the move.
        #expect((lockError as? PostgresError)?.sqlState == "SV001")
    }

    @Test func aScoreWithoutAnAllocationStopsMigration0013WithNothingChanged() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try database.withConnection { _ = try Self.migrationsBefore(Self.versions[1]).apply(on: $0, dryRun: false) }
        let store = try database.store()
        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO final_scores (body_id, year, employee_id, weighted_sum, final_score, band) VALUES ('demo', 2019, 'DIR002', 40000, 4, 'MEDIA')
                """)
        }

        let error = await thrownError { try await store.migrate(dryRun: false) }
        #expect("\(String(describing: error))".contains("without an allocation row (body demo, year 2019, employee DIR002)"))
        let (kind, applied) = try database.withConnection { db in
            (try db.value("SELECT relkind::text FROM pg_class WHERE relname = 'final_scores'") as String?,
             try db.count("SELECT count(*) FROM schema_migrations WHERE version = $1", [Self.versions[1]]))
        }
        #expect(kind == "r", "final_scores is still the table it was")
        #expect(applied == 0)
    }

    @Test(arguments: [("1", nil), ("-1", "1"), ("1", "0"), ("1.5", "2")] as [(String, String?)])
    func aComponentMustBeAFractionOfIntegersOrBothNull(_ numerator: String, _ denominator: String?) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        try await store.importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        _ = try await store.allocate(body: "demo", year: 2019, actor: "hr.rossi") { (try $0.outcome(), 0) }
        try await store.reopen(body: "demo", year: 2019, reason: "verifica", actor: "hr.rossi")
        let error = try database.withConnection { db in
            errorThrown {
                try db.execute("""
                    UPDATE allocations SET area_amount_numerator = $1::numeric, area_amount_denominator = $2::numeric
                    WHERE body_id = 'demo' AND year = 2019 AND employee_id = 'DIR002'
                    """, [numerator, denominator])
            }
        }
        #expect((error as? PostgresError)?.constraint == "allocations_area_amount_fraction", "\(numerator)/\(String(describing: denominator))")
    }
}
