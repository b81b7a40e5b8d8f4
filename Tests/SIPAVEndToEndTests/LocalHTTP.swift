import Foundation
import SIPAVTestSupport

/// One HTTP/1.1 exchange with a server on this machine, over a plain socket.
///
/// Not URLSession: on Linux it refuses chromedriver's answers, whose headers have no space after the colon
/// (`Content-Length:250`, valid HTTP), with "Failed writing header".
enum LocalHTTP {
    struct Response {
        let status: Int
        let body: Data
    }

    /// Sends `method` to `url` (`http://127.0.0.1:PORT/…`) with an optional JSON body; waits at most `timeout` seconds
    /// for each read.
    static func exchange(_ method: String, _ url: URL, json body: Data? = nil, timeout: Int = 60) throws -> Response {
        guard url.scheme == "http", url.host == "127.0.0.1", let port = url.port else {
            throw TestSetupError("not an http://127.0.0.1:PORT URL: \(url)")
        }
        let socket = try connect(port: port, timeout: timeout)
        defer { close(socket) }
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if let body { head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n" }
        try write(Data((head + "\r\n").utf8) + (body ?? Data()), to: socket, url: url)
        return try read(socket, url: url)
    }

    private static func connect(port: Int, timeout: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestSetupError("cannot open a socket: errno \(errno)") }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            let code = errno
            close(socket)
            throw ConnectionRefused(port: port, errno: code)
        }
        return socket
    }

    private static func write(_ data: Data, to socket: Int32, url: URL) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var sent = 0
            while sent < bytes.count {
                let count = send(socket, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { throw TestSetupError("cannot send the request to \(url): errno \(errno)") }
                sent += count
            }
        }
    }

    /// Reads the status line, the headers and a body of `Content-Length` bytes (or up to the end of the connection).
    private static func read(_ socket: Int32, url: URL) throws -> Response {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var bodyStart: Int? = nil
        var expected: Int? = nil
        while true {
            if let bodyStart, let expected, received.count - bodyStart >= expected { break }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw TestSetupError("no answer from \(url) (errno \(errno))") }
            received.append(contentsOf: buffer[0..<count])
            if bodyStart == nil, let end = received.firstRange(of: Data("\r\n\r\n".utf8)) {
                bodyStart = end.upperBound
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
                expected = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
            }
        }
        guard let bodyStart else { throw TestSetupError("an incomplete HTTP answer from \(url)") }
        let statusLine = String(decoding: received.prefix { $0 != 0x0D }, as: UTF8.self)
        let fields = statusLine.split(separator: " ")
        guard fields.count >= 2, let status = Int(fields[1]) else {
            throw TestSetupError("not an HTTP answer from \(url): \(statusLine)")
        }
        let body = received[bodyStart...]
        return Response(status: status, body: Data(expected.map { body.prefix($0) } ?? body))
    }

    /// A TCP port free on the loopback interface now (the kernel's choice), for a server started next.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestSetupError("cannot open a socket to find a free port") }
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw TestSetupError("cannot bind a socket on 127.0.0.1 to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// 127.0.0.1:`port`.
    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Nothing listens there (yet).
    struct ConnectionRefused: Error, CustomStringConvertible {
        let port: Int
        let errno: Int32
        var description: String { "cannot connect to 127.0.0.1:\(port) (errno \(errno))" }
    }
}
