import Testing
@testable import SIPAVStore

/// The SQL folder the binary ships with: numbered files, applied in order.
@Suite("Migration files")
struct MigrationFilesTests {
    @Test func migrationsAreFoundInOrder() throws {
        let migrations = try Migrations().migrations
        let versions = migrations.map(\.version)
        #expect(versions.count >= 6)
        #expect(versions == versions.sorted())
        #expect(Set(versions).count == versions.count)
        #expect(versions.first?.hasPrefix("0001_") == true)
    }

    @Test func noMigrationManagesItsOwnTransaction() throws {
        for migration in try Migrations().migrations {
            let statements = migration.sql.uppercased().split(separator: "\n").filter { !$0.trimmingPrefix(" ").hasPrefix("--") }
            #expect(!statements.contains { $0.trimmingPrefix(" ").hasPrefix("BEGIN;") || $0.trimmingPrefix(" ").hasPrefix("COMMIT;") },
                    "\(migration.version) must not BEGIN or COMMIT: the runner wraps each file in a transaction")
        }
    }

    @Test func aMissingFolderIsAClearError() {
        #expect(throws: StoreError.self) { try Migrations(directory: "/nonexistent/sql") }
    }
}
