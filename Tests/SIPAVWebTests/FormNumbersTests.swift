import Testing
@testable import SIPAVWeb

/// The amounts and percentages HR types in the web forms, read in Italian whatever the field.
@Suite("FormNumbers: amounts and percentages typed in HR's forms")
struct FormNumbersTests {
    @Test("euros become cents, the dot grouping thousands", arguments: [
        ("1.500", Int64(150_000)),
        ("734.312,44", 73_431_244),
        ("12.480,5", 1_248_050),
        ("1.234", 123_400),
        ("1500", 150_000),
        ("1500,5", 150_050),
        ("1.500,00 €", 150_000),
        ("1.000.000.000.000,00", 100_000_000_000_000),
    ])
    func cents(text: String, expected: Int64) {
        #expect(FormNumbers.cents(text) == expected)
    }

    @Test("amounts that are ambiguous, negative or finer than a cent are refused",
          arguments: ["1.5", "1.50", "12.48.0", "1,500.00", "1.500.000,123", "-5", "12.480,001", "",
                     "1.000.000.000.000,01", "100.000.000.000.000.000"])
    func refusedCents(text: String) {
        #expect(FormNumbers.cents(text) == nil)
    }

    @Test("percentages (the OIV's results, the objectives' weights) use the comma too", arguments: [
        ("95,8", 9580 as Int?),
        ("33,33 %", 3333),
        ("100", 10_000),
        ("95.8", nil),      // a dot never marks decimals in a form
        ("1.000", nil),     // one thousand, not one
        ("33,333", nil),
        ("101", nil),
    ])
    func basisPoints(text: String, expected: Int?) {
        #expect(FormNumbers.basisPoints(text) == expected)
    }
}
