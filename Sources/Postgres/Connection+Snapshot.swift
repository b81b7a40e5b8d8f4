/// Two connections reading the same records at once: one exports its transaction's snapshot, the other
/// starts a read-only transaction that sees exactly what the first one saw.
extension Connection {
    /// The snapshot of this connection's open transaction, for `readingSnapshot`; valid until that
    /// transaction ends.
    public func exportSnapshot() throws -> String {
        try execute("SELECT pg_export_snapshot() AS snapshot").first?.string("snapshot") ?? ""
    }

    /// Runs `body` in a read-only, repeatable-read transaction that sees what the transaction which exported
    /// `snapshot` (`exportSnapshot`) saw when it did.
    public func readingSnapshot<T>(_ snapshot: String, _ body: (Connection) throws -> T) throws -> T {
        // SET TRANSACTION SNAPSHOT takes no parameter: the identifier is written in, so it must be one
        // (hexadecimal digits and dashes, as the server makes them).
        guard !snapshot.isEmpty, snapshot.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || isHexDigit($0) }) else {
            throw PostgresError.usage("not a snapshot identifier: \(snapshot)")
        }
        return try transaction(isolation: .repeatableRead) { db in
            try db.runScript("SET TRANSACTION READ ONLY; SET TRANSACTION SNAPSHOT '\(snapshot)'")
            return try body(db)
        }
    }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }
}
