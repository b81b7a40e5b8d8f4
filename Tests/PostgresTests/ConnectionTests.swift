import SIPAVTestSupport
import Foundation
import Postgres
import Synchronization
import Testing

@Suite struct ConnectionTests {
    @Test func connectsWithConninfoAndWithURL() throws {
        let target = try #require(try TestServer.connect().target)
        let conninfo = "host='\(target.host)' port=\(target.port) dbname=\(target.database) user=\(target.user)"
        let host = target.host.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? target.host
        let url = "postgresql://\(target.user)@/\(target.database)?host=\(host)&port=\(target.port)"
        for info in [conninfo, url] {
            let connection = try Connection.connect(info)
            #expect(try connection.execute("SELECT current_database() AS db").first?["db"] == target.database)
        }
    }

    @Test(arguments: [
        ("host=/nonexistent/sipav port=5432 dbname=sipav", "/nonexistent/sipav"),
        ("nonsense_option=1", "invalid connection option \"nonsense_option\""),
        ("postgresql://localhost:notaport/sipav", "invalid integer value \"notaport\" for connection option \"port\""),
    ])
    func aBadConninfoFailsQuicklyAndSaysWhy(conninfo: String, expected: String) throws {
        var caught: PostgresError?
        let elapsed = timed {
            caught = #expect(throws: PostgresError.self) { try Connection.connect(conninfo) }
        }
        let error = try #require(caught)
        #expect(error.kind == .connection)
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(elapsed < .seconds(5))
    }

    @Test func closingTwiceIsHarmlessAndLaterUseIsAnError() throws {
        let connection = try TestServer.connect()
        connection.close()
        connection.close()
        #expect(!connection.isConnected)
        #expect(connection.target == nil)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(error.kind == .usage)
    }

    @Test func aTerminatedBackendMakesTheNextStatementFailPromptlyAsAConnectionError() throws {
        let victim = try TestServer.connect()
        let pid = try #require(try victim.execute("SELECT pg_backend_pid() AS pid").first?.int("pid"))
        let killer = try TestServer.connect()
        #expect(try killer.execute("SELECT pg_terminate_backend($1) AS done", [pid]).first?.bool("done") == true)

        var caught: PostgresError?
        let elapsed = timed {
            caught = #expect(throws: PostgresError.self) { try victim.execute("SELECT 1") }
        }
        #expect(caught?.kind == .connection, "\(String(describing: caught))")
        #expect(elapsed < .seconds(5))
        #expect(!victim.isConnected)
        victim.close()
    }

    /// Terminated while a statement runs, the server answers FATAL 57P01 before libpq has seen the end of the
    /// stream: that is a lost connection too, not a statement the server refused.
    @Test func aBackendTerminatedDuringAStatementIsAConnectionError() throws {
        let victim = try TestServer.connect()
        defer { victim.close() }
        let pid = try #require(try victim.execute("SELECT pg_backend_pid() AS pid").first?.int("pid"))
        let killer = try TestServer.connect()
        defer { killer.close() }
        let started = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            started.signal()
            Thread.sleep(forTimeInterval: 0.5)
            _ = try? killer.execute("SELECT pg_terminate_backend($1)", [pid])
        }
        started.wait()
        var caught: PostgresError?
        let elapsed = timed {
            caught = #expect(throws: PostgresError.self) { try victim.execute("SELECT pg_sleep(30)") }
        }
        #expect(caught?.kind == .connection, "\(String(describing: caught))")
        #expect(elapsed < .seconds(10))
    }

    @Test func noticesGoToTheHandler() throws {
        try withTestConnection { connection in
            let received = Mutex<[PostgresNotice]>([])
            // Without a handler notices are dropped, not printed.
            try connection.execute("DROP TABLE IF EXISTS no_such_table")
            connection.onNotice { notice in received.withLock { $0.append(notice) } }
            try connection.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$")
            let notices = received.withLock { $0 }
            #expect(notices.map(\.message) == ["hello 42"])
            #expect(notices.first?.severity == "NOTICE")
        }
    }

    @Test func threadsSharingAConnectionTakeTurns() throws {
        let connection = try TestServer.connect()
        let sums = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for step in 0..<25 {
                let sum = try? connection.execute("SELECT $1::int + $2::int AS sum", [thread, step]).first?.int("sum")
                sums.withLock { $0.append(sum ?? -1) }
            }
        }
        #expect(sums.withLock { $0.count } == 200)
        #expect(sums.withLock { $0.contains(-1) } == false)
    }
}
