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
}
