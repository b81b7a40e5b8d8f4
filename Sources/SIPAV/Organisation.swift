/// Who an organisational objective belongs to: the body as a whole, or one of its Areas.
public enum ObjectiveOwner: Sendable, Hashable {
    case ente
    case area(String)
}

/// A strategic line of the body's plan (the report has five).
public struct StrategicLine: Sendable, Hashable {
    public let id: String
    public let name: String
    public init(id: String, name: String) { (self.id, self.name) = (id, name) }
}

/// An *Area* of the body, led by a *dirigente*.
public struct Area: Sendable, Hashable {
    public let id: String
    public let name: String
    /// The employee id of the Area's manager, whose appraisal is shown beside the Area's result.
    public let manager: String?
    public init(id: String, name: String, manager: String?) { (self.id, self.name, self.manager) = (id, name, manager) }
}

/// An organisational objective with its indicators.
public struct Objective: Sendable, Hashable {
    public let id: String
    public let title: String
    public let owner: ObjectiveOwner
    public let strategicLines: [String]
    /// Used only when the setting `organisation.objective_weights` is on.
    public let weight: Ratio
    public let indicators: [Indicator]

    public init(id: String, title: String, owner: ObjectiveOwner, strategicLines: [String], weight: Ratio = .one,
                indicators: [Indicator]) {
        self.id = id
        self.title = title
        self.owner = owner
        self.strategicLines = strategicLines
        self.weight = weight
        self.indicators = indicators
    }
}

/// A figure validated by the OIV, recorded in place of the computed one.
public struct ValidatedResult: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case ente
        case area(String)
        case objective(String)
    }
    public let scope: Scope
    public let achievement: Ratio
    public let reference: Reference
    public init(scope: Scope, achievement: Ratio, reference: Reference) {
        (self.scope, self.achievement, self.reference) = (scope, achievement, reference)
    }
}

/// The organisational plan of one year with its measurements.
public struct OrganisationalPlan: Sendable, Hashable {
    public let body: String
    public let year: Int
    public let strategicLines: [StrategicLine]
    public let areas: [Area]
    public let objectives: [Objective]
    public let validated: [ValidatedResult]

    public init(body: String, year: Int, strategicLines: [StrategicLine], areas: [Area], objectives: [Objective],
                validated: [ValidatedResult] = []) {
        self.body = body
        self.year = year
        self.strategicLines = strategicLines
        self.areas = areas
        self.objectives = objectives
        self.validated = validated
    }

    public func areaIndex(_ id: String) -> Int? { areas.firstIndex { $0.id == id } }

    /// The OIV's figure for `scope`, when recorded: the one in force in place of the computed one.
    public func validated(_ scope: ValidatedResult.Scope) -> ValidatedResult? { validated.last { $0.scope == scope } }
}
