import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// `sipav db backup` and `sipav db restore`: the whole database to a private file and back, every record or none.
@Suite("Backup and restore")
struct BackupCommandTests {
    /// Every table's rows (as text, in order) and the triggers: two databases with the same are the same records
    /// under the same rules.
    private static func contents(_ database: TestDatabase) throws -> [String] {
        try database.withConnection { db in
            let tables = try db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                .map { try $0.string("tablename") }
            var lines: [String] = []
            for table in tables {
                let rows = try db.execute("SELECT t::text AS row FROM \(table) t ORDER BY t::text").map { try $0.string("row") }
                lines.append("\(table): \(rows.count) rows, digest \(rows.joined(separator: "\n").hashValue)")
            }
            lines += try db.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname").map { try $0.string("tgname") }
            return lines
        }
    }

    private static func tableCount(_ database: TestDatabase) throws -> Int {
        try database.withConnection { try $0.execute("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")[0].int("n") }
    }

    /// Killed, even by SIGKILL, `sipav db backup` takes `pg_dump` with it (as `db restore` takes `pg_restore`, which
    /// would otherwise commit the restore after its command was stopped). Here pg_dump waits for a table a test
    /// transaction holds, so it is surely still running when `sipav` is killed.
    @Test func theToolItRunsEndsWhenSipavIsKilled() throws {
        let source = try TestDatabase.create(schema: false)
        defer { source.drop() }
        #expect(try Sipav.run(["db", "import", "--body", "demo", "--database", source.conninfo]).status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-killed-\(UUID().uuidString).dump").path
        defer { try? FileManager.default.removeItem(atPath: file + ".partial") }
        /// Whether a pg_dump writing this test's file runs (its command line names the file).
        func dumping() -> Bool {
            let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return processes.contains { pid in
                guard pid.allSatisfy(\.isNumber), let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                let words = line.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                return words.first?.hasSuffix("pg_dump") == true && words.contains("--file=\(file).partial")
            }
        }
        func waitFor(_ running: Bool) -> Bool {
            for _ in 0..<300 {
                if dumping() == running { return true }
                usleep(50_000)
            }
            return false
        }
        try source.withConnection { holder in
            try holder.execute("BEGIN")
            try holder.execute("LOCK TABLE employees IN ACCESS EXCLUSIVE MODE")
            let backup = Process()
            backup.executableURL = Sipav.executable
            backup.arguments = ["db", "backup", "-o", file, "--database", source.conninfo]
            (backup.standardOutput, backup.standardError) = (FileHandle.nullDevice, FileHandle.nullDevice)
            try backup.run()
            let started = waitFor(true)
            kill(backup.processIdentifier, SIGKILL)
            backup.waitUntilExit()
            let ended = waitFor(false)
            try holder.execute("ROLLBACK")
            #expect(started, "pg_dump never started")
            #expect(ended, "pg_dump still running after sipav was killed")
        }
    }

