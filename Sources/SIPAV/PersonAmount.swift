import BigInt

/// Everything that makes up one person's amount, so that it can be explained to them and to an auditor.
/// Every money figure is an exact number of cents (a `Ratio`) until the final rounding.
public struct PersonAmount: Sendable, Hashable {
    /// Index of the person in the staff list.
    public let person: Int
    /// The person's share weight: category parameter × part-time fraction × months / 12.
    public let shareWeight: Ratio
    /// The theoretical share: the most the person can receive (exact cents).
    public let share: Ratio
    /// The individual coefficient of the final score (0 in band BASSA).
    public let coefficient: Ratio
    /// The ente's and the Area's result applied to the organisational components (1 when they do not follow results).
    public let enteResult: Ratio
    public let areaResult: Ratio
    /// Whether the person is in band BASSA (or not assessable): nothing at all is paid.
    public let excluded: Bool
    public var individual: Ratio
    public let ente: Ratio
    public let area: Ratio
    /// The top-rating increase (CCNL art. 69), when the setting is on and the person is among the best rated.
    public var increase: Ratio = .zero
    /// The part of the residual redistributed to the person, when the setting is `redistribute`.
    public var redistributed: Ratio = .zero
    /// The amount before rounding.
    public var exact: Ratio { individual + ente + area + increase + redistributed }
    /// The amount paid, in cents.
    public var cents: Int64 = 0
    /// Whether the person received one of the cents left over by rounding down (largest remainders).
    public var receivedRemainderCent = false
}

/// The allocation of one fund.
public struct FundAllocation: Sendable, Hashable {
    public let kind: FundKind
    /// The fund: the sum of its lines.
    public let fund: Cents
    /// The amount paid: the exact sum of the amounts, rounded half-up to the cent.
    public let paid: Cents
    /// What is not paid; under `redistribute`, what is left once everyone is capped.
    public var residual: Cents { fund - paid }
    /// The factor applied to individual components to fund the top-rating increase (1 when not needed).
    public let individualScaling: Ratio
    /// The top-rating increase paid to each of the best rated (zero when off).
    public let increasePerHead: Ratio
    public let increaseRecipients: Int
    let amounts: Amounts

    /// How the amounts are held: one `PersonAmount` each, or (the fast path) columns over classes of people.
    enum Amounts: Sendable {
        case each([PersonAmount])
        case byClass(ClassAmounts)
    }

    init(kind: FundKind, fund: Cents, paid: Cents, people: [PersonAmount], individualScaling: Ratio,
         increasePerHead: Ratio, increaseRecipients: Int) {
        (self.kind, self.fund, self.paid) = (kind, fund, paid)
        (self.individualScaling, self.increasePerHead, self.increaseRecipients) = (individualScaling, increasePerHead, increaseRecipients)
        amounts = .each(people)
    }

    init(kind: FundKind, fund: Cents, paid: Cents, byClass: ClassAmounts) {
        (self.kind, self.fund, self.paid) = (kind, fund, paid)
        (individualScaling, increasePerHead, increaseRecipients) = (.one, .zero, 0)
        amounts = .byClass(byClass)
    }

    /// Every person of the fund's population, in staff order. Built on each access when the amounts are
    /// held by class: read large allocations through `count`, `person(at:)`, `cents(at:)` and `figure(_:at:)`.
    public var people: [PersonAmount] {
        switch amounts {
        case let .each(people): return people
        case let .byClass(columns): return columns.rows.map(columns.amount)
        }
    }

    /// The number of people of the fund's population.
    public var count: Int {
        switch amounts {
        case let .each(people): return people.count
        case let .byClass(columns): return columns.members.count
        }
    }

    /// The staff index of the person at `row` (rows in staff order).
    public func person(at row: Int) -> Int {
        switch amounts {
        case let .each(people): return people[row].person
        case let .byClass(columns): return Int(columns.members[row])
        }
    }

    /// The amount paid to the person at `row`, in cents.
    public func cents(at row: Int) -> Int64 {
        switch amounts {
        case let .each(people): return people[row].cents
        case let .byClass(columns): return columns.cents[row]
        }
    }

    /// Whether the person at `row` received one of the cents left over by rounding down.
    public func receivedRemainderCent(at row: Int) -> Bool {
        switch amounts {
        case let .each(people): return people[row].receivedRemainderCent
        case let .byClass(columns): return columns.receivedExtra[row]
        }
    }

