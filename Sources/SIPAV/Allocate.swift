import BigInt

/// Everything the allocation reads.
public struct AllocationInput: Sendable {
    public let records: StaffRecords
    public let scores: FinalScores
    public let organisation: OrganisationalResults
    public let fund: Fund
    public init(records: StaffRecords, scores: FinalScores, organisation: OrganisationalResults, fund: Fund) {
        (self.records, self.scores, self.organisation, self.fund) = (records, scores, organisation, fund)
    }
}

extension AllocationInput {
    /// What stops the allocation, every one of them: a fund over `Fund.largestTotal` (its lines may come from a
    /// database written without this tool's checks), and each confirmation missing while required. Empty when the
    /// year can be allocated.
    public func refusals(settings: FundSettings) -> [RuleViolation] {
        var refusals = fund.fundsOverTheLargestTotal.map { RuleViolation(Fund.overTheLargestTotal($0), field: "lines") }
        guard settings.requireConfirmations else { return refusals }
        if fund.giunta == nil {
            refusals.append(RuleViolation("the Giunta's confirmation of the fund (date and reference) is recorded before allocating",
                                          field: "giunta"))
        }
        if fund.oiv == nil {
            refusals.append(RuleViolation("the OIV's check of the conditions for paying (date and reference) is recorded before allocating",
                                          field: "oiv"))
        }
        return refusals
    }

    /// Allocates both funds. Throws the first of the `refusals`, if any.
    public func allocate(settings: FundSettings) throws(RuleViolation) -> Allocation {
        if let refusal = refusals(settings: settings).first { throw refusal }
        return Allocation(staff: allocate(.staff, settings: settings), managers: allocate(.managers, settings: settings))
    }

    func allocate(_ kind: FundKind, settings: FundSettings) -> FundAllocation {
        allocateByClass(kind, settings: settings) ?? allocateWithRatios(kind, settings: settings)
    }

    /// The allocation of one fund computed person by person on `Ratio`s: every setting, any size of number.
    func allocateWithRatios(_ kind: FundKind, settings: FundSettings) -> FundAllocation {
        let staff = records.staff
        let population = staff.indices.filter { staff[$0].role.fund == kind }
        let weights = population.map { shareWeight(of: staff[$0], settings: settings) }
        let totalWeight = weights.reduce(Ratio.zero, +)
        let fundTotal = fund.total(kind)
        let fundRatio = fundTotal.ratio
        let components = settings.components(kind)
        let follow = settings.organisationalComponentsFollowResults
        let enteResult = follow ? organisation.ente.applied : .one

        var people: [PersonAmount] = []
        people.reserveCapacity(population.count)
        for (index, person) in population.enumerated() {
            let share = totalWeight.isZero ? .zero : fundRatio * weights[index] / totalWeight
            let excluded = scores.band(person) == .bassa
            let coefficient = excluded ? .zero : settings.individualCoefficients[Int(scores.score[person])]
            let areaResult = follow ? staff[person].area.map { organisation.areas[$0].applied } ?? .zero : .one
            let paid: (Ratio) -> Ratio = { excluded ? .zero : share * $0 }
            people.append(PersonAmount(
                person: person, shareWeight: weights[index], share: share, coefficient: coefficient,
                enteResult: enteResult, areaResult: areaResult, excluded: excluded,
                individual: paid(components.individual * coefficient),
                ente: paid(components.ente * enteResult),
                area: paid(components.area * areaResult)))
        }

        var scaling = Ratio.one
        var increasePerHead = Ratio.zero
        var recipients = 0
        if kind == .staff, let increase = settings.topRatingIncrease {
            (scaling, increasePerHead, recipients) = applyTopRatingIncrease(increase, to: &people, fund: fundRatio,
                                                                           individualFraction: components.individual)
        }
        // Redistributed, nobody is paid above their cap: not even by a cent of the rounding.
        let ceilings = settings.residual == .redistribute
            ? redistribute(&people, fund: fundRatio, capOfShare: settings.redistributionCapOfShare) : nil
        let rounded = LargestRemainder.round(people.map(\.exact), tieOrder: people.map { staff[$0.person].id }, ceilings: ceilings)
        for index in people.indices {
            people[index].cents = rounded.cents[index]
            people[index].receivedRemainderCent = rounded.receivedExtra[index]
        }
        return FundAllocation(kind: kind, fund: fundTotal, paid: Cents(rounded.total), people: people,
                              individualScaling: scaling, increasePerHead: increasePerHead, increaseRecipients: recipients)
    }

    func shareWeight(of member: StaffMember, settings: FundSettings) -> Ratio {
        var weight = settings.parameter(ofCategory: member.category)
        if settings.sharesFollowPartTime { weight = weight * Ratio(member.partTimeBasisPoints, 10_000) }
        if settings.sharesFollowMonthsOfService { weight = weight * Ratio(member.monthsOfService, 12) }
        return weight
    }
}
