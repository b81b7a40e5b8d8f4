/// An individual objective's weight as `objectives.csv` takes it, for the forms that take one too: a percentage above 0
/// and at most 100, at most two decimals, with a comma or a point (`33,33`, `33.33`, `50 %`).
public enum ObjectiveWeight {
    /// The weight in basis points (100 % = 10000); nil when it breaks the rule.
    public static func basisPoints(_ text: String) -> Int? {
        var text = text
        let reading = text.withUTF8 { NumberText.percent($0) }
        guard case let .basisPoints(value) = reading, value > 0, value <= 10_000 else { return nil }
        return value
    }
}
