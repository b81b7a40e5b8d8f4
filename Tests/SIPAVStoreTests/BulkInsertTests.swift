import SIPAVTestSupport
import Foundation
import Postgres
import SIPAVStore
import Testing

/// A superuser's import and allocation copy their rows with the row triggers bypassed and check every key at
/// once (`sipav_bulk_inserted`); any other role's go through the triggers. Both end with the same rows and
/// the same audit log, and both refuse what the keys and the year's lock refuse.
@Suite("Bulk writes")
struct BulkInsertTests {
    /// The tables a year's import and allocation fill, compared row by row.
    static let tables = ["employees", "staff_years", "individual_objectives", "final_scores", "allocations"]

    /// A role that is not a superuser, allowed to read and write the database's tables, dropped afterwards.
    struct PlainRole {
        let name = TestDatabase.randomName("plain_")

        func create(on database: TestDatabase) throws {
            let admin = try TestServer.connect()
            defer { admin.close() }
            try admin.execute("CREATE ROLE \(name) LOGIN")
            try database.withConnection { db in
                try db.execute("GRANT USAGE ON SCHEMA public TO \(name)")
                try db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(name)")
                try db.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(name)")
            }
        }

        func store(of database: TestDatabase) throws -> PostgresStore {
            try PostgresStore(conninfo: Conninfos.overriding(database.conninfo, with: [("user", name)]), idleConnections: TestDatabase.idleConnections)
        }

        /// After the database is dropped, where its grants lived.
        func drop() {
            _ = try? TestServer.connect().execute("DROP ROLE IF EXISTS \(name)")
        }
    }

    /// Runs `write` in `tx` with the row triggers bypassed, as the bulk path copies; the caller then makes the
    /// bulk path's check (`sipav_bulk_inserted`) or leaves it out.
    static func bypassingTriggers(_ tx: Connection, _ write: () throws -> Void) throws {
        try tx.execute("SET LOCAL session_replication_role = replica")
        try write()
        try tx.execute("SET LOCAL session_replication_role = origin")
    }

