import Foundation
import SIPAV

extension YAMLReader {
    /// An exact number, with a decimal point or comma (`75`, `3,16`, `"734.312,44"`), a trailing `%`
    /// allowed; `rule` is the fault when the text is no number or `valid` refuses it.
    mutating func decimal(_ field: YAMLField?, _ rule: String, valid: (Ratio) -> Bool = { _ in true }) -> Ratio? {
        guard let field, let text = scalar(field) else { return nil }
        guard let value = Self.number(text), valid(value) else {
            fault(field, rule)
            return nil
        }
        return value
    }

    /// The years a plan or a fund may be of: those the database keeps (`years_year_range`, SQL/0001).
    static let years = 1990...2200
    static let yearRule = "the year is a whole number from 1990 to 2200, like 2019"

    /// The rule a number of a field that takes any size of number breaks when it is written `12.480`.
    static let ambiguousNumberRule = "a single . or , with three digits after it is ambiguous (thousands or decimals?): "
        + "write 12480 or 12.480,00 for twelve thousand four hundred and eighty, 12,48 for twelve and 48 hundredths, "
        + "12,4800 for three decimals"

    /// The same rule for an amount in euros (`FundFile.amount`), which has at most two decimals: the forms it offers are
    /// the amounts', in quotes (a decimal comma inside `{ }` would separate two keys).
    static let ambiguousAmountRule = "a single . or , with three digits after it is ambiguous (thousands or decimals?): "
        + "write 12480 or \"12.480,00\" for twelve thousand four hundred and eighty euros, \"12,48\" for twelve euros and 48 cents"

    /// `decimal`, for a field that takes numbers of any size (a measured value, a weight): `12.480` or `1,500` is
    /// refused as ambiguous rather than read as decimals.
    mutating func unambiguousDecimal(_ field: YAMLField?, _ rule: String, valid: (Ratio) -> Bool = { _ in true }) -> Ratio? {
        guard let field, let text = scalar(field) else { return nil }
        guard isUnambiguous(field, text) else { return nil }
        return decimal(field, rule, valid: valid)
    }

    /// False, with a fault on `field`, when `text` is a number written ambiguously (`DecimalText.isAmbiguous`).
    mutating func isUnambiguous(_ field: YAMLField, _ text: String) -> Bool {
        guard NumberText.isAmbiguous(text) else { return true }
        fault(field, YAMLReader.ambiguousNumberRule)
        return false
    }

    /// A number as written in these files: a decimal, a trailing `%` allowed.
    static func number(_ text: String) -> Ratio? {
        var trimmed = Substring(text)
        if trimmed.hasSuffix("%") { trimmed = trimmed.dropLast() }
        return DecimalText.parse(trimmed)
    }

    /// A whole number in `range`; `rule` is the fault otherwise.
    mutating func integer(_ field: YAMLField?, in range: ClosedRange<Int>, _ rule: String) -> Int? {
        guard let field, let text = scalar(field) else { return nil }
        guard let value = Int(trimmingWhitespace(text)), range.contains(value) else {
            fault(field, rule)
            return nil
        }
        return value
    }

    /// `true` or `false` (also `yes`/`no`, `sì`/`si`).
    mutating func flag(_ field: YAMLField?) -> Bool? {
        guard let field, let text = scalar(field) else { return nil }
        guard let value = Self.yesNo(text) else {
            fault(field, "expected true or false")
            return nil
        }
        return value
    }

    /// Yes or no as people write it: `sì`, `si`, `yes`, `true` or `no`, `false`, in any case.
    static func yesNo(_ text: String) -> Bool? {
        switch trimmingWhitespace(text).lowercased() {
        case "sì", "si", "yes", "true": return true
        case "no", "false": return false
        default: return nil
        }
    }

    /// A deadline's work not completed when the year was measured: `non completato`, or `not completed`, in any case.
    static func isNotCompleted(_ text: String) -> Bool {
        ["non completato", "not completed"].contains(trimmingWhitespace(text).lowercased())
    }

    /// One of a setting's names (`snap_to_step`, `mean`); the fault names `what` and lists the allowed ones.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ field: YAMLField?, _ what: String) -> T?
        where T.RawValue == String {
        guard let field, let text = scalar(field) else { return nil }
        guard let value = T(rawValue: trimmingWhitespace(text)) else {
            fault(field, "unknown \(what); allowed: \(listed(T.allCases.map(\.rawValue)))")
            return nil
        }
        return value
    }

    /// The rule a date breaks when it is written right but names a day the month has not (`30/02/2024`), or nil.
    static func missingDayRule(_ text: String) -> String? {
        guard let (year, month, day) = CalendarDate.fields(parsing: trimmingWhitespace(text)), (1...12).contains(month),
              (1900...2999).contains(year), day > CalendarDate.days(inMonth: month, year: year) else { return nil }
        return "the day does not exist in the calendar: month \(month < 10 ? "0" : "")\(month)/\(year) has \(CalendarDate.days(inMonth: month, year: year)) days"
    }

    /// A calendar day: `2020-06-15` (or `15/06/2020`).
    mutating func date(_ field: YAMLField?) -> CalendarDate? {
        guard let field, let text = scalar(field) else { return nil }
        guard let date = CalendarDate(parsing: trimmingWhitespace(text)) else {
            fault(field, Self.missingDayRule(text) ?? "not a date of the calendar: write it as year-month-day, like 2020-06-15")
            return nil
        }
        return date
    }
}
