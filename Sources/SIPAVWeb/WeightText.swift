/// An objective's weight as stored, in basis points, written as a percent with the decimals it has and no more:
/// 6000 → `60 %`, 1250 → `12,5 %`, 5417 → `54,17 %`. Rounding to whole percents would show weights that no longer
/// add up to 100 % (12,5 + 54,17 + 33,33 read as 13 + 54 + 33), on pages where the person checks their score.
enum WeightText {
    static func percent(basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let magnitude = basisPoints.magnitude
        let whole = magnitude / 100, hundredths = magnitude % 100
        if hundredths == 0 { return "\(sign)\(whole) %" }
        let decimals = hundredths % 10 == 0 ? String(hundredths / 10) : (hundredths < 10 ? "0" : "") + String(hundredths)
        return "\(sign)\(whole),\(decimals) %"
    }
}
