/// The next year's files drafted from one year's: what carries over (the plan's objectives and indicators with their
/// targets, the Areas and their managers, the people with their part-time and their individual objectives and weights,
/// the fund's lines) and what belongs to the year that ends and is left behind (measured values and their notes, revisions and
/// suppressions, the OIV's validated results, ratings, months of service and reasons for not being assessable, the
/// Giunta's and OIV's confirmations, the acts behind the fund's lines). A draft for HR to complete, imported for
/// planning: `changes` says what HR must look at before it is.
public struct NextYearDraft: Sendable {
    public let plan: OrganisationalPlan
    public let staff: [StaffMember]
    public let objectives: [IndividualObjective]
    public let fund: Fund
    public let changes: Changes

    /// What the draft left behind or changed, each named, for HR to check.
    public struct Changes: Sendable, Equatable {
        /// The indicators whose measured value was left behind.
        public var measuredLeftOut: [String] = []
        /// The deadline indicators whose months moved a year on (sub-indicators included).
        public var deadlinesMoved: [String] = []
        /// Indicators whose note was left behind: a note speaks of the year's measurement.
        public var notesLeftOut: [String] = []
        /// Suppressed indicators, left out of the new plan.
        public var suppressedLeftOut: [String] = []
        /// Objectives left with no indicator once the suppressed ones were left out, left out too.
        public var objectivesLeftOut: [String] = []
        /// Areas that have no objective of their own in the new plan.
        public var areasWithoutObjectives: [String] = []
        /// Indicators revised during the year: their targets as revised carry over, the revision's act does not.
        public var revisionsLeftOut: [String] = []
        /// How many results the OIV validated, left behind.
        public var validatedLeftOut = 0
        /// People whose months of service were under 12: given 12.
        public var serviceReset: [Situation] = []
        /// People not assessable in the year: assessable in the draft.
        public var assessableAgain: [Situation] = []
        /// Assessable people with no individual objective to carry over.
        public var withoutObjectives: [String] = []
        /// How many individual objectives had a rating, left behind.
        public var ratingsLeftOut = 0
        /// Whether the Giunta's and the OIV's confirmations of the fund were left behind.
        public var giuntaLeftOut = false
        public var oivLeftOut = false
        /// How many fund lines named an act, whose reference was left behind (the act is the year's).
        public var lineReferencesLeftOut = 0
        /// Texts carried over that name the year drafted from, to be brought up to date: the plan's objectives and
        /// indicators (by id) and the fund's lines (by position, from 1), as their titles, names, units and
        /// descriptions do; and how many individual objectives' titles.
        public var planTextsNamingTheYear: [String] = []
        public var fundLinesNamingTheYear: [Int] = []
        public var individualTitlesNamingTheYear = 0
        /// The funds' totals carried over, as the year's: to replace with the new year's.
        public var staffFund = Cents.zero
        public var managersFund = Cents.zero
    }

    /// A person's situation in the year drafted from.
    public struct Situation: Sendable, Equatable {
        public let employeeID: String
        public let name: String
        public let months: Int
        public let notAssessableReason: String?
    }

