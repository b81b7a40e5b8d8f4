/// Splits one line of COPY's text format into fields and undoes its escapes.
enum CopyTextParser {
    private static let backslash = UInt8(ascii: "\\")

    /// The fields of `line` (its trailing newline, if any, is ignored); `\N` alone is NULL.
    static func fields(_ line: UnsafeRawBufferPointer) -> [String?] {
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        var fields: [String?] = []
        var start = 0
        for index in 0...end where index == end || line[index] == UInt8(ascii: "\t") {
            fields.append(field(UnsafeRawBufferPointer(rebasing: line[start..<index])))
            start = index + 1
        }
        return fields
    }

    private static func field(_ raw: UnsafeRawBufferPointer) -> String? {
        if raw.count == 2, raw[0] == backslash, raw[1] == UInt8(ascii: "N") { return nil }
        guard raw.contains(backslash) else { return String(decoding: raw, as: UTF8.self) }
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
        return String(decoding: bytes, as: UTF8.self)
    }
}
