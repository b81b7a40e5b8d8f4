import Testing
@testable import SIPAV

/// Numbers a person types in the web forms, in Italian: the dot groups thousands, the comma marks the decimals.
@Suite("DecimalText: numbers typed in an Italian form")
struct ItalianFormNumbersTests {
    @Test("reads the dot as thousands and the comma as decimals", arguments: [
        ("1.500", Ratio(1500)),
        ("734.312,44", Ratio(73_431_244, 100)),
        ("12.480,5", Ratio(124_805, 10)),
        ("1.234", Ratio(1234)),
        ("1500", Ratio(1500)),
        ("1500,5", Ratio(15_005, 10)),
        ("1500,50", Ratio(15_005, 10)),
        ("1.500.000,12", Ratio(150_000_012, 100)),
        ("0,05", Ratio(5, 100)),
        ("0", Ratio.zero),
        ("-2", Ratio(-2)),
        ("  95,8 ", Ratio(958, 10)),
    ])
    func parses(text: String, expected: Ratio) {
        #expect(DecimalText.parseItalianForm(text) == expected)
    }

    @Test("refuses what is ambiguous or malformed rather than guess", arguments: [
        "1.5",              // a dot before fewer than three digits: a decimal point in English
        "1.50",
        "12.48.0",
        "1,500.00",         // English marks
        "1,500",            // English thousands, or three decimals
        "1.500.000,123",    // three decimals
        "3.16",
        "1500.000",         // a first group longer than three
        "1..500",
        ".500",
        "1.500,",
        ",50",
        "1,2,3",
        "+5",
        "--5",
        "-",
        "",
        "   ",
        "dodici",
        "1 500",
        "12a",
    ])
    func refuses(text: String) {
        #expect(DecimalText.parseItalianForm(text) == nil)
    }

    @Test("files keep reading a lone dot as the decimal point")
    func filesAreUnchanged() {
        #expect(DecimalText.parse("1.5") == Ratio(3, 2))
        #expect(DecimalText.parse("1.500") == Ratio(3, 2))
    }
}
