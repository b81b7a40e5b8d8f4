/// How a threshold of a target scale is met by a measured value.
public enum ThresholdKind: String, Sendable, CaseIterable {
    /// Met by a value strictly below the threshold (`< 80 %`).
    case below
    /// Met by a value not above the threshold (`≤ 2 giorni`).
    case atMost = "at_most"
    /// Met by a value strictly above the threshold (`> 2,8`).
    case above
    /// Met by a value not below the threshold (`≥ 70 %`, a count of reports, a bare number).
    case atLeast = "at_least"
    /// Met by a completion date on or before the end of the threshold's month.
    case deadline
    /// Met by "sì" (done); one step only.
    case yesNo = "yes_no"
}

/// The threshold of one step of a target scale.
public enum Threshold: Sendable, Hashable {
    case number(Ratio)
    case month(YearMonth)
    case yes
}

/// A measured value of an indicator.
public enum Measurement: Sendable, Hashable {
    case number(Ratio)
    case date(CalendarDate)
    /// A deadline indicator whose work was not completed when the year was measured: it meets no step. Said as
    /// such rather than as a made-up date after the last step, which an auditor would take for a completion.
    case notCompleted
    case yesNo(Bool)
}

/// One step of a target scale: a threshold and the achievement earned by meeting it.
public struct ScaleStep: Sendable, Hashable {
    public let threshold: Threshold
    /// The achievement percentage of the step, as a fraction of one (100 % = 1).
    public let achievement: Ratio

    public init(threshold: Threshold, achievement: Ratio) {
        self.threshold = threshold
        self.achievement = achievement
    }
}

/// The target scale of an indicator: up to five steps, best first.
public struct TargetScale: Sendable, Hashable {
    public let kind: ThresholdKind
    public let steps: [ScaleStep]

    /// The step percentages used when a scale names none: 100, 80, 60, 40, 20.
    public static let defaultAchievements: [Ratio] = [100, 80, 60, 40, 20].map(Ratio.percent)

    /// A scale, checked: one to five steps, achievements strictly falling within 0…100 %, thresholds
    /// of the kind's type and in the order the kind implies (each step easier to meet than the one before).
    public init(kind: ThresholdKind, steps: [ScaleStep]) throws(RuleViolation) {
        guard (1...5).contains(steps.count) else {
            throw RuleViolation("a target scale has from one to five steps, this one has \(steps.count)")
        }
        if kind == .yesNo && steps.count != 1 {
            throw RuleViolation("a yes/no scale has one step only")
        }
        // SI at 100 %, nothing below: a yes/no that paid less for a yes would halve an objective without a scale to show it.
        if kind == .yesNo && steps[0].achievement != .one {
            throw RuleViolation("a yes/no scale pays 100 % for sì: its percents, when given, are [100]")
        }
        for (index, step) in steps.enumerated() {
            guard step.achievement > .zero, step.achievement <= .one else {
                throw RuleViolation("step percentages lie above 0 % and at most 100 %")
            }
            switch (kind, step.threshold) {
            case (.deadline, .month), (.yesNo, .yes): break
            case (.below, .number), (.atMost, .number), (.above, .number), (.atLeast, .number): break
            default: throw RuleViolation("threshold \(index + 1) does not suit a \(kind.rawValue) scale")
            }
            guard index > 0 else { continue }
            let previous = steps[index - 1]
            guard step.achievement < previous.achievement else {
                throw RuleViolation("step percentages must fall from the first step to the last")
            }
            guard TargetScale.isEasier(step.threshold, than: previous.threshold, kind: kind) else {
                throw RuleViolation("thresholds must get easier to meet from the first step to the last")
            }
        }
        self.kind = kind
        self.steps = steps
    }

    /// Whether a scale of `kind` may have `next` in the step after `previous`'s: a step easier to meet.
    public static func isEasier(_ next: Threshold, than previous: Threshold, kind: ThresholdKind) -> Bool {
        switch (next, previous) {
        case let (.number(n), .number(p)):
            switch kind {
            case .below, .atMost: return n > p
            case .above, .atLeast: return n < p
            default: return false
            }
        case let (.month(n), .month(p)): return n > p
        default: return false
        }
    }

    /// Whether `measurement` meets `threshold` under this scale's kind; nil when the measurement is
    /// of the wrong type for the scale (a date for a numeric scale, say).
    public func meets(_ measurement: Measurement, _ threshold: Threshold) -> Bool? {
        switch (kind, measurement, threshold) {
        case let (.below, .number(v), .number(t)): return v < t
        case let (.atMost, .number(v), .number(t)): return v <= t
        case let (.above, .number(v), .number(t)): return v > t
        case let (.atLeast, .number(v), .number(t)): return v >= t
        case let (.deadline, .date(done), .month(m)): return done <= m.lastDay
        case (.deadline, .notCompleted, .month): return false
        case let (.yesNo, .yesNo(done), .yes): return done
        default: return nil
        }
    }

    /// The achievement of `measurement`: the percentage of the best step whose threshold it meets,
    /// 0 % when it meets none; nil when the measurement does not suit the scale.
    public func achievement(of measurement: Measurement) -> Ratio? {
        for step in steps {
            guard let met = meets(measurement, step.threshold) else { return nil }
            if met { return step.achievement }
        }
        return .zero
    }
}

/// A broken rule of the method, said in words a user understands; the readers add file, line and field.
public struct RuleViolation: Error, Sendable, Equatable, CustomStringConvertible {
    public let rule: String
    /// Where the input breaks it, when that is one entry of a file: the field's dotted path (`areas.id`,
    /// `objectives.indicators`, `giunta`) and, for an entry of a list, its id.
    public let field: String?
    public let entry: String?
    public init(_ rule: String, field: String? = nil, entry: String? = nil) { (self.rule, self.field, self.entry) = (rule, field, entry) }
    public var description: String { rule }
}
