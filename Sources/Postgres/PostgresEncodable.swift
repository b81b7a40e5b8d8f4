/// A Swift value that can be sent as a statement parameter or a COPY field, in PostgreSQL's text format.
///
/// Parameters are sent untyped, so the server reads the text as whatever the statement needs there (an
/// `integer` column, a `date`, a `numeric`), exactly as if it were a quoted literal but without any
/// quoting to get wrong. A nil parameter is SQL NULL.
public protocol PostgresEncodable {
    /// The value as PostgreSQL's input function for the target type reads it.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension PostgresEncodable where Self: FixedWidthInteger {
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable {}
extension Int64: PostgresEncodable {}
extension Int32: PostgresEncodable {}
extension Int16: PostgresEncodable {}

extension Bool: PostgresEncodable {
    public var postgresText: String { self ? "true" : "false" }
}

extension Double: PostgresEncodable {
    /// Swift prints the shortest text that reads back to the same bits; PostgreSQL spells the
    /// non-finite values its own way.
    public var postgresText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }
}

/// Bytes travel as `bytea` in hex form: `\x` then two hex digits a byte.
extension Array: PostgresEncodable where Element == UInt8 {
    public var postgresText: String { ByteaHex.encode(self) }
}
