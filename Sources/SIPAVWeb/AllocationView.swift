import SIPAV
import SIPAVReports
import SIPAVStore

/// The values of the allocation page: the year's state, what is still missing, and the totals per fund and band.
struct AllocationView {
    let year: Int
    let progress: YearProgress
    let preview: AllocationPreview
    /// How many of the faults that stop the allocation the page lists (a large body still being rated has
    /// one per unrated objective).
    static let faultsShown = 100

    var values: [String: Any] {
        var values: [String: Any] = ["year": String(year), "state": progress.state.italianName,
                                     "isOpen": !progress.state.isLocked, "isAllocated": progress.state == .allocated,
                                     "isLocked": progress.state.isLocked]
        if progress.unsubmitted > 0 {
            let drafts = progress.unsubmitted
            values["unsubmitted"] = ItalianNumbers.integer(drafts)
            values["unsubmittedWords"] = progress.state.isLocked
                ? ItalianNumbers.agreeing(drafts, "valutazione non era stata inviata come definitiva alla ripartizione ed è stata ripartita come si trovava",
                                          "valutazioni non erano state inviate come definitive alla ripartizione e sono state ripartite come si trovavano")
                : ItalianNumbers.agreeing(drafts, "valutazione non è ancora stata inviata come definitiva",
                                          "valutazioni non sono ancora state inviate come definitive")
            values["draftWords"] = ItalianNumbers.agreeing(drafts, "valutazione non inviata come definitiva, come si trova ora",
                                                           "valutazioni non inviate come definitive, come si trovano ora")
            values["unsubmittedCount"] = String(drafts)
        }
        if progress.openContests > 0 {
            values["openContests"] = ItalianNumbers.integer(progress.openContests)
            values["openContestsWords"] = ItalianNumbers.agreeing(progress.openContests, "contestazione attende", "contestazioni attendono")
        }
        switch preview.computed {
        case let .failure(errors):
            values["hasFaults"] = true
            let (faults, more) = ItalianFaults.listing(errors, first: AllocationView.faultsShown)
            values["faults"] = faults
            if more > 0 { values["moreFaults"] = ["count": ItalianNumbers.integer(more), "one": more == 1] }
        case let .success(result):
            values["hasFunds"] = true
            values["funds"] = [result.allocation.managers, result.allocation.staff].map { fund(result, $0) }
            values["emptyFunds"] = [result.allocation.managers, result.allocation.staff].compactMap(AllocationReport.emptyFundNote)
            values["total"] = total(result.allocation)
            if !progress.state.isLocked { values["digest"] = preview.digest ?? "" }
        }
        return values
    }

    private func fund(_ result: AllocationPreview.Computed, _ fund: FundAllocation) -> [String: Any] {
        let scores = result.cycle.scores
        // Row by row: only each person's band and cents, never their exact components (a million people's would
        // take seconds to build).
        var people: [Band: Int] = [:], cents: [Band: Int64] = [:]
        for row in 0..<fund.count {
            let band = scores.band(fund.person(at: row))
            people[band, default: 0] += 1
            cents[band, default: 0] += fund.cents(at: row)
        }
        let bands = Band.allCases.reversed().map { band -> [String: Any] in
            ["band": band.rawValue, "people": ItalianNumbers.integer(people[band] ?? 0),
             "amount": ItalianNumbers.euros(cents: cents[band] ?? 0)]
        }
        return ["name": RoleLabel.fund(fund.kind), "fund": ItalianNumbers.euros(cents: fund.fund.value),
                "paid": ItalianNumbers.euros(cents: fund.paid.value), "residual": ItalianNumbers.euros(cents: fund.residual.value),
                "people": ItalianNumbers.integer(fund.count), "bands": bands]
    }

    private func total(_ allocation: Allocation) -> [String: Any] {
        let funds = [allocation.managers, allocation.staff]
        return ["fund": ItalianNumbers.euros(cents: funds.map(\.fund.value).reduce(0, +)),
                "paid": ItalianNumbers.euros(cents: funds.map(\.paid.value).reduce(0, +)),
                "residual": ItalianNumbers.euros(cents: funds.map(\.residual.value).reduce(0, +))]
    }
}
