/// Checks that bytes are well-formed UTF-8 text, fast: eight ASCII bytes at a time, full decoding only
/// where a byte is not ASCII. Spreadsheets on Windows still save "CSV" in Latin-1 or Windows-1252,
/// whose accented letters are not UTF-8. A NUL (byte 0) is well-formed UTF-8 but no text of these files
/// holds one (PostgreSQL's text cannot): it counts as invalid too.
enum UTF8Check {
    /// The offset of the first byte that does not start a well-formed UTF-8 sequence, or is a NUL; nil when none.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // No byte of the word has its high bit set, and none is zero.
                let holdsZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
                if word & 0x8080_8080_8080_8080 == 0 && !holdsZero {
                    i += 8
                    continue
                }
            }
            let lead = base[i]
            if lead == 0 { return i }
            if lead < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(base, at: i, count: count) else { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting at `i` with a non-ASCII byte, or nil.
    private static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, count: Int) -> Int? {
        let lead = p[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard i + length <= count, secondRange.contains(p[i + 1]) else { return nil }
        for k in 2..<length where !(0x80...0xBF).contains(p[i + k]) { return nil }
        return length
    }
}
