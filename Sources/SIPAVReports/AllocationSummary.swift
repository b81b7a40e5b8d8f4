import SIPAV

/// Each fund's totals in a line of Italian, for a command that stores an allocation without printing it whole.
public enum AllocationSummary {
    public static func lines(_ allocation: Allocation) -> [String] {
        [allocation.managers, allocation.staff].map { fund in
            let people = ItalianNumbers.count(fund.count, "persona", "persone")
            return "\(RoleLabel.fund(fund.kind)): \(people), fondo \(ItalianNumbers.euros(cents: fund.fund.value)), "
                + "erogato \(ItalianNumbers.euros(cents: fund.paid.value)), residuo \(ItalianNumbers.euros(cents: fund.residual.value))."
        }
    }
}
