extension DecimalText {
    /// A number as a person types it in an Italian form: `1.500`, `734.312,44`, `12.480,5`, `1500,50`, `-2`.
    ///
    /// Stricter than `parse`, which reads files where a lone dot may be a decimal point: here the dot only
    /// groups thousands (the first group of one to three digits, the others of three) and the comma is the
    /// decimal mark, followed by one or two digits. What a person could have meant two ways (`1.5`, `1,500`,
    /// `1,500.00`) is nil rather than a guess, so that a form can ask again.
    public static func parseItalianForm(_ text: some StringProtocol) -> Ratio? {
        var rest = Substring(text)
        while rest.first?.isWhitespace == true { rest.removeFirst() }
        while rest.last?.isWhitespace == true { rest.removeLast() }
        let negative = rest.first == "-"
        if negative { rest.removeFirst() }
        let parts = rest.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? parts[1] : ""
        let isDigit: (Character) -> Bool = { ("0"..."9").contains($0) }
        guard !groups[0].isEmpty, groups.count == 1 || groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }),
              parts.count == 1 || (1...2).contains(fraction.count),
              groups.allSatisfy({ $0.allSatisfy(isDigit) }), fraction.allSatisfy(isDigit) else { return nil }
        // Only digits and at most one comma are left: `parse` reads that one way.
        return parse((negative ? "-" : "") + groups.joined() + (fraction.isEmpty ? "" : "," + fraction))
    }
}
