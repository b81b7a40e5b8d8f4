/// A Swift type that can be read from a non-NULL column value in PostgreSQL's text format.
public protocol PostgresDecodable {
    /// Reads `text`, a value of a column of `type`; nil when the type or the text does not fit
    /// (an integer from a `text` column, an `Int16` from 70000), which `Row` turns into a clear error.
    init?(postgresText text: String, type: PostgresType)
}

extension String: PostgresDecodable {
    /// Any column reads as its text form.
    public init?(postgresText text: String, type: PostgresType) { self = text }
}

/// Integers read from integer columns only, and only when the value fits (an `Int16` from 70000 does not).
extension PostgresDecodable where Self: FixedWidthInteger {
    public init?(postgresText text: String, type: PostgresType) {
        guard type.isInteger, let value = Self(text, radix: 10) else { return nil }
        self = value
    }
}

extension Int: PostgresDecodable {}
extension Int64: PostgresDecodable {}
extension Int32: PostgresDecodable {}
extension Int16: PostgresDecodable {}

extension Bool: PostgresDecodable {
    public init?(postgresText text: String, type: PostgresType) {
        guard type == .bool else { return nil }
        switch text {
        case "t": self = true
        case "f": self = false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    /// From floating point, and from `numeric` and integers, which may round.
    public init?(postgresText text: String, type: PostgresType) {
        guard type == .float8 || type == .float4 || type == .numeric || type.isInteger,
              let value = Double(text)
        else { return nil }
        self = value
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public init?(postgresText text: String, type: PostgresType) {
        guard type == .bytea, let bytes = ByteaHex.decode(text) else { return nil }
        self = bytes
    }
}
