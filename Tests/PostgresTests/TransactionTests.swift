import Postgres
import Testing

@Suite struct TransactionTests {
    struct Refused: Error {}

    private func count(_ connection: Connection) throws -> Int {
        try #require(try connection.execute("SELECT count(*) AS n FROM t").first).int("n")
    }

    private func withTable<T>(_ body: (Connection) throws -> T) throws -> T {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE t (id int, months int CHECK (months <= 12))")
            return try body(connection)
        }
    }

    @Test func returningCommits() throws {
        try withTable { connection in
            let value = try connection.transaction { tx in
                try tx.execute("INSERT INTO t VALUES (1, 1)")
                return 42
            }
            #expect(value == 42)
            #expect(try count(connection) == 1)
        }
    }

    @Test func aSwiftErrorRollsBackAndIsRethrown() throws {
        try withTable { connection throws in
            #expect(throws: Refused.self) {
                try connection.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (1, 1)")
                    throw Refused()
                }
            }
            #expect(try count(connection) == 0)
        }
    }

    @Test func anSQLErrorRollsBackAndIsRethrown() throws {
        try withTable { connection in
            let error = try #require(throws: PostgresError.self) {
                try connection.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (1, 1)")
                    try tx.execute("INSERT INTO t VALUES (2, 13)")
                }
            }
            #expect(error.sqlState == "23514")
            #expect(try count(connection) == 0)
        }
    }

    @Test func aNestedTransactionRollsBackOnlyItsOwnWork() throws {
        try withTable { connection in
            try connection.transaction { tx in
                try tx.execute("INSERT INTO t VALUES (1, 1)")
                #expect(throws: PostgresError.self) {
                    try tx.transaction { inner in
                        try inner.execute("INSERT INTO t VALUES (2, 2)")
                        try inner.execute("INSERT INTO t VALUES (3, 13)")
                    }
                }
                try tx.transaction { inner in _ = try inner.execute("INSERT INTO t VALUES (4, 4)") }
            }
            let ids = try connection.execute("SELECT id FROM t ORDER BY id").map { try $0.int("id") }
            #expect(ids == [1, 4])
        }
    }

    @Test func aCaughtSQLErrorStillFailsTheCommit() throws {
        try withTable { connection in
            let error = try #require(throws: PostgresError.self) {
                try connection.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (1, 1)")
                    _ = try? tx.execute("INSERT INTO t VALUES (2, 13)")
                }
            }
            #expect(error.message.contains("rolled back"))
            #expect(try count(connection) == 0)
        }
    }

    @Test(arguments: [(IsolationLevel.readCommitted, "read committed"), (.repeatableRead, "repeatable read"),
                      (.serializable, "serializable")])
    func theIsolationLevelIsSet(level: IsolationLevel, shown: String) throws {
        try withTestConnection { connection in
            let current = try connection.transaction(isolation: level) { tx in
                try tx.execute("SHOW transaction_isolation").first?.string("transaction_isolation")
            }
            #expect(current == shown)
        }
    }
}
