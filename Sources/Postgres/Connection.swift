import CLibPQ
import Foundation

/// One connection to PostgreSQL, owning libpq's `PGconn`.
///
/// Calls block until the server answers. The connection may be shared between threads, but it serves one
/// at a time: each call, and each whole `transaction`, holds its lock, because a `PGconn` must never be
/// used by two threads at once. It closes when `close()` is called or when the last reference goes.
public final class Connection: @unchecked Sendable {
    /// Nil once closed. Guarded by `lock`.
    private var handle: OpaquePointer?
    /// Recursive, so that a transaction can hold it while its body runs statements on the same thread.
    private let lock = NSRecursiveLock()
    private let notices: NoticeSink
    /// How many `transaction` calls are open: 0 means the next one says BEGIN, more means SAVEPOINT.
    /// Guarded by `lock`.
    var transactionDepth = 0
    /// `SET LOCAL` statements run at the start of every transaction (`setLocal(_:to:)`), by name.
    /// Guarded by `lock`.
    var transactionSettings: [(name: String, statement: String)] = []

    private init(handle: OpaquePointer) {
        self.handle = handle
        notices = NoticeSink(installedOn: handle)
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Opens a connection.
    ///
    /// - Parameter conninfo: a URL (`postgresql://user@host/db?sslmode=require`), `key=value` text
    ///   (`host=/run/sipav port=5432 dbname=sipav`), or nil to take everything from libpq's `PG*`
    ///   environment variables. Unless given, `connect_timeout` is 10 seconds and TCP keepalives are on.
    /// - Throws: `PostgresError` of kind `.connection` with libpq's message.
    public static func connect(_ conninfo: String? = nil) throws -> Connection {
        let pairs = ConnectParameters.pairs(conninfo: conninfo)
        let handle = withCStrings(pairs.map(\.keyword)) { keywords in
            withCStrings(pairs.map(\.value)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresError(connection: handle)
            PQfinish(handle)
            throw error
        }
        return Connection(handle: handle)
    }

    /// Closes the connection; later calls throw a `.usage` error. Closing again does nothing.
    public func close() {
        lock.withLock {
            if let handle { PQfinish(handle) }
            handle = nil
        }
    }

    /// Whether the connection is open and libpq still considers it good (false once the server went away).
    public var isConnected: Bool {
        lock.withLock { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }
    }

    /// Whether the role connected is a superuser, as the server reported when the connection opened.
    public var isSuperuser: Bool {
        (try? withHandle { PQparameterStatus($0, "is_superuser").map { String(cString: $0) } }) == "on"
    }

    /// The server's version as a number: 150004 for 15.4 (0 when closed).
    public var serverVersion: Int {
        (try? withHandle { Int(PQserverVersion($0)) }) ?? 0
    }

    /// Where the server's notices and warnings go (`RAISE NOTICE`, "table does not exist, skipping");
    /// nil, the default, drops them, so that nothing is printed on standard error behind the caller's back.
    public func onNotice(_ handler: (@Sendable (PostgresNotice) -> Void)?) {
        lock.withLock { notices.handler = handler }
    }

    /// Lends the open `PGconn` to `body` while holding the lock.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock {
            guard let handle else { throw PostgresError.usage("the connection is closed") }
            return try body(handle)
        }
    }

    /// Keeps other threads off the connection for all of `body`.
    func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withLock(body)
    }
}