    /// Drafts the year after `plan.year`. Throws when that year is beyond the calendar's (2999).
    public init(plan: OrganisationalPlan, records: StaffRecords, fund: Fund) throws(RuleViolation) {
        let next = plan.year + 1
        guard YearMonth(year: next, month: 1) != nil else {
            throw RuleViolation("the year after \(plan.year) is beyond the last year a plan may have")
        }
        var changes = Changes()
        var objectives: [Objective] = []
        let year = plan.year
        for objective in plan.objectives {
            let indicators = objective.indicators.compactMap { Self.carried($0, from: year, into: &changes) }
            guard !indicators.isEmpty else {
                changes.objectivesLeftOut.append(objective.id)
                continue
            }
            if Self.names(year, objective.title) { changes.planTextsNamingTheYear.append(objective.id) }
            objectives.append(Objective(id: objective.id, title: objective.title, owner: objective.owner,
                                        strategicLines: objective.strategicLines, weight: objective.weight, indicators: indicators))
        }
        let owners = Set(objectives.map(\.owner))
        changes.areasWithoutObjectives = plan.areas.map(\.id).filter { !owners.contains(.area($0)) }
        changes.validatedLeftOut = plan.validated.count
        self.plan = OrganisationalPlan(body: plan.body, year: next, strategicLines: plan.strategicLines, areas: plan.areas,
                                       objectives: objectives)

        var staff: [StaffMember] = []
        staff.reserveCapacity(records.staff.count)
        for (person, member) in records.staff.enumerated() {
            let situation = Situation(employeeID: member.id, name: member.name, months: member.monthsOfService,
                                      notAssessableReason: member.notAssessableReason)
            if member.monthsOfService < 12 { changes.serviceReset.append(situation) }
            if member.notAssessableReason != nil { changes.assessableAgain.append(situation) }
            if records.objectiveStart[person] == records.objectiveStart[person + 1] { changes.withoutObjectives.append(member.id) }
            staff.append(StaffMember(id: member.id, name: member.name, role: member.role, category: member.category, area: member.area,
                                     partTimeBasisPoints: member.partTimeBasisPoints))
        }
        self.staff = staff
        var individual: [IndividualObjective] = []
        individual.reserveCapacity(records.objectives.count)
        for objective in records.objectives {
            if objective.cosa != nil || objective.come != nil { changes.ratingsLeftOut += 1 }
            if Self.names(year, objective.title) { changes.individualTitlesNamingTheYear += 1 }
            individual.append(IndividualObjective(person: objective.person, code: objective.code, title: objective.title,
                                                  weightBasisPoints: objective.weightBasisPoints, cosa: nil, come: nil))
        }
        self.objectives = individual

        changes.giuntaLeftOut = fund.giunta != nil
        changes.oivLeftOut = fund.oiv != nil
        changes.lineReferencesLeftOut = fund.lines.filter { $0.reference != nil }.count
        changes.staffFund = fund.total(.staff)
        changes.managersFund = fund.total(.managers)
        changes.fundLinesNamingTheYear = fund.lines.indices.filter { Self.names(year, fund.lines[$0].description) }.map { $0 + 1 }
        self.fund = Fund(year: next, lines: fund.lines.map { FundLine(fund: $0.fund, description: $0.description, amount: $0.amount) })
        self.changes = changes
    }

    /// The indicator as next year's plan has it, or nil when it was suppressed.
    private static func carried(_ indicator: Indicator, from year: Int, into changes: inout Changes) -> Indicator? {
        guard !indicator.isSuppressed else {
            changes.suppressedLeftOut.append(indicator.id)
            return nil
        }
        if indicator.revision != nil { changes.revisionsLeftOut.append(indicator.id) }
        if indicator.note != nil { changes.notesLeftOut.append(indicator.id) }
        if [indicator.name, indicator.unit ?? ""].contains(where: { names(year, $0) }) {
            changes.planTextsNamingTheYear.append(indicator.id)
        }
        let content: Indicator.Content
        switch indicator.content {
        case let .measured(scale, measured):
            if measured != nil { changes.measuredLeftOut.append(indicator.id) }
            if scale.kind == .deadline { changes.deadlinesMoved.append(indicator.id) }
            content = .measured(scale: movedOn(scale), measured: nil)
        case let .composite(steps, subs):
            let kept = subs.compactMap { carried($0, from: year, into: &changes) }
            // Every sub-indicator suppressed: the composite is left out, as the model has it suppressed itself.
            guard !kept.isEmpty else { return nil }
            content = .composite(stepAchievements: steps, subIndicators: kept)
        }
        return Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, content: content)
    }

    /// Whether `text` names `year` as a number of its own: "Fondo 2019", "(2019)", not "120190".
    static func names(_ year: Int, _ text: String) -> Bool {
        let digits = Array(String(year).utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= digits.count else { return false }
        func isDigit(_ at: Int) -> Bool { bytes.indices.contains(at) && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) }
        for start in 0...(bytes.count - digits.count) where bytes[start..<(start + digits.count)].elementsEqual(digits) {
            if !isDigit(start - 1) && !isDigit(start + digits.count) { return true }
        }
        return false
    }

    /// A deadline scale's months a year on (met by the same day of the next year); any other scale as it is.
    private static func movedOn(_ scale: TargetScale) -> TargetScale {
        guard scale.kind == .deadline else { return scale }
        let steps = scale.steps.map { step -> ScaleStep in
            guard case let .month(month) = step.threshold, let later = YearMonth(year: month.year + 1, month: month.month) else { return step }
            return ScaleStep(threshold: .month(later), achievement: step.achievement)
        }
        // The same order a year on, and the same achievements: a scale the initialiser accepts, as it accepted this one.
        return (try? TargetScale(kind: scale.kind, steps: steps)) ?? scale
    }
}
