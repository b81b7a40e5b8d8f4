import Postgres

/// A failure of the store, said so that an HR officer knows what to do.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// PostgreSQL's own error, when there is one.
    public let underlying: PostgresError?
    /// The body's year asked for is not in the database (a value of the command line, `--body` or `--year`).
    public private(set) var isMissingYear = false

    public init(_ message: String, underlying: PostgresError? = nil) {
        self.message = message
        self.underlying = underlying
    }

    /// Year `year` of `body` is not in the database; `advice` follows the fact (`import it first`).
    public static func missingYear(_ year: Int, body: String, advice: String? = nil) -> StoreError {
        var error = StoreError("there is no year \(year) of body \(body) in the database" + (advice.map { ": " + $0 } ?? ""))
        error.isMissingYear = true
        return error
    }

    public var description: String { message }

    /// SQLSTATE of the allocated-year lock raised by the database's triggers.
    public static let yearLockedState = "SV001"
    /// SQLSTATE of a change refused because the person's appraisal is under contest (SQL/0043).
    public static let contestedAppraisalState = "SV006"

    /// Turns PostgreSQL's error into a user's message: the year lock, a rule (CHECK) or a reference (FK)
    /// broken, a lost connection; the original is kept in `underlying`.
    public static func explaining(_ error: PostgresError) -> StoreError {
        switch (error.kind, error.sqlState) {
        case (_, yearLockedState?), (_, contestedAppraisalState?):
            return StoreError(error.message, underlying: error)
        case (.connection, _):
            return StoreError("the connection to PostgreSQL was lost or refused: \(error.message)", underlying: error)
        case (_, "23514"?):
            // Not PostgreSQL's detail, which is the whole row refused ("Failing row contains (…)"): it may hold a
            // password's hash or a person's data, and would go to the terminal and the logs. The rule names the fault.
            return StoreError("the database refused a value: rule \(error.constraint ?? "?") on \(error.table ?? "?")",
                              underlying: error)
        case (_, "23503"?):
            return StoreError("the database refused a reference to a record that does not exist: \(error.constraint ?? "?")"
                              + (error.detail.map { " (\($0))" } ?? ""), underlying: error)
        case (_, "23505"?):
            return StoreError("the database refused a duplicate: \(error.constraint ?? "?")" + (error.detail.map { " (\($0))" } ?? ""),
                              underlying: error)
        default:
            return StoreError("PostgreSQL refused the operation: \(error.description)", underlying: error)
        }
    }
}
