import BigInt
import Testing
@testable import SIPAV

/// Numbers as people type them in Italian spreadsheets, and as the reports print them.
@Suite("DecimalText: reading and writing numbers")
struct DecimalTextTests {
    @Test("reads Italian and English marks", arguments: [
        ("75", Ratio(75)),
        ("3,16", Ratio(316, 100)),
        ("3.16", Ratio(316, 100)),
        ("98,58", Ratio(9858, 100)),
        ("734.312,44", Ratio(73_431_244, 100)),
        ("734,312.44", Ratio(73_431_244, 100)),
        ("1.234.567", Ratio(1_234_567)),
        ("1,234,567", Ratio(1_234_567)),
        ("1.234.567,89", Ratio(123_456_789, 100)),
        ("-2", Ratio(-2)),
        ("-0,5", Ratio(-1, 2)),
        ("+7", Ratio(7)),
        ("  38,47 ", Ratio(3847, 100)),
        ("0", Ratio.zero),
        ("0,10", Ratio(1, 10)),
    ])
    func parses(text: String, expected: Ratio) {
        #expect(DecimalText.parse(text) == expected)
    }

    @Test("reads as many digits in 64 bits as beyond them", arguments: [
        ("999999999999999999", "999999999999999999", "1"),          // 18 digits: the largest read natively
        ("1000000000000000000", "1000000000000000000", "1"),        // 19: arbitrary precision
        ("-12345678,9012345678", "-61728394506172839", "5000000000"),
        ("123456789012345678901234567890", "123456789012345678901234567890", "1"),
        ("0,000000000000000001", "1", "1000000000000000000"),
    ])
    func parsesLongFigures(text: String, numerator: String, denominator: String) throws {
        let value = try #require(DecimalText.parse(text))
        #expect(value.numerator == BigInt(numerator)!)
        #expect(value.denominator == BigInt(denominator)!)
    }

    @Test("rejects what is not a number", arguments: [
        "1,2,3.4",      // thousands groups of one digit
        "12.34.5",      // several dots are thousands marks, groups of three
        "1.234.56",
        "1.23,4",       // a thousands group of two digits
        "1,234.567.8",  // two decimal dots
        "abc",
        "12a",
        "",
        "   ",
        "-",
        ",",
        "1 234",
        "€ 5",
        ",44",          // a decimal mark needs digits on both sides: a digit lost, or a mark left over
        ".5",
        "734312.",
        "734312,",
        "1.234,",
        "-,5",
    ])
    func rejects(text: String) {
        #expect(DecimalText.parse(text) == nil)
    }

    @Test("formats with Italian marks and thousands groups", arguments: [
        (Ratio(123_456, 100), 2, "1.234,56"),
        (Ratio(73_431_244, 100), 2, "734.312,44"),
        (Ratio(7_898_025, 100), 2, "78.980,25"),
        (Ratio(958, 10), 1, "95,8"),
        (Ratio(1_234_567), 0, "1.234.567"),
        (Ratio(999), 2, "999,00"),
        (Ratio(5), 2, "5,00"),
        (Ratio(1, 20), 2, "0,05"),
        (Ratio(-123_456, 100), 2, "-1.234,56"),
        (Ratio(-1, 2), 2, "-0,50"),
    ])
    func formatsItalian(value: Ratio, digits: Int, expected: String) {
        #expect(DecimalText.format(value, digits: digits, decimalMark: ",", groupMark: ".") == expected)
    }

    @Test("formats machine-readable by default: a point, no grouping")
    func formatsPlain() {
        #expect(DecimalText.format(Ratio(73_431_244, 100), digits: 2) == "734312.44")
        #expect(Cents(73_431_244).description == "734312.44")
        #expect(Cents(-5).description == "-0.05")
    }

    @Test("rounds half-up to the digits asked", arguments: [
        (Ratio(1005, 1000), 2, "1,01"),    // 1.005 → 1.01
        (Ratio(1004, 1000), 2, "1,00"),
        (Ratio(2, 3), 2, "0,67"),
        (Ratio(1, 3), 1, "0,3"),
        (Ratio(5, 2), 0, "3"),
        (Ratio(958_333, 10_000), 1, "95,8"),   // the report's 95.8 %
        (Ratio(-1, 1000), 2, "0,00"),          // no "-0,00"
        (Ratio(-5, 2), 0, "-2"),               // half-up goes towards +∞, as Ratio.roundedHalfUp
    ])
    func roundsHalfUp(value: Ratio, digits: Int, expected: String) {
        #expect(DecimalText.format(value, digits: digits, decimalMark: ",", groupMark: ".") == expected)
    }

    @Test("a single mark with three digits after one to three is ambiguous", arguments: [
        ("12.480", true), ("1,500", true), ("-999.000", true), (" 100.000 ", true), ("+1,234", true),
        ("0.125", false), ("0,500", false), ("1234.567", false), ("12.48", false), ("12.4800", false),
        ("12.480,00", false), ("1.500.000", false), ("1500", false), ("1,5", false), ("12.48a", false), ("", false),
    ])
    func ambiguity(text: String, ambiguous: Bool) {
        #expect(DecimalText.isAmbiguous(text) == ambiguous)
    }

    @Test("what is written is read back", arguments: [Ratio(73_431_244, 100), Ratio(-1, 4), Ratio(1_000_000), Ratio(3, 100)])
    func roundTrip(value: Ratio) {
        let italian = DecimalText.format(value, digits: 2, decimalMark: ",", groupMark: ".")
        let english = DecimalText.format(value, digits: 2, decimalMark: ".", groupMark: ",")
        #expect(DecimalText.parse(italian) == value)
        #expect(DecimalText.parse(english) == value)
    }
}
