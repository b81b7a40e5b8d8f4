import CLibPQ

/// A notice or warning the server sent alongside a statement's result.
public struct PostgresNotice: Sendable, CustomStringConvertible {
    /// `NOTICE`, `WARNING`, `INFO`, … (never translated).
    public var severity: String
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?

    public var description: String {
        [severity + (sqlState.map { " \($0)" } ?? "") + ": " + message,
         detail.map { "Detail: \($0)" }, hint.map { "Hint: \($0)" }]
            .compactMap { $0 }
            .joined(separator: " ")
    }
}

/// Receives libpq's notices for one connection and hands them to the connection's handler, if any.
///
/// libpq's default prints notices on standard error; installing this receiver at once replaces that.
/// libpq keeps an unretained pointer to the sink; the connection owns the sink and outlives the `PGconn`.
final class NoticeSink {
    /// Set and called only under the connection's lock (libpq calls the receiver during a statement).
    var handler: (@Sendable (PostgresNotice) -> Void)?

    init(installedOn handle: OpaquePointer) {
        PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result else { return }
            Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue().receive(result)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func receive(_ result: OpaquePointer) {
        guard let handler else { return }
        let fields = Diagnostics(result: result)
        handler(PostgresNotice(
            severity: fields[.severity] ?? "NOTICE", sqlState: fields[.sqlState],
            message: fields[.message] ?? "", detail: fields[.detail], hint: fields[.hint]))
    }
}
