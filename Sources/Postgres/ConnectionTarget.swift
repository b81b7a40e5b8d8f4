import CLibPQ

/// Where a connection went, as libpq resolved it: for logs and for "which database is this?".
public struct ConnectionTarget: Sendable, Hashable, CustomStringConvertible {
    /// A host name or address, or the folder of a Unix socket.
    public var host: String
    public var port: String
    public var user: String
    public var database: String

    public var description: String { "database \(database) as \(user) on \(host) port \(port)" }
}

extension Connection {
    /// The host, port, user and database of the open connection; nil once closed.
    public var target: ConnectionTarget? {
        try? withHandle { handle in
            func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
            return ConnectionTarget(host: text(PQhost(handle)), port: text(PQport(handle)),
                                    user: text(PQuser(handle)), database: text(PQdb(handle)))
        }
    }
}
