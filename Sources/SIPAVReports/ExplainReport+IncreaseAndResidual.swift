import SIPAV

/// The two settings that move money between people after the components: the top-rating increase and the residual
/// redistributed. Each line says what the person got and why, with the figures an auditor needs to recompute it.
extension ExplainReport {
    /// The top-rating increase (CCNL 21/05/2018 art. 69) as it applied to one person of the staff fund: the amount and
    /// its formula, then where the person stood among the positively rated. Every member of the fund gets the lines,
    /// so that one who got nothing is told why.
    static func increaseRows(person: Int, amount: PersonAmount, fund: FundAllocation, increase: TopRatingIncrease,
                             records: StaffRecords, scores: FinalScores) -> [[Cell]] {
        let title = Cell.text("Maggiorazione (CCNL 21/05/2018 art. 69)")
        guard !amount.individual.isZero else {
            return [[title, .exactCents(.zero, digits: 4), .text("componente individuale nulla: esclusa")]]
        }
        let positives = (0..<fund.count).filter { !fund.amount(at: $0).individual.isZero }.map(fund.person(at:))
        let position = 1 + positives.count(where: { TopRatingIncrease.ranksAbove($0, person, scores: scores, staff: records.staff) })
        let standing = [Cell.text("Graduatoria"), .empty,
                        .text("\(ItalianNumbers.integer(position))° di \(ItalianNumbers.integer(positives.count)) valutati positivamente (punteggio, media, matricola)")]
        guard !amount.increase.isZero else {
            let limit = "al più \(ItalianNumbers.exactPercent(increase.maximumShareOfStaff)) di \(ItalianNumbers.integer(fund.count)) aventi diritto"
            let why = fund.increaseRecipients == 0 ? "nessun maggiorato" : "non tra i primi \(ItalianNumbers.integer(fund.increaseRecipients))"
            return [[title, .exactCents(.zero, digits: 4), .text("\(why): \(limit)")], standing]
        }
        // The increase per head is p × λ × the positively rated's average individual component before λ.
        let average = fund.increasePerHead / (increase.fractionOfAverage * fund.individualScaling)
        var formula = "\(ItalianNumbers.exactPercent(increase.fractionOfAverage)) della componente individuale media "
            + "(\(ItalianNumbers.euros(exactCents: average, digits: 4)))"
        if fund.individualScaling != .one { formula += " × \(ItalianNumbers.number(fund.individualScaling, digits: 6))" }
        return [[title, .exactCents(amount.increase, digits: 4), .text(formula)], standing]
    }

    /// The residual shared again among those paid: what the person earned times a factor common to everyone below
    /// their cap (the part redistributed, so the whole is earned × (1 + factor)), or up to their cap (the share × the setting's percentage), or why they got none.
    static func redistributionRow(amount: PersonAmount, capOfShare: Ratio) -> [Cell] {
        let title = Cell.text("Residuo ridistribuito")
        let earned = amount.exact - amount.redistributed
        let cap = amount.share * capOfShare
        let capText = "tetto: quota × \(ItalianNumbers.exactPercent(capOfShare)) = \(ItalianNumbers.euros(exactCents: cap, digits: 4))"
        let none = Cell.exactCents(.zero, digits: 4)
        if earned.isZero { return [title, none, .text("nulla maturato: nulla ridistribuito")] }
        if earned > cap { return [title, none, .text("maturato oltre il \(capText)")] }
        if earned == cap { return [title, none, .text("maturato pari al \(capText)")] }
        if amount.redistributed.isZero { return [title, none, .text("nessun residuo da ridistribuire")] }
        if earned + amount.redistributed == cap { return [title, .exactCents(amount.redistributed, digits: 4), .text("fino al \(capText)")] }
        // The part redistributed is what was earned times the factor common to everyone below their cap, less one.
        let factor = amount.redistributed / earned
        return [title, .exactCents(amount.redistributed, digits: 4),
                .text("maturato × \(ItalianNumbers.number(factor, digits: 10)) (fattore comune sotto il tetto)")]
    }
}
