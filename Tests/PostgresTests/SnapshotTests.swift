import Postgres
import SIPAVTestSupport
import Testing

/// `exportSnapshot` and `readingSnapshot`: a second connection sees what the first one's transaction saw
/// when it exported its snapshot, and nothing committed after.
@Suite struct SnapshotTests {
    @Test func theSecondConnectionSeesTheExportedSnapshotOnly() throws {
        try withTestConnection { first in
            let schema = try #require(try first.execute("SELECT current_schema() AS s").first).string("s")
            try first.execute("CREATE TABLE t (id int)")
            try first.execute("INSERT INTO t VALUES (1)")
            let (second, writer) = (try TestServer.connect(), try TestServer.connect())
            defer { second.close(); writer.close() }
            for connection in [second, writer] { try connection.execute("SET search_path TO \(schema)") }

            let (seen, seenLater, seenByFirst) = try first.transaction { db in
                let snapshot = try db.exportSnapshot()
                try writer.execute("INSERT INTO t VALUES (2)")
                let seen = try second.readingSnapshot(snapshot) { try $0.execute("SELECT count(*) AS n FROM t").first!.int("n") }
                let seenLater = try second.execute("SELECT count(*) AS n FROM t").first!.int("n")
                let seenByFirst = try db.execute("SELECT count(*) AS n FROM t").first!.int("n")
                return (seen, seenLater, seenByFirst)
            }
            #expect(seen == 1, "the row committed after the export is not in the snapshot")
            #expect(seenLater == 2, "outside the snapshot, the second connection sees both rows")
            #expect(seenByFirst == 2, "the exporting transaction is read committed")
        }
    }

    @Test func theSnapshotIsReadOnly() throws {
        try withTestConnection { first in
            try first.execute("CREATE TABLE t (id int)")
            let second = try TestServer.connect()
            defer { second.close() }
            let error = try first.transaction { db in
                let snapshot = try db.exportSnapshot()
                return errorThrown { try second.readingSnapshot(snapshot) { try $0.execute("CREATE TEMP TABLE u (id int)") } }
            }
            #expect((error as? PostgresError)?.sqlState == "25006", "read_only_sql_transaction expected")
        }
    }

    @Test func anIdentifierThatIsNotOneIsRefusedBeforeReachingTheServer() throws {
        let connection = try TestServer.connect()
        defer { connection.close() }
        for bad in ["", "00000003-0000001B-1'; DROP TABLE t; --", "abc def"] {
            let error = errorThrown { try connection.readingSnapshot(bad) { _ in 0 } }
            #expect(error is PostgresError)
            #expect((error as? PostgresError)?.sqlState == nil, "\(bad) reached the server")
        }
    }
}
