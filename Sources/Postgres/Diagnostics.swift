import CLibPQ

/// The fields of a server error or notice report, copied out of a `PGresult`.
///
/// libpq's `PG_DIAG_*` codes are character-literal macros, which Swift cannot import; the raw values
/// here are the same characters (`postgres_ext.h`).
struct Diagnostics {
    enum Field: Character {
        case severity = "V"  // PG_DIAG_SEVERITY_NONLOCALIZED: never translated, safe to compare
        case sqlState = "C"
        case message = "M"
        case detail = "D"
        case hint = "H"
        case position = "P"
        case context = "W"
        case schema = "s"
        case table = "t"
        case column = "c"
        case dataType = "d"
        case constraint = "n"
    }

    private var values: [Field: String] = [:]

    init(result: OpaquePointer) {
        for field in [Field.severity, .sqlState, .message, .detail, .hint, .position, .context,
                      .schema, .table, .column, .dataType, .constraint] {
            if let value = PQresultErrorField(result, Int32(field.rawValue.asciiValue!)) {
                values[field] = String(cString: value)
            }
        }
    }

    subscript(field: Field) -> String? { values[field] }
}

extension PostgresError {
    /// The error a failed statement (or a failed COPY) reports.
    ///
    /// It is a connection error when libpq says the connection is no longer usable, when nothing came
    /// from the server (no SQLSTATE: libpq itself gave up), when the server reports class 08 or an
    /// operator intervention that ends the session (57P01 admin shutdown, 57P02 crash, 57P03), or when
    /// the error is FATAL or PANIC: the server closes the session after those, even if libpq has not
    /// noticed yet.
    init(failed result: OpaquePointer?, on connection: OpaquePointer, statement: String?) {
        let diagnostics = result.map(Diagnostics.init(result:))
        let sqlState = diagnostics?[.sqlState]
        let level = diagnostics?[.severity]
        let lost = PQstatus(connection) != CONNECTION_OK || sqlState == nil || sqlState!.hasPrefix("08")
            || sqlState!.hasPrefix("57P") || level == "FATAL" || level == "PANIC"
        let resultMessage = result.flatMap(PQresultErrorMessage).map { String(cString: $0) }
        let message = diagnostics?[.message] ?? Self.nonEmpty(resultMessage) ?? Self.lastError(of: connection)
        self.init(kind: lost ? .connection : .statement, message: message, statement: statement)
        guard let diagnostics else { return }
        severity = diagnostics[.severity]
        self.sqlState = sqlState
        detail = diagnostics[.detail]
        hint = diagnostics[.hint]
        context = diagnostics[.context]
        position = diagnostics[.position].flatMap { Int($0) }
        schema = diagnostics[.schema]
        table = diagnostics[.table]
        column = diagnostics[.column]
        dataType = diagnostics[.dataType]
        constraint = diagnostics[.constraint]
    }

    /// A failure libpq reports on the connection itself (connecting, sending, COPY data).
    init(connection: OpaquePointer, statement: String? = nil) {
        self.init(kind: .connection, message: Self.lastError(of: connection), statement: statement)
    }

    /// `PQerrorMessage`, which ends in a newline and may span lines (`…failed: …\n\tIs the server running…`).
    static func lastError(of connection: OpaquePointer) -> String {
        nonEmpty(String(cString: PQerrorMessage(connection))) ?? "unknown libpq error"
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
