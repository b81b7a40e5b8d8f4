import CLibPQ

/// Writes rows for `Connection.copyIn` in COPY's text format, straight into a byte buffer that goes to the
/// server in chunks of about 256 KB.
///
/// ```swift
/// try connection.copyIn("COPY staff (id, name, hired) FROM STDIN") { writer in
///     for person in staff {
///         try writer.row { $0.field(person.id); $0.field(person.name); $0.field(person.hired) }
///     }
/// }
/// ```
/// Text is escaped as COPY needs (backslash, tab, newline, carriage return); nil is NULL (`\N`).
public struct CopyWriter {
    private static let chunkSize = 256 * 1024
    private static let backslash = UInt8(ascii: "\\")

    private let handle: OpaquePointer
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private var inRow = false
    /// Set by a field COPY's text format cannot carry; reported when its row ends.
    private var problem: String?
    /// Rows written so far.
    public private(set) var rowCount = 0

    init(handle: OpaquePointer) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
    }

    /// Writes one row: `fill` adds its fields in the order of the COPY statement's columns.
    public mutating func row(_ fill: (inout CopyWriter) throws -> Void) throws {
        precondition(!inRow, "CopyWriter.row called inside another row")
        inRow = true
        fieldsInRow = 0
        problem = nil
        defer { inRow = false }
        try fill(&self)
        if let problem {
            throw PostgresError.usage("COPY row \(rowCount + 1): \(problem)")
        }
        buffer.append(UInt8(ascii: "\n"))
        rowCount += 1
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// A text field, escaped; nil is NULL.
    public mutating func field(_ text: String?) {
        guard var text else { return null() }
        startField()
        text.withUTF8 { appendEscaped($0) }
    }

    /// An integer field, written digit by digit without an intermediate String.
    public mutating func field(_ value: Int) { appendInteger(Int64(value)) }
    public mutating func field(_ value: Int64) { appendInteger(value) }
    public mutating func field(_ value: Int32) { appendInteger(Int64(value)) }
    public mutating func field(_ value: Int16) { appendInteger(Int64(value)) }

    /// Any other value (Bool, Double, dates, bytes, optional integers…) in its text form; nil is NULL.
    public mutating func field<Value: PostgresEncodable>(_ value: Value?) {
        field(value?.postgresText)
    }

    /// A NULL field.
    public mutating func null() {
        startField()
        buffer.append(contentsOf: [Self.backslash, UInt8(ascii: "N")])
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBytes { bytes in
            PQputCopyData(handle, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        }
        guard sent == 1 else { throw PostgresError(connection: handle) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Concrete rather than generic: a generic method called from another module runs unspecialised,
    /// through witness tables, on every one of millions of fields.
    private mutating func appendInteger(_ value: Int64) {
        startField()
        // Digits from the right into a small buffer on the stack, then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    private mutating func startField() {
        precondition(inRow, "CopyWriter fields must be written inside row { }")
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    /// Copies `bytes`, putting a backslash escape in place of each byte COPY would read as structure;
    /// runs of ordinary bytes are copied whole.
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in bytes.indices {
            let escape: UInt8
            switch bytes[index] {
            case Self.backslash: escape = Self.backslash
            case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
            case 0:
                problem = problem ?? "field \(fieldsInRow) contains a NUL character, which PostgreSQL text cannot hold"
                continue
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(Self.backslash)
            buffer.append(escape)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
