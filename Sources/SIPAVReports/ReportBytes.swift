import SIPAV

/// The bytes of a report being written: UTF-8 appended to one buffer, handed on in large pieces when a
/// destination is given (so that a report of a million rows is never held whole).
struct ReportBytes {
    private(set) var buffer: [UInt8] = []
    private let destination: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
    private static let pieceSize = 1 << 20

    /// Bytes kept until the end (`finish`).
    init() {
        destination = nil
    }

    /// Bytes handed to `destination` a piece at a time, and at `finish`.
    init(destination: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
        self.destination = destination
        buffer.reserveCapacity(Self.pieceSize + (1 << 12))
    }

    /// Hands on the bytes gathered so far when they make a large piece; call between rows.
    mutating func handOnIfLarge() throws {
        guard let destination, buffer.count >= Self.pieceSize else { return }
        try buffer.withUnsafeBufferPointer(destination)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hands on what is left.
    mutating func finish() throws {
        guard let destination, !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer(destination)
        buffer.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Empties the buffer, keeping its room.
    mutating func reset() { buffer.removeAll(keepingCapacity: true) }

    var count: Int { buffer.count }
    var last: UInt8? { buffer.last }
    mutating func removeLast() { buffer.removeLast() }
    mutating func removeLast(_ count: Int) { buffer.removeLast(count) }
    subscript(index: Int) -> UInt8 { buffer[index] }
}

extension ReportBytes {
    /// A whole number in decimal: `-1234`.
    mutating func appendInteger(_ value: Int) {
        appendDecimal(scaled: Int128(value), digits: 0, mark: 0, group: nil)
    }

    /// `scaled / 10^digits` with exactly `digits` decimals after `mark`, and the integer digits grouped by
    /// three with `group` when there are more than three: what `DecimalText.format` writes for that value.
    mutating func appendDecimal(scaled: Int128, digits: Int, mark: UInt8, group: UInt8?) {
        precondition(digits >= 0 && digits <= 38)
        if scaled < 0 { append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { out in
            let end = out.count
            var position = end
            // At least one integer digit: `digits + 1` digits, zeros in front.
            if let small = UInt64(exactly: scaled.magnitude) {
                var rest = small
                repeat {
                    position -= 1
                    out[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                } while rest > 0 || end - position <= digits
            } else {
                var rest = scaled.magnitude
                repeat {
                    position -= 1
                    out[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                } while rest > 0 || end - position <= digits
            }
            let integerEnd = end - digits
            let integerCount = integerEnd - position
            if let group, integerCount > 3 {
                var first = integerCount % 3 == 0 ? 3 : integerCount % 3
                var index = position
                while index < integerEnd {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: out[index..<(index + first)]))
                    index += first
                    if index < integerEnd { buffer.append(group) }
                    first = 3
                }
            } else {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: out[position..<integerEnd]))
            }
            if digits > 0 {
                buffer.append(mark)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: out[integerEnd..<end]))
            }
        }
    }

    /// `value × 10^shift` (shift -2, 0 or 2: euros from cents, a plain number, a percentage from a fraction)
    /// with `digits` decimals, rounded half-up, as `DecimalText.format` writes it.
    mutating func appendFigure(_ value: ExactFigure, shift: Int, digits: Int, mark: UInt8, group: UInt8?) {
        if digits <= 30, let scaled = value.scaledHalfUp(exponent: digits + shift) {
            appendDecimal(scaled: scaled, digits: digits, mark: mark, group: group)
        } else {
            let factor = shift >= 0 ? Ratio(Self.power(shift)) : Ratio(1, Self.power(-shift))
            append(DecimalText.format(value.ratio * factor, digits: digits, decimalMark: String(UnicodeScalar(mark)),
                                      groupMark: group.map { String(UnicodeScalar($0)) }))
        }
    }

    private static func power(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }
}
