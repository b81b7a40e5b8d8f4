/// One row of `COPY … TO STDOUT` in text format, read in place from the buffer libpq handed over.
///
/// Fields are decoded only when asked for, and numbers without building a `String`, so that reading
/// millions of rows costs little more than the bytes themselves. A `CopyRow` is valid only inside the call
/// that receives it: keep what it returns, never the row.
public struct CopyRow {
    /// The row's bytes, without its newline.
    let line: UnsafeRawBufferPointer
    /// `bounds[2 * i] ..< bounds[2 * i + 1]` are the bytes of field i.
    let bounds: UnsafeBufferPointer<Int>
    /// The row's position in the output, from 1 (for error messages).
    public let number: Int

    /// How many fields the row has.
    public var count: Int { bounds.count / 2 }

    /// The raw (still escaped) bytes of field `index`.
    func raw(_ index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "COPY row \(number) has \(count) fields, not \(index + 1)")
        return UnsafeRawBufferPointer(rebasing: line[bounds[2 * index]..<bounds[2 * index + 1]])
    }

    /// Whether field `index` is NULL (`\N`).
    public func isNull(_ index: Int) -> Bool {
        let field = raw(index)
        return field.count == 2 && field[0] == CopyTextParser.backslash && field[1] == UInt8(ascii: "N")
    }

    /// Field `index` as text, nil when NULL.
    public func string(_ index: Int) -> String? {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of field `index`, escapes undone; nil when NULL. The bytes are
    /// the row's own when the field holds no escape (the usual case), so nothing is copied.
    public func withBytes<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        if isNull(index) { return nil }
        let field = raw(index)
        if !field.contains(CopyTextParser.backslash) {
            return try body(field.assumingMemoryBound(to: UInt8.self))
        }
        return try CopyTextParser.unescaped(field).withUnsafeBufferPointer(body)
    }

    /// Field `index` as an integer, nil when NULL.
    /// - Throws: `PostgresError` of kind `.decoding` when the field is not a decimal integer that fits `Int`.
    public func int(_ index: Int) throws -> Int? {
        if isNull(index) { return nil }
        let field = raw(index)
        var position = 0
        let negative = field.first == UInt8(ascii: "-")
        if negative { position = 1 }
        var value = 0
        var overflow = false
        guard position < field.count else { throw notAnInteger(index) }
        while position < field.count {
            let digit = Int(field[position]) &- 48
            guard digit >= 0 && digit <= 9 else { throw notAnInteger(index) }
            // Accumulated as a negative number, so that Int.min is read too.
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.subtractingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            value = next
            position += 1
        }
        if negative {
            guard !overflow else { throw notAnInteger(index) }
            return value
        }
        guard !overflow, value != Int.min else { throw notAnInteger(index) }
        return -value
    }

    /// The single byte of field `index` (a `char(1)` code), nil when NULL.
    /// - Throws: `PostgresError` of kind `.decoding` when the field is not exactly one byte.
    public func byte(_ index: Int) throws -> UInt8? {
        if isNull(index) { return nil }
        let field = raw(index)
        guard field.count == 1, field[0] != CopyTextParser.backslash else {
            throw PostgresError.decoding("field \(index + 1) of COPY row \(number) is \(quoted(index)), not one character")
        }
        return field[0]
    }

    private func notAnInteger(_ index: Int) -> PostgresError {
        PostgresError.decoding("field \(index + 1) of COPY row \(number) is \(quoted(index)), not an integer")
    }

    private func quoted(_ index: Int) -> String {
        let text = string(index) ?? "NULL"
        return text.count <= 60 ? "\"\(text)\"" : "\"\(text.prefix(60))…\""
    }
}
