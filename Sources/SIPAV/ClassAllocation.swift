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
    /// The person's score code: the final score 0…6 for the paid, `excludedCode` for band BASSA.
    let code: [UInt8]
    /// The person's Area slot: 0 for none (or when the components do not follow results), else Area + 1.
    let slot: [UInt32]
    let cents: [Int64]
    let receivedExtra: [Bool]
    /// Share weight = units / unitScale.
    let unitScale: Int64
    /// F, U and the common denominator Q = U·L of every amount.
    let fundCents: Int128
    let totalUnits: Int128
    let denominator: Int128
    let enteResult: Ratio
    // Per score code: small tables, so that a million rows find them in the cache.
    let coefficient: [Ratio]
    /// F × the integer multiplier over L of each component: amount = value × units / Q.
    let individual: [Int128]
    let ente: [Int128]
    // Per Area slot.
    let areaResult: [Ratio]
    let area: [Int128]

    static let excludedCode = 7

    init(members: [Int32], units: [Int64], code: [UInt8], slot: [UInt32], cents: [Int64], receivedExtra: [Bool],
         unitScale: Int64, fundCents: Int128, totalUnits: Int128, denominator: Int128, enteResult: Ratio,
         coefficient: [Ratio], individual: [Int128], ente: [Int128], areaResult: [Ratio], area: [Int128]) {
        (self.members, self.units, self.code, self.slot) = (members, units, code, slot)
        (self.cents, self.receivedExtra) = (cents, receivedExtra)
        (self.unitScale, self.fundCents, self.totalUnits, self.denominator) = (unitScale, fundCents, totalUnits, denominator)
        (self.enteResult, self.coefficient, self.individual, self.ente) = (enteResult, coefficient, individual, ente)
        (self.areaResult, self.area) = (areaResult, area)
    }

    var rows: Range<Int> { members.indices }

    /// The Area component's multiplier of the person at `row` (none in band BASSA).
    @inline(__always)
    private func areaMultiplier(_ row: Int) -> Int128 {
        Int(code[row]) == Self.excludedCode ? 0 : area[Int(slot[row])]
    }

    func figure(_ field: AmountField, _ row: Int) -> ExactFigure {
        let c = Int(code[row]), u = Int128(units[row])
        // The products stay within 128 bits (F and u below 2^63; the multipliers checked with U when made).
        switch field {
        case .shareWeight: return ExactFigure(numerator: u, denominator: Int128(unitScale))
        case .share: return ExactFigure(numerator: fundCents &* u, denominator: totalUnits)
        case .coefficient: return ExactFigure(coefficient[c])
        case .enteResult: return ExactFigure(enteResult)
        case .areaResult: return ExactFigure(areaResult[Int(slot[row])])
        case .individual: return ExactFigure(numerator: individual[c] &* u, denominator: denominator)
        case .ente: return ExactFigure(numerator: ente[c] &* u, denominator: denominator)
        case .area: return ExactFigure(numerator: areaMultiplier(row) &* u, denominator: denominator)
        case .increase, .redistributed: return .zero
        case .exact: return ExactFigure(numerator: (individual[c] + ente[c] + areaMultiplier(row)) &* u, denominator: denominator)
        }
    }

    func figures(_ row: Int) -> AmountFigures {
        let c = Int(code[row]), u = Int128(units[row])
        let q = denominator
        return AmountFigures(
            share: ExactFigure(numerator: fundCents &* u, denominator: totalUnits), coefficient: ExactFigure(coefficient[c]),
            individual: ExactFigure(numerator: individual[c] &* u, denominator: q),
            ente: ExactFigure(numerator: ente[c] &* u, denominator: q),
            area: ExactFigure(numerator: areaMultiplier(row) &* u, denominator: q),
            increase: .zero, redistributed: .zero, cents: cents[row])
    }

    func amount(_ row: Int) -> PersonAmount {
        let c = Int(code[row])
        func ratio(_ field: AmountField) -> Ratio { figure(field, row).ratio }
        var amount = PersonAmount(
            person: Int(members[row]), shareWeight: ratio(.shareWeight), share: ratio(.share), coefficient: coefficient[c],
            enteResult: enteResult, areaResult: areaResult[Int(slot[row])], excluded: c == Self.excludedCode,
            individual: ratio(.individual), ente: ratio(.ente), area: ratio(.area))
        amount.cents = cents[row]
        amount.receivedRemainderCent = receivedExtra[row]
        return amount
    }
}

