/// The split of a person's share into components, as fractions of the share summing to one.
public struct Components: Sendable, Hashable {
    public let individual: Ratio
    public let ente: Ratio
    public let area: Ratio
    public init(individual: Ratio, ente: Ratio, area: Ratio) throws(RuleViolation) {
        guard [individual, ente, area].allSatisfy({ !$0.isNegative }), individual + ente + area == .one else {
            throw RuleViolation("the components of a share are not negative and sum to 100 %")
        }
        (self.individual, self.ente, self.area) = (individual, ente, area)
    }
    /// Managers: 80 % individual, 20 % ente.
    public static let managers = try! Components(individual: .percent(80), ente: .percent(20), area: .zero)
    /// Other staff: 60 % individual, 25 % ente, 15 % Area.
    public static let staff = try! Components(individual: .percent(60), ente: .percent(25), area: .percent(15))
}

/// What happens to the money not paid.
public enum ResidualRule: String, Sendable, CaseIterable {
    /// Reported as savings.
    case keep
    /// Shared again among those paid, in proportion to what they earned, up to a cap per person.
    case redistribute
}

/// The top-rating increase of CCNL Funzioni Locali 21 May 2018, art. 69 (staff other than managers).
public struct TopRatingIncrease: Sendable, Hashable {
    /// The largest share of the staff fund's population that may receive it (e.g. 10 %).
    public let maximumShareOfStaff: Ratio
    /// The increase, as a fraction of the average individual component paid to positively rated staff (≥ 30 %).
    public let fractionOfAverage: Ratio
    public init(maximumShareOfStaff: Ratio, fractionOfAverage: Ratio) throws(RuleViolation) {
        guard maximumShareOfStaff > .zero, maximumShareOfStaff <= .one else {
            throw RuleViolation("the share of staff receiving the top-rating increase lies above 0 % and at most 100 %")
        }
        guard fractionOfAverage >= .percent(30) else {
            throw RuleViolation("the top-rating increase is at least 30 % of the average individual component (CCNL 21/05/2018 art. 69)")
        }
        (self.maximumShareOfStaff, self.fractionOfAverage) = (maximumShareOfStaff, fractionOfAverage)
    }
}

/// Settings of the productivity fund.
public struct FundSettings: Sendable, Hashable {
    public var managersComponents: Components = .managers
    public var staffComponents: Components = .staff
    /// The individual coefficient of each final score 0…6. Default: 0 and 1 → 0; otherwise score / 6.
    public var individualCoefficients: [Ratio] = [.zero, .zero, Ratio(2, 6), Ratio(3, 6), Ratio(4, 6), Ratio(5, 6), .one]
    /// Whether the ente and Area components are multiplied by those results (inferred from the report).
    public var organisationalComponentsFollowResults = true
    /// The share parameters the settings give, by category; a category not listed weighs 1.0 (rules §3).
    public var categoryParameters: [String: Ratio] = [:]
    public var sharesFollowPartTime = true
    public var sharesFollowMonthsOfService = true
    public var residual: ResidualRule = .keep
    /// Under `redistribute`, nobody is brought above this fraction of their own share.
    public var redistributionCapOfShare: Ratio = .one
    /// Off (nil) by default.
    public var topRatingIncrease: TopRatingIncrease? = nil
    /// Whether the Giunta's and the OIV's confirmations must be recorded before allocating.
    public var requireConfirmations = true

    public init() {}

    public func components(_ kind: FundKind) -> Components {
        kind == .managers ? managersComponents : staffComponents
    }

    /// A category's share parameter: the one the settings give, or 1.0 when they give none.
    public func parameter(ofCategory category: String) -> Ratio {
        categoryParameters[category] ?? .one
    }
}
