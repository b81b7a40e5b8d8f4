extension AllocationInput {
    /// Shares the residual again among those paid, in proportion to what they earned, never above
    /// `capOfShare × share` (nor below what they earned), until nothing is left or everyone is capped.
    ///
    /// Exact water-filling: everyone uncapped is multiplied by the same factor μ, found by taking people
    /// in increasing order of cap / earned and capping those whose cap the factor would pass.
    /// Returns each person's cap, in cents (what they earned, for those paid nothing): the ceiling of their cents.
    func redistribute(_ people: inout [PersonAmount], fund: Ratio, capOfShare: Ratio) -> [Ratio] {
        let earned = people.map(\.exact)
        let caps = people.indices.map { earned[$0].isZero ? .zero : max(people[$0].share * capOfShare, earned[$0]) }
        let candidates = people.indices.filter { !earned[$0].isZero }
        guard !candidates.isEmpty else { return caps }
        let capTotal = candidates.reduce(Ratio.zero) { $0 + caps[$1] }
        let budget = fund
        let finalAmount: (Int) -> Ratio
        if capTotal <= budget {
            finalAmount = { caps[$0] }
        } else {
            let ratios = candidates.map { caps[$0] / earned[$0] }
            let order = candidates.indices.sorted { ratios[$0] < ratios[$1] }
            var cappedTotal = Ratio.zero
            var uncappedEarned = candidates.reduce(Ratio.zero) { $0 + earned[$1] }
            var factor = Ratio.one
            for position in order {
                factor = (budget - cappedTotal) / uncappedEarned
                if factor <= ratios[position] { break }
                let index = candidates[position]
                cappedTotal += caps[index]
                uncappedEarned = uncappedEarned - earned[index]
            }
            let mu = factor
            finalAmount = { min(caps[$0], earned[$0] * mu) }
        }
        for index in candidates {
            people[index].redistributed = finalAmount(index) - earned[index]
        }
        return caps
    }
}
