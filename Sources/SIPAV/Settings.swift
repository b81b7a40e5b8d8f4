/// Every setting of the method, built once (from `Config/sipav.yaml`) and passed down.
public struct Settings: Sendable, Hashable {
    public var organisation = OrganisationSettings()
    public var individual = IndividualSettings()
    public var fund = FundSettings()
    public var statistics = StatisticsSettings()
    public init() {}
}
