/// A result computed from the objectives, and the one in force: the OIV's validated figure when
/// recorded, else the computed one. Both stay on record and reports say which was used.
public struct ResultFigure: Sendable, Hashable {
    public let computed: Ratio
    public let validated: ValidatedResult?
    /// The figure the fund uses.
    public var applied: Ratio { validated?.achievement ?? computed }
    public var isValidated: Bool { validated != nil }
}

public struct ObjectiveResult: Sendable, Hashable {
    public let objective: Objective
    public let indicators: [IndicatorResult]
    /// nil when every indicator of the objective is suppressed: the objective stays on record, with its indicators and
    /// their acts, and is left out of every mean, as each of them is.
    public let achievement: ResultFigure?

    public var isSuppressed: Bool { achievement == nil }
}

/// The organisational performance of the year: every objective, the ente and each Area.
public struct OrganisationalResults: Sendable, Hashable {
    public let objectives: [ObjectiveResult]
    public let ente: ResultFigure
    /// One per Area, in the plan's order.
    public let areas: [ResultFigure]
}

/// Settings of the organisational performance.
public struct OrganisationSettings: Sendable, Hashable {
    public var compositeRule: CompositeRule = .snapToStep
    /// Whether the ente's and the Areas' results weigh objectives by their `weight`.
    public var objectiveWeights: Bool = false
    public init() {}
}

extension OrganisationalPlan {
    /// Computes every indicator, objective, the ente's and each Area's result.
    public func results(settings: OrganisationSettings) throws(RuleViolation) -> OrganisationalResults {
        // A plan imported while objectives were planned may lack its measured values: said of them all at once.
        let unmeasured = unmeasuredIndicatorIDs
        if unmeasured.count > 1 {
            throw RuleViolation("\(unmeasured.count) indicators are not measured yet (\(unmeasured.prefix(5).joined(separator: ", "))"
                                + (unmeasured.count > 5 ? ", …" : "") + "): the results need their measured values (add them to the plan and import it again)")
        }
        var objectiveResults: [ObjectiveResult] = []
        for objective in objectives {
            var indicatorResults: [IndicatorResult] = []
            for indicator in objective.indicators {
                indicatorResults.append(try indicator.result(compositeRule: settings.compositeRule))
            }
            let live = indicatorResults.compactMap(\.achievement)
            guard !live.isEmpty else {
                // Every indicator suppressed: no mean to take, and nothing for the OIV to validate.
                if validated(.objective(objective.id)) != nil {
                    throw RuleViolation("objective \(objective.id) has every indicator suppressed: it is left out of every mean and has no result to validate",
                                        field: "validated.scope", entry: "objective:" + objective.id)
                }
                objectiveResults.append(ObjectiveResult(objective: objective, indicators: indicatorResults, achievement: nil))
                continue
            }
            let computed = Ratio.mean(live)
            objectiveResults.append(ObjectiveResult(
                objective: objective, indicators: indicatorResults,
                achievement: figure(computed, scope: .objective(objective.id))))
        }
        // Each owner's objectives in plan order, grouped in one pass: a plan of a thousand Areas would otherwise
        // be searched a thousand times over.
        var positionsByOwner: [ObjectiveOwner: [Int]] = [:]
        for (position, result) in objectiveResults.enumerated() { positionsByOwner[result.objective.owner, default: []].append(position) }
        func owned(by owner: ObjectiveOwner) -> [ObjectiveResult] { (positionsByOwner[owner] ?? []).map { objectiveResults[$0] } }
        func combined(_ owned: [ObjectiveResult], _ label: String, area: String? = nil) throws(RuleViolation) -> Ratio {
            guard !owned.isEmpty else {
                throw RuleViolation("\(label) has no objectives", field: area == nil ? "objectives" : "areas.id", entry: area)
            }
            // A suppressed objective (every indicator suppressed) is left out, its weight with it.
            let results = owned.compactMap { result in result.achievement.map { (figure: $0, weight: result.objective.weight) } }
            guard !results.isEmpty else {
                throw RuleViolation("\(label) has no objective left that is not suppressed (every indicator of its objectives is suppressed)",
                                    field: area == nil ? "objectives" : "areas.id", entry: area)
            }
            guard settings.objectiveWeights else { return Ratio.mean(results.map(\.figure.applied)) }
            let total = results.reduce(Ratio.zero) { $0 + $1.weight }
            guard !total.isZero else { throw RuleViolation("the objective weights of \(label) sum to zero") }
            return results.reduce(Ratio.zero) { $0 + $1.figure.applied * $1.weight } / total
        }
        let ente = figure(try combined(owned(by: .ente), "the ente"), scope: .ente)
        var areaResults: [ResultFigure] = []
        for area in areas {
            let computed = try combined(owned(by: .area(area.id)), "Area \(area.id)", area: area.id)
            areaResults.append(figure(computed, scope: .area(area.id)))
        }
        return OrganisationalResults(objectives: objectiveResults, ente: ente, areas: areaResults)
    }

    /// The ids of the indicators (sub-indicators included), not suppressed, that have no measured value yet.
    public var unmeasuredIndicatorIDs: [String] {
        func missing(_ indicator: Indicator) -> [String] {
            guard !indicator.isSuppressed else { return [] }
            switch indicator.content {
            case let .measured(_, measured): return measured == nil ? [indicator.id] : []
            case let .composite(_, subs): return subs.flatMap(missing)
            }
        }
        return objectives.flatMap(\.indicators).flatMap(missing)
    }

    private func figure(_ computed: Ratio, scope: ValidatedResult.Scope) -> ResultFigure {
        ResultFigure(computed: computed, validated: validated(scope))
    }
}
