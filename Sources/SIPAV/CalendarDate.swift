/// A calendar day, as written in the records (`2019-07-26`). No time zone: the rules speak of days.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date of the Gregorian calendar, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              (1...CalendarDate.days(inMonth: month, year: year)).contains(day) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Reads `YYYY-MM-DD` or the Italian `DD/MM/YYYY`.
    public init?(parsing text: String) {
        guard let (year, month, day) = Self.fields(parsing: text) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The year, month and day written `YYYY-MM-DD` or `DD/MM/YYYY`, whether or not the calendar has that day.
    public static func fields(parsing text: String) -> (year: Int, month: Int, day: Int)? {
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let italian = text.split(separator: "/", omittingEmptySubsequences: false)
        let parts: [Substring]
        if iso.count == 3, iso[0].count == 4 { parts = iso }
        else if italian.count == 3, italian[2].count == 4 { parts = [italian[2], italian[1], italian[0]] }
        else { return nil }
        guard parts[1].count <= 2, parts[2].count <= 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return (y, m, d)
    }

    /// The days of `month` (1…12) in `year`.
    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

/// A month of a year, the threshold of a deadline step (`2019-06` = by the end of June 2019).
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month) else { return nil }
        (self.year, self.month) = (year, month)
    }

    /// Reads `YYYY-MM` or `MM/YYYY`.
    public init?(parsing text: String) {
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let italian = text.split(separator: "/", omittingEmptySubsequences: false)
        if iso.count == 2, iso[0].count == 4, iso[1].count <= 2, let y = Int(iso[0]), let m = Int(iso[1]) {
            self.init(year: y, month: m)
        } else if italian.count == 2, italian[1].count == 4, italian[0].count <= 2,
                  let m = Int(italian[0]), let y = Int(italian[1]) {
            self.init(year: y, month: m)
        } else {
            return nil
        }
    }

    /// The last day of the month: a deadline is met by a completion on or before it.
    public var lastDay: CalendarDate {
        CalendarDate(year: year, month: month, day: CalendarDate.days(inMonth: month, year: year))!
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}
