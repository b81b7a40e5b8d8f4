/// The fast path of the allocation: every amount as an integer over one common denominator.
///
/// A person's exact amount is `share × (ci × coefficient + ce × ente + ca × Area)` with
/// `share = F × w / W`: fund F in cents, the person's share weight w, their sum W. Share weights are
/// integers `u` over one denominator (category parameters, part time in basis points, months / 12), and
/// the bracket takes one value per class of people (final score and Area, or band BASSA): over their
/// common denominator L it is an integer `B`. So the amount is `F·B·u / (U·L)` exactly, with `U = Σu`,
/// and floor, remainder, total and largest remainders are integer arithmetic in 128 bits.
///
/// Taken when the residual is kept and there is no top-rating increase, and only when every bound below
/// holds; otherwise the allocation runs on `Ratio`s (`allocate(_:settings:)`), which gives the same cents.
final class ClassAmounts: Sendable {
    // Per person of the fund's population (rows in staff order).
    let members: [Int32]
    let units: [Int64]
    let classOf: [UInt32]
    let cents: [Int64]
    let receivedExtra: [Bool]
    /// Share weight = units / unitScale.
    let unitScale: Int64
    /// F, U and the common denominator Q = U·L of every amount.
    let fundCents: Int128
    let totalUnits: Int128
    let denominator: Int128
    let enteResult: Ratio
    // Per class.
    let excluded: [Bool]
    let coefficient: [Ratio]
    let areaResult: [Ratio]
    /// F × the class's integer multiplier of each component, and of their sum: amount = value × units / Q.
    let individual: [Int128]
    let ente: [Int128]
    let area: [Int128]
    let total: [Int128]

    init(members: [Int32], units: [Int64], classOf: [UInt32], cents: [Int64], receivedExtra: [Bool], unitScale: Int64,
         fundCents: Int128, totalUnits: Int128, denominator: Int128, enteResult: Ratio, excluded: [Bool], coefficient: [Ratio],
         areaResult: [Ratio], individual: [Int128], ente: [Int128], area: [Int128], total: [Int128]) {
        (self.members, self.units, self.classOf, self.cents, self.receivedExtra) = (members, units, classOf, cents, receivedExtra)
        (self.unitScale, self.fundCents, self.totalUnits, self.denominator) = (unitScale, fundCents, totalUnits, denominator)
        (self.enteResult, self.excluded, self.coefficient, self.areaResult) = (enteResult, excluded, coefficient, areaResult)
        (self.individual, self.ente, self.area, self.total) = (individual, ente, area, total)
    }

    var rows: Range<Int> { members.indices }

    func figure(_ field: AmountField, _ row: Int) -> ExactFigure {
        let k = Int(classOf[row]), u = Int128(units[row])
        switch field {
        case .shareWeight: return ExactFigure(numerator: u, denominator: Int128(unitScale))
        case .share: return ExactFigure(numerator: fundCents * u, denominator: totalUnits)
        case .coefficient: return ExactFigure(coefficient[k])
        case .enteResult: return ExactFigure(enteResult)
        case .areaResult: return ExactFigure(areaResult[k])
        case .individual: return ExactFigure(numerator: individual[k] * u, denominator: denominator)
        case .ente: return ExactFigure(numerator: ente[k] * u, denominator: denominator)
        case .area: return ExactFigure(numerator: area[k] * u, denominator: denominator)
        case .increase, .redistributed: return .zero
        case .exact: return ExactFigure(numerator: total[k] * u, denominator: denominator)
        }
    }

    func amount(_ row: Int) -> PersonAmount {
        let k = Int(classOf[row])
        func ratio(_ field: AmountField) -> Ratio { figure(field, row).ratio }
        var amount = PersonAmount(
            person: Int(members[row]), shareWeight: ratio(.shareWeight), share: ratio(.share), coefficient: coefficient[k],
            enteResult: enteResult, areaResult: areaResult[k], excluded: excluded[k], individual: ratio(.individual),
            ente: ratio(.ente), area: ratio(.area))
        amount.cents = cents[row]
        amount.receivedRemainderCent = receivedExtra[row]
        return amount
    }
}

