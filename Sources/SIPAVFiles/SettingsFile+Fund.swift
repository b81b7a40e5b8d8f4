import Foundation
import SIPAV

extension SettingsFile {
    static func fund(_ field: YAMLField?, _ reader: inout YAMLReader, into settings: inout FundSettings) {
        let section = reader.mapping(field, keys: [
            "components", "individual_coefficients", "organisational_components_follow_results",
            "category_parameters", "shares_follow_part_time", "shares_follow_months_of_service", "residual",
            "redistribution_cap_percent_of_share", "top_rating_increase", "require_confirmations",
        ])
        let components = reader.mapping(section?["components"], keys: ["managers", "staff"])
        if let split = self.components(components?["managers"], &reader, hasArea: false) { settings.managersComponents = split }
        if let split = self.components(components?["staff"], &reader) { settings.staffComponents = split }
        if let coefficients = coefficients(section?["individual_coefficients"], &reader) {
            settings.individualCoefficients = coefficients
        }
        if let follow = reader.flag(section?["organisational_components_follow_results"]) {
            settings.organisationalComponentsFollowResults = follow
        }
        if let parameters = categoryParameters(section?["category_parameters"], &reader) {
            settings.categoryParameters = parameters
        }
        if let follow = reader.flag(section?["shares_follow_part_time"]) { settings.sharesFollowPartTime = follow }
        if let follow = reader.flag(section?["shares_follow_months_of_service"]) { settings.sharesFollowMonthsOfService = follow }
        if let residual: ResidualRule = reader.choice(section?["residual"], "residual rule") { settings.residual = residual }
        if let cap = reader.decimal(section?["redistribution_cap_percent_of_share"],
                                    "the cap is a percentage of the person's share of at least 100", valid: { $0 >= Ratio(100) }) {
            settings.redistributionCapOfShare = cap / Ratio(100)
        }
        if let increase = topRatingIncrease(section?["top_rating_increase"], &reader) { settings.topRatingIncrease = increase }
        if let require = reader.flag(section?["require_confirmations"]) { settings.requireConfirmations = require }
    }

    /// `{individual: 60, ente: 25, area: 15}`: percentages of a share, summing to 100 (a missing one is 0).
    /// The managers' split has no Area part (rules §3): the Segretario Generale has no Area to take it from.
    private static func components(_ field: YAMLField?, _ reader: inout YAMLReader, hasArea: Bool = true) -> Components? {
        guard let field, let split = reader.mapping(field, keys: ["individual", "ente", "area"]) else { return nil }
        if !hasArea, let area = split["area"], let text = area.scalar, YAMLReader.number(text)?.isZero != true {
            reader.fault(area, "the managers' share has no Area component: only individual and ente")
            return nil
        }
        let rule = "a component is a percentage from 0 to 100"
        let parts = ["individual", "ente", "area"].map { key in
            split[key] == nil ? Ratio.zero
                : reader.decimal(split[key], rule, valid: { !$0.isNegative && $0 <= Ratio(100) }).map { $0 / Ratio(100) }
        }
        guard let individual = parts[0], let ente = parts[1], let area = parts[2] else { return nil }
        return reader.checked(field) { () throws(RuleViolation) in try Components(individual: individual, ente: ente, area: area) }
    }

