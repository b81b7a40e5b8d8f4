/// The rules one person's individual objectives break together rather than one by one: weights (each within
/// 0–100 %) that do not sum to 100 %, a code given twice. Checked when a year's files are read and when HR uploads
/// some people's objectives.
public enum PersonObjectivesRules {
    /// A rule broken, at the objective `offset` places into the person's own.
    public struct Violation: Sendable, Hashable {
        public let offset: Int
        public let field: String
        public let value: String
        public let rule: String
    }

    /// What `own`, the objectives of the person `employeeID` in their order, break together: the sum of their weights
    /// at the first objective (only when every weight is within range: one out of range is said by itself), then each
    /// code given again.
    public static func violations(_ own: some Collection<IndividualObjective>, employeeID: String) -> [Violation] {
        var found: [Violation] = []
        let total = own.reduce(0) { $0 + $1.weightBasisPoints }
        if own.allSatisfy({ (1...10_000).contains($0.weightBasisPoints) }) && total != 10_000 {
            // The value is the person's sum, not the first row's weight: the rule says so.
            let sum = DecimalText.format(Ratio(total, 100), digits: 2, decimalMark: ",")
            found.append(Violation(offset: 0, field: "weight", value: sum,
                                   rule: "the weights of \(employeeID)'s objectives sum to \(sum), not 100"))
        }
        var codes = Set<String>()
        for (offset, objective) in own.enumerated() where !codes.insert(objective.code).inserted {
            found.append(Violation(offset: offset, field: "objective", value: objective.code, rule: "each objective of a person appears once"))
        }
        return found
    }
}
