/// How the published statistics protect the people they count.
public struct StatisticsSettings: Sendable, Hashable {
    /// A group of fewer people than this has only its head count published: its scores, percentages, means and
    /// amounts would be one or two people's own (the Garante's 2014 transparency guidelines ask for aggregates
    /// that identify no one). 1 publishes every group.
    public var minimumGroupSize = 3
    public init() {}
}

/// Which figures of the statistics are withheld, and why. A group (or a class of bonuses: a band, a score, the
/// not assessable) of fewer than `minimumGroupSize` people is withheld; so is a second one wherever a single
/// withheld figure of a set could be had back by subtracting the others from their published total (cell
/// suppression's known weakness): the managers and the other staff within everyone, the Areas and the
/// categories within the other staff, the scores and the bands within a fund's bonuses, the scores within a band.
/// A class paid nothing by rule (BASSA: scores 0 and 1, the not assessable) hides nothing by being withheld: its
/// total is known to be 0, so it never stands as the second withheld figure of a set. With a paid class of the other
/// staff withheld, what each Area and category was paid is withheld too: with the bands and scores it publishes, it
/// could give the class back.
public struct StatisticsDisclosure: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// Fewer people than the minimum.
        case fewPeople
        /// Fewer assessable people than the minimum, in a group of enough people: their scores would be theirs.
        case fewAssessable
        /// Fewer people paid (in MEDIA or ALTA) than the minimum, in a group of enough people: the amount would be theirs.
        case fewPaid
        /// Enough people, but with the others of its set it would give back a withheld figure by difference.
        case derivable
        /// A band's minimum or maximum, which would be that of a withheld score within it.
        case extremeOfWithheld
        /// A class's minimum and maximum, which with its total would give back what the people between them were paid
        /// together, fewer of them than the minimum: in a class of three, the third person's amount.
        case extremesGiveTheRest
    }
    /// A class of the bonus figures of a fund's group.
    public enum BonusClass: Sendable, Hashable {
        case band(Band)
        case score(Int)
        case notAssessable
    }

    public let minimumGroupSize: Int
    public let groups: [GroupStatistics.Group: Reason]
    /// Per fund's group (managers, other staff), its withheld bonus classes.
    public let bonusClasses: [GroupStatistics.Group: [BonusClass: Reason]]
    /// Per fund's group, the published classes whose minimum and maximum are withheld: a class with fewer than the
    /// minimum people between its lowest and highest, whose amounts its total would give back; a band holding a score
    /// (or the not assessable) withheld or with its extremes withheld, as its lowest or highest amount may be that
    /// score's own.
    public let extremes: [GroupStatistics.Group: [BonusClass: Reason]]

    /// Per group published, why its mean, median and standard deviation are withheld: they are of its assessable
    /// people only, and fewer than the minimum of them would have their scores shown (three people, two not assessable).
    public let scoreFigures: [GroupStatistics.Group: Reason]
    /// Per group published, why what it was paid is withheld: only people in MEDIA or ALTA are paid, and fewer than the
    /// minimum of them would have their pay shown (a category of three, one paid).
    public let paidFigures: [GroupStatistics.Group: Reason]

    public func reason(_ group: GroupStatistics.Group) -> Reason? { groups[group] }
    /// Why a group's mean, median and standard deviation are withheld; nil when they are published.
    public func scoreFiguresReason(_ group: GroupStatistics.Group) -> Reason? { groups[group] ?? scoreFigures[group] }
    /// Why what a group was paid (and its difference from its shares) is withheld; nil when it is published.
    public func paidReason(_ group: GroupStatistics.Group) -> Reason? { groups[group] ?? paidFigures[group] }
    public func reason(_ bonusClass: BonusClass, of group: GroupStatistics.Group) -> Reason? { bonusClasses[group]?[bonusClass] }
    /// Why the minimum and maximum of a bonus class are withheld; nil when they are published.
    public func extremesReason(_ bonusClass: BonusClass, of group: GroupStatistics.Group) -> Reason? {
        reason(bonusClass, of: group) ?? extremes[group]?[bonusClass]
    }
}

