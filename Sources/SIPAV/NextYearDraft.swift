/// The next year's files drafted from one year's: what carries over (the plan's strategic lines, Areas, objectives and
/// indicators with their targets and notes, the people with their part-time and their individual objectives and
/// weights, the fund's lines) and what belongs to the year that ends and is left behind (measured values, the acts of
/// revision and suppression, the OIV's validated results, ratings, months of service and reasons for not being
/// assessable, the Giunta's and OIV's confirmations, the fund's amounts and the acts behind its lines). A draft for HR
/// to complete, imported for planning: `changes` says what HR must look at before it is.
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
        /// Indicators with a note, carried: a note often speaks of the year's measurement.
        public var notesCarried: [String] = []
        /// Indicators suppressed during the year: carried live, without the act that suppressed them.
        public var suppressionsLeftOut: [String] = []
        /// Indicators revised during the year: their targets as revised carry over, the revision's act does not.
        public var revisionsLeftOut: [String] = []
        /// How many results the OIV validated, left behind.
        public var validatedLeftOut = 0
        /// Texts carried over that name a year up to the one drafted from (`Fondo 2019`, `entro giugno 2019`), in the
        /// plan's order: strategic lines and Areas (by id), objectives and their indicators (by id), for their
        /// names, titles, units and notes.
        public var planTextsNamingAYear: [PlanText] = []
        /// People whose months of service were under 12: given 12.
        public var serviceReset: [Situation] = []
        /// People not assessable in the year: assessable in the draft.
        public var assessableAgain: [Situation] = []
        /// People with no individual objective to carry over, all assessable in the draft.
        public var withoutObjectives: [Situation] = []
        /// How many individual objectives had a rating, left behind.
        public var ratingsLeftOut = 0
        /// Individual objectives whose title names a year up to the one drafted from: employee id and code.
        public var individualTitlesNamingAYear: [PersonalObjective] = []
        /// Whether the Giunta's and the OIV's confirmations of the fund were left behind.
        public var giuntaLeftOut = false
        public var oivLeftOut = false
        /// The fund's lines as they were, amounts and acts: carried with no amount and no act.
        public var fundLines: [FundLine] = []
        /// The positions (from 1) of the fund's lines whose description names a year up to the one drafted from.
        public var fundLinesNamingAYear: [Int] = []
    }

    /// A text of the plan, by what holds it.
    public enum PlanText: Sendable, Hashable {
        case strategicLine(String)
        case area(String)
        case objective(String)
        case indicator(String)
    }

    /// One person's individual objective, by its code.
    public struct PersonalObjective: Sendable, Hashable {
        public let employeeID: String
        public let code: String
    }

    /// A person's situation in the year drafted from.
    public struct Situation: Sendable, Equatable {
        public let employeeID: String
        public let name: String
        public let months: Int
        public let notAssessableReason: String?
    }

    /// How many years back a text's year is looked for: `mandato 2019-2024` in a plan of 2021 names 2019.
    static let yearsLookedBack = 10

    /// Drafts the year after `plan.year`. Throws when that year is beyond the calendar's (2999).
    public init(plan: OrganisationalPlan, records: StaffRecords, fund: Fund) throws(RuleViolation) {
        let next = plan.year + 1
        guard YearMonth(year: next, month: 1) != nil else {
            throw RuleViolation("the year after \(plan.year) is beyond the last year a plan may have")
        }
        let years = (plan.year - Self.yearsLookedBack)...plan.year
        var changes = Changes()
        for line in plan.strategicLines where Self.namesAYear(years, line.name) { changes.planTextsNamingAYear.append(.strategicLine(line.id)) }
        for area in plan.areas where Self.namesAYear(years, area.name) { changes.planTextsNamingAYear.append(.area(area.id)) }
        var objectives: [Objective] = []
        for objective in plan.objectives {
            if Self.namesAYear(years, objective.title) { changes.planTextsNamingAYear.append(.objective(objective.id)) }
            let indicators = objective.indicators.map { Self.carried($0, naming: years, into: &changes) }
            objectives.append(Objective(id: objective.id, title: objective.title, owner: objective.owner,
                                        strategicLines: objective.strategicLines, weight: objective.weight, indicators: indicators))
        }
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
            if records.objectiveStart[person] == records.objectiveStart[person + 1] { changes.withoutObjectives.append(situation) }
            staff.append(StaffMember(id: member.id, name: member.name, role: member.role, category: member.category, area: member.area,
                                     partTimeBasisPoints: member.partTimeBasisPoints))
        }
        self.staff = staff
        var individual: [IndividualObjective] = []
        individual.reserveCapacity(records.objectives.count)
        for objective in records.objectives {
            if objective.cosa != nil || objective.come != nil { changes.ratingsLeftOut += 1 }
            if Self.namesAYear(years, objective.title) {
                changes.individualTitlesNamingAYear.append(PersonalObjective(employeeID: records.staff[objective.person].id, code: objective.code))
            }
            individual.append(IndividualObjective(person: objective.person, code: objective.code, title: objective.title,
                                                  weightBasisPoints: objective.weightBasisPoints, cosa: nil, come: nil))
        }
        self.objectives = individual

        changes.giuntaLeftOut = fund.giunta != nil
        changes.oivLeftOut = fund.oiv != nil
        changes.fundLines = fund.lines
        changes.fundLinesNamingAYear = fund.lines.indices.filter { Self.namesAYear(years, fund.lines[$0].description) }.map { $0 + 1 }
        // No amount: the new year's fund is constituted anew, and last year's amounts, left in place, would be paid.
        self.fund = Fund(year: next, lines: fund.lines.map { FundLine(fund: $0.fund, description: $0.description, amount: .zero) })
        self.changes = changes
    }

    /// The indicator as next year's plan has it: live, not measured, without the year's acts.
    private static func carried(_ indicator: Indicator, naming years: ClosedRange<Int>, into changes: inout Changes) -> Indicator {
        if indicator.isSuppressed { changes.suppressionsLeftOut.append(indicator.id) }
        if indicator.revision != nil { changes.revisionsLeftOut.append(indicator.id) }
        if indicator.note != nil { changes.notesCarried.append(indicator.id) }
        if [indicator.name, indicator.unit ?? "", indicator.note ?? ""].contains(where: { namesAYear(years, $0) }) {
            changes.planTextsNamingAYear.append(.indicator(indicator.id))
        }
        let content: Indicator.Content
        switch indicator.content {
        case let .measured(scale, measured):
            if measured != nil { changes.measuredLeftOut.append(indicator.id) }
            if scale.kind == .deadline { changes.deadlinesMoved.append(indicator.id) }
            content = .measured(scale: movedOn(scale), measured: nil)
        case let .composite(steps, subs):
            content = .composite(stepAchievements: steps, subIndicators: subs.map { carried($0, naming: years, into: &changes) })
        }
        return Indicator(id: indicator.id, name: indicator.name, unit: indicator.unit, note: indicator.note, content: content)
    }

    /// Whether `text` names one of `years` as a number of its own: "Fondo 2019", "(2019)", "2019-2024", not "120190".
    static func namesAYear(_ years: ClosedRange<Int>, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isDigit(_ at: Int) -> Bool { bytes.indices.contains(at) && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) }
        var start = 0
        while start < bytes.count {
            guard isDigit(start) else { start += 1; continue }
            var end = start
            while isDigit(end) { end += 1 }
            if end - start == 4, let year = Int(String(decoding: bytes[start..<end], as: UTF8.self)), years.contains(year) { return true }
            start = end
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
