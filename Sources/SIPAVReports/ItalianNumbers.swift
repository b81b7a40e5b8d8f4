import SIPAV
import BigInt

/// Numbers in Italian form: `1.234,56 €`, `95,8 %`.
public enum ItalianNumbers {
    public static func euros(cents: Int64) -> String {
        DecimalText.format(Ratio(BigInt(cents), 100), digits: 2, decimalMark: ",", groupMark: ".") + " €"
    }
    public static func euros(exactCents: Ratio, digits: Int) -> String {
        DecimalText.format(exactCents / Ratio(100), digits: digits, decimalMark: ",", groupMark: ".") + " €"
    }
    public static func percent(_ fraction: Ratio, digits: Int) -> String {
        DecimalText.format(fraction * Ratio(100), digits: digits, decimalMark: ",", groupMark: ".") + " %"
    }
    public static func number(_ value: Ratio, digits: Int) -> String {
        DecimalText.format(value, digits: digits, decimalMark: ",", groupMark: ".")
    }
    /// A percentage as it is, for a reader who recomputes with it: every decimal of one that ends within six
    /// (`62,5 %`, `25 %`), else four decimals and the fraction it stands for (`95,8333 % (23/24)`).
    public static func exactPercent(_ fraction: Ratio) -> String {
        let percent = fraction * Ratio(100)
        if let exact = DecimalText.exact(percent) {
            let digits = exact.split(separator: ".").dropFirst().first?.count ?? 0
            if digits <= 6 { return number(percent, digits: digits) + " %" }
        }
        return number(percent, digits: 4) + " % (\(fraction.numerator)/\(fraction.denominator))"
    }
    /// The decimals that show a fraction as a percentage whole, from one to four: 1 for 0,95 (`95,0 %`), 2 for 0,9585
    /// (`95,85 %`), 4 for 23/24 (`95,8333 %`, the nearest four decimals can come).
    public static func percentDigits(_ fraction: Ratio) -> Int {
        max(digits(of: fraction * Ratio(100)), 1)
    }
    /// The decimals that show `value` whole, up to four: 0 for 40, 2 for 33,25, 4 for 1/3.
    public static func digits(of value: Ratio) -> Int {
        guard let exact = DecimalText.exact(value) else { return 4 }
        return min(exact.split(separator: ".").dropFirst().first?.count ?? 0, 4)
    }
    /// A whole number with its thousands grouped: `1.234`.
    public static func integer(_ value: Int) -> String {
        number(Ratio(value, 1), digits: 0)
    }
    /// A weighted mean of ratings, exact: its weights are basis points, so four decimals hold it whole. Shown with
    /// two decimals at least and no trailing zeros beyond them (4,20; 4,495), never rounded, so that it reads
    /// the same side of a half as the final score rounded from it.
    public static func weightedMean(_ value: Ratio) -> String {
        var text = number(value, digits: 4)
        while text.hasSuffix("0"), let mark = text.firstIndex(of: ","), text.distance(from: mark, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return text
    }
}
