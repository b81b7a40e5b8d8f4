import Foundation
import SIPAVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sipav serve` refuses, before it says it listens, what it could not serve: a port out of range, a year the body does
/// not have, a host that does not resolve, a port another program holds.
@Suite("sipav serve refuses what it could not serve")
struct ServeCommandTests {
    func serve(_ arguments: [String], on database: TestDatabase) throws -> SipavRun {
        try Sipav.run(["serve", "--body", "demo", "--database", database.conninfo] + arguments)
    }

    @Test func whatCannotBeServedIsRefusedInItalian() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try Sipav.run(["db", "import", "--body", "demo", "--database", database.conninfo]).status == 0)

        let port = try serve(["--port", "70000"], on: database)
        #expect(port.status == 64)
        #expect(port.standardError.contains("--port: un numero da 1 a 65535"), "\(port.standardError)")

        let year = try serve(["--year", "2030"], on: database)
        #expect(year.status == 64)
        #expect(year.standardError == "sipav: l'anno 2030 dell'ente demo non è nel database, che ne ha: 2019\n", "\(year.standardError)")

        let host = try serve(["--host", "nessun-server.invalid"], on: database)
        #expect(host.status == 64)
        #expect(host.standardError.contains("l'indirizzo nessun-server.invalid (--host) non si risolve"), "\(host.standardError)")
        #expect(!host.standardOutput.contains("in ascolto"), "\(host.standardOutput)")

        let (listener, held) = try Self.holdAPort()
        defer { close(listener) }
        let busy = try serve(["--port", String(held)], on: database)
        #expect(busy.status == 69)
        #expect(busy.standardError.contains("la porta \(held) è già in uso"), "\(busy.standardError)")
        #expect(!busy.standardOutput.contains("in ascolto"), "\(busy.standardOutput)")
    }

    /// A socket listening on a free port of 127.0.0.1, and the port.
    static func holdAPort() throws -> (Int32, Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        try #require(bound == 0 && listen(listener, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }
}