extension AllocationInput {
    /// The allocation of one fund on the fast path, or nil when a setting or a bound rules it out.
    func allocateByClass(_ kind: FundKind, settings: FundSettings) throws(RuleViolation) -> FundAllocation? {
        let columns = records.columns
        guard columns.isCompact, settings.residual == .keep, kind == .managers || settings.topRatingIncrease == nil else {
            return nil
        }
        let managers = kind == .managers
        var members: [Int32] = []
        columns.managersFund.withUnsafeBufferPointer { flags in
            members.reserveCapacity(managers ? 64 : flags.count)
            for person in flags.indices where flags[person] == managers { members.append(Int32(person)) }
        }
        guard let units = try shareUnits(members, settings: settings) else { return nil }
        let fundTotal = fund.total(kind)
        guard fundTotal.value >= 0, units.total > 0 else { return nil }
        guard let classes = classes(of: members, settings: settings, kind: kind) else { return nil }
        let f = Int128(fundTotal.value)

        // Integer multipliers over L, the common denominator of the brackets; times F.
        var l: Int64 = 1
        for k in classes.used.indices where classes.used[k] {
            for value in [classes.individual[k], classes.ente[k], classes.area[k]] {
                guard case let .small(n, d) = value.storage, n >= 0, let next = Self.lcm(l, d) else { return nil }
                _ = n
                l = next
            }
        }
        func times(_ value: Ratio) -> Int128? {
            guard case let .small(n, d) = value.storage else { return nil }
            let (product, overflow) = f.multipliedReportingOverflow(by: Int128(n) * Int128(l / d))
            return overflow ? nil : product
        }
        let count = classes.used.count
        var individual = [Int128](repeating: 0, count: count), ente = individual, area = individual, total = individual
        for k in 0..<count where classes.used[k] {
            guard let i = times(classes.individual[k]), let e = times(classes.ente[k]), let a = times(classes.area[k]),
                  case (let ie, false) = i.addingReportingOverflow(e), case (let sum, false) = ie.addingReportingOverflow(a),
                  case (_, false) = sum.multipliedReportingOverflow(by: units.total << 3) else { return nil }
            (individual[k], ente[k], area[k], total[k]) = (i, e, a, sum)
        }
        guard case (let q, false) = units.total.multipliedReportingOverflow(by: Int128(l)), q <= Int128(UInt64.max) else {
            return nil
        }

        // Floors and remainders; the cents left over go to the largest remainders.
        let rowCount = members.count
        var cents = [Int64](repeating: 0, count: rowCount)
        var remainders = [UInt64](repeating: 0, count: rowCount)
        var floors: Int128 = 0, rests: Int128 = 0
        let divisor = UInt64(q)
        for row in 0..<rowCount {
            let n = total[Int(classes.classOf[row])] * Int128(units.units[row])
            let high = UInt64(truncatingIfNeeded: n >> 64)
            let (whole, rest): (Int128, UInt64)
            if high < divisor {
                let (qw, r) = divisor.dividingFullWidth((high: high, low: UInt64(truncatingIfNeeded: n)))
                (whole, rest) = (Int128(qw), r)
            } else {
                let (qw, r) = n.quotientAndRemainder(dividingBy: q)
                (whole, rest) = (qw, UInt64(r))
            }
            guard let wholeCents = Int64(exactly: whole) else { return nil }
            cents[row] = wholeCents
            remainders[row] = rest
            floors += whole
            rests += Int128(rest)
        }
        let leftover = Int((2 * rests + q) / (2 * q))
        guard let paid = Int64(exactly: floors + Int128(leftover)) else { return nil }
        let extra = LargestRemainder.mark(remainders, count: leftover) { a, b in
            records.staff[Int(members[a])].id < records.staff[Int(members[b])].id
        }
        for row in 0..<rowCount where extra[row] { cents[row] += 1 }

        return FundAllocation(kind: kind, fund: fundTotal, paid: Cents(paid), byClass: ClassAmounts(
            members: members, units: units.units, classOf: classes.classOf, cents: cents, receivedExtra: extra,
            unitScale: units.scale, fundCents: f, totalUnits: units.total, denominator: q, enteResult: classes.enteResult,
            excluded: classes.excluded, coefficient: classes.coefficient, areaResult: classes.areaResult,
            individual: individual, ente: ente, area: area, total: total))
    }

