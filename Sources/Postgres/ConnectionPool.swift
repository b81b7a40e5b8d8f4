import Foundation
import Synchronization

/// Keeps the connections that finished their operation cleanly, so that the next operation need not open one.
///
/// Opening a connection starts a backend process on the server, authenticates and begins with cold catalog
/// caches: about 2.5 ms on the built-in cluster's socket, more with a password over TLS, and on a distributed
/// cluster the coordinator's backend must open its own connections to the workers. A web page runs several
/// operations. A connection given back is reset (`resetForReuse`) and kept if it is idle and good; one that
/// failed, sits in a transaction or was ended by the server is closed instead. At most `maxIdle` connections
/// wait; one that waited longer than `maxIdleTime` is closed at the next `take` or `giveBack` rather than used
/// (no timer: a pool left alone keeps its connections until then, or until `closeIdle` or its end). Any number
/// may be in use at once.
public final class ConnectionPool: Sendable {
    public let conninfo: String?
    public let maxIdle: Int
    public let maxIdleTime: Duration
    private let idle = Mutex<[(connection: Connection, since: ContinuousClock.Instant)]>([])

    public init(conninfo: String?, maxIdle: Int = 8, maxIdleTime: Duration = .seconds(60)) {
        self.conninfo = conninfo
        self.maxIdle = maxIdle
        self.maxIdleTime = maxIdleTime
    }

    deinit { closeIdle() }

    /// The most recently given back connection that is still good, or a new one. Those that waited too long
    /// are closed on the way, the ones below the one taken included.
    public func take() throws -> Connection {
        let now = ContinuousClock.now
        idle.withLock { removeExpired(from: &$0, at: now) }.forEach { $0.close() }
        while let waiting = idle.withLock({ $0.popLast() }) {
            if waiting.connection.isIdleAndGood { return waiting.connection }
            waiting.connection.close()
        }
        return try Connection.connect(conninfo)
    }

    /// Takes back a connection from `take`: reset and kept for the next operation when it can be, else closed.
    public func giveBack(_ connection: Connection) {
        guard maxIdle > 0, connection.resetForReuse() else {
            connection.close()
            return
        }
        let now = ContinuousClock.now
        let (surplus, expired) = idle.withLock { waiting in
            let expired = removeExpired(from: &waiting, at: now)
            waiting.append((connection, now))
            let surplus = waiting.count > maxIdle ? waiting.removeFirst().connection : nil
            return (surplus, expired)
        }
        surplus?.close()
        expired.forEach { $0.close() }
    }

    /// Takes out of `waiting` the connections that waited longer than `maxIdleTime` at `now`, for the caller
    /// to close outside the lock.
    private func removeExpired(
        from waiting: inout [(connection: Connection, since: ContinuousClock.Instant)],
        at now: ContinuousClock.Instant
    ) -> [Connection] {
        let expired = waiting.filter { now - $0.since > maxIdleTime }.map(\.connection)
        waiting.removeAll { now - $0.since > maxIdleTime }
        return expired
    }

    /// Closes every connection waiting in the pool.
    public func closeIdle() {
        idle.withLock { waiting in
            defer { waiting.removeAll() }
            return waiting.map(\.connection)
        }.forEach { $0.close() }
    }

    /// How many connections wait to be reused.
    public var idleCount: Int { idle.withLock { $0.count } }
}
