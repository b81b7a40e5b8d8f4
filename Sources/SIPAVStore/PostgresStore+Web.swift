import Postgres

extension PostgresStore {
    /// Runs `body` on a connection of its own, off the caller's thread, attributing writes to `actor`; PostgreSQL's
    /// errors come back as `StoreError`s (the original, with its SQLSTATE, in `underlying`).
    ///
    /// For the web application, whose queries (accounts, sessions, one person's ratings) are its own and live in
    /// `SIPAVWeb`; the year's bulk records go through `YearStore`.
    ///
    /// Its transactions compile no query just in time (`SET LOCAL jit = off`): a page's query over a large body
    /// whose tables have no statistics yet looks costly enough to the planner to be compiled, which took 0.4 s
    /// of a manager's 0.5 s list at 100,000 staff, for a run of a tenth of a second.
    public func withWebConnection<T: Sendable>(actor: String? = nil,
                                               _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withConnection(actor: actor) { connection in
            try connection.setLocal("jit", to: "off")
            return try body(connection)
        }
    }
}