    /// Share weights as integers over one denominator: parameter × part time × months, as `shareWeight`
    /// computes them. Throws when a category has no parameter; nil when a value does not fit.
    private func shareUnits(_ members: [Int32], settings: FundSettings) throws(RuleViolation)
        -> (units: [Int64], total: Int128, scale: Int64)? {
        let columns = records.columns
        var parameters = [Ratio?](repeating: nil, count: columns.categories.count)
        var looked = [Bool](repeating: false, count: columns.categories.count)
        var denominator: Int64 = 1
        for member in members {
            let category = Int(columns.category[Int(member)])
            guard !looked[category] else { continue }
            looked[category] = true
            parameters[category] = settings.categoryParameters[columns.categories[UInt32(category)]]
            guard let parameter = parameters[category] else {
                // The first person of a category is the first without its parameter, as the exact path names them.
                let member = records.staff[Int(member)]
                throw RuleViolation("category \(member.category) of \(member.id) has no parameter in the settings (fund.category_parameters)")
            }
            guard case let .small(n, d) = parameter.storage, n >= 0, let next = Self.lcm(denominator, d) else { return nil }
            denominator = next
        }
        var perCategory = [Int64](repeating: 0, count: columns.categories.count)
        for category in parameters.indices {
            guard let parameter = parameters[category], case let .small(n, d) = parameter.storage else { continue }
            guard case (let value, false) = n.multipliedReportingOverflow(by: denominator / d) else { return nil }
            perCategory[category] = value
        }
        let (partTime, months) = (settings.sharesFollowPartTime, settings.sharesFollowMonthsOfService)
        guard case (let a, false) = denominator.multipliedReportingOverflow(by: partTime ? 10_000 : 1),
              case (let scale, false) = a.multipliedReportingOverflow(by: months ? 12 : 1) else { return nil }
        var units = [Int64](repeating: 0, count: members.count)
        var total: Int128 = 0
        for (row, member) in members.enumerated() {
            let person = Int(member)
            var u = perCategory[Int(columns.category[person])]
            if partTime {
                guard case (let v, false) = u.multipliedReportingOverflow(by: Int64(columns.partTime[person])) else { return nil }
                u = v
            }
            if months {
                guard case (let v, false) = u.multipliedReportingOverflow(by: Int64(columns.months[person])) else { return nil }
                u = v
            }
            guard u >= 0 else { return nil }
            units[row] = u
            total += Int128(u)
        }
        guard total <= Int128(Int64.max) else { return nil }
        return (units, total, scale)
    }