    /// `proportional` (0, 0, 2/6, 3/6, 4/6, 5/6, 1) or seven values for the scores 0…6, each a
    /// percentage (`"33,33"`) or a fraction of one (`"2/6"`), from 0 to 100 % and never falling, with
    /// the ends the rules fix (`fixedEnds`).
    private static func coefficients(_ field: YAMLField?, _ reader: inout YAMLReader) -> [Ratio]? {
        guard let field else { return nil }
        if let word = field.scalar {
            guard word == "proportional" else {
                reader.fault(field, "the individual coefficients are proportional or a list of seven values for the scores 0 to 6")
                return nil
            }
            return [.zero, .zero, Ratio(2, 6), Ratio(3, 6), Ratio(4, 6), Ratio(5, 6), .one]
        }
        guard let list = reader.sequence(field) else { return nil }
        guard list.count == 7 else {
            reader.fault(field, "the individual coefficients are seven values, for the scores 0 to 6; this list has \(list.count)")
            return nil
        }
        var values: [Ratio] = []
        var valid = true
        for element in list {
            guard let text = reader.scalar(element) else { valid = false; continue }
            guard let value = coefficient(text), !value.isNegative, value <= .one else {
                reader.fault(element, "a coefficient is a percentage from 0 to 100 (\"33,33\") or a fraction (\"2/6\")")
                valid = false
                continue
            }
            if let previous = values.last, value < previous {
                reader.fault(element, "the coefficients never fall as the score rises")
                valid = false
            }
            values.append(value)
        }
        if values.count == list.count, !fixedEnds(values, list, &reader) { valid = false }
        return valid ? values : nil
    }

    /// Rules §3: scores 0 and 1 earn nothing and only a 6 earns the full individual component; the
    /// setting chooses the coefficients of 2…5 alone.
    private static func fixedEnds(_ values: [Ratio], _ list: [YAMLField], _ reader: inout YAMLReader) -> Bool {
        var fixed = true
        for score in 0...1 where !values[score].isZero {
            reader.fault(list[score], "the coefficient of scores 0 and 1 is 0: they earn nothing")
            fixed = false
        }
        if values[5] >= .one {
            reader.fault(list[5], "the coefficient of score 5 is below 100: only a 6 earns the full individual component")
            fixed = false
        }
        if values[6] != .one {
            reader.fault(list[6], "the coefficient of score 6 is 100: a 6 earns the full individual component")
            fixed = false
        }
        return fixed
    }

    /// A coefficient as a fraction of one: `"2/6"` is a fraction, anything else a percentage.
    private static func coefficient(_ text: String) -> Ratio? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let numerator = Int(parts[0].trimmingCharacters(in: .whitespaces)),
                  let denominator = Int(parts[1].trimmingCharacters(in: .whitespaces)), denominator > 0 else { return nil }
            return Ratio(numerator, denominator)
        }
        return YAMLReader.number(text).map { $0 / Ratio(100) }
    }

    /// `{D: 1.2, B: 0.9}`: the share parameter of the categories that do not weigh 1.0, above 0, at most
    /// four decimals. A category not listed weighs 1.0.
    private static func categoryParameters(_ field: YAMLField?, _ reader: inout YAMLReader) -> [String: Ratio]? {
        guard let pairs = reader.pairs(field, expected: "a category and its parameter, like D: 1.2") else { return nil }
        var parameters: [String: Ratio] = [:]
        for pair in pairs {
            let rule = "a category parameter is a number above 0 with at most four decimals, like 1.2"
            guard let value = reader.decimal(pair.value, rule, valid: { $0 > .zero && ($0 * Ratio(10_000)).denominator == 1 })
            else { continue }
            parameters[pair.key] = value
        }
        return parameters.count == pairs.count ? parameters : nil
    }

    /// `{enabled: false, maximum_share_of_staff_percent: 10, percent_of_average: 30}`. The figures are
    /// checked even while the increase is off, so that switching it on holds no surprise.
    private static func topRatingIncrease(_ field: YAMLField?, _ reader: inout YAMLReader) -> TopRatingIncrease?? {
        guard let field, let section = reader.mapping(field, keys: ["enabled", "maximum_share_of_staff_percent", "percent_of_average"])
        else { return nil }
        let enabled = reader.flag(section["enabled"]) ?? false
        let share = reader.decimal(section["maximum_share_of_staff_percent"], "the share of staff is a percentage") ?? Ratio(10)
        let average = reader.decimal(section["percent_of_average"], "the increase is a percentage of the average") ?? Ratio(30)
        let increase = reader.checked(field) { () throws(RuleViolation) in
            try TopRatingIncrease(maximumShareOfStaff: share / Ratio(100), fractionOfAverage: average / Ratio(100))
        }
        guard let increase else { return nil }
        return .some(enabled ? increase : nil)
    }
}