extension AllocationInput {
    /// The allocation of one fund on the fast path, or nil when a setting or a bound rules it out.
    func allocateByClass(_ kind: FundKind, settings: FundSettings) -> FundAllocation? {
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
        guard let units = shareUnits(members, settings: settings) else { return nil }
        let fundTotal = fund.total(kind)
        guard fundTotal.value >= 0, units.total > 0 else { return nil }
        guard let classes = classes(of: members, settings: settings, kind: kind) else { return nil }
        let f = Int128(fundTotal.value)

        // Integer multipliers over L, the common denominator of the brackets' terms; times F.
        var l: Int64 = 1
        for value in classes.individual + classes.ente + classes.area {
            guard case let .small(n, d) = value.storage, n >= 0, let next = Self.lcm(l, d) else { return nil }
            l = next
        }
        func times(_ value: Ratio) -> Int128? {
            guard case let .small(n, d) = value.storage else { return nil }
            let (product, overflow) = f.multipliedReportingOverflow(by: Int128(n) &* Int128(l / d))
            return overflow ? nil : product
        }
        var individual: [Int128] = [], ente: [Int128] = [], area: [Int128] = []
        for value in classes.individual { guard let m = times(value) else { return nil }; individual.append(m) }
        for value in classes.ente { guard let m = times(value) else { return nil }; ente.append(m) }
        for value in classes.area { guard let m = times(value) else { return nil }; area.append(m) }
        // Every amount's numerator, the sum of the three, times U (and 8 for the sums of a report) fits 128 bits.
        guard case (let codeMost, false) = (individual.max()! ).addingReportingOverflow(ente.max()!),
              case (let most, false) = codeMost.addingReportingOverflow(area.max() ?? 0),
              case (_, false) = most.multipliedReportingOverflow(by: units.total << 3),
              case (let q, false) = units.total.multipliedReportingOverflow(by: Int128(l)), q <= Int128(UInt64.max) else {
            return nil
        }

        // Floors and remainders; the cents left over go to the largest remainders.
        let rowCount = members.count
        var cents = [Int64](repeating: 0, count: rowCount)
        var remainders = [UInt64](repeating: 0, count: rowCount)
        let divisor = InvariantDivisor(UInt64(q))
        let (codes, slots, unitValues) = (classes.code, classes.slot, units.units)
        let excluded = ClassAmounts.excludedCode
        // Each row's floor and remainder depend on the row alone: a large fund is done in two halves at once,
        // each writing its own rows.
        let sums = codes.withUnsafeBufferPointer { codes in
            slots.withUnsafeBufferPointer { slots in
                unitValues.withUnsafeBufferPointer { unitValues in
                    cents.withUnsafeMutableBufferPointer { cents in
                        remainders.withUnsafeMutableBufferPointer { remainders -> (floors: Int128, rests: Int128)? in
                            nonisolated(unsafe) let (cents, remainders) = (cents, remainders)
                            func floorsAndRests(_ rows: Range<Int>) -> (floors: Int128, rests: Int128)? {
                                var floors: Int128 = 0, rests: Int128 = 0
                                for row in rows {
                                    let c = Int(codes[row])
                                    let multiplier = individual[c] + ente[c] + (c == excluded ? 0 : area[Int(slots[row])])
                                    // Within 128 bits by the bound checked above.
                                    let n = multiplier &* Int128(unitValues[row])
                                    let high = UInt64(truncatingIfNeeded: n >> 64)
                                    let (whole, rest): (Int128, UInt64)
                                    if high < divisor.divisor {
                                        let (qw, r) = divisor.divide(high: high, low: UInt64(truncatingIfNeeded: n))
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
                                return (floors, rests)
                            }
                            var sums: (floors: Int128, rests: Int128) = (0, 0)
                            for part in inHalves(0..<rowCount, floorsAndRests) {
                                guard let part else { return nil }
                                sums = (sums.floors + part.floors, sums.rests + part.rests)
                            }
                            return sums
                        }
                    }
                }
            }
        }
        guard let (floors, rests) = sums else { return nil }
        let leftover = Int((2 * rests + q) / (2 * q))
        guard let paid = Int64(exactly: floors + Int128(leftover)) else { return nil }
        let staff = records.staff
        let extra: [Bool]
        if let ids = records.ids {
            extra = LargestRemainder.mark(remainders, count: leftover) { ids.precedes(Int(members[$0]), Int(members[$1])) }
        } else {
            extra = LargestRemainder.mark(remainders, count: leftover) { staff[Int(members[$0])].id < staff[Int(members[$1])].id }
        }
        extra.withUnsafeBufferPointer { extra in
            cents.withUnsafeMutableBufferPointer { cents in
                for row in 0..<rowCount where extra[row] { cents[row] += 1 }
            }
        }

        return FundAllocation(kind: kind, fund: fundTotal, paid: Cents(paid), byClass: ClassAmounts(
            members: members, units: units.units, code: classes.code, slot: classes.slot, cents: cents, receivedExtra: extra,
            unitScale: units.scale, fundCents: f, totalUnits: units.total, denominator: q, enteResult: classes.enteResult,
            coefficient: classes.coefficient, individual: individual, ente: ente, areaResult: classes.areaResult, area: area))
    }

    /// Share weights as integers over one denominator: parameter × part time × months, as `shareWeight`
    /// computes them (a category the settings do not list weighs 1.0); nil when a value does not fit.
    private func shareUnits(_ members: [Int32], settings: FundSettings) -> (units: [Int64], total: Int128, scale: Int64)? {
        let columns = records.columns
        // The parameters of the categories the members hold (nil: no member holds it). A million members are
        // sorted out by a flag each: reading an optional `Ratio` per member copies it.
        var parameters = [Ratio?](repeating: nil, count: columns.categories.count)
        var looked = [Bool](repeating: false, count: columns.categories.count)
        var denominator: Int64 = 1
        for member in members {
            let category = Int(columns.category[Int(member)])
            guard !looked[category] else { continue }
            looked[category] = true
            let parameter = settings.parameter(ofCategory: columns.categories[UInt32(category)])
            parameters[category] = parameter
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

    /// The score code (final score, or band BASSA) and Area slot of each person, and the figures of each code
    /// and slot: coefficient and the individual and ente terms by code, Area result and term by slot.
    private func classes(of members: [Int32], settings: FundSettings, kind: FundKind)
        -> (code: [UInt8], slot: [UInt32], coefficient: [Ratio], enteResult: Ratio, individual: [Ratio], ente: [Ratio],
            areaResult: [Ratio], area: [Ratio])? {
        let follow = settings.organisationalComponentsFollowResults
        let areaCount = organisation.areas.count
        let excluded = ClassAmounts.excludedCode
        guard settings.individualCoefficients.count >= excluded else { return nil }
        var code = [UInt8](repeating: 0, count: members.count)
        var slot = [UInt32](repeating: 0, count: members.count)
        let columns = records.columns
        let bands = scores.bandOfScore
        let ok = scores.score.withUnsafeBufferPointer { score in
            columns.area.withUnsafeBufferPointer { personArea in
                for (row, member) in members.enumerated() {
                    let person = Int(member)
                    let value = Int(score[person])
                    code[row] = UInt8(value < 0 || bands[value] == .bassa ? excluded : value)
                    if follow {
                        let area = Int(personArea[person])
                        guard area < areaCount else { return false }
                        slot[row] = UInt32(area + 1)
                    }
                }
                return true
            }
        }
        guard ok else { return nil }
        let components = settings.components(kind)
        let enteResult = follow ? organisation.ente.applied : .one
        let coefficient = (0...excluded).map { $0 == excluded ? Ratio.zero : settings.individualCoefficients[$0] }
        let individual = coefficient.map { components.individual * $0 }
        let ente = (0...excluded).map { $0 == excluded ? Ratio.zero : components.ente * enteResult }
        let areaResult = follow ? [.zero] + organisation.areas.map(\.applied) : [Ratio.one]
        let area = areaResult.map { components.area * $0 }
        return (code, slot, coefficient, enteResult, individual, ente, areaResult, area)
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
        let threshold = nthLargest(remainders, count - 1)
        var above = 0
        var tied: [Int] = []
        remainders.withUnsafeBufferPointer { remainders in
            marked.withUnsafeMutableBufferPointer { marked in
                for row in remainders.indices {
                    let value = remainders[row]
                    if value > threshold {
                        marked[row] = true
                        above += 1
                    } else if value == threshold {
                        tied.append(row)
                    }
                }
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

    /// The value at `rank` (0-based) of `values` ordered from the largest: a radix selection from the top
    /// digit down, each pass counting the values that share the digits found so far. The first pass starts
    /// at the largest value's top bit and looks at every value; later ones only at the values that share the
    /// digits found (a few per 2,048 when they are spread). Digits of 11 bits keep the counts in the nearest
    /// cache.
    static func nthLargest(_ values: [UInt64], _ rank: Int) -> UInt64 {
        precondition(rank >= 0 && rank < values.count)
        let digitBits: UInt64 = 11
        var rank = rank
        var prefix: UInt64 = 0
        var histogram = [Int](repeating: 0, count: 1 << digitBits)
        let width = UInt64(64 - values.max()!.leadingZeroBitCount)
        var bits = min(width, digitBits)
        var shift = width - bits
        var candidates = values
        while true {
            let digitMask = (UInt64(1) << bits) - 1
            candidates.withUnsafeBufferPointer { values in
                histogram.withUnsafeMutableBufferPointer { histogram in
                    for index in histogram.indices { histogram[index] = 0 }
                    for value in values { histogram[Int((value >> shift) & digitMask)] += 1 }
                }
            }
            var digit = Int(digitMask)
            while rank >= histogram[digit] {
                rank -= histogram[digit]
                digit -= 1
            }
            prefix |= UInt64(digit) << shift
            if shift == 0 { return prefix }
            let found = ~UInt64(0) << shift
            if candidates.count > histogram[digit] { candidates = candidates.filter { $0 & found == prefix } }
            bits = min(shift, digitBits)
            shift -= bits
        }
    }
}