    @Test func aBackupRestoresTheSameRecordsAndRules() throws {
        let source = try TestDatabase.create(schema: false)
        defer { source.drop() }
        let target = try TestDatabase.create(schema: false)
        defer { target.drop() }
        for step in [["db", "import", "--body", "demo"], ["db", "run", "--body", "demo", "--year", "2019"]] {
            let run = try Sipav.run(step + ["--database", source.conninfo])
            #expect(run.status == 0, "\(run.standardError)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sipav.dump").path

        let backup = try Sipav.run(["db", "backup", "-o", file, "--database", source.conninfo])
        #expect(backup.status == 0, "\(backup.standardError)")
        #expect(backup.standardOutput.contains("Copia di sicurezza scritta in \(file)"))
        let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(!FileManager.default.fileExists(atPath: file + ".partial"))
        // An earlier backup is not replaced unless asked, and a folder is never taken for the file (it was removed,
        // with everything in it).
        let twice = try Sipav.run(["db", "backup", "-o", file, "--database", source.conninfo])
        #expect(twice.status == 66)
        #expect(twice.standardError.contains("esiste già: non è stato sostituito"), "\(twice.standardError)")
        let kept = folder.appendingPathComponent("tenere.txt")
        try Data("importante".utf8).write(to: kept)
        let intoFolder = try Sipav.run(["db", "backup", "-o", folder.path, "--database", source.conninfo])
        #expect(intoFolder.status == 66)
        #expect(intoFolder.standardError.contains("è una cartella"), "\(intoFolder.standardError)")
        #expect(FileManager.default.contents(atPath: kept.path) == Data("importante".utf8))
        #expect(try Sipav.run(["db", "backup", "-o", file, "--force", "--database", source.conninfo]).status == 0)

        let restore = try Sipav.run(["db", "restore", file, "--database", target.conninfo])
        #expect(restore.status == 0, "\(restore.standardError)")
        #expect(restore.standardOutput.contains("1 ente, 1 anno"))
        let restored = try Self.contents(target)
        #expect(restored == (try Self.contents(source)))
        #expect(restored.contains { $0.hasPrefix("allocations: 277 rows") })
        let verify = try Sipav.run(["db", "verify", "--body", "demo", "--year", "2019", "--database", target.conninfo])
        #expect(verify.status == 0, "\(verify.standardError)")
        // The restored year is locked as the original was.
        let reimport = try Sipav.run(["db", "import", "--body", "demo", "--database", target.conninfo])
        #expect(reimport.status != 0)

        // Not over records already there.
        let again = try Sipav.run(["db", "restore", file, "--database", target.conninfo])
        #expect(again.status == 65)
        #expect(again.standardError.contains("ripristini la copia in un database nuovo e vuoto (nulla è stato modificato)"), "\(again.standardError)")
        #expect(try Self.contents(target) == restored)
    }

    @Test func aDamagedBackupRestoresNothing() throws {
        let source = try TestDatabase.create(schema: false)
        defer { source.drop() }
        let target = try TestDatabase.create(schema: false)
        defer { target.drop() }
        #expect(try Sipav.run(["db", "import", "--body", "demo", "--database", source.conninfo]).status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-\(UUID().uuidString).dump").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try Sipav.run(["db", "backup", "-o", file, "--database", source.conninfo]).status == 0)
        let whole = try #require(FileManager.default.contents(atPath: file))
        try whole.prefix(whole.count * 2 / 3).write(to: URL(fileURLWithPath: file))

        let restore = try Sipav.run(["db", "restore", file, "--database", target.conninfo])
        #expect(restore.status == 65)
        #expect(restore.standardError.contains("impossibile ripristinare la copia, nulla è stato modificato"), "\(restore.standardError)")
        #expect(try Self.tableCount(target) == 0)
    }

    /// A backup that cannot start its file says why: a folder that is not there, or a `.partial` an interrupted one left.
    @Test func aBackupThatCannotWriteSaysWhy() throws {
        let source = try TestDatabase.create(schema: false)
        defer { source.drop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-backup-\(UUID().uuidString)")
        let missing = try Sipav.run(["db", "backup", "-o", folder.appendingPathComponent("manca/sipav.dump").path, "--database", source.conninfo])
        #expect(missing.status == 66)
        #expect(missing.standardError.contains("impossibile scrivere il file (la cartella non esiste)"), "\(missing.standardError)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sipav.dump").path
        FileManager.default.createFile(atPath: file + ".partial", contents: Data("interrotta".utf8))
        let stale = try Sipav.run(["db", "backup", "-o", file, "--database", source.conninfo])
        #expect(stale.status == 66)
        #expect(stale.standardError.contains("forse di una copia interrotta"), "\(stale.standardError)")
        #expect(FileManager.default.contents(atPath: file + ".partial") == Data("interrotta".utf8), "left as it was")
    }

    @Test func aBackupOfADatabaseThatCannotBeReachedWritesNothing() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-\(UUID().uuidString).dump").path
        let run = try Sipav.run(["db", "backup", "-o", file, "--database", "host=/nonexistent dbname=nothing connect_timeout=2"])
        #expect(run.status == 69)
        #expect(run.standardError.contains("il database non è raggiungibile"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: file + ".partial"))
    }
}
