import SIPAVTestSupport
import Postgres
import SIPAVStore
import Testing

/// Migration 0018 replaces the password hashes that audit rows written before 0015 hold by the digest 0015 logs
/// since, changes nothing else in those rows, says so in the log once per body, and leaves the log append-only.
@Suite("Migration 0018: the old audit rows' password hashes become digests")
struct AuditHashesMigrationTests {
    static let first = "0015_audit_small_inserts_by_record"

    /// A bcrypt-shaped hash (the accounts' check wants one), different for each `mark`.
    static func hash(_ mark: Character) -> String { "$2b$12$" + String(repeating: mark, count: 53) }

    @Test func theHashesBecomeDigestsAndNothingElseChanges() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let db = try database.connect()
        defer { db.close() }
        _ = try ComponentsMigrationTests.migrationsBefore(Self.first).apply(on: db, dryRun: false)

        // The log as the schema before 0015 wrote it: an account's update and deletion with their whole rows.
        try db.transaction { tx in
            try tx.setLocal("sipav.actor", to: "hr.rossi")
            try tx.execute("INSERT INTO bodies (body_id, name) VALUES ('demo', 'Ente demo'), ('altro', 'Altro ente')")
            for (body, user, mark) in [("demo", "hr.rossi", "a"), ("demo", "hr.bianchi", "b"), ("altro", "hr.verdi", "c")] {
                try tx.execute("INSERT INTO accounts (body_id, username, password_hash, role) VALUES ($1, $2, $3, 'hr')",
                               [body, user, Self.hash(Character(mark))])
            }
            try tx.execute("UPDATE accounts SET password_hash = $1 WHERE body_id = 'demo' AND username = 'hr.rossi'", [Self.hash("d")])
            try tx.execute("DELETE FROM accounts WHERE body_id = 'demo' AND username = 'hr.bianchi'")
            try tx.execute("UPDATE accounts SET disabled = true WHERE body_id = 'altro'")
        }
        let hashesBefore = try db.count("SELECT count(*) FROM audit_log WHERE coalesce(old_value::text, '') || coalesce(new_value::text, '') LIKE '%$2b$12$%'")
        #expect(hashesBefore == 3, "the old schema logged the hashes")
        let rowsBefore = try db.execute("""
            SELECT audit_id::text AS id, actor, operation, record_key::text AS key,
                   old_value - 'password_hash' AS old_rest, new_value - 'password_hash' AS new_rest
            FROM audit_log WHERE table_name = 'accounts' ORDER BY audit_id
            """).map { try [$0.string("id"), $0.string("actor"), $0.string("operation"), $0.string("key"),
                             $0["old_rest"] ?? "", $0["new_rest"] ?? ""] }

        _ = try Migrations().apply(on: db, dryRun: false)

        #expect(try db.count("SELECT count(*) FROM audit_log WHERE coalesce(old_value::text, '') || coalesce(new_value::text, '') LIKE '%$2b$%'") == 0)
        let digests = try db.execute("""
            SELECT record_key ->> 'username' AS username, operation,
                   coalesce(old_value ->> 'password_hash', '') AS old_hash, coalesce(new_value ->> 'password_hash', '') AS new_hash
            FROM audit_log WHERE table_name = 'accounts' AND operation <> 'INSERT' ORDER BY audit_id
            """).map { try [$0.string("username"), $0.string("operation"), $0.string("old_hash"), $0.string("new_hash")] }
        let md5 = { (hash: String) in try db.execute("SELECT 'md5:' || md5($1) AS d", [hash])[0].string("d") }
        #expect(digests == [
            ["hr.rossi", "UPDATE", try md5(Self.hash("a")), try md5(Self.hash("d"))],
            ["hr.bianchi", "DELETE", try md5(Self.hash("b")), ""],
            ["hr.verdi", "UPDATE", try md5(Self.hash("c")), try md5(Self.hash("c"))],
        ])
        let rowsAfter = try db.execute("""
            SELECT audit_id::text AS id, actor, operation, record_key::text AS key,
                   old_value - 'password_hash' AS old_rest, new_value - 'password_hash' AS new_rest
            FROM audit_log WHERE table_name = 'accounts' ORDER BY audit_id
            """).map { try [$0.string("id"), $0.string("actor"), $0.string("operation"), $0.string("key"),
                             $0["old_rest"] ?? "", $0["new_rest"] ?? ""] }
        #expect(rowsAfter == rowsBefore, "only the hashes changed")

        let records = try db.execute("""
            SELECT body_id, operation, record_key::text AS key, new_value ->> 'password_hashes_digested' AS n
            FROM audit_log WHERE table_name = 'audit_log' ORDER BY body_id
            """).map { try [$0.string("body_id"), $0.string("operation"), $0.string("key"), $0.string("n")] }
        #expect(records == [["altro", "UPDATE", #"{"body_id": "altro"}"#, "1"],
                            ["demo", "UPDATE", #"{"body_id": "demo"}"#, "2"]])

        let refusal = await thrownError { try db.execute("UPDATE audit_log SET actor = 'nessuno'") }
        #expect((refusal as? PostgresError)?.sqlState == "SV003", "the log is append-only again")
    }
}
