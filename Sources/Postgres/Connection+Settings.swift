extension Connection {
    /// Sets the configuration parameter `name` to `value` for every transaction this connection runs from
    /// now on, as `SET LOCAL` right after its BEGIN; a statement run outside `transaction` then runs in a
    /// transaction of its own, so that it gets the setting too.
    ///
    /// Transaction-local rather than for the session, so that the value travels with each transaction:
    /// through a transaction-mode connection pooler, and to the nodes of a distributed cluster, where a
    /// session setting would stay behind (or leak to the next client). Statements that cannot run inside a
    /// transaction block (VACUUM, CREATE DATABASE) fail on such a connection.
    /// - Parameters:
    ///   - name: the parameter, e.g. `sipav.actor`: letters, digits and underscores, in parts joined by dots.
    ///   - value: any text; the server quotes it (`format('%L')`), so it never becomes SQL.
    public func setLocal(_ name: String, to value: String) throws {
        guard Self.isParameterName(name) else {
            throw PostgresError.usage("\"\(name)\" is not a configuration parameter name")
        }
        let statement = try literalStatement("SET LOCAL \(name) = %L", [value])
        exclusively {
            transactionSettings.removeAll { $0.name == name }
            transactionSettings.append((name, statement))
        }
    }

    /// The text of a statement that takes no parameters (`COPY`, `SET`), with each `%L` of `template`
    /// replaced by the matching value written as a literal by the server itself (`format`), never quoted
    /// here; nil becomes `NULL`. A `%` meant literally is written `%%`.
    ///
    /// ```swift
    /// let copy = try db.literalStatement("COPY (SELECT * FROM staff WHERE body_id = %L) TO STDOUT", [body])
    /// ```
    public func literalStatement(_ template: String, _ values: [String?]) throws -> String {
        let arguments = values.indices.map { ", $\($0 + 2)::text" }.joined()
        return try execute("SELECT format($1\(arguments)) AS statement", [template] + values).first?.string("statement") ?? ""
    }

    static func isParameterName(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
            return part.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (48...57).contains($0) }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }

    /// Runs `body` in a transaction of its own when the connection has transaction settings and no
    /// transaction is open, so that a lone statement gets the settings too; else runs it as it is.
    func withSettingsApplied<T>(_ body: () throws -> T) throws -> T {
        try exclusively {
            guard transactionDepth == 0, !transactionSettings.isEmpty else { return try body() }
            return try transaction { _ in try body() }
        }
    }
}
