import Yams

extension YAMLReader {
    /// The rule a list of numbers breaks when a comma stands between two digits with no space around it (`[95,5]`).
    static let commaBetweenDigitsRule = "inside [ ] a comma between two digits separates two numbers: write a decimal "
        + "with a point (95.5) or in quotes (\"95,5\"), and separate the numbers with a comma and a space ([95, 90])"

    /// False, with a fault for each pair, when two unquoted elements of `list` stand on either side of a single comma,
    /// digit against digit, on one line (`[95,5]`, `[2,8, 2,6]`). YAML takes such a comma for the list's separator,
    /// so a decimal comma makes two numbers of one and the list reads as valid with a step more and a figure wrong.
    /// A comma followed by a space (`[95, 90]`) and a quoted number (`["95,5"]`) are what they seem.
    mutating func hasNoCommaBetweenDigits(_ list: [YAMLField]) -> Bool {
        var clean = true
        for (before, after) in zip(list, list.dropFirst()) {
            guard let left = plainScalar(before), let right = plainScalar(after),
                  let leftMark = before.node.mark, let rightMark = after.node.mark, leftMark.line == rightMark.line,
                  left.string.last.map(isASCIIDigit) == true, right.string.first.map(isASCIIDigit) == true,
                  rightMark.column == leftMark.column + left.string.unicodeScalars.count + 1 else { continue }
            fault(line: before.line, field: before.path, value: left.string + "," + right.string, Self.commaBetweenDigitsRule)
            clean = false
        }
        return clean
    }

    private func plainScalar(_ field: YAMLField) -> Node.Scalar? {
        guard let scalar = field.node.scalar, scalar.style == .plain else { return nil }
        return scalar
    }
}

private func isASCIIDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
