import Foundation
import Postgres
import Synchronization
import Testing

@Suite struct LocalClusterTests {
    @Test func startIsIdempotentSafeFromTwoStartersAndPrivate() throws {
        let cluster = try LocalCluster.temporary()
        defer { try? cluster.stop(removingData: true) }

        // Two starters at once (two lock holders, as two processes would be) get the same cluster.
        let twin = LocalCluster(dataDirectory: cluster.dataDirectory, durable: false)
        let conninfos = Mutex<[Result<String, any Error>]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { try (index == 0 ? cluster : twin).start() }
            conninfos.withLock { $0.append(result) }
        }
        let started = try conninfos.withLock { $0 }.map { try $0.get() }
        let conninfo = try cluster.start()
        #expect(Set(started + [conninfo]).count == 1)
        #expect(conninfo.contains("dbname=sipav"))
        #expect(conninfo.contains("port=5432"))

        let connection = try Connection.connect(conninfo)
        #expect(try connection.execute("SHOW listen_addresses").first?.string("listen_addresses") == "")
        let socketFolder = try #require(try connection.execute("SHOW unix_socket_directories").first)
            .string("unix_socket_directories")
        #expect(socketFolder.hasPrefix(cluster.dataDirectory))
        #expect(try connection.execute("SHOW server_encoding").first?.string("server_encoding") == "UTF8")
        // Text compares as bytes (the C collation, code point order), while upper() knows accented letters.
        let text = try #require(try connection.execute("""
            SELECT datcollate, upper('perché è così') AS upper, 'Zeta' < 'ábaco' AS byCodePoint FROM pg_database WHERE datname = current_database()
            """).first)
        #expect(try text.string("datcollate") == "C")
        #expect(try text.string("upper") == "PERCHÉ È COSÌ")
        #expect(try text.bool("bycodepoint"))

        // The server runs as postgres when we are root (PostgreSQL refuses root), else as us.
        let pid = try #require(try connection.execute("SELECT pg_backend_pid() AS pid").first).int("pid")
        let serverOwner = try FileManager.default.attributesOfItem(atPath: "/proc/\(pid)")[.ownerAccountName] as? String
        #expect(serverOwner == (geteuid() == 0 ? "postgres" : ProcessInfo.processInfo.userName))
        let socketMode = try FileManager.default.attributesOfItem(atPath: socketFolder)[.posixPermissions] as? Int
        #expect(socketMode == 0o700)
        connection.close()

        // Stopped, it can start again; removed, nothing is left.
        try cluster.stop()
        #expect(throws: PostgresError.self) { try Connection.connect(conninfo) }
        #expect(try cluster.start() == conninfo)
        try cluster.stop(removingData: true)
        #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory))
    }

    @Test(.enabled(if: geteuid() == 0, "only root's clusters move"))
    func asRootAFolderThePostgresUserCannotEnterKeepsANoteAndTheDataMoves() throws {
        var template = Array("/tmp/sipav-private-XXXXXX".utf8CString)
        let privateFolder = String(cString: try #require(mkdtemp(&template)))  // 0700, root's
        defer { try? FileManager.default.removeItem(atPath: privateFolder) }
        let cluster = LocalCluster(dataDirectory: privateFolder + "/cluster", durable: false)
        defer { try? cluster.stop(removingData: true) }

        let conninfo = try cluster.start()
        let note = try String(contentsOfFile: cluster.dataDirectory + "/CLUSTER-LOCATION", encoding: .utf8)
        let home = try #require(note.split(separator: "\n").first.map(String.init))
        #expect(home.hasPrefix("/var/lib/postgresql/sipav-"))
        #expect(conninfo.contains("host=\(home)/socket"))
        let owner = try FileManager.default.attributesOfItem(atPath: home + "/pgdata")[.ownerAccountName] as? String
        #expect(owner == "postgres")
        #expect(try Connection.connect(conninfo).execute("SELECT 1 AS one").first?.int("one") == 1)

        try cluster.stop(removingData: true)
        #expect(!FileManager.default.fileExists(atPath: home))
        #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory))
    }

    @Test func aFolderHoldingOtherFilesIsNeitherTakenOverNorDeleted() throws {
        var template = Array("/tmp/sipav-busy-XXXXXX".utf8CString)
        let folder = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "mine".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let cluster = LocalCluster(dataDirectory: folder, durable: false)

        let error = try #require(throws: LocalClusterError.self) { try cluster.start() }
        #expect(error.message.contains("notes.txt"))
        #expect(throws: LocalClusterError.self) { try cluster.stop(removingData: true) }
        try cluster.stop()
        #expect(FileManager.default.fileExists(atPath: folder + "/notes.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/pgdata"))
        // Nothing of the database's is left behind in a folder it refused: not even its lock file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
        let owner = try FileManager.default.attributesOfItem(atPath: folder)[.ownerAccountID] as? UInt
        #expect(owner == UInt(geteuid()))
    }
}
