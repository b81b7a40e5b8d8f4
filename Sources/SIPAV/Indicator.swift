/// A reference to a decision of the governing board (*Giunta*) or of the OIV: "Delibera n. 139 del 16/09/2019".
public typealias Reference = String

/// An indicator of an organisational objective: a measured value placed on a target scale, or the
/// mean of sub-indicators placed on the indicator's own step percentages.
public struct Indicator: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        /// A measured indicator. `measured` is nil only for a suppressed indicator.
        case measured(scale: TargetScale, measured: Measurement?)
        /// A composite: the mean of its sub-indicators' percentages, placed on `stepAchievements`.
        case composite(stepAchievements: [Ratio], subIndicators: [Indicator])
    }

    /// A mid-year change of target: the old scale is kept with the deliberation that changed it.
    public struct Revision: Sendable, Hashable {
        public let reference: Reference
        public let previousScale: TargetScale?
        public let previousName: String?
        public init(reference: Reference, previousScale: TargetScale?, previousName: String?) {
            self.reference = reference
            self.previousScale = previousScale
            self.previousName = previousName
        }
    }

    public let id: String
    public let name: String
    public let unit: String?
    public let note: String?
    public let content: Content
    public let revision: Revision?
    /// The deliberation that suppressed the indicator: kept on record, left out of every mean.
    public let suppression: Reference?

    public init(id: String, name: String, unit: String? = nil, note: String? = nil, content: Content,
                revision: Revision? = nil, suppression: Reference? = nil) {
        self.id = id
        self.name = name
        self.unit = unit
        self.note = note
        self.content = content
        self.revision = revision
        self.suppression = suppression
    }

    public var isSuppressed: Bool { suppression != nil }
}

/// How a composite indicator turns the mean of its sub-indicators into its own percentage.
public enum CompositeRule: String, Sendable, CaseIterable {
    /// The highest step percentage not above the mean (report, indicator 6.3: mean 50 % → 40 %).
    case snapToStep = "snap_to_step"
    /// The plain mean.
    case mean
}

/// The achievement of an indicator, with the achievements of its sub-indicators when composite.
public struct IndicatorResult: Sendable, Hashable {
    public let id: String
    /// nil when the indicator is suppressed.
    public let achievement: Ratio?
    /// For a composite: the mean of the sub-indicators before it is placed on the steps.
    public let subIndicatorMean: Ratio?
    public let subResults: [IndicatorResult]
}

extension Indicator {
    /// Computes the indicator's achievement. Throws when a live indicator has no measurement or its
    /// measurement does not suit the scale.
    public func result(compositeRule: CompositeRule) throws(RuleViolation) -> IndicatorResult {
        if isSuppressed {
            // A suppressed composite's sub-indicators are left out with it, each still on record.
            var left: [IndicatorResult] = []
            if case let .composite(_, subIndicators) = content {
                left = subIndicators.map { IndicatorResult(id: $0.id, achievement: nil, subIndicatorMean: nil, subResults: []) }
            }
            return IndicatorResult(id: id, achievement: nil, subIndicatorMean: nil, subResults: left)
        }
        switch content {
        case let .measured(scale, measured):
            guard let measured else {
                throw RuleViolation("indicator \(id) is not measured yet: the results need its measured value (add it to the plan and import it again)")
            }
            guard let achievement = scale.achievement(of: measured) else {
                throw RuleViolation("the measured value of indicator \(id) does not suit its \(scale.kind.rawValue) scale")
            }
            return IndicatorResult(id: id, achievement: achievement, subIndicatorMean: nil, subResults: [])
        case let .composite(steps, subIndicators):
            var subResults: [IndicatorResult] = []
            for sub in subIndicators { subResults.append(try sub.result(compositeRule: compositeRule)) }
            let live = subResults.compactMap(\.achievement)
            guard !live.isEmpty else {
                throw RuleViolation("composite indicator \(id) has every sub-indicator suppressed; suppress the indicator itself")
            }
            let mean = Ratio.mean(live)
            let achievement: Ratio
            switch compositeRule {
            case .mean: achievement = mean
            case .snapToStep: achievement = steps.filter { $0 <= mean }.max() ?? .zero
            }
            return IndicatorResult(id: id, achievement: achievement, subIndicatorMean: mean, subResults: subResults)
        }
    }
}
