import BigInt
import SIPAV

/// A percentage read from text, in basis points (100 % = 10000).
enum PercentReading: Equatable {
    case basisPoints(Int)
    case notANumber
    /// More than two decimals: a basis point is the finest a percentage in these files can be.
    case tooManyDecimals
}

/// Numbers as people type them in spreadsheet cells, read straight from bytes.
enum NumberText {
    /// A percentage: `33,33`, `33.33`, `100`, `50 %`. The common short forms are read without building
    /// a string (a ratings file may hold millions); anything else goes through `DecimalText`.
    static func percent(_ bytes: UnsafeBufferPointer<UInt8>) -> PercentReading {
        var end = bytes.count
        if end > 0, bytes[end - 1] == UInt8(ascii: "%") { end -= 1 }
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        let number = UnsafeBufferPointer(rebasing: bytes[..<end])
        if let fast = shortPercent(number) { return fast }
        guard let value = DecimalText.parse(String(decoding: number, as: UTF8.self)) else { return .notANumber }
        let scaled = value * Ratio(100)
        guard scaled.denominator == 1 else { return .tooManyDecimals }
        let limit = BigInt(Int32.max)
        return .basisPoints(Int(max(min(scaled.numerator, limit), -limit)))
    }

    /// Digits with at most one decimal mark, a digit before it, and at most two decimals: nil for any other form
    /// (`DecimalText` then reads it, or refuses `,5` as it refuses `5,`).
    private static func shortPercent(_ bytes: UnsafeBufferPointer<UInt8>) -> PercentReading? {
        guard let first = bytes.first, first >= 0x30 && first <= 0x39, bytes.count <= 9 else { return nil }
        var whole = 0
        var decimals = -1
        var fraction = 0
        for byte in bytes {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
                guard decimals < 0 else { return nil }
                decimals = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                if decimals < 0 { whole = whole * 10 + Int(byte - 0x30) } else {
                    decimals += 1
                    fraction = fraction * 10 + Int(byte - 0x30)
                }
            } else {
                return nil
            }
        }
        if decimals > 2 { return .tooManyDecimals }
        if decimals == 0 { return nil }
        let scale = decimals == 1 ? 10 : 1
        return .basisPoints(whole * 100 + fraction * scale)
    }

    /// Whether `text`, a trailing `%` aside, is a number written ambiguously (`DecimalText.isAmbiguous`): `12.480`,
    /// `1,500 %`.
    static func isAmbiguous(_ text: some StringProtocol) -> Bool {
        var number = Substring(text)
        if number.hasSuffix("%") { number = number.dropLast() }
        return DecimalText.isAmbiguous(number)
    }

    /// A whole number of at most nine digits, no sign: nil otherwise.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
