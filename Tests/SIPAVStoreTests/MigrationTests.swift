import SIPAVTestSupport
import Foundation
import Postgres
import SIPAVStore
import Testing

/// The schema comes from the numbered SQL files, applied once each, in order.
@Suite("Migrations")
struct MigrationTests {
    static func versions() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Repository.path("SQL"))
            .filter { $0.range(of: #"^\d{4}_.*\.sql$"#, options: .regularExpression) != nil }.sorted().map { String($0.dropLast(4)) }
    }

    @Test func aDryRunListsThemThenTheyApplyOnceInOrder() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let store = try database.store()
        let all = try Self.versions()
        #expect(try await store.migrate(dryRun: true) == all)
        #expect(try await store.migrate(dryRun: true) == all)
        #expect(try await store.migrate(dryRun: false) == all)
        #expect(try await store.migrate(dryRun: false) == [])
        #expect(try await store.migrate(dryRun: true) == [])
        let recorded = try database.withConnection { db in
            try db.execute("SELECT version FROM schema_migrations ORDER BY applied_at, version").map { try $0.string("version") }
        }
        #expect(recorded == all)
        let tables = try database.withConnection { db in
            try Tables.all.filter { try db.value("SELECT to_regclass($1)::text", [$0]) == $0 }
        }
        #expect(tables == Tables.all)
    }

    @Test func aDryRunChangesNothing() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        _ = try await database.store().migrate(dryRun: true)
        let tables = try database.withConnection { db in
            try db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").map { try $0.string("tablename") }
        }
        #expect(tables == [])
    }

    @Test func twoMigratorsAtOnceApplyEachFileOnce() async throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let (first, second) = (try database.store(), try database.store())
        async let one = first.migrate(dryRun: false)
        async let two = second.migrate(dryRun: false)
        let applied = try await [one, two]
        #expect(applied.flatMap { $0 }.sorted() == (try Self.versions()))
    }
}
