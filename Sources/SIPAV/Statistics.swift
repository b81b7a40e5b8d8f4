import BigInt

/// Count, total, mean, minimum and maximum of the bonuses of a group of people, in cents.
public struct BonusFigures: Sendable, Hashable {
    public let count: Int
    public let total: Int64
    public let minimum: Int64?
    public let maximum: Int64?
    /// Exact mean in cents; nil for an empty group.
    public var mean: Ratio? { count == 0 ? nil : Ratio(BigInt(total), BigInt(count)) }

    init(count: Int, total: Int64, minimum: Int64?, maximum: Int64?) {
        (self.count, self.total, self.minimum, self.maximum) = (count, total, minimum, maximum)
    }

    init(_ amounts: some Sequence<Int64>) {
        var (count, total, low, high) = (0, Int64(0), Int64?.none, Int64?.none)
        for amount in amounts {
            count += 1
            total += amount
            low = min(low ?? amount, amount)
            high = max(high ?? amount, amount)
        }
        (self.count, self.total, self.minimum, self.maximum) = (count, total, low, high)
    }
}

/// The differentiation statistics of one group of people (managers, other staff, an Area, a category).
public struct GroupStatistics: Sendable, Hashable {
    public enum Group: Sendable, Hashable {
        case everyone, managers, staff
        case area(String)
        case category(String)
    }
    public let group: Group
    /// Everyone in the group, not-assessable people included: the base of every percentage.
    public let population: Int
    /// People at each final score 0…6.
    public let scoreCounts: [Int]
    public let notAssessable: Int
    /// People in BASSA, MEDIA, ALTA (not-assessable people counted in BASSA), in `Band.allCases` order.
    public let bandCounts: [Int]
    /// Over assessable people only; nil when there are none.
    public let meanScore: Ratio?
    public let medianScore: Ratio?
    /// Population standard deviation of the final scores (a statistic, not money: floating point).
    public let standardDeviation: Double?
    /// The sum of the theoretical shares, the amount paid, and their difference (not paid).
    public let allocated: Int64
    public let paid: Int64
    public var unpaid: Int64 { allocated - paid }
    public let bonusByScore: [BonusFigures]
    public let bonusNotAssessable: BonusFigures
    public let bonusByBand: [BonusFigures]
    /// Gini index of everyone's amount, zeros included: 0 = all equal; nil when nothing is paid.
    public let gini: Ratio?

    /// `count` as a fraction of the population.
    public func share(_ count: Int) -> Ratio { population == 0 ? .zero : Ratio(count, population) }
}

/// The statistics the body publishes for the year.
public struct DifferentiationStatistics: Sendable, Hashable {
    public let everyone: GroupStatistics
    public let managers: GroupStatistics
    public let staff: GroupStatistics
    /// Other staff, per Area (plan order) and per category (alphabetical).
    public let staffByArea: [GroupStatistics]
    public let staffByCategory: [GroupStatistics]
    public let allocation: Allocation
    /// The band of each final score 0…6, as the bonus figures per band count them.
    public let bandOfScore: [Band]
}

extension AllocationInput {
    /// Computes every published statistic from the scores and the allocation.
    public func statistics(_ allocation: Allocation, areas: [Area]) -> DifferentiationStatistics {
        statisticsByCounting(allocation, areas: areas) ?? statisticsPersonByPerson(allocation, areas: areas)
    }

