import SIPAV
import SIPAVFiles
import Testing

private let fundFixture = """
year: 2019
lines:
  - fund: staff
    description: "Fondo risorse decentrate: quota per la produttività"
    amount: "734.312,44"
    reference: "Determinazione n. 1"
  - fund: staff
    description: "Risparmi delle altre voci accessorie"
    amount: 1000
  - fund: managers
    description: "Retribuzione di risultato dei dirigenti"
    amount: 78980.25
giunta: {date: 2020-06-15, reference: "Delibera di Giunta n. 80"}
oiv: {date: 10/06/2020, reference: "Verbale OIV n. 3"}
"""

@Test func fundHappyPath() throws {
    let fund = try FundFile.parse(text: fundFixture, file: "fund.yaml")
    #expect(fund.year == 2019)
    #expect(fund.lines.map(\.amount) == [Cents(73_431_244), Cents(100_000), Cents(7_898_025)])
    #expect(fund.lines[0] == FundLine(fund: .staff, description: "Fondo risorse decentrate: quota per la produttività",
                                      amount: Cents(73_431_244), reference: "Determinazione n. 1"))
    #expect(fund.total(.staff) == Cents(73_531_244))
    #expect(fund.total(.managers) == Cents(7_898_025))
    #expect(fund.giunta == Confirmation(date: CalendarDate(year: 2020, month: 6, day: 15)!, reference: "Delibera di Giunta n. 80"))
    #expect(fund.oiv == Confirmation(date: CalendarDate(year: 2020, month: 6, day: 10)!, reference: "Verbale OIV n. 3"))
}

@Test func fundWithoutConfirmations() throws {
    let fund = try FundFile.parse(text: "year: 2019\nlines:\n  - {fund: managers, description: x, amount: \"0\"}\n", file: "fund.yaml")
    #expect(fund.giunta == nil && fund.oiv == nil)
    #expect(fund.lines.map(\.amount) == [.zero])
}

@Test("fund faults", arguments: [
    ("amount: \"734.312,44\"", "amount: \"-734.312,44\"", ExpectedFault(5, "lines.amount", "an amount in euros is not negative")),
    ("amount: 1000", "amount: 1000,005", ExpectedFault(9, "lines.amount", "at most two decimals")),
    ("amount: 1000", "amount: mille", ExpectedFault(9, "lines.amount", "an amount in euros")),
    ("amount: 1000", "amount: \"12.480\"", ExpectedFault(9, "lines.amount", "a single . or , with three digits after it is ambiguous")),
    ("amount: 1000", "amount: 1,500", ExpectedFault(9, "lines.amount", "a single . or , with three digits after it is ambiguous")),
    ("amount: 1000", "amount: \"100000000000000000\"", ExpectedFault(9, "lines.amount", "an amount in euros is at most 1,000,000,000,000.00")),
    ("amount: 1000", "amount: 1000000000000.01", ExpectedFault(9, "lines.amount", "an amount in euros is at most 1,000,000,000,000.00")),
    ("amount: 1000", "amount: 999999265688.57", ExpectedFault(3, "lines", "the lines of the staff fund add up to more than 1,000,000,000,000.00 euros")),
    ("2020-06-15", "2020-02-30", ExpectedFault(13, "giunta.date", "the day does not exist in the calendar: month 02/2020 has 29 days")),
    ("fund: managers", "fund: segretario", ExpectedFault(10, "lines.fund", "unknown fund; allowed: staff, managers")),
    ("    description: \"Risparmi delle altre voci accessorie\"\n", "", ExpectedFault(7, "lines.description", "the key description is required")),
    ("reference: \"Verbale OIV n. 3\"", "reference: \"Verbale OIV n. 3\", firma: Rossi",
     ExpectedFault(14, "oiv.firma", "unknown key; allowed keys are date, reference")),
    ("year: 2019", "year: 19.5", ExpectedFault(1, "year", "the year is a whole number")),
    // An amount's forms are the amounts', in quotes: two decimals at most.
    ("amount: 1000", "amount: 7.500", ExpectedFault(9, "lines.amount", "write 12480 or \"12.480,00\" for twelve thousand four hundred and eighty euros")),
])
func fundFaults(original: String, replacement: String, expected: ExpectedFault) {
    let text = fundFixture.replacing(original, with: replacement, maxReplacements: 1)
    let found = faults { () throws(InputErrors) in try FundFile.parse(text: text, file: "fund.yaml") }
    expectOneFault(found, expected, in: "fund.yaml")
}

/// The largest amount is accepted, to the cent, on a line and as a fund's total.
@Test func fundUpToTheLargestTotal() throws {
    let text = fundFixture.replacing("amount: 1000", with: "amount: 999999265687.56", maxReplacements: 1)
    let fund = try FundFile.parse(text: text, file: "fund.yaml")
    #expect(fund.total(.staff) == Fund.largestTotal)
    #expect(fund.fundsOverTheLargestTotal.isEmpty)
}

@Test func fundNeedsLines() {
    let found = faults { () throws(InputErrors) in try FundFile.parse(text: "year: 2019\nlines: []\n", file: "fund.yaml") }
    #expect(found == [InputError(file: "fund.yaml", line: 2, field: "lines", rule: "the list needs at least 1 fund line")])
}

@Test func fundFileFromDiskWithBOMAndCRLF() throws {
    let path = try temporaryFile("fund.yaml", [0xEF, 0xBB, 0xBF] + Array(fundFixture.replacing("\n", with: "\r\n").utf8))
    #expect(try FundFile.read(path: path).lines.count == 3)
    #expect(faults { () throws(InputErrors) in try FundFile.read(path: path + ".missing") }.map(\.file) == [path + ".missing"])
}

/// A confirmation dated far from its fund's year (1900, 2099) is a slip of the pen: refused with its line.
@Test(arguments: ["1900-06-22", "2099-06-22", "2017-12-31"])
func aConfirmationDatedFarFromTheYearIsRefused(_ date: String) {
    let text = "year: 2019\nlines:\n  - {fund: staff, description: \"Fondo\", amount: \"1.000,00\"}\ngiunta:\n  date: \(date)\n  reference: \"Delibera 1\"\n"
    let found = faults { () throws(InputErrors) in try FundFile.parse(text: text, file: "fund.yaml") }
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.line == 5 && found.first?.field == "giunta.date", "\(found)")
    #expect(found.first?.rule == "a confirmation of the 2019 fund is dated from 2018 to 2024")
}

@Test(arguments: ["2018-12-20", "2020-06-22", "2024-01-31"])
func aConfirmationDatedNearTheYearIsRead(_ date: String) throws {
    let text = "year: 2019\nlines:\n  - {fund: staff, description: \"Fondo\", amount: \"1.000,00\"}\ngiunta:\n  date: \(date)\n  reference: \"Delibera 1\"\n"
    let fund = try FundFile.parse(text: text, file: "fund.yaml")
    #expect(fund.giunta?.reference == "Delibera 1")
}

/// An amount with a decimal comma left unquoted inside { } is split by YAML at the comma: the key of digits it leaves
/// says to quote it, beside the amount's own fault.
@Test func anUnquotedDecimalCommaInsideBracesIsToldToBeQuoted() {
    let text = "year: 2019\nlines:\n  - {fund: staff, description: Fondo, amount: 7.500,71}\n"
    let found = faults { () throws(InputErrors) in try FundFile.parse(text: text, file: "fund.yaml") }
    #expect(found.map(\.value) == ["71", "7.500"])
    #expect(found.first?.rule == "unknown key; inside { } a comma separates the keys: write a number with a decimal comma in quotes, like \"7.500,71\"")
}
