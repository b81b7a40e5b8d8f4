import Testing
@testable import SIPAV

/// Days and months as the records write them: the thresholds and completions of deadline indicators.
@Suite("CalendarDate and YearMonth")
struct CalendarDateTests {
    @Test("reads ISO and Italian dates", arguments: [
        ("2019-07-26", 2019, 7, 26),
        ("26/07/2019", 2019, 7, 26),
        ("2019-7-6", 2019, 7, 6),
        ("6/7/2019", 2019, 7, 6),
        ("2020-02-29", 2020, 2, 29),
        ("2000-02-29", 2000, 2, 29),
    ])
    func readsDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(CalendarDate(parsing: text))
        #expect((date.year, date.month, date.day) == (year, month, day))
    }

    @Test("rejects impossible dates and other shapes", arguments: [
        "2019-02-29", "1900-02-29", "2019-04-31", "2019-13-01", "2019-00-10", "2019-07-00",
        "26-07-2019", "07/26/19", "2019/07/26", "2019-07", "", "ieri", "2019-07-26T10:00",
    ])
    func rejectsDates(text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test("prints ISO with two-digit month and day")
    func printsDates() {
        #expect(CalendarDate(year: 2019, month: 7, day: 6)?.description == "2019-07-06")
        #expect(YearMonth(year: 2019, month: 6)?.description == "2019-06")
    }

    @Test("reads months as YYYY-MM or MM/YYYY", arguments: [("2019-06", 2019, 6), ("06/2019", 2019, 6), ("11/2019", 2019, 11)])
    func readsMonths(text: String, year: Int, month: Int) throws {
        let value = try #require(YearMonth(parsing: text))
        #expect((value.year, value.month) == (year, month))
    }

    @Test("rejects other month shapes", arguments: ["2019-13", "2019", "Jun-19", "2019-06-01", "6/19", ""])
    func rejectsMonths(text: String) {
        #expect(YearMonth(parsing: text) == nil)
    }

    @Test("a deadline month ends on its last day", arguments: [
        ("2019-06", "2019-06-30"), ("2019-07", "2019-07-31"), ("2019-02", "2019-02-28"),
        ("2020-02", "2020-02-29"), ("2019-12", "2019-12-31"),
    ])
    func lastDay(monthText: String, expected: String) {
        #expect(month(monthText).lastDay == day(expected))
    }

    @Test("dates and months are ordered in time")
    func ordering() {
        #expect(day("2019-07-31") < day("2019-08-01"))
        #expect(day("2018-12-31") < day("2019-01-01"))
        #expect(month("2019-06") < month("2019-07"))
        #expect(month("2019-12") < month("2020-01"))
    }
}
