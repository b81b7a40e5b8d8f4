import BigInt

extension AllocationInput {
    /// The statistics in a few passes over the people, whatever the number of groups: counts and bonus
    /// figures per group and score, then the standard deviations (summed in staff order, as the reference
    /// does, so that the floating point is bit for bit the same), then one sort of the amounts for every
    /// Gini index. Gives what `statisticsPersonByPerson` gives; nil when the columns cannot be used (then
    /// that one runs).
    func statisticsByCounting(_ allocation: Allocation, areas: [Area]) -> DifferentiationStatistics? {
        let columns = records.columns
        guard columns.isCompact, columns.categories.isASCII else { return nil }
        let count = records.staff.count
        let areaCount = areas.count

        // The groups: everyone, managers, other staff, other staff by Area and by category.
        var categoryUsed = [Bool](repeating: false, count: columns.categories.count)
        columns.managersFund.withUnsafeBufferPointer { managers in
            columns.category.withUnsafeBufferPointer { category in
                for person in 0..<count where !managers[person] { categoryUsed[Int(category[person])] = true }
            }
        }
        let categoryNumbers = categoryUsed.indices.filter { categoryUsed[$0] }
            .sorted { columns.categories[UInt32($0)] < columns.categories[UInt32($1)] }
        var categoryGroup = [Int](repeating: -1, count: columns.categories.count)
        for (rank, number) in categoryNumbers.enumerated() { categoryGroup[number] = 3 + areaCount + rank }
        let groupCount = 3 + areaCount + categoryNumbers.count

        // Each person's amount, and their share in units of a fund held by class (else as a Ratio).
        var cents = [Int64](repeating: 0, count: count)
        var shareUnits = [Int64](repeating: 0, count: count)
        var ratioShares: [Int: Ratio] = [:]
        for fund in [allocation.staff, allocation.managers] {
            switch fund.amounts {
            case let .byClass(amounts):
                amounts.members.withUnsafeBufferPointer { members in
                    amounts.cents.withUnsafeBufferPointer { amountCents in
                        amounts.units.withUnsafeBufferPointer { units in
                            cents.withUnsafeMutableBufferPointer { cents in
                                shareUnits.withUnsafeMutableBufferPointer { shareUnits in
                                    for row in members.indices {
                                        let person = Int(members[row])
                                        cents[person] = amountCents[row]
                                        shareUnits[person] = units[row]
                                    }
                                }
                            }
                        }
                    }
                }
            case let .each(people):
                for amount in people {
                    cents[amount.person] = amount.cents
                    ratioShares[amount.person] = amount.share
                }
            }
        }

        // Each person's groups beyond everyone: their fund's (1 managers, 2 other staff), and for other staff
        // their Area's and their category's (-1 for none).
        var fundGroup = [Int32](repeating: 2, count: count)
        var areaGroup = [Int32](repeating: -1, count: count)
        var categoryGroupOf = [Int32](repeating: -1, count: count)
        columns.managersFund.withUnsafeBufferPointer { managers in
            columns.area.withUnsafeBufferPointer { area in
                columns.category.withUnsafeBufferPointer { category in
                    fundGroup.withUnsafeMutableBufferPointer { fundGroup in
                        areaGroup.withUnsafeMutableBufferPointer { areaGroup in
                            categoryGroupOf.withUnsafeMutableBufferPointer { categoryGroupOf in
                                for person in 0..<count {
                                    if managers[person] {
                                        fundGroup[person] = 1
                                        continue
                                    }
                                    let areaIndex = Int(area[person])
                                    if areaIndex >= 0 && areaIndex < areaCount { areaGroup[person] = Int32(3 + areaIndex) }
                                    categoryGroupOf[person] = Int32(categoryGroup[Int(category[person])])
                                }
                            }
                        }
                    }
                }
            }
        }

        // Counts, totals, minima and maxima per group and score (7 = not assessable); shares per group.
        let codes = 8
        var tally = Tally(groups: groupCount, codes: codes)
        var staffUnitSums = [Int64](repeating: 0, count: groupCount)
        var managersUnitSums = [Int64](repeating: 0, count: groupCount)
        var ratioSums = [[Ratio]](repeating: [Ratio](repeating: .zero, count: groupCount), count: 2)
        // The Gini sums need only the amounts and the groups: they are made beside the counting, on another core.
        var weighted: [Int128] = []
        var squares = [Double](repeating: 0, count: groupCount)
        inParallel({
            weighted = Self.weightedRanks(cents: cents, fundGroup: fundGroup, areaGroup: areaGroup,
                                          categoryGroup: categoryGroupOf, areaCount: areaCount, groupCount: groupCount)
        }, {
            scores.score.withUnsafeBufferPointer { score in
                cents.withUnsafeBufferPointer { cents in
                    fundGroup.withUnsafeBufferPointer { fundGroup in
                        areaGroup.withUnsafeBufferPointer { areaGroup in
                            categoryGroupOf.withUnsafeBufferPointer { categoryGroup in
                                shareUnits.withUnsafeBufferPointer { shareUnits in
                                    staffUnitSums.withUnsafeMutableBufferPointer { staffUnits in
                                        managersUnitSums.withUnsafeMutableBufferPointer { managersUnits in
                                            tally.counting { tally in
                                                for person in 0..<count {
                                                    let code = score[person] < 0 ? 7 : Int(score[person])
                                                    let amount = cents[person]
                                                    let groups = (0, Int(fundGroup[person]), Int(areaGroup[person]), Int(categoryGroup[person]))
                                                    tally.add(groups.1, code, amount)
                                                    if groups.2 >= 0 { tally.add(groups.2, code, amount) }
                                                    if groups.3 >= 0 { tally.add(groups.3, code, amount) }
                                                    let units = shareUnits[person]
                                                    if groups.1 == 1 {
                                                        managersUnits[0] += units
                                                        managersUnits[1] += units
                                                    } else {
                                                        staffUnits[0] += units
                                                        staffUnits[2] += units
                                                        if groups.2 >= 0 { staffUnits[groups.2] += units }
                                                        if groups.3 >= 0 { staffUnits[groups.3] += units }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Everyone is the managers and the other staff: their counts, totals, minima and maxima make everyone's.
            tally.combine(into: 0, 1, 2)
            // Shares of a fund held person by person: added as Ratios.
            for (person, share) in ratioShares {
                let fund = fundGroup[person] == 1 ? 1 : 0
                for group in [0, Int(fundGroup[person]), Int(areaGroup[person]), Int(categoryGroupOf[person])] where group >= 0 {
                    ratioSums[fund][group] += share
                }
            }

            // Standard deviations: the squared deviations summed person by person in staff order.
            var terms = [Double](repeating: 0, count: groupCount * 7)
            for group in 0..<groupCount {
                let assessed = (0..<7).reduce(0) { $0 + tally.count[group * codes + $1] }
                guard assessed > 0 else { continue }
                let sum = (0..<7).reduce(0) { $0 + $1 * tally.count[group * codes + $1] }
                let mean = Double(sum) / Double(assessed)
                for score in 0..<7 { terms[group * 7 + score] = (Double(score) - mean) * (Double(score) - mean) }
            }
            scores.score.withUnsafeBufferPointer { score in
                fundGroup.withUnsafeBufferPointer { fundGroup in
                    areaGroup.withUnsafeBufferPointer { areaGroup in
                        categoryGroupOf.withUnsafeBufferPointer { categoryGroup in
                            terms.withUnsafeBufferPointer { terms in
                                squares.withUnsafeMutableBufferPointer { squares in
                                    for person in 0..<count where score[person] >= 0 {
                                        let value = Int(score[person])
                                        let (fund, area, category) = (Int(fundGroup[person]), Int(areaGroup[person]), Int(categoryGroup[person]))
                                        squares[0] += terms[value]
                                        squares[fund] += terms[fund * 7 + value]
                                        if area >= 0 { squares[area] += terms[area * 7 + value] }
                                        if category >= 0 { squares[category] += terms[category * 7 + value] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        })
        let (tallyCount, tallyTotal, tallyMinimum, tallyMaximum) = (tally.count, tally.total, tally.minimum, tally.maximum)
        let unitSums = [staffUnitSums, managersUnitSums]

        func figures(_ group: Int, _ scoreCodes: [Int]) -> BonusFigures {
            var (count, total, minimum, maximum) = (0, Int64(0), Int64.max, Int64.min)
            for code in scoreCodes {
                let slot = group * codes + code
                count += tallyCount[slot]
                total += tallyTotal[slot]
                minimum = min(minimum, tallyMinimum[slot])
                maximum = max(maximum, tallyMaximum[slot])
            }
            return BonusFigures(count: count, total: total, minimum: count == 0 ? nil : minimum, maximum: count == 0 ? nil : maximum)
        }
        let funds = [allocation.staff, allocation.managers]
        // The fund allocated to each group, exact: Σ F × U / T over the funds held by class (below 2^63 × 2^63
        // each), plus the shares held as Ratios. Then in whole cents set by set, as the reference does.
        let exactAllocated = (0..<groupCount).map { group in
            var allocated = Ratio.zero
            for (fund, allocation) in funds.enumerated() {
                if case let .byClass(amounts) = allocation.amounts {
                    if unitSums[fund][group] != 0 { allocated += Ratio(int128: amounts.fundCents &* Int128(unitSums[fund][group]), amounts.totalUnits) }
                } else {
                    allocated += ratioSums[fund][group]
                }
            }
            return allocated
        }
        var allocatedCents = [Int64](repeating: 0, count: groupCount)
        for set in [0..<1, 1..<3, 3..<(3 + areaCount), (3 + areaCount)..<groupCount] {
            for (group, cents) in zip(set, Self.apportioned(set.map { exactAllocated[$0] })) { allocatedCents[group] = cents }
        }
        func statistics(_ kind: GroupStatistics.Group, _ group: Int) -> GroupStatistics {
            let scoreCounts = (0..<7).map { tallyCount[group * codes + $0] }
            let notAssessable = tallyCount[group * codes + 7]
            let population = scoreCounts.reduce(notAssessable, +)
            let assessed = population - notAssessable
            let bandCodes = Band.allCases.map { band in
                (0..<7).filter { scores.bandOfScore[$0] == band } + (band == .bassa ? [7] : [])
            }
            let paid = (0..<codes).reduce(Int64(0)) { $0 + tallyTotal[group * codes + $1] }
            return GroupStatistics(
                group: kind, population: population, scoreCounts: scoreCounts, notAssessable: notAssessable,
                bandCounts: bandCodes.map { $0.reduce(0) { $0 + tallyCount[group * codes + $1] } },
                meanScore: assessed == 0 ? nil : Ratio((0..<7).reduce(0) { $0 + $1 * scoreCounts[$1] }, assessed),
                medianScore: Self.median(counts: scoreCounts),
                standardDeviation: assessed == 0 ? nil : (squares[group] / Double(assessed)).squareRoot(),
                allocated: allocatedCents[group], paid: paid,
                bonusByScore: (0..<7).map { figures(group, [$0]) }, bonusNotAssessable: figures(group, [7]),
                bonusByBand: bandCodes.map { figures(group, $0) },
                gini: paid == 0 ? nil : Self.gini(weighted: weighted[group], total: paid, count: population))
        }
        return DifferentiationStatistics(
            everyone: statistics(.everyone, 0), managers: statistics(.managers, 1), staff: statistics(.staff, 2),
            staffByArea: areas.indices.map { statistics(.area(areas[$0].id), 3 + $0) },
            staffByCategory: categoryNumbers.enumerated().map { rank, number in
                statistics(.category(columns.categories[UInt32(number)]), 3 + areaCount + rank)
            },
            allocation: allocation, bandOfScore: scores.bandOfScore)
    }

    /// Counts, totals, minima and maxima of amounts, per group and score code.
    struct Tally {
        let codes: Int
        var count: [Int]
        var total: [Int64]
        var minimum: [Int64]
        var maximum: [Int64]

        init(groups: Int, codes: Int) {
            self.codes = codes
            count = [Int](repeating: 0, count: groups * codes)
            total = [Int64](repeating: 0, count: groups * codes)
            minimum = [Int64](repeating: .max, count: groups * codes)
            maximum = [Int64](repeating: .min, count: groups * codes)
        }

        /// Sets `group`'s figures to those of `a` and `b` together (groups that share no one).
        mutating func combine(into group: Int, _ a: Int, _ b: Int) {
            for code in 0..<codes {
                let (slot, first, second) = (group * codes + code, a * codes + code, b * codes + code)
                count[slot] = count[first] + count[second]
                total[slot] = total[first] + total[second]
                minimum[slot] = min(minimum[first], minimum[second])
                maximum[slot] = max(maximum[first], maximum[second])
            }
        }

        /// Runs `body` with the tally's columns open for adding.
        mutating func counting(_ body: (Counter) -> Void) {
            let codes = self.codes
            count.withUnsafeMutableBufferPointer { count in
                total.withUnsafeMutableBufferPointer { total in
                    minimum.withUnsafeMutableBufferPointer { minimum in
                        maximum.withUnsafeMutableBufferPointer { maximum in
                            body(Counter(codes: codes, count: count, total: total, minimum: minimum, maximum: maximum))
                        }
                    }
                }
            }
        }

        /// The tally's columns while people are added: a million additions then check no ownership of arrays.
        struct Counter {
            let codes: Int
            let count: UnsafeMutableBufferPointer<Int>
            let total: UnsafeMutableBufferPointer<Int64>
            let minimum: UnsafeMutableBufferPointer<Int64>
            let maximum: UnsafeMutableBufferPointer<Int64>

            @inline(__always)
            func add(_ group: Int, _ code: Int, _ amount: Int64) {
                let slot = group * codes + code
                count[slot] += 1
                total[slot] += amount
                if amount < minimum[slot] { minimum[slot] = amount }
                if amount > maximum[slot] { maximum[slot] = amount }
            }
        }
    }

    /// The median of the scores counted in `counts` (people at each score 0…6).
    static func median(counts: [Int]) -> Ratio? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        func value(at rank: Int) -> Int {
            var seen = 0
            for (score, count) in counts.enumerated() {
                seen += count
                if rank < seen { return score }
            }
            return counts.count - 1
        }
        let middle = total / 2
        return total % 2 == 1 ? Ratio(value(at: middle)) : Ratio(value(at: middle - 1) + value(at: middle), 2)
    }

    /// The Gini index from Σ rank × amount (ranks from 1 over the amounts in ascending order), as `gini` computes it.
    static func gini(weighted: Int128, total: Int64, count: Int) -> Ratio {
        // 2W / (nT) − (n + 1) / n = (2W − (n + 1) T) / (nT): one fraction, in 128 bits when it fits.
        let (n, t) = (Int128(count), Int128(total))
        if case (let twice, false) = weighted.multipliedReportingOverflow(by: 2),
           case (let subtrahend, false) = (n + 1).multipliedReportingOverflow(by: t),
           case (let numerator, false) = twice.subtractingReportingOverflow(subtrahend),
           case (let denominator, false) = n.multipliedReportingOverflow(by: t) {
            return Ratio(int128: numerator, denominator)
        }
        let big = BigInt(count)
        return Ratio(2 * BigInt(weighted), big * BigInt(total)) - Ratio(big + 1, big)
    }

    /// Σ rank × amount for each group, ranks from 1 over the group's amounts in ascending order. Equal amounts
    /// may come in any order: they trade ranks, and the sum stays the same.
    ///
    /// Each person's groups (fund, Area, category) are packed as a small code under their amount, so that one
    /// radix sort of those words and one pass over them in order do it, without looking anyone up.
    static func weightedRanks(cents: [Int64], fundGroup: [Int32], areaGroup: [Int32], categoryGroup: [Int32],
                              areaCount: Int, groupCount: Int) -> [Int128] {
        let count = cents.count
        var weighted = [Int128](repeating: 0, count: groupCount)
        guard count > 0 else { return weighted }
        // code = ((area + 1) × (categories + 1) + category + 1) × 2 + (1 for other staff), 0 for none.
        let categoryCount = groupCount - 3 - areaCount
        let codeCount = (areaCount + 1) * (categoryCount + 1) * 2
        let groupsOfCode: [(fund: Int, area: Int, category: Int)] = (0..<codeCount).map { code in
            let rest = code >> 1
            let (area, category) = (rest / (categoryCount + 1), rest % (categoryCount + 1))
            return (code & 1 == 0 ? 1 : 2, area == 0 ? -1 : area + 2, category == 0 ? -1 : category + 2 + areaCount)
        }
        var (lowest, highest) = (cents[0], cents[0])
        for amount in cents {
            lowest = min(lowest, amount)
            highest = max(highest, amount)
        }
        // Amounts as offsets from the lowest, which order as the amounts do.
        let low = UInt64(bitPattern: lowest) ^ (1 << 63)
        let range = (UInt64(bitPattern: highest) ^ (1 << 63)) - low
        let codeBits = UInt64(Int.bitWidth - (codeCount - 1).leadingZeroBitCount)
        let rangeBits = UInt64(64 - range.leadingZeroBitCount)
        guard codeBits + rangeBits <= 64 else {
            return weightedRanksByLookUp(cents: cents, fundGroup: fundGroup, areaGroup: areaGroup, categoryGroup: categoryGroup,
                                         groupCount: groupCount)
        }
        var packed = [UInt64](repeating: 0, count: count)
        cents.withUnsafeBufferPointer { cents in
            fundGroup.withUnsafeBufferPointer { fundGroup in
                areaGroup.withUnsafeBufferPointer { areaGroup in
                    categoryGroup.withUnsafeBufferPointer { categoryGroup in
                        packed.withUnsafeMutableBufferPointer { packed in
                            for person in 0..<count {
                                let area = areaGroup[person] < 0 ? 0 : Int(areaGroup[person]) - 2
                                let category = categoryGroup[person] < 0 ? 0 : Int(categoryGroup[person]) - 2 - areaCount
                                let code = (area * (categoryCount + 1) + category) * 2 + (fundGroup[person] == 1 ? 0 : 1)
                                let offset = (UInt64(bitPattern: cents[person]) ^ (1 << 63)) - low
                                packed[person] = (offset << codeBits) | UInt64(code)
                            }
                        }
                    }
                }
            }
        }
        radixSort(&packed, from: codeBits, bits: rangeBits)
        let mask = (UInt64(1) << codeBits) - 1
        var ranks = [Int](repeating: 0, count: groupCount)
        packed.withUnsafeBufferPointer { packed in
            groupsOfCode.withUnsafeBufferPointer { groupsOfCode in
                ranks.withUnsafeMutableBufferPointer { ranks in
                    weighted.withUnsafeMutableBufferPointer { weighted in
                        for word in packed {
                            let amount = Int128(Int64(bitPattern: ((word >> codeBits) + low) ^ (1 << 63)))
                            let groups = groupsOfCode[Int(word & mask)]
                            @inline(__always) func add(_ group: Int) {
                                ranks[group] += 1
                                weighted[group] += Int128(ranks[group]) &* amount   // below 2^31 × 2^63
                            }
                            add(0)
                            add(groups.fund)
                            if groups.area >= 0 { add(groups.area) }
                            if groups.category >= 0 { add(groups.category) }
                        }
                    }
                }
            }
        }
        return weighted
    }

    /// As `weightedRanks`, for amounts too far apart to pack (beyond any real fund): the people sorted by amount,
    /// their groups looked up.
    private static func weightedRanksByLookUp(cents: [Int64], fundGroup: [Int32], areaGroup: [Int32],
                                              categoryGroup: [Int32], groupCount: Int) -> [Int128] {
        var weighted = [Int128](repeating: 0, count: groupCount)
        var ranks = [Int](repeating: 0, count: groupCount)
        for person in cents.indices.sorted(by: { cents[$0] < cents[$1] }) {
            let amount = Int128(cents[person])
            for group in [0, Int(fundGroup[person]), Int(areaGroup[person]), Int(categoryGroup[person])] where group >= 0 {
                ranks[group] += 1
                weighted[group] += Int128(ranks[group]) &* amount
            }
        }
        return weighted
    }

    /// Sorts `words` by their bits `shift ..< shift + bits` (the bits below in any order), 16 bits a pass.
    static func radixSort(_ words: inout [UInt64], from shift: UInt64, bits: UInt64) {
        var buffer = [UInt64](repeating: 0, count: words.count)
        var shift = shift
        let end = shift + bits
        var histogram = [Int](repeating: 0, count: 1 << 16)
        while shift < end {
            words.withUnsafeBufferPointer { words in
                buffer.withUnsafeMutableBufferPointer { buffer in
                    histogram.withUnsafeMutableBufferPointer { histogram in
                        for digit in histogram.indices { histogram[digit] = 0 }
                        for value in words { histogram[Int((value >> shift) & 0xFFFF)] += 1 }
                        var sum = 0
                        for digit in histogram.indices {
                            let here = histogram[digit]
                            histogram[digit] = sum
                            sum += here
                        }
                        for value in words {
                            let digit = Int((value >> shift) & 0xFFFF)
                            buffer[histogram[digit]] = value
                            histogram[digit] += 1
                        }
                    }
                }
            }
            swap(&words, &buffer)
            shift += 16
        }
    }
}