extension DifferentiationStatistics {
    /// What of these statistics may be published with groups of at least `minimumGroupSize` people.
    public func disclosure(minimumGroupSize: Int) -> StatisticsDisclosure {
        let groups = [everyone, managers, staff] + staffByArea + staffByCategory
        let sets: [(parent: GroupStatistics.Group?, parts: [GroupStatistics.Group])] = [
            (everyone.group, [managers.group, staff.group]),
            (staff.group, staffByArea.map(\.group)), (staff.group, staffByCategory.map(\.group)),
        ]
        let withheldGroups = Withholding.solve(sizes: groups.map { ($0.group, $0.population) }, minimum: minimumGroupSize, sets: sets)
        // The same withholding over the people behind the score figures, and over those who can have been paid.
        let scoreFigures = Withholding.solve(sizes: groups.map { ($0.group, $0.population - $0.notAssessable) },
                                             minimum: minimumGroupSize, sets: sets).mapValues { $0 == .fewPeople ? .fewAssessable : $0 }
        var paidFigures = Withholding.solve(
            sizes: groups.map { group in (group.group, zip(Band.allCases, group.bandCounts).filter { $0.0 != .bassa }.map(\.1).reduce(0, +)) },
            minimum: minimumGroupSize, sets: sets).mapValues { $0 == .fewPeople ? .fewPaid : $0 }
        var classes: [GroupStatistics.Group: [StatisticsDisclosure.BonusClass: StatisticsDisclosure.Reason]] = [:]
        var extremes: [GroupStatistics.Group: [StatisticsDisclosure.BonusClass: StatisticsDisclosure.Reason]] = [:]
        for group in [managers, staff] {
            typealias Class = StatisticsDisclosure.BonusClass
            let scores = (0...6).map { Class.score($0) } + [.notAssessable]
            let sizes = zip(Band.allCases, group.bonusByBand).map { (Class.band($0), $1.count) }
                + (0...6).map { (Class.score($0), group.bonusByScore[$0].count) } + [(.notAssessable, group.bonusNotAssessable.count)]
            // The group's total is published (or the group withheld): the scores and the bands each add up to it.
            let inBand = Band.allCases.map { band in
                (Class?.some(.band(band)), scores.filter { $0 == .notAssessable ? band == .bassa : bandOfScore[score($0)] == band })
            }
            // BASSA is paid nothing, by rule: its classes' totals are known whether published or not.
            let paidNothing = Set([Class.band(.bassa)] + scores.filter { $0 == .notAssessable || bandOfScore[score($0)] == .bassa })
            var solved = Withholding.solve(sizes: sizes, minimum: minimumGroupSize,
                                           sets: [(nil, scores), (nil, Band.allCases.map { .band($0) })] + inBand, known: paidNothing)
            if let whole = withheldGroups[group.group] {
                for (key, size) in sizes where size > 0 { solved[key] = whole }
            }
            classes[group.group] = solved
            var withheldExtremes: [Class: StatisticsDisclosure.Reason] = [:]
            if minimumGroupSize > 1 {
                for (key, size) in sizes where size > 0 && solved[key] == nil && size - 2 < minimumGroupSize {
                    withheldExtremes[key] = .extremesGiveTheRest
                }
            }
            // A band's extremes are most often those of its highest or lowest score: withheld with that score's figures
            // (said so, whatever the band's size) or its extremes, as the band's maximum beside that score's total would
            // give back the others' pay.
            for case let (.band(band)?, parts) in inBand {
                if parts.contains(where: { solved[$0] != nil }) {
                    withheldExtremes[.band(band)] = .extremeOfWithheld
                } else if parts.contains(where: { withheldExtremes[$0] != nil }) {
                    withheldExtremes[.band(band)] = withheldExtremes[.band(band)] ?? .extremeOfWithheld
                }
            }
            extremes[group.group] = withheldExtremes
            // A paid class withheld: what an Area or a category was paid, beside the bands and scores each publishes,
            // would give it back (a category holding every ALTA person and the lone score 3: its pay less ALTA's total is
            // that person's). Withheld for every Area and category of the other staff, the only fund they divide.
            if group.group == staff.group, solved.keys.contains(where: { !paidNothing.contains($0) }) {
                for part in staffByArea + staffByCategory where part.population > 0 && withheldGroups[part.group] == nil {
                    paidFigures[part.group] = paidFigures[part.group] ?? .derivable
                }
            }
        }
        return StatisticsDisclosure(minimumGroupSize: minimumGroupSize, groups: withheldGroups, bonusClasses: classes,
                                    extremes: extremes, scoreFigures: scoreFigures, paidFigures: paidFigures)
    }

    private func score(_ bonusClass: StatisticsDisclosure.BonusClass) -> Int {
        if case let .score(score) = bonusClass { return score }
        return 0
    }
}

/// The withholding of small cells and of those that would give them back by difference.
enum Withholding {
    /// Each key with some people but fewer than `minimum` is withheld for few people. Then, as long as a set (a
    /// parent, the sum of its parts; nil for a total always published) has exactly one withheld figure among the
    /// parent and the parts with people, which the others would give back, one more is withheld, as derivable:
    /// the smallest part that heads no set of its own, else the parent, else the smallest part (withholding a
    /// part that heads a set would spread to that set's parts). `known`: keys whose figure anyone knows without it
    /// being published (a class paid nothing by rule): withheld or not, they hide nothing, and are left out of the sets.
    static func solve<Key: Hashable>(sizes: [(Key, Int)], minimum: Int, sets: [(parent: Key?, parts: [Key])],
                                     known: Set<Key> = []) -> [Key: StatisticsDisclosure.Reason] {
        let size = Dictionary(sizes) { first, _ in first }
        let heads = Set(sets.compactMap(\.parent))
        var withheld: [Key: StatisticsDisclosure.Reason] = [:]
        for (key, people) in sizes where people > 0 && people < minimum { withheld[key] = .fewPeople }
        var changed = true
        while changed {
            changed = false
            for (parent, parts) in sets {
                let members = (parent.map { [$0] } ?? []) + parts.filter { (size[$0] ?? 0) > 0 }
                guard members.filter({ withheld[$0] != nil && !known.contains($0) }).count == 1 else { continue }
                let published = parts.enumerated()
                    .filter { (size[$0.element] ?? 0) > 0 && withheld[$0.element] == nil && !known.contains($0.element) }
                    .sorted { (size[$0.element]!, $0.offset) < (size[$1.element]!, $1.offset) }.map(\.element)
                let parentIfPublished = parent.flatMap { withheld[$0] == nil && !known.contains($0) ? $0 : nil }
                let choice = published.first { !heads.contains($0) } ?? parentIfPublished ?? published.first
                guard let choice else { continue }
                withheld[choice] = .derivable
                changed = true
            }
        }
        return withheld
    }
}
