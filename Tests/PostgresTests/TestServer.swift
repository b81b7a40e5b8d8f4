import Foundation
import Postgres

/// The server the tests use: `SIPAV_TEST_DATABASE_URL` when set, else one throwaway `LocalCluster` per test
/// process, started on first use and removed when the process exits.
///
/// When the server cannot start, every test that needs it fails with the reason: nothing is skipped.
enum TestServer {
    private static let environmentURL: String? = {
        let url = ProcessInfo.processInfo.environment["SIPAV_TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }()

    /// Nil when the tests use `SIPAV_TEST_DATABASE_URL`.
    private static let cluster: Result<LocalCluster?, any Error> = Result {
        guard environmentURL == nil else { return nil }
        let cluster = try LocalCluster.temporary()
        atexit {
            if case .success(let cluster?) = TestServer.cluster { try? cluster.stop(removingData: true) }
        }
        return cluster
    }

    private static let started: Result<String, any Error> = Result {
        if let environmentURL { return environmentURL }
        return try cluster.get()!.start()
    }

    static func conninfo() throws -> String {
        try started.get()
    }

    static func connect() throws -> Connection {
        try Connection.connect(conninfo())
    }
}

/// Runs `body` with a connection whose `search_path` is a new schema of its own, dropped afterwards, so
/// that tests can run in parallel without seeing each other's tables.
func withTestConnection<T>(_ body: (Connection) throws -> T) throws -> T {
    let connection = try TestServer.connect()
    defer { connection.close() }
    let schema = "t_" + UUID().uuidString.replacing("-", with: "").lowercased().prefix(16)
    try connection.execute("CREATE SCHEMA \(schema)")
    try connection.execute("SET search_path TO \(schema)")
    defer {
        // A test may have lost its connection on purpose.
        let cleaner = connection.isConnected ? connection : try? TestServer.connect()
        _ = try? cleaner?.execute("DROP SCHEMA \(schema) CASCADE")
    }
    return try body(connection)
}

/// How long `body` took.
func timed(_ body: () throws -> Void) rethrows -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    return clock.now - start
}
