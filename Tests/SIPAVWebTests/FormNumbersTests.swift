import SIPAV
import SIPAVFiles
import Testing
@testable import SIPAVWeb

/// The amounts and percentages HR types in the web forms, read by the files' rule: a comma or a point marks the
/// decimals, `12.480` is ambiguous.
@Suite("FormNumbers: amounts and percentages typed in HR's forms")
struct FormNumbersTests {
    @Test("euros become cents as fund.yaml reads them", arguments: [
        ("1234.56", Int64(123_456)),
        ("1234,56", 123_456),
        ("1.234,56", 123_456),
        ("1,234.56", 123_456),
        ("734.312,44", 73_431_244),
        ("12.480,5", 1_248_050),
        ("12480", 1_248_000),
        ("12.480,00", 1_248_000),
        ("1.500.000", 150_000_000),
        ("1.5", 150),
        ("1.500,00 €", 150_000),
        ("1.000.000.000.000,00", 100_000_000_000_000),
    ])
    func cents(text: String, expected: Int64) {
        #expect(FormNumbers.cents(text) == .value(Cents(expected)))
    }

    @Test("a single mark with three digits after it is ambiguous", arguments: ["12.480", "1.500", "1,500", "12.480 €", " 999,999 "])
    func ambiguousCents(text: String) {
        #expect(FormNumbers.cents(text) == .ambiguous)
    }

    @Test("amounts malformed, negative, finer than a cent or too large are refused", arguments: [
        ("12.48.0", FieldNumber<Cents>.refused), ("1,500.001", .refused), ("1.500.000,123", .refused), ("-5", .refused),
        ("12.480,001", .refused), ("", .refused), ("dodici", .refused),
        ("1.000.000.000.000,01", .tooLarge), ("100.000.000.000.000.000", .tooLarge),
    ])
    func refusedCents(text: String, expected: FieldNumber<Cents>) {
        #expect(FormNumbers.cents(text) == expected)
    }

    /// One rule, one reader: whatever the form reads, fund.yaml reads the same, and it refuses what the form refuses.
    @Test("the form and fund.yaml read an amount alike", arguments: [
        "1234.56", "1234,56", "1.234,56", "12480", "12.480", "1,500", "1.5", "12.48.0", "-5", "12.480,001", "1000000000000.01",
    ])
    func sameAsTheFundFile(text: String) throws {
        let yaml = "year: 2019\nlines:\n  - {fund: staff, description: x, amount: \"\(text)\"}\n"
        let fromFile = try? FundFile.parse(text: yaml, file: "fund.yaml").lines.first?.amount
        #expect(FormNumbers.cents(text).value == fromFile, "\(text)")
    }

    @Test("percentages (the OIV's results, the objectives' weights) take a comma or a point", arguments: [
        ("95,85", FieldNumber<Int>.value(9585)),
        ("95.85", .value(9585)),
        ("95,8", .value(9580)),
        ("33,33 %", .value(3333)),
        ("100", .value(10_000)),
        ("0", .value(0)),
        ("1.000", .ambiguous),
        ("95.850", .ambiguous),
        ("33,333", .ambiguous),
        ("0,125", .refused),    // three decimals, and no thousands before them
        ("-1", .refused),
        ("cento", .refused),
        (",5", .refused),       // a decimal mark needs digits on both sides
        ("50,", .refused),
        ("101", .tooLarge),
    ])
    func basisPoints(text: String, expected: FieldNumber<Int>) {
        #expect(FormNumbers.basisPoints(text) == expected)
    }

    @Test("an objective's weight is above 0, as objectives.csv takes it")
    func weights() {
        #expect(ObjectiveWeight.basisPoints("30.5") == .value(3050))
        #expect(ObjectiveWeight.basisPoints("0") == .refused)
        #expect(ObjectiveWeight.basisPoints("1.000") == .ambiguous)
    }
}
