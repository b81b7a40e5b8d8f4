#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits one line of COPY's text format into fields and undoes its escapes.
enum CopyTextParser {
    static let backslash = UInt8(ascii: "\\")

    /// The fields of `line` (its trailing newline, if any, is ignored); `\N` alone is NULL.
    static func fields(_ line: UnsafeRawBufferPointer) -> [String?] {
        var bounds: [Int] = []
        let end = split(line, into: &bounds)
        return bounds.withUnsafeBufferPointer { bounds in
            let row = CopyRow(line: UnsafeRawBufferPointer(rebasing: line[..<end]), bounds: bounds, number: 1)
            return (0..<row.count).map { row.string($0) }
        }
    }

    /// Fills `bounds` with the start and end of each field of `line` (a tab separates fields; escaped tabs
    /// are `\t`, so every tab byte is a separator) and returns where the line ends, before its newline.
    @discardableResult
    static func split(_ line: UnsafeRawBufferPointer, into bounds: inout [Int]) -> Int {
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        bounds.removeAll(keepingCapacity: true)
        guard let base = line.baseAddress else {
            bounds.append(contentsOf: [0, 0])
            return 0
        }
        var start = 0
        // memchr finds each tab at the speed of the C library, rather than a byte at a time.
        while start <= end, let tab = memchr(base + start, Int32(UInt8(ascii: "\t")), end - start) {
            let index = base.distance(to: UnsafeRawPointer(tab))
            bounds.append(start)
            bounds.append(index)
            start = index + 1
        }
        bounds.append(start)
        bounds.append(end)
        return end
    }

    /// The bytes of one raw field with its escapes undone.
    static func unescaped(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == backslash, index < raw.count else { bytes.append(byte); continue }
            let escape = raw[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0c)
            case UInt8(ascii: "n"): bytes.append(0x0a)
            case UInt8(ascii: "r"): bytes.append(0x0d)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "v"): bytes.append(0x0b)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                // \ooo: one to three octal digits.
                var value = UInt32(escape - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < raw.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(raw[index]) {
                    value = value * 8 + UInt32(raw[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x") where index < raw.count && ByteaHex.value(ofHexDigit: raw[index]) != nil:
                // \xh or \xhh.
                var value = ByteaHex.value(ofHexDigit: raw[index])!
                index += 1
                if index < raw.count, let low = ByteaHex.value(ofHexDigit: raw[index]) {
                    value = value << 4 | low
                    index += 1
                }
                bytes.append(value)
            default:
                // Any other escaped character stands for itself (\\ is a backslash).
                bytes.append(escape)
            }
        }
        return bytes
    }
}