    /// The class of each person (final score and Area, or band BASSA and Area) and each class's figures.
    private func classes(of members: [Int32], settings: FundSettings, kind: FundKind)
        -> (classOf: [UInt32], used: [Bool], excluded: [Bool], coefficient: [Ratio], areaResult: [Ratio], enteResult: Ratio,
            individual: [Ratio], ente: [Ratio], area: [Ratio])? {
        let follow = settings.organisationalComponentsFollowResults
        let areaCount = organisation.areas.count
        let slots = follow ? areaCount + 1 : 1
        let excludedCode = 7
        let count = (excludedCode + 1) * slots
        var classOf = [UInt32](repeating: 0, count: members.count)
        var used = [Bool](repeating: false, count: count)
        let columns = records.columns
        let bands = scores.bandOfScore
        for (row, member) in members.enumerated() {
            let person = Int(member)
            let score = Int(scores.score[person])
            let code = score < 0 || bands[score] == .bassa ? excludedCode : score
            var slot = 0
            if follow {
                let area = Int(columns.area[person])
                guard area < areaCount else { return nil }
                slot = area + 1
            }
            let k = code * slots + slot
            classOf[row] = UInt32(k)
            used[k] = true
        }
        let components = settings.components(kind)
        let enteResult = follow ? organisation.ente.applied : .one
        var excluded = [Bool](repeating: false, count: count)
        var coefficient = [Ratio](repeating: .zero, count: count), areaResult = coefficient
        var individual = coefficient, ente = coefficient, area = coefficient
        for k in 0..<count where used[k] {
            let (code, slot) = k.quotientAndRemainder(dividingBy: slots)
            areaResult[k] = follow ? (slot == 0 ? .zero : organisation.areas[slot - 1].applied) : .one
            guard code != excludedCode else {
                excluded[k] = true
                continue
            }
            coefficient[k] = settings.individualCoefficients[code]
            individual[k] = components.individual * coefficient[k]
            ente[k] = components.ente * enteResult
            area[k] = components.area * areaResult[k]
        }
        return (classOf, used, excluded, coefficient, areaResult, enteResult, individual, ente, area)
    }

    /// The least common multiple of two positive integers, when it fits.
    static func lcm(_ a: Int64, _ b: Int64) -> Int64? {
        guard a > 0, b > 0 else { return nil }
        let g = Int64(Ratio.gcd(a.magnitude, b.magnitude))
        let (value, overflow) = (a / g).multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }
}

extension LargestRemainder {
    /// Which `count` of the `remainders` are the largest, ties to the row that `precedes` puts first
    /// (employee id ascending); equal rows keep their order. Finds the threshold by selection, not by
    /// sorting, and compares ids only among the rows tied at the threshold.
    static func mark(_ remainders: [UInt64], count: Int, precedes: (Int, Int) -> Bool) -> [Bool] {
        var marked = [Bool](repeating: false, count: remainders.count)
        guard count > 0 else { return marked }
        var scratch = remainders
        let threshold = nthLargest(&scratch, count - 1)
        var above = 0
        var tied: [Int] = []
        for (row, value) in remainders.enumerated() {
            if value > threshold {
                marked[row] = true
                above += 1
            } else if value == threshold {
                tied.append(row)
            }
        }
        let wanted = count - above
        if wanted < tied.count {
            let inOrder = zip(tied, tied.dropFirst()).allSatisfy { !precedes($1, $0) }
            if !inOrder { tied = tied.sorted(by: precedes) }
        }
        for row in tied.prefix(wanted) { marked[row] = true }
        return marked
    }

    /// The value at `rank` (0-based) of `values` ordered from the largest: a selection by three-way
    /// partitions, which many equal values make quick. Reorders `values`.
    static func nthLargest(_ values: inout [UInt64], _ rank: Int) -> UInt64 {
        precondition(rank >= 0 && rank < values.count)
        var (low, high) = (0, values.count)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        return values.withUnsafeMutableBufferPointer { v in
            while true {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let pivot = v[low + Int((seed >> 33) % UInt64(high - low))]
                // [low, greater) > pivot, [greater, index) == pivot, [smaller, high) < pivot.
                var (greater, index, smaller) = (low, low, high)
                while index < smaller {
                    let value = v[index]
                    if value > pivot {
                        v.swapAt(greater, index)
                        greater += 1
                        index += 1
                    } else if value < pivot {
                        smaller -= 1
                        v.swapAt(index, smaller)
                    } else {
                        index += 1
                    }
                }
                if rank < greater {
                    high = greater
                } else if rank < smaller {
                    return pivot
                } else {
                    low = smaller
                }
            }
        }
    }
}
