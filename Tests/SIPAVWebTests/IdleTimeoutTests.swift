import Foundation
import HummingbirdTesting
import SIPAVStore
import SIPAVWeb
import Testing

/// A connection left silent is closed: one that never finishes its headers, one that stops sending its body,
/// one kept open after its answer. The server runs live on a port of its own; the client is a bare socket, which
/// can stop halfway as no HTTP client would. No page asked here reads the database. The server waits three seconds: a
/// machine busy with other tests may take more than one to read a request sent whole. The tests wait up to two minutes
/// for the close (it comes after three seconds alone): with every suite running, the server's tasks may wait long for a
/// thread.
@Suite("The server closes silent connections")
struct IdleTimeoutTests {
    /// Runs `test` with the port of a live server closing connections after three silent seconds.
    func withLiveServer(_ test: @escaping @Sendable (Int) async throws -> Void) async throws {
        let store = try PostgresStore(conninfo: "host=/nonexistent dbname=unused")
        let app = try await buildApplication(WebConfiguration(store: store, body: "B", port: 0, bcryptCost: 4,
                                                              idleTimeoutSeconds: 3))
        try await app.test(.live) { client in
            try await test(try #require(client.port))
        }
    }

    @Test("Headers never finished: closed once silent")
    func unfinishedHeaders() async throws {
        try await withLiveServer { port in
            let socket = try RawConnection(port: port)
            try socket.send("GET /sipav.css HTTP/1.1\r\nHost: localhost\r\n")
            #expect(await socket.waitForClose(within: 120) == .closed)
        }
    }

    @Test("A body that stops coming: closed once silent")
    func stalledBody() async throws {
        try await withLiveServer { port in
            let socket = try RawConnection(port: port)
            try socket.send("POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: 100\r\n\r\nusername=a")
            #expect(await socket.waitForClose(within: 120) == .closed)
        }
    }

    @Test("A request is answered, and the connection kept alive after it closed once silent")
    func answeredThenClosed() async throws {
        try await withLiveServer { port in
            let socket = try RawConnection(port: port)
            try socket.send("GET /sipav.css HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let answer = await socket.waitForClose(within: 120)
            #expect(answer == .closed)
            #expect(socket.received.hasPrefix("HTTP/1.1 200"))
        }
    }
}

/// A TCP connection to the server on 127.0.0.1, read with a timeout of its own so that a server that never closes
/// fails the test rather than hangs it.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private(set) var received = ""

    enum Outcome: Equatable { case closed, stillOpen }

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Foundation.send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// Reads until the server closes the connection (`.closed`) or `seconds` pass without it (`.stillOpen`), on a thread
    /// of its own: a blocking read on one of the few threads of the tasks' pool would hold up the server's own tasks.
    func waitForClose(within seconds: Int) async -> Outcome {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.blockingWaitForClose(within: seconds)) }.start()
        }
    }

    private func blockingWaitForClose(within seconds: Int) -> Outcome {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while Date() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return .closed }
            if count < 0 { return errno == ECONNRESET ? .closed : .stillOpen }
            received += String(decoding: buffer[..<count], as: UTF8.self)
        }
        return .stillOpen
    }
}
