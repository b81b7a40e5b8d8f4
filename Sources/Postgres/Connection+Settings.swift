import CLibPQ
import Foundation

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
    ///   - value: any text; libpq quotes it (`PQescapeLiteral`, as `literalStatement`), so it never becomes SQL.
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
    /// replaced by the matching value written as a literal by libpq (`PQescapeLiteral`, which knows the server's
    /// encoding and how it reads backslashes), never quoted by hand; nil becomes `NULL`. A `%` meant literally is
    /// written `%%`. No round trip to the server: a web page's every operation sets its actor this way.
    ///
    /// ```swift
    /// let copy = try db.literalStatement("COPY (SELECT * FROM staff WHERE body_id = %L) TO STDOUT", [body])
    /// ```
    public func literalStatement(_ template: String, _ values: [String?]) throws -> String {
        var statement = ""
        var remaining = values[...]
        var scalars = template.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                statement.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "%": statement += "%"
            case "L":
                guard let value = remaining.popFirst() else {
                    throw PostgresError.usage("\"\(template)\" has more %L than the \(values.count) values given")
                }
                statement += try value.map(literal) ?? "NULL"
            default:
                throw PostgresError.usage("\"\(template)\" holds a % that is neither %L nor %%")
            }
        }
        guard remaining.isEmpty else {
            throw PostgresError.usage("\"\(template)\" has fewer %L than the \(values.count) values given")
        }
        return statement
    }

    /// `value` as an SQL string literal, by libpq.
    private func literal(_ value: String) throws -> String {
        guard !value.utf8.contains(0) else { throw PostgresError.usage("a text value cannot hold a NUL character") }
        return try withHandle { handle in
            let quoted = value.withCString { PQescapeLiteral(handle, $0, strlen($0)) }
            guard let quoted else {
                throw PostgresError(kind: .usage, message: PostgresError.lastError(of: handle))
            }
            defer { PQfreemem(quoted) }
            return String(cString: quoted)
        }
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
