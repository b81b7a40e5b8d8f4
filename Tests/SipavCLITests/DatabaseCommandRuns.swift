import Foundation
import SIPAVTestSupport
import Testing

/// `sipav db <arguments>` on the test's own database (`--database <conninfo>`), as an HR office runs it.
func db(_ arguments: [String], on database: TestDatabase) throws -> SipavRun {
    try Sipav.run(["db"] + arguments + ["--database", database.conninfo])
}

/// The JSON report a `sipav db` command prints; the test fails unless it exits 0.
func report(_ arguments: [String], on database: TestDatabase) throws -> [String: Any] {
    let run = try db(arguments + ["--format", "json"], on: database)
    try #require(run.status == 0, "\(arguments): \(run.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
}
