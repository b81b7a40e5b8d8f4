import BigInt

extension AllocationInput {
    /// Gives the best-rated staff the increase of CCNL 21/05/2018 art. 69, paid out of the individual-component pot.
    ///
    /// The positively rated are those with an individual component above zero; their average individual
    /// component is `I / n`. The best `k = floor(share × population)` of them, ordered by final score,
    /// then unrounded score, then employee id ascending (the documented tie-break at the edge), receive
    /// `p × λ × I / n`. When the pot (the individual fraction of the fund) cannot hold
    /// `I × (1 + k p / n)`, every individual component is scaled by `λ < 1` so that it exactly does.
    /// Returns λ, the increase per head and the number of recipients.
    func applyTopRatingIncrease(_ increase: TopRatingIncrease, to people: inout [PersonAmount], fund: Ratio,
                                individualFraction: Ratio) -> (Ratio, Ratio, Int) {
        let positives = people.indices.filter { !people[$0].individual.isZero }
        let limit = (increase.maximumShareOfStaff * Ratio(people.count)).floor
        let k = min(Int(limit), positives.count)
        guard k > 0 else { return (.one, .zero, 0) }
        let n = Ratio(positives.count)
        let total = positives.reduce(Ratio.zero) { $0 + people[$1].individual }
        let p = increase.fractionOfAverage
        let needed = total * (Ratio.one + Ratio(k) * p / n)
        let pot = individualFraction * fund
        let scaling = needed > pot ? pot / needed : .one
        let perHead = p * scaling * total / n
        let staff = records.staff
        let ranked = positives.sorted { a, b in
            TopRatingIncrease.ranksAbove(people[a].person, people[b].person, scores: scores, staff: staff)
        }
        if scaling != .one {
            for index in positives { people[index].individual = people[index].individual * scaling }
        }
        for index in ranked.prefix(k) { people[index].increase = perHead }
        return (scaling, perHead, k)
    }
}

extension TopRatingIncrease {
    /// The order of the best rated, for the increase: final score, then unrounded score, both descending, then
    /// employee id ascending (the tie-break at the share's edge). `a` and `b` are staff indices.
    public static func ranksAbove(_ a: Int, _ b: Int, scores: FinalScores, staff: [StaffMember]) -> Bool {
        if scores.score[a] != scores.score[b] { return scores.score[a] > scores.score[b] }
        if scores.weightedSum[a] != scores.weightedSum[b] { return scores.weightedSum[a] > scores.weightedSum[b] }
        return staff[a].id < staff[b].id
    }
}
