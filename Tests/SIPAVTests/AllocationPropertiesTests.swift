import BigInt
import PropertyBased
import Testing
@testable import SIPAV

/// Rules §3 as properties that hold for every body: random staff, ratings, results, funds and settings.
@Suite("Fund allocation: properties of random bodies")
struct AllocationPropertiesTests {
    static let runs = 150

    static func allocate(_ body: RandomBody) throws -> Allocation { try body.input.allocate(settings: body.settings) }

    static func ceiling(_ value: Ratio) -> BigInt { -((-value).floor) }

    @Test("the random bodies are valid records")
    func bodiesAreValid() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let found = body.records.violations(settings: body.individual, areaCount: body.organisation.areas.count,
                                                requireRatings: true)
            #expect(found.isEmpty)
        }
    }

    @Test("paid + residual = fund to the cent; the residual is never negative")
    func paidPlusResidual() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                let fund = allocation.fund(kind)
                #expect(fund.fund == body.fund.total(kind))
                #expect(fund.paid + fund.residual == fund.fund)
                #expect(fund.residual >= .zero, "\(kind.rawValue): paid \(fund.paid) of \(fund.fund)")
            }
        }
    }

    @Test("the sum of the cents is the amount paid, which is the exact sum rounded half-up (less, redistributed, the cents no cap allows)")
    func centsSumToPaid() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                let fund = allocation.fund(kind)
                let centsTotal = fund.people.reduce(Int64(0)) { $0 + $1.cents }
                let exactTotal = fund.people.reduce(Ratio.zero) { $0 + $1.exact }
                #expect(centsTotal == fund.paid.value)
                if body.settings.residual == .redistribute {
                    let unpaid = exactTotal.roundedHalfUp - BigInt(fund.paid.value)
                    #expect(unpaid >= 0 && unpaid <= BigInt(fund.people.count), "\(unpaid) cents not paid")
                } else {
                    #expect(BigInt(fund.paid.value) == exactTotal.roundedHalfUp)
                }
                // Each amount is its exact value floored, or one cent more.
                for person in fund.people {
                    let floor = person.exact.floor
                    #expect(BigInt(person.cents) == floor + (person.receivedRemainderCent ? 1 : 0))
                }
            }
        }
    }

    @Test("no amount, component or share is negative")
    func noNegative() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                for p in allocation.fund(kind).people {
                    #expect(p.cents >= 0)
                    let negative = [p.share, p.individual, p.ente, p.area, p.increase, p.redistributed, p.exact].filter(\.isNegative)
                    #expect(negative.isEmpty)
                }
            }
        }
    }

    @Test("band BASSA and the not assessable get nothing at all")
    func bassaGetsNothing() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let scores = body.records.finalScores(settings: body.individual)
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                for p in allocation.fund(kind).people where scores.band(p.person) == .bassa {
                    #expect(p.excluded)
                    #expect(p.exact == .zero)
                    #expect(p.cents == 0)
                }
            }
        }
    }

    @Test("a higher final score never gets less than a lower one with the same share weight, role and Area")
    func higherScoreNeverLess() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let scores = body.records.finalScores(settings: body.individual)
            let staff = body.records.staff
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                let people = allocation.fund(kind).people
                for a in people {
                    for b in people where scores.score[a.person] > scores.score[b.person]
                        && a.shareWeight == b.shareWeight && staff[a.person].role == staff[b.person].role
                        && staff[a.person].area == staff[b.person].area {
                        // Exact amounts never fall with the score. When both are exactly equal (both capped at
                        // the share under `redistribute`), the cent left over by rounding may go to the lower
                        // score: the rules give it by employee id, not by score.
                        #expect(a.exact >= b.exact)
                        let tieCent = a.exact == b.exact && b.cents - a.cents == 1 && staff[b.person].id < staff[a.person].id
                        #expect(a.cents >= b.cents || tieCent,
                                "\(staff[a.person].id) scored \(scores.score[a.person]), \(staff[b.person].id) scored \(scores.score[b.person])")
                    }
                }
            }
        }
    }

    @Test("the same input gives the same cents twice")
    func deterministic() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            let first = try Self.allocate(body)
            let second = try Self.allocate(body)
            #expect(first == second)
            #expect(first.staff.people.map(\.cents) == second.staff.people.map(\.cents))
        }
    }

    @Test("under keep nobody gets more than their share (but for the top-rating increase)")
    func keepNeverAboveShare() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            guard body.settings.residual == .keep else { return }
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                for p in allocation.fund(kind).people {
                    #expect(p.exact - p.increase <= p.share)
                    #expect(p.redistributed == .zero)
                    if p.increase.isZero {
                        #expect(BigInt(p.cents) <= Self.ceiling(p.share))
                    }
                }
            }
        }
    }

    @Test("redistribute never brings anyone above the cap, and leaves no residual when the caps allow")
    func redistributeRespectsCaps() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            guard body.settings.residual == .redistribute else { return }
            let cap = body.settings.redistributionCapOfShare
            let allocation = try Self.allocate(body)
            for kind in FundKind.allCases {
                let fund = allocation.fund(kind)
                var capTotal = Ratio.zero
                for p in fund.people {
                    let earned = p.exact - p.redistributed
                    let personCap = max(p.share * cap, earned)
                    #expect(!p.redistributed.isNegative)
                    #expect(p.exact <= personCap)
                    // Not even the rounding's cent takes anyone above their cap.
                    #expect(Ratio(Int(p.cents)) <= personCap, "\(p.cents) cents against a cap of \(personCap)")
                    if earned.isZero { #expect(p.redistributed == .zero) } else { capTotal += personCap }
                }
                if capTotal >= fund.fund.ratio {
                    // What is left is only cents nobody could take: one at most for each paid person.
                    let paid = fund.people.filter { !($0.exact - $0.redistributed).isZero }
                    #expect(fund.residual.value <= Int64(paid.count), "\(kind.rawValue): caps \(capTotal) allow the whole fund \(fund.fund)")
                    if fund.residual.value > 0 {
                        // Everyone had their one cent over the floor, or could not take it without passing their cap.
                        #expect(paid.allSatisfy {
                            $0.receivedRemainderCent || Ratio(Int($0.cents) + 1) > max($0.share * cap, $0.exact - $0.redistributed)
                        })
                    }
                }
            }
        }
    }

    @Test("the top-rating increase: at most the share of staff, at least its fraction of the average, never beyond the fund")
    func topRatingIncrease() async {
        await propertyCheck(count: Self.runs, input: RandomBody.generator) { body in
            guard let increase = body.settings.topRatingIncrease else { return }
            let scores = body.records.finalScores(settings: body.individual)
            let staff = body.records.staff
            let allocation = try Self.allocate(body)
            let managersIncreases = allocation.managers.people.filter { !$0.increase.isZero }
            #expect(managersIncreases.isEmpty)
            let fund = allocation.staff
            let recipients = fund.people.filter { !$0.increase.isZero }
            #expect(Ratio(recipients.count) <= increase.maximumShareOfStaff * Ratio(fund.people.count))
            #expect(recipients.count == fund.increaseRecipients)
            let positives = fund.people.filter { !$0.individual.isZero }
            let individualTotal = positives.reduce(Ratio.zero) { $0 + $1.individual }
            if !positives.isEmpty {
                let average = individualTotal / Ratio(positives.count)
                for r in recipients { #expect(r.increase >= increase.fractionOfAverage * average) }
            }
            // The individual pot holds the components and the increases; the fund holds everything.
            let pot = individualTotal + fund.increasePerHead * Ratio(fund.increaseRecipients)
            let exactTotal = fund.people.reduce(Ratio.zero) { $0 + $1.exact }
            #expect(pot <= body.settings.staffComponents.individual * fund.fund.ratio)
            #expect(exactTotal <= fund.fund.ratio)
            // Every recipient ranks above every positively rated person left out.
            let rank = { (p: PersonAmount) in (scores.score[p.person], scores.weightedSum[p.person], staff[p.person].id) }
            let leftOut = positives.filter { $0.increase.isZero }
            for r in recipients {
                for o in leftOut {
                    let (a, b) = (rank(r), rank(o))
                    let better = a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && a.2 < b.2)))
                    #expect(better, "\(a.2) received the increase before \(b.2)")
                }
            }
        }
    }
}
