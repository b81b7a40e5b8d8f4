/// One row of a `QueryResult`; values are looked up by column name.
public struct Row: Sendable {
    let result: QueryResult
    /// The row's position in the result, from 0.
    public let index: Int

    /// The row's values in column order, as text; nil is NULL.
    public var values: [String?] {
        let width = result.columns.count
        return Array(result.cells[index * width ..< (index + 1) * width])
    }

    /// The value of `column` as text, nil when NULL; throws when the result has no such column.
    public subscript(_ column: String) -> String? {
        get throws { try cell(column).text }
    }

    /// The value of `column` as `type`; throws when it is NULL or does not fit `type`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type) throws -> T {
        guard let value = try decode(column, as: T?.self) else {
            throw PostgresError.decoding(
                "column \"\(column)\" of row \(index + 1) is NULL; read it as \(T.self)? to accept NULL")
        }
        return value
    }

    /// The value of `column` as `type`, nil when NULL; throws when it does not fit `type`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type) throws -> T? {
        let (text, columnType) = try cell(column)
        guard let text else { return nil }
        guard let value = T(postgresText: text, type: columnType) else {
            throw PostgresError.decoding(
                "column \"\(column)\" of row \(index + 1) (\(columnType)) cannot be read as \(T.self): "
                    + "its value is \(Self.quoted(text))")
        }
        return value
    }

    public func string(_ column: String) throws -> String { try decode(column, as: String.self) }
    public func int64(_ column: String) throws -> Int64 { try decode(column, as: Int64.self) }
    public func int(_ column: String) throws -> Int { try decode(column, as: Int.self) }
    public func bool(_ column: String) throws -> Bool { try decode(column, as: Bool.self) }
    public func double(_ column: String) throws -> Double { try decode(column, as: Double.self) }
    public func bytes(_ column: String) throws -> [UInt8] { try decode(column, as: [UInt8].self) }
    public func date(_ column: String) throws -> PostgresDate { try decode(column, as: PostgresDate.self) }

    private func cell(_ column: String) throws -> (text: String?, type: PostgresType) {
        let position = try result.columnIndex(column)
        return (result.cells[index * result.columns.count + position], result.columnTypes[position])
    }

    /// Enough of a value to recognise it in an error message, without printing a whole document.
    private static func quoted(_ text: String) -> String {
        text.count <= 60 ? "\"\(text)\"" : "\"\(text.prefix(60))…\""
    }
}
