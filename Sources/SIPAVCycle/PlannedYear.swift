import SIPAV
import SIPAVFiles

/// A year whose objectives are being planned (`--planning`): read and checked as any year is, but its individual
/// objectives may be unrated and its plan's indicators not yet measured. The plan's own rules (an objective with an
/// indicator left, an ente and Areas with objectives, weights that do not sum to zero) are checked by computing its
/// results with every indicator not yet measured read as meeting no step; those results are not kept, nothing
/// having been measured.
public enum PlannedYear {
    /// Loads the year's files as `YearInputs.load` does, and checks the plan's rules. Throws `InputErrors`.
    public static func load(_ paths: InputPaths) throws -> YearInputs {
        let inputs = try YearInputs.load(paths, requireRatings: false, whilePlanning: true)
        do {
            _ = try withNothingMet(inputs.plan).results(settings: inputs.settings.organisation)
        } catch {
            throw InputErrors([Cycle.fault(error, in: paths.plan, namingFields: paths.namesFiles)])
        }
        return inputs
    }

    /// The plan with each indicator not yet measured given a measurement of its kind that meets no step.
    static func withNothingMet(_ plan: OrganisationalPlan) -> OrganisationalPlan {
        func filled(_ indicator: Indicator) -> Indicator {
            let content: Indicator.Content
            switch indicator.content {
            case let .measured(scale, nil) where !indicator.isSuppressed:
                content = .measured(scale: scale, measured: nothingMet(scale.kind))
            case let .composite(steps, subs):
                content = .composite(stepAchievements: steps, subIndicators: subs.map(filled))
            default:
                return indicator
            }
            return Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, note: indicator.note, content: content,
                             revision: indicator.revision, suppression: indicator.suppression)
        }
        let objectives = plan.objectives.map {
            Objective(id: $0.id, title: $0.title, owner: $0.owner, strategicLines: $0.strategicLines, weight: $0.weight,
                      indicators: $0.indicators.map(filled))
        }
        return OrganisationalPlan(body: plan.body, year: plan.year, strategicLines: plan.strategicLines, areas: plan.areas,
                                  objectives: objectives, validated: plan.validated)
    }

    /// A measurement of a scale of `kind` that suits it: what matters is that the plan's rules can be checked.
    static func nothingMet(_ kind: ThresholdKind) -> Measurement {
        switch kind {
        case .below, .atMost, .above, .atLeast: .number(.zero)
        case .deadline: .notCompleted
        case .yesNo: .yesNo(false)
        }
    }
}