    /// The rows of `tables` and the audit log without its times and numbers (and the years row's time of
    /// change, an allocation run's time, an import's time), in order.
    static func contents(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            try tables.map { table in
                try db.value("SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \(table) t") ?? ""
            } + db.execute("""
                SELECT concat_ws(' ', actor, table_name, operation, record_key::text, (old_value - 'updated_at')::text,
                                 (new_value - 'updated_at' - 'run_at' - 'imported_at')::text) AS entry
                FROM audit_log ORDER BY audit_id
                """).map { try $0.string("entry") }
        }
    }

    @Test func aSuperuserAndAPlainRoleWriteTheSameRowsAndTheSameLog() async throws {
        let role = PlainRole()
        let (bypassed, triggered) = (try TestDatabase.create(), try TestDatabase.create())
        defer {
            bypassed.drop()
            triggered.drop()
            role.drop()
        }
        try role.create(on: triggered)
        let year = try SyntheticYear.records(body: "demo", staff: 3_000)
        for store in [try bypassed.store(), try role.store(of: triggered)] {
            try await store.importYear(year, actor: "hr.rossi", progress: nil)
            let loaded = try await store.loadYear(body: "demo", year: 2019)
            try await store.saveOutcome(try loaded.outcome(), of: loaded, actor: "hr.rossi")
        }
        let (fast, plain) = (try Self.contents(bypassed), try Self.contents(triggered))
        #expect(fast.count > Self.tables.count)
        #expect(fast == plain)
        let superuser = try bypassed.withConnection { $0.isSuperuser }
        let notSuperuser = try await role.store(of: triggered).withWebConnection { $0.isSuperuser }
        #expect(superuser && !notSuperuser, "the two stores must take the two paths")
    }

    /// A copied row whose key is missing is refused as PostgreSQL's own check refuses it, with the key's name and
    /// values, and nothing is written. A key made of the body and year alone is the same for every copied row: it is
    /// looked up once (SQL/0019), the others with one anti-join.
    @Test(arguments: [
        (table: "individual_objectives", rows: """
            INSERT INTO individual_objectives (body_id, year, employee_id, code, weight_bp)
            VALUES ('demo', 2019, 'E0001', 'NEW', 0), ('demo', 2019, 'NOBODY', 'OB1', 0)
            """,
         body: "demo", year: 2019 as Int?, constraint: "individual_objectives_staff_fk",
         detail: #"Key (body_id, year, employee_id)=(demo, 2019, NOBODY) is not present in table "staff_years"."#),
        (table: "employees", rows: "INSERT INTO employees (body_id, employee_id, name) VALUES ('ghost', 'E1', 'Anna')",
         body: "ghost", year: nil, constraint: "employees_body_fk",
         detail: #"Key (body_id)=(ghost) is not present in table "bodies"."#),
        (table: "staff_years", rows: """
            INSERT INTO staff_years (body_id, year, employee_id, role, category)
            VALUES ('demo', 2031, 'E0001', 'segretario_generale', 'DIR')
            """,
         body: "demo", year: 2031, constraint: "staff_years_year_fk",
         detail: #"Key (body_id, year)=(demo, 2031) is not present in table "years"."#),
    ])
    func aBrokenKeyIsRefusedWithItsNameAndNothingIsWritten(
        _ copy: (table: String, rows: String, body: String, year: Int?, constraint: String, detail: String)
    ) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let before = try database.withConnection { try Snapshot($0) }
        let error = try database.withConnection { db in
            try #require(throws: PostgresError.self) {
                try db.transaction { tx in
                    try Self.bypassingTriggers(tx) {
                        try tx.execute(copy.rows)
                    }
                    // The number of rows copied matters only to the audit line, which a refused copy never reaches.
                    try tx.execute("SELECT sipav_bulk_inserted($1::regclass, $2, $3, 1)", [copy.table, copy.body, copy.year])
                }
            }
        }
        #expect(error.sqlState == "23503")
        #expect(error.constraint == copy.constraint)
        #expect(error.detail == copy.detail)
        #expect(try database.withConnection { try Snapshot($0) } == before)
    }

    /// The same copies with their body and year on record pass the same checks.
    @Test func rowsOfABodyAndYearOnRecordPassTheOnceCheck() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let staff = try database.withConnection { db in
            try db.transaction { tx in
                try Self.bypassingTriggers(tx) {
                    try tx.execute("INSERT INTO employees (body_id, employee_id, name) VALUES ('demo', 'NEW1', 'Nuova Persona')")
                }
                try tx.execute("DELETE FROM staff_years WHERE body_id = 'demo'")
                try Self.bypassingTriggers(tx) {
                    try tx.execute("""
                        INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id)
                        VALUES ('demo', 2019, 'NEW1', 'dipendente', 'C', (SELECT min(area_id) FROM areas WHERE body_id = 'demo'))
                        """)
                }
                try tx.execute("SELECT sipav_bulk_inserted('staff_years', 'demo', 2019, 1)")
                return try tx.value("SELECT string_agg(employee_id, ',') FROM staff_years WHERE body_id = 'demo'")
            }
        }
        #expect(staff == "NEW1")
    }

    /// Accounts cannot take the bulk path: their one-personal-account rule (SQL/0017) is a BEFORE INSERT row
    /// trigger, which the bypass skips and no check afterwards can run (SQL/0020). A second enabled account of the
    /// same person, copied that way, is refused with the rest of the transaction: nothing is written.
    @Test func aBulkCopyOfAccountsIsRefused() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let person = try #require(try database.withConnection { try $0.value("SELECT min(employee_id) FROM staff_years WHERE body_id = 'demo' AND role = 'dipendente'") })
        let hash = "$2b$12$" + String(repeating: "a", count: 53)
        let insert = "INSERT INTO accounts (body_id, username, password_hash, role, employee_id) VALUES ('demo', $1, $2, 'employee', $3)"
        try database.withConnection { try $0.execute(insert, ["primo", hash, person]) }
        let before = try Self.contents(database)
        let error = try database.withConnection { db in
            try #require(throws: PostgresError.self) {
                try db.transaction { tx in
                    try Self.bypassingTriggers(tx) { try tx.execute(insert, ["secondo", hash, person]) }
                    try tx.execute("SELECT sipav_bulk_inserted('accounts', 'demo', NULL, 1)")
                }
            }
        }
        #expect(error.sqlState == "0A000")
        #expect(error.message == "table accounts has BEFORE INSERT row triggers (sipav_one_personal_account), which the bulk path cannot run afterwards: insert its rows with the triggers on")
        #expect(try database.withConnection { try $0.value("SELECT string_agg(username, ',' ORDER BY username) FROM accounts WHERE body_id = 'demo'") } == "primo")
        #expect(try Self.contents(database) == before)
    }

    /// The foreign-key check takes the year exactly when the table has one, also when called on its own: with a
    /// year for a table without one, or none for a table with one (which would check every year's rows), it refuses.
    @Test(arguments: [("employees", 2019 as Int?), ("staff_years", nil)])
    func theKeyCheckRefusesAYearThatDoesNotFitTheTable(_ table: String, _ year: Int?) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let error = try database.withConnection { db in
            try #require(throws: PostgresError.self) {
                try db.execute("SELECT sipav_check_copied_foreign_keys($1::regclass, 'demo', $2)", [table, year])
            }
        }
        #expect(error.message == "sipav_check_copied_foreign_keys(\(table)): give the year exactly when the table has one")
    }

    @Test func aBulkCopyIntoAnAllocatedYearIsRefused() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let error = try allocated.database.withConnection { db in
            try #require(throws: PostgresError.self) {
                try db.transaction { tx in
                    try tx.execute("SELECT sipav_bulk_inserted('allocations', 'demo', 2019, 0)")
                }
            }
        }
        #expect(error.sqlState == StoreError.yearLockedState)
        #expect(error.constraint == "year_locked")
    }

    /// More than 100 rows: one entry with their number, as the trigger logs a large insert.
    @Test func theCheckIsLoggedAsTheInsertTriggerWouldLogIt() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        try database.withConnection { db in
            try db.transaction { tx in
                try tx.execute("SET LOCAL sipav.actor = 'hr.bianchi'")
                try tx.execute("SELECT sipav_bulk_inserted('individual_objectives', 'demo', 2019, 700)")
                try tx.execute("SELECT sipav_bulk_inserted('employees', 'demo', NULL, 0)")
            }
        }
        let entry = try #require(try await database.store().auditLog(body: "demo", limit: 1).first)
        #expect(entry.actor == "hr.bianchi")
        #expect(entry.operation == "INSERT")
        #expect(entry.table == "individual_objectives")
        #expect(json(entry.recordKey)?["year"] as? Int == 2019)
        #expect(json(entry.newValue)?["inserted"] as? Int == 700)
    }

    /// At most 100 rows: an entry per row with its key and values, in the order of the keys, as the trigger logs a
    /// small insert (SQL/0015).
    @Test func aSmallCopyIsLoggedRowByRow() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let mark = try await database.store().auditLog(body: "demo", limit: 100_000).count
        try database.withConnection { db in
            try db.transaction { tx in
                try tx.execute("SET LOCAL sipav.actor = 'hr.bianchi'")
                try Self.bypassingTriggers(tx) {
                    try tx.execute("INSERT INTO bodies (body_id, name) VALUES ('nuovo', 'Ente nuovo')")
                    try tx.execute("INSERT INTO employees (body_id, employee_id, name) VALUES ('nuovo', 'B2', 'Bruno'), ('nuovo', 'A1', 'Anna')")
                }
                try tx.execute("SELECT sipav_bulk_inserted('employees', 'nuovo', NULL, 2)")
            }
        }
        let entries = try await database.store().auditLog(body: "nuovo", limit: 100).reversed()
        #expect(entries.map(\.table) == ["employees", "employees"])
        #expect(entries.compactMap { json($0.recordKey)?["employee_id"] as? String } == ["A1", "B2"])
        #expect(entries.compactMap { json($0.newValue)?["name"] as? String } == ["Anna", "Bruno"])
        #expect(entries.allSatisfy { $0.actor == "hr.bianchi" && $0.operation == "INSERT" })
        #expect(try await database.store().auditLog(body: "demo", limit: 100_000).count == mark)
    }

    /// A small copy must be the only rows of its body: otherwise its row-by-row entries would name rows it did not
    /// write, and the check refuses instead.
    @Test func aSmallCopyAmongOtherRowsIsRefused() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try await database.store().importYear(try DemoYear.records(), actor: "hr.rossi", progress: nil)
        let error = try database.withConnection { db in
            try #require(throws: PostgresError.self) {
                try db.transaction { tx in
                    try tx.execute("SELECT sipav_bulk_inserted('employees', 'demo', NULL, 2)")
                }
            }
        }
        #expect(error.message.contains("a small copy must be the only rows of its body and year"), "\(error.message)")
    }

    @Test func reallocatingLogsOneDeletionPerDerivedTable() async throws {
        let allocated = try await AllocatedYear.make()
        defer { allocated.database.drop() }
        let store = allocated.store
        try await store.reopen(body: "demo", year: 2019, reason: "verifica", actor: "hr.verdi")
        let year = try await store.loadYear(body: "demo", year: 2019)
        try await store.saveOutcome(try year.outcome(), of: year, actor: "hr.verdi")

        let deletions = try await store.auditLog(body: "demo", limit: 100_000).filter { $0.operation == "DELETE" }
        #expect(deletions.map(\.table) == ["allocations"])
        let people = year.records.staff.count
        for deletion in deletions {
            #expect(deletion.actor == "hr.verdi")
            #expect(json(deletion.recordKey)?["year"] as? Int == 2019)
            let deleted = try #require(json(deletion.oldValue)?["deleted"] as? Int)
            #expect(deleted == people, "\(deletion.table)")
        }
    }
}
