/// An error from PostgreSQL, from libpq, or from this wrapper, with everything the server said about it.
///
/// The fields mirror the server's error report (`PQresultErrorField`), so a caller can react to the
/// SQLSTATE or the constraint name without parsing messages, and `description` reads as one line:
/// `ERROR 23514 (check_violation) on table staff_years, constraint staff_years_months_check: new row …
/// — statement: INSERT …`.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What failed, which says what the caller can do next.
    public enum Kind: Sendable, Hashable {
        /// The connection could not be made, or it was lost: reconnect before trying again.
        case connection
        /// The server refused a statement; the connection is still usable.
        case statement
        /// A value in a result was NULL, or not of the Swift type asked for.
        case decoding
        /// The wrapper was used in a way it cannot honour (a closed connection, a NUL in text, …).
        case usage
    }

    public var kind: Kind
    /// `ERROR`, `FATAL` or `PANIC` as sent by the server (never translated), when the server sent it.
    public var severity: String?
    /// The five-character SQLSTATE, e.g. `23505`; nil for errors raised on this side of the connection.
    public var sqlState: String?
    /// The primary message, one line.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Where the error arose (for COPY: which line and column of the data).
    public var context: String?
    /// 1-based character position in `statement` the server pointed at.
    public var position: Int?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var dataType: String?
    public var constraint: String?
    /// The SQL text that failed, if the error came from a statement.
    public var statement: String?

    public init(kind: Kind, message: String, statement: String? = nil) {
        self.kind = kind
        self.message = message
        self.statement = statement
    }

    /// The name PostgreSQL gives `sqlState`, e.g. `unique_violation`.
    public var conditionName: String? { sqlState.flatMap(SQLStateNames.name(of:)) }

    public var description: String {
        var text = severity ?? (kind == .connection ? "connection error" : "error")
        if let sqlState {
            text += " \(sqlState)"
            if let conditionName { text += " (\(conditionName))" }
        }
        text += whereabouts
        text += ": \(message)"
        if let detail { text += " Detail: \(detail)" }
        if let hint { text += " Hint: \(hint)" }
        if let context { text += " Context: \(context)" }
        if let statement { text += " — statement: \(Self.abbreviated(statement))" }
        return text
    }

    /// ` on table t, column c, constraint n`: the names the server reported, in that order.
    private var whereabouts: String {
        let parts = [("table", table), ("column", column), ("constraint", constraint)]
            .compactMap { label, name in name.map { "\(label) \($0)" } }
        return parts.isEmpty ? "" : " on " + parts.joined(separator: ", ")
    }

    /// Statements can be whole migration files: one line, and short enough to read in a terminal.
    private static func abbreviated(_ statement: String, limit: Int = 300) -> String {
        let oneLine = statement.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }
            .joined(separator: " ")
        return oneLine.count <= limit ? oneLine : oneLine.prefix(limit) + "…"
    }
}

extension PostgresError {
    static func usage(_ message: String, statement: String? = nil) -> PostgresError {
        PostgresError(kind: .usage, message: message, statement: statement)
    }

    static func decoding(_ message: String) -> PostgresError {
        PostgresError(kind: .decoding, message: message)
    }
}
