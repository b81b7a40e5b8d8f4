/// An individual objective's weight as `objectives.csv` takes it, for the forms that take one too: a percentage above 0
/// and at most 100, at most two decimals, with a comma or a point (`33,33`, `33.33`, `50 %`).
public enum ObjectiveWeight {
    /// The weight in basis points (100 % = 10000), or why it breaks the rule.
    public static func basisPoints(_ text: String) -> FieldNumber<Int> {
        PercentText.basisPoints(text, in: 1...10_000)
    }
}
