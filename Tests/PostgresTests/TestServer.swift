import Foundation
import Postgres
import SIPAVTestSupport

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
