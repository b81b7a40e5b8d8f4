import BigInt

/// Reads and writes decimal numbers as people type them in Italian spreadsheets and files:
/// `75`, `3,16`, `3.16`, `734.312,44`, `734,312.44`, `-2`.
///
/// When a number holds both `.` and `,`, the last one is the decimal separator and the other groups
/// thousands (in groups of three). With only commas, a single comma is the decimal separator; with
/// only dots, a single dot is. Several of the same mark are thousands separators.
public enum DecimalText {
    /// The exact value of `text`, or nil when it is not a decimal number.
    public static func parse(_ text: some StringProtocol) -> Ratio? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 { bytes.removeFirst() }
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        let dots = bytes.count(where: { $0 == UInt8(ascii: ".") })
        let commas = bytes.count(where: { $0 == UInt8(ascii: ",") })
        let decimalMark: UInt8?
        let groupMark: UInt8?
        switch (dots, commas) {
        case (0, 0): decimalMark = nil; groupMark = nil
        case (_, 0): decimalMark = dots == 1 ? UInt8(ascii: ".") : nil; groupMark = dots == 1 ? nil : UInt8(ascii: ".")
        case (0, _): decimalMark = commas == 1 ? UInt8(ascii: ",") : nil; groupMark = commas == 1 ? nil : UInt8(ascii: ",")
        default:
            let lastDot = bytes.lastIndex(of: UInt8(ascii: "."))!
            let lastComma = bytes.lastIndex(of: UInt8(ascii: ","))!
            decimalMark = lastDot > lastComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
            groupMark = lastDot > lastComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
            if (decimalMark == UInt8(ascii: ".") ? dots : commas) != 1 { return nil }
        }
        let decimalIndex = decimalMark.flatMap { bytes.firstIndex(of: $0) }
        let integerPart = bytes[..<(decimalIndex ?? bytes.endIndex)]
        let fractionPart = decimalIndex.map { bytes[($0 + 1)...] } ?? []
        if let groupMark, !groupsAreValid(integerPart, groupMark) { return nil }
        let integerDigits = integerPart.filter { $0 != groupMark }
        // Digits on both sides of a decimal mark: `,44` or `734312.` is a slip (a digit lost, a mark left over), not a
        // figure to guess.
        guard !integerDigits.isEmpty, decimalIndex == nil || !fractionPart.isEmpty else { return nil }
        guard integerDigits.count + fractionPart.count <= 30 else { return nil }
        if integerDigits.count + fractionPart.count <= 18 {
            // Fits in 64 bits, as nearly every figure does: no arbitrary precision.
            var value: Int64 = 0
            for byte in integerDigits + Array(fractionPart) {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            var scale: Int64 = 1
            for _ in 0..<fractionPart.count { scale *= 10 }
            return Ratio(reducing: negative ? -value : value, scale)
        }
        var numerator = BigInt(0)
        for byte in integerDigits + Array(fractionPart) {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            numerator = numerator * 10 + BigInt(byte - 0x30)
        }
        let denominator = BigInt(10).power(fractionPart.count)
        return Ratio(negative ? -numerator : numerator, denominator)
    }

    /// Whether `text` is a number with a single `.` or `,`, one to three digits before it (not a lone 0) and three
    /// after: `12.480`, `1,500`. To some readers that mark groups thousands, to others it marks decimals; `parse`
    /// reads decimals, so a field that takes numbers of any size refuses it instead.
    public static func isAmbiguous(_ text: some StringProtocol) -> Bool {
        var bytes = Substring(text).utf8.drop { $0 == 0x20 }
        while bytes.last == 0x20 { bytes = bytes.dropLast() }
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let marks = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") || bytes[$0] == UInt8(ascii: ",") }
        guard marks.count == 1, let mark = marks.first else { return false }
        let integer = bytes[..<mark], fraction = bytes[bytes.index(after: mark)...]
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        return (1...3).contains(integer.count) && integer.first != 0x30 && fraction.count == 3
            && integer.allSatisfy(isDigit) && fraction.allSatisfy(isDigit)
    }

    private static func groupsAreValid(_ integerPart: ArraySlice<UInt8>, _ mark: UInt8) -> Bool {
        let groups = integerPart.split(separator: mark, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `value` with exactly `digits` decimals, rounded half-up, with `decimalMark` and optional
    /// thousands grouping: `format(Ratio(123456, 100), digits: 2, decimalMark: ",", groupMark: ".")`
    /// is `1.234,56`.
    public static func format(_ value: Ratio, digits: Int, decimalMark: String = ".", groupMark: String? = nil) -> String {
        let (negative, integer, fractionDigits) = scaledDigits(value, digits: digits)
        var fraction = fractionDigits
        while fraction.count < digits { fraction = "0" + fraction }
        var grouped = integer
        if let groupMark, integer.count > 3 {
            var parts: [Substring] = []
            var end = integer.endIndex
            while end > integer.startIndex {
                let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
                parts.insert(integer[start..<end], at: 0)
                end = start
            }
            grouped = parts.joined(separator: groupMark)
        }
        let sign = negative ? "-" : ""
        return digits == 0 ? sign + grouped : sign + grouped + decimalMark + fraction
    }

    /// The value times 10^digits rounded half-up, split into its sign, integer digits and fraction digits.
    /// Natively in 128 bits when the value is stored in 64 (every figure of a report), else in BigInt.
    static func scaledDigits(_ value: Ratio, digits: Int) -> (negative: Bool, integer: String, fraction: String) {
        if case let .small(n, d) = value.storage, digits <= 18 {
            var scale: Int128 = 1
            for _ in 0..<digits { scale *= 10 }
            // floor((2·n·scale + d) / 2d) is n·scale/d rounded half-up, for d > 0.
            let twice = 2 * Int128(n) * scale + Int128(d)
            let (q, r) = twice.quotientAndRemainder(dividingBy: 2 * Int128(d))
            let scaled = r < 0 ? q - 1 : q
            let magnitude = scaled.magnitude
            return (scaled < 0, String(magnitude / UInt128(scale)), String(magnitude % UInt128(scale)))
        }
        let scale = BigInt(10).power(digits)
        let scaled = (value * Ratio(scale)).roundedHalfUp
        let magnitude = scaled.magnitude
        return (scaled < 0, String(magnitude / scale.magnitude), String(magnitude % scale.magnitude))
    }
}

extension DecimalText {
    /// The exact decimal writing of `value` with a point (`3.16`, `-0.5`, `75`), or nil when it has no
    /// finite decimal expansion (1/3). Values read from decimal text always have one.
    public static func exact(_ value: Ratio) -> String? {
        var digits = 0
        var denominator = value.denominator
        while denominator % 10 == 0 { denominator /= 10; digits += 1 }
        while denominator % 2 == 0 { denominator /= 2; digits += 1 }
        while denominator % 5 == 0 { denominator /= 5; digits += 1 }
        guard denominator == 1 else { return nil }
        var text = format(value, digits: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
