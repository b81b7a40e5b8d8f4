import CLibPQ
import Foundation

extension Connection {
    /// Whether the connection can serve another operation as it is: open, good, outside any transaction and
    /// any `COPY`, and nothing arrived from the server since its last answer. An idle session is sent nothing
    /// (the tool never listens for notifications) unless the server ends it (a restart, `pg_terminate_backend`,
    /// `idle_session_timeout`): its farewell and the end of the stream are then waiting on the socket, and the
    /// connection shows as gone here rather than as an error in the next operation's first statement.
    public var isIdleAndGood: Bool {
        (try? withHandle { handle in
            guard PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else { return false }
            var socket = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            return poll(&socket, 1, 0) == 0
        }) ?? false
    }

    /// Readies a connection that finished an operation for the next one, which must find it as if new: no
    /// transaction settings (`setLocal`: the previous actor), no notice handler, and on the server `DISCARD ALL`
    /// (session settings, temporary tables, prepared statements, advisory locks, listening). False, and the
    /// connection should be closed, when it is not idle and good or the reset failed.
    public func resetForReuse() -> Bool {
        exclusively {
            guard transactionDepth == 0, isIdleAndGood else { return false }
            transactionSettings.removeAll()
            onNotice(nil)
            do {
                try run("DISCARD ALL")
            } catch {
                return false
            }
            return true
        }
    }
}