    /// The statistics computed group by group, person by person: the reference for `statisticsByCounting`.
    func statisticsPersonByPerson(_ allocation: Allocation, areas: [Area]) -> DifferentiationStatistics {
        let staff = records.staff
        var cents = [Int64](repeating: 0, count: staff.count)
        var shareCents = [Ratio](repeating: .zero, count: staff.count)
        for fund in [allocation.staff, allocation.managers] {
            for person in fund.people {
                cents[person.person] = person.cents
                shareCents[person.person] = person.share
            }
        }
        let managers = staff.indices.filter { staff[$0].role.fund == .managers }
        let others = staff.indices.filter { staff[$0].role.fund == .staff }
        let categories = Set(others.map { staff[$0].category }).sorted()
        let byArea = areas.indices.map { area in (GroupStatistics.Group.area(areas[area].id), others.filter { staff[$0].area == area }) }
        let byCategory = categories.map { category in (GroupStatistics.Group.category(category), others.filter { staff[$0].category == category }) }
        /// The groups of a set, each with its share of the fund in whole cents that add up to the set's.
        func groups(_ set: [(GroupStatistics.Group, [Int])]) -> [GroupStatistics] {
            let allocated = Self.apportioned(set.map { $0.1.reduce(Ratio.zero) { $0 + shareCents[$1] } })
            return zip(set, allocated).map { group, allocated in
                statistics(of: group.0, members: group.1, cents: cents, allocated: allocated)
            }
        }
        let funds = groups([(.managers, managers), (.staff, others)])
        return DifferentiationStatistics(
            everyone: groups([(.everyone, Array(staff.indices))])[0], managers: funds[0], staff: funds[1],
            staffByArea: groups(byArea), staffByCategory: groups(byCategory),
            allocation: allocation, bandOfScore: scores.bandOfScore)
    }

    /// Whole cents for the exact shares of a set of groups, adding up to their sum rounded half-up (the fund, when the
    /// set covers it): each share's floor, then a cent more to the largest remainders, the earlier group on a tie.
    /// Each share rounded on its own would miss the total by a cent or more.
    static func apportioned(_ exact: [Ratio]) -> [Int64] {
        LargestRemainder.round(exact, tieOrder: Array(exact.indices)).cents
    }

    func statistics(of kind: GroupStatistics.Group, members: [Int], cents: [Int64], allocated: Int64) -> GroupStatistics {
        var scoreCounts = [Int](repeating: 0, count: 7)
        var bandCounts = [Int](repeating: 0, count: Band.allCases.count)
        var assessedScores: [Int] = []
        for person in members {
            bandCounts[Band.allCases.firstIndex(of: scores.band(person))!] += 1
            if scores.isAssessable(person) {
                scoreCounts[Int(scores.score[person])] += 1
                assessedScores.append(Int(scores.score[person]))
            }
        }
        return GroupStatistics(
            group: kind, population: members.count, scoreCounts: scoreCounts,
            notAssessable: members.count - assessedScores.count, bandCounts: bandCounts,
            meanScore: assessedScores.isEmpty ? nil : Ratio(assessedScores.reduce(0, +), assessedScores.count),
            medianScore: Self.median(assessedScores), standardDeviation: Self.standardDeviation(assessedScores),
            allocated: allocated, paid: members.reduce(0) { $0 + cents[$1] },
            bonusByScore: (0...6).map { score in
                BonusFigures(members.lazy.filter { self.scores.score[$0] == score }.map { cents[$0] })
            },
            bonusNotAssessable: BonusFigures(members.lazy.filter { !self.scores.isAssessable($0) }.map { cents[$0] }),
            bonusByBand: Band.allCases.map { band in
                BonusFigures(members.lazy.filter { self.scores.band($0) == band }.map { cents[$0] })
            },
            gini: Self.gini(members.map { cents[$0] }))
    }

    static func median(_ values: [Int]) -> Ratio? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Ratio(sorted[middle]) : Ratio(sorted[middle - 1] + sorted[middle], 2)
    }

    static func standardDeviation(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        let mean = Double(values.reduce(0, +)) / n
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        return variance.squareRoot()
    }

    /// Gini index from the amounts sorted ascending: (2 Σ i·x_i) / (n Σ x) − (n + 1) / n, i from 1.
    static func gini(_ amounts: [Int64]) -> Ratio? {
        let total = amounts.reduce(BigInt(0)) { $0 + BigInt($1) }
        guard !total.isZero else { return nil }
        let sorted = amounts.sorted()
        var weighted = BigInt(0)
        for (index, amount) in sorted.enumerated() { weighted += BigInt(index + 1) * BigInt(amount) }
        let n = BigInt(sorted.count)
        return Ratio(2 * weighted, n * total) - Ratio(n + 1, n)
    }
}