    /// The row of the person with staff index `person`, when they belong to the fund's population.
    public func row(of person: Int) -> Int? {
        switch amounts {
        case let .each(people): return people.firstIndex { $0.person == person }
        case let .byClass(columns):
            // Rows are in staff order.
            var (low, high) = (0, columns.members.count)
            while low < high {
                let middle = (low + high) / 2
                if Int(columns.members[middle]) < person { low = middle + 1 } else { high = middle }
            }
            return low < columns.members.count && Int(columns.members[low]) == person ? low : nil
        }
    }

    /// Everything that makes up the amount of the person at `row`.
    public func amount(at row: Int) -> PersonAmount {
        switch amounts {
        case let .each(people): return people[row]
        case let .byClass(columns): return columns.amount(row)
        }
    }

    /// The figures of a report's row of the person at `row`, read in one go.
    public func figures(at row: Int) -> AmountFigures {
        switch amounts {
        case let .each(people):
            let amount = people[row]
            return AmountFigures(share: ExactFigure(amount.share), coefficient: ExactFigure(amount.coefficient),
                                 individual: ExactFigure(amount.individual), ente: ExactFigure(amount.ente),
                                 area: ExactFigure(amount.area), increase: ExactFigure(amount.increase),
                                 redistributed: ExactFigure(amount.redistributed), cents: amount.cents)
        case let .byClass(columns):
            return columns.figures(row)
        }
    }

    /// One figure of the amount of the person at `row`, exact.
    public func figure(_ field: AmountField, at row: Int) -> ExactFigure {
        switch amounts {
        case let .each(people): return ExactFigure(people[row].value(field))
        case let .byClass(columns): return columns.figure(field, row)
        }
    }

    public static func == (a: FundAllocation, b: FundAllocation) -> Bool {
        (a.kind, a.fund, a.paid, a.individualScaling, a.increasePerHead, a.increaseRecipients)
            == (b.kind, b.fund, b.paid, b.individualScaling, b.increasePerHead, b.increaseRecipients)
            && a.people == b.people
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(paid)
        hasher.combine(count)
    }
}

/// The figures of one person's amount that a report shows.
public struct AmountFigures: Sendable {
    public let share: ExactFigure
    public let coefficient: ExactFigure
    public let individual: ExactFigure
    public let ente: ExactFigure
    public let area: ExactFigure
    public let increase: ExactFigure
    public let redistributed: ExactFigure
    public let cents: Int64
}

/// A figure of `PersonAmount`, for reading one at a time (`FundAllocation.figure(_:at:)`).
public enum AmountField: Sendable, CaseIterable {
    case shareWeight, share, coefficient, enteResult, areaResult, individual, ente, area, increase, redistributed, exact
}

extension PersonAmount {
    func value(_ field: AmountField) -> Ratio {
        switch field {
        case .shareWeight: return shareWeight
        case .share: return share
        case .coefficient: return coefficient
        case .enteResult: return enteResult
        case .areaResult: return areaResult
        case .individual: return individual
        case .ente: return ente
        case .area: return area
        case .increase: return increase
        case .redistributed: return redistributed
        case .exact: return exact
        }
    }
}

/// The year's allocation: both funds.
public struct Allocation: Sendable, Hashable {
    public let staff: FundAllocation
    public let managers: FundAllocation
    public func fund(_ kind: FundKind) -> FundAllocation { kind == .staff ? staff : managers }
}

/// Rounds exact amounts to cents so that they add up to the total paid.
public enum LargestRemainder {
    /// The total is the exact sum rounded half-up; each amount is floored and the cents left over go one
    /// each to the largest remainders, ties to the lower `tieOrder` (employee id ascending for people, the
    /// earlier group for the statistics' groups). With `ceilings`, an amount never goes above its own (the cap of a
    /// redistribution): a cent that would take it there goes to the next remainder, and one nobody can take is not paid.
    public static func round<Tie: Comparable>(_ exact: [Ratio], tieOrder: [Tie],
                                              ceilings: [Ratio]? = nil) -> (cents: [Int64], receivedExtra: [Bool], total: Int64) {
        let total = exact.reduce(Ratio.zero, +).roundedHalfUp
        let floors = exact.map(\.floor)
        var leftover = Int(total - floors.reduce(BigInt(0), +))
        var cents = floors.map { Int64($0) }
        var extra = [Bool](repeating: false, count: exact.count)
        if leftover > 0 {
            let remainders = exact.map(\.fractionalPart)
            let order = exact.indices.sorted { a, b in
                remainders[a] != remainders[b] ? remainders[a] > remainders[b] : tieOrder[a] < tieOrder[b]
            }
            for index in order where leftover > 0 {
                if let ceilings, Ratio(floors[index] + 1) > ceilings[index] { continue }
                cents[index] += 1
                extra[index] = true
                leftover -= 1
            }
        }
        return (cents, extra, Int64(total) - Int64(leftover))
    }
}
