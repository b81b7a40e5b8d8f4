import Postgres

extension PostgresStore {
    /// Runs `body` on a connection of its own, off the caller's thread, attributing writes to `actor`; PostgreSQL's
    /// errors come back as `StoreError`s (the original, with its SQLSTATE, in `underlying`).
    ///
    /// For the web application, whose queries (accounts, sessions, one person's ratings) are its own and live in
    /// `SIPAVWeb`; the year's bulk records go through `YearStore`.
    public func withWebConnection<T: Sendable>(actor: String? = nil,
                                               _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withConnection(actor: actor, body)
    }
}
