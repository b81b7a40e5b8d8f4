import SIPAV

/// The bytes of a report being written: UTF-8 appended to one buffer, handed on in large pieces when a
/// destination is given (so that a report of a million rows is never held whole). The buffer is raw memory
/// of its own, grown by doubling: appending a byte is a store, with no check of a shared array on the way.
struct ReportBytes {
    private let storage = Storage()
    private let destination: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
    private static let pieceSize = 1 << 20
    /// The denominators of the figures written, ready to divide by.
    var divisors = DivisorCache()
    /// The text of the figures written lately.
    var figureTexts = FigureTexts()

    /// The memory of a buffer.
    final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int = 256) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }

        /// Makes room for `extra` more bytes.
        @inline(__always)
        func reserve(_ extra: Int) {
            if count + extra > capacity { grow(count + extra) }
        }

        private func grow(_ needed: Int) {
            var capacity = self.capacity * 2
            while capacity < needed { capacity *= 2 }
            let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            base.update(from: self.base, count: count)
            self.base.deallocate()
            (self.base, self.capacity) = (base, capacity)
        }
    }

    /// Bytes kept until the end (`finish`).
    init() {
        destination = nil
    }

    /// Bytes handed to `destination` a piece at a time, and at `finish`.
    init(destination: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
        self.destination = destination
        storage.reserve(Self.pieceSize + (1 << 12))
    }

    /// Hands on the bytes gathered so far when they make a large piece; call between rows.
    mutating func handOnIfLarge() throws {
        guard let destination, storage.count >= Self.pieceSize else { return }
        try destination(bytes)
        storage.count = 0
    }

    /// Hands on what is left.
    mutating func finish() throws {
        guard let destination, storage.count > 0 else { return }
        try destination(bytes)
        storage.count = 0
    }

    /// The bytes gathered (valid until the next change).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage.base, count: storage.count) }

    /// The bytes gathered, as an array.
    var buffer: [UInt8] { Array(bytes) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        storage.reserve(1)
        storage.base[storage.count] = byte
        storage.count += 1
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        storage.reserve(bytes.count)
        (storage.base + storage.count).update(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for byte in bytes { append(byte) }
    }

    mutating func reserveCapacity(_ count: Int) { storage.reserve(count - storage.count) }

    /// Empties the buffer, keeping its room.
    mutating func reset() { storage.count = 0 }

    var count: Int { storage.count }
    var last: UInt8? { storage.count == 0 ? nil : storage.base[storage.count - 1] }
    mutating func removeLast() { storage.count -= 1 }
    mutating func removeLast(_ count: Int) { storage.count -= count }
    subscript(index: Int) -> UInt8 { storage.base[index] }

    /// Whether the bytes end with `suffix`.
    func ends(with suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard storage.count >= length else { return false }
        return (0..<length).allSatisfy { storage.base[storage.count - length + $0] == suffix.utf8Start[$0] }
    }
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
        // At most a sign, 39 digits, 12 group marks and the mark: 53 bytes; the digits are made behind them.
        storage.reserve(112)
        var out = storage.base + storage.count
        // The digits backwards into room of their own, at least `digits + 1` of them (zeros in front).
        let end = out + 112
        if scaled < 0 {
            out.pointee = UInt8(ascii: "-")
            out += 1
        }
        var position = end
        if let small = UInt64(exactly: scaled.magnitude) {
            var rest = small
            repeat {
                position -= 1
                position.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0 || end - position <= digits
        } else {
            var rest = scaled.magnitude
            repeat {
                position -= 1
                position.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0 || end - position <= digits
        }
        let integerEnd = end - digits
        let integerCount = integerEnd - position
        if let group, integerCount > 3 {
            var first = integerCount % 3 == 0 ? 3 : integerCount % 3
            var index = position
            while index < integerEnd {
                out.update(from: index, count: first)
                out += first
                index += first
                if index < integerEnd {
                    out.pointee = group
                    out += 1
                }
                first = 3
            }
        } else {
            out.update(from: position, count: integerCount)
            out += integerCount
        }
        if digits > 0 {
            out.pointee = mark
            out += 1
            out.update(from: integerEnd, count: digits)
            out += digits
        }
        storage.count = out - storage.base
    }

    /// `value × 10^shift` (shift -2, 0 or 2: euros from cents, a plain number, a percentage from a fraction)
    /// with `digits` decimals, rounded half-up, as `DecimalText.format` writes it.
    mutating func appendFigure(_ value: ExactFigure, shift: Int, digits: Int, mark: UInt8, group: UInt8?) {
        let key = FigureTexts.key(value, exponent: digits + shift, digits: digits, mark: mark, group: group)
        if let key, figureTexts.withText(key, { append(contentsOf: $0) }) { return }
        if digits <= 30, let scaled = value.scaledHalfUp(exponent: digits + shift, divisors: &divisors) {
            let start = storage.count
            appendDecimal(scaled: scaled, digits: digits, mark: mark, group: group)
            if let key { figureTexts.keep(key, UnsafeBufferPointer(start: storage.base + start, count: storage.count - start)) }
        } else {
            let factor = shift >= 0 ? Ratio(Self.power(shift)) : Ratio(1, Self.power(-shift))
            append(DecimalText.format(value.ratio * factor, digits: digits, decimalMark: String(UnicodeScalar(mark)),
                                      groupMark: group.map { String(UnicodeScalar($0)) }))
        }
    }

    private static func power(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }
}
