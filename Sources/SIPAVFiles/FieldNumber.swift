import SIPAV

/// A number typed in one field, read by the rule of the files (`NumberText`, `FundFile.amount`), so that a form takes
/// what a file takes and refuses what it refuses: `12,48` and `12.48` alike, `12.480` neither.
public enum FieldNumber<Value: Sendable & Equatable>: Sendable, Equatable {
    case value(Value)
    /// A single `.` or `,` with three digits after it (`12.480`, `1,500`): thousands or decimals? Refused, not guessed.
    case ambiguous
    /// No number, or one the field does not take (negative, too many decimals, below its least).
    case refused
    /// Above the largest the field takes.
    case tooLarge
}

/// A percentage typed in a form, read as `objectives.csv` reads a weight and `staff.csv` a part time
/// (`NumberText.percent`): `33,33`, `33.33`, `50 %`, at most two decimals.
public enum PercentText {
    /// The percentage in basis points (100 % = 10000), when it lies in `range`.
    public static func basisPoints(_ text: String, in range: ClosedRange<Int>) -> FieldNumber<Int> {
        if NumberText.isAmbiguous(text) { return .ambiguous }
        var text = text
        guard case let .basisPoints(value) = text.withUTF8({ NumberText.percent($0) }) else { return .refused }
        if value > range.upperBound { return .tooLarge }
        return range.contains(value) ? .value(value) : .refused
    }
}
