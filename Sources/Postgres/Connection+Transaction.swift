/// How much a transaction sees of others running at the same time (PostgreSQL's isolation levels).
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws (then the error is
    /// rethrown). Called inside another transaction, it uses a SAVEPOINT, so only its own work is undone.
    ///
    /// Other threads cannot use the connection until the transaction ends.
    /// - Parameter isolation: the isolation level of an outermost transaction (the server's default,
    ///   normally read committed, when nil); a nested call cannot change it.
    /// - Throws: the error of `body`, or a `PostgresError` when BEGIN or COMMIT fails — including when a
    ///   statement inside failed and `body` caught its error: PostgreSQL then rolls back at COMMIT.
    public func transaction<T>(isolation: IsolationLevel? = nil, _ body: (Connection) throws -> T) throws -> T {
        try exclusively {
            let depth = transactionDepth
            let savepoint = "sipav_savepoint_\(depth)"
            if depth == 0 {
                try begin(isolation: isolation)
            } else {
                guard isolation == nil else {
                    throw PostgresError.usage("the isolation level can only be set on the outermost transaction")
                }
                try run("SAVEPOINT \(savepoint)")
            }
            transactionDepth += 1
            defer { transactionDepth -= 1 }

            let value: T
            do {
                value = try body(self)
            } catch {
                // The caller needs the error that caused this, not a second one from a lost connection.
                if depth == 0 {
                    _ = try? run("ROLLBACK")
                } else {
                    _ = try? run("ROLLBACK TO SAVEPOINT \(savepoint)")
                    _ = try? run("RELEASE SAVEPOINT \(savepoint)")
                }
                throw error
            }

            if depth > 0 {
                try run("RELEASE SAVEPOINT \(savepoint)")
            } else if try run("COMMIT").commandTag == "ROLLBACK" {
                throw PostgresError(
                    kind: .statement,
                    message: "the transaction was rolled back at COMMIT because a statement in it had failed "
                        + "and its error was caught",
                    statement: "COMMIT")
            }
            return value
        }
    }

    /// BEGIN, then the transaction settings (`setLocal`), in one round trip.
    private func begin(isolation: IsolationLevel?) throws {
        let begin = "BEGIN" + (isolation.map { " ISOLATION LEVEL \($0.rawValue)" } ?? "")
        guard !transactionSettings.isEmpty else {
            try run(begin)
            return
        }
        do {
            try runScript(([begin] + transactionSettings.map(\.statement)).joined(separator: "; "))
        } catch {
            // BEGIN may have succeeded before a setting failed.
            _ = try? run("ROLLBACK")
            throw error
        }
    }
}
