import SIPAV

extension PlanReader {
    /// `{kind: below, thresholds: [80, 85, 90, 95, 100], percents: [100, 80, 60, 40, 20]}`: thresholds best
    /// first; percents default to 100, 80, 60, 40, 20 cut to the thresholds. A yes/no scale has no
    /// thresholds and one step. The core checks the scale; its rule becomes a fault on the scale's line.
    mutating func scale(_ field: YAMLField) -> TargetScale? {
        guard let entry = yaml.mapping(field, keys: ["kind", "thresholds", "percents"], required: ["kind"]),
              let kind: ThresholdKind = yaml.choice(entry["kind"], "scale kind") else { return nil }
        let thresholds: [Threshold]?
        if kind == .yesNo {
            if let given = entry["thresholds"] {
                yaml.fault(given, "a yes/no scale has no thresholds: it is met by sì")
            }
            thresholds = entry["thresholds"] == nil ? [.yes] : nil
        } else if let given = entry["thresholds"] {
            thresholds = self.thresholds(given, kind: kind)
        } else {
            yaml.fault(line: entry.line, field: field.child("thresholds"), "the key thresholds is required for a \(kind.rawValue) scale")
            thresholds = nil
        }
        var achievements: [Ratio]?
        if let given = entry["percents"] {
            achievements = percents(given, "a step percentage is above 0 and at most 100")
            if let count = thresholds?.count, let listed = achievements, listed.count != count {
                yaml.fault(given, "give one percent per step: the scale has \(count) step\(count == 1 ? "" : "s") and \(listed.count) percents")
                achievements = nil
            }
        } else if let count = thresholds?.count {
            // Beyond five thresholds any placeholder will do: the core refuses the count first.
            let defaults = TargetScale.defaultAchievements
            achievements = (0..<count).map { $0 < defaults.count ? defaults[$0] : .zero }
        }
        guard let thresholds, let achievements else { return nil }
        let steps = zip(thresholds, achievements).map { ScaleStep(threshold: $0, achievement: $1) }
        return yaml.checked(field) { () throws(RuleViolation) in try TargetScale(kind: kind, steps: steps) }
    }

    /// Numbers for below, at most, above and at least; months (`2019-06`) for a deadline.
    private mutating func thresholds(_ field: YAMLField, kind: ThresholdKind) -> [Threshold]? {
        guard let list = yaml.sequence(field, minimum: 1, what: "threshold") else { return nil }
        // Months are no numbers: `[2019-06,2019-07]` is two months, whatever its commas.
        guard kind == .deadline || yaml.hasNoCommaBetweenDigits(list) else { return nil }
        var thresholds: [Threshold] = []
        for element in list {
            guard let text = yaml.scalar(element) else { continue }
            if kind == .deadline {
                guard let month = YearMonth(parsing: text) else {
                    yaml.fault(element, "a deadline threshold is a month, like 2019-06")
                    continue
                }
                // A month of last year's plan, copied, would be missed by every date and score 0 %; one years ahead would be met by all.
                if let year, !isInPlanYearOrNext(month.year) {
                    yaml.fault(element, "a deadline threshold is a month of the plan's year \(year) or of the year after")
                    continue
                }
                thresholds.append(.month(month))
            } else {
                guard yaml.isUnambiguous(element, text) else { continue }
                guard let number = YAMLReader.number(text) else {
                    yaml.fault(element, "a threshold of a \(kind.rawValue) scale is a number, like 80 or \"2,5\"")
                    continue
                }
                thresholds.append(.number(number))
            }
        }
        guard thresholds.count == list.count else { return nil }
        // The core refuses a scale out of order too, but on the scale's line: this names the threshold at fault.
        for index in thresholds.indices.dropFirst()
            where !TargetScale.isEasier(thresholds[index], than: thresholds[index - 1], kind: kind) {
            yaml.fault(list[index], "thresholds must get easier to meet from the first step to the last: "
                       + Self.order(of: kind) + ", and this one is not " + Self.comparison(of: kind) + " " + (list[index - 1].scalar ?? ""))
            return nil
        }
        return thresholds
    }

    /// How the thresholds of a scale of `kind` follow one another, best step first.
    private static func order(of kind: ThresholdKind) -> String {
        kind == .deadline ? "in a deadline scale each threshold is a later month than the one before"
            : "in a \(kind.rawValue) scale each threshold is \(comparison(of: kind)) the one before"
    }

    private static func comparison(of kind: ThresholdKind) -> String {
        switch kind {
        case .below, .atMost: "higher than"
        case .above, .atLeast: "lower than"
        case .deadline, .yesNo: "later than"
        }
    }

    /// The measured value, of the type the scale's kind needs.
    mutating func measured(_ field: YAMLField, kind: ThresholdKind) -> Measurement? {
        guard let text = yaml.scalar(field) else { return nil }
        let measurement: Measurement?
        let rule: String
        switch kind {
        case .deadline:
            measurement = YAMLReader.isNotCompleted(text) ? .notCompleted : CalendarDate(parsing: text).map(Measurement.date)
            rule = "the measured value of a deadline scale is the completion date, like 2019-07-26, or non completato"
        case .yesNo:
            measurement = YAMLReader.yesNo(text).map(Measurement.yesNo)
            rule = "the measured value of a yes/no scale is sì or no"
        case .below, .atMost, .above, .atLeast:
            guard yaml.isUnambiguous(field, text) else { return nil }
            measurement = YAMLReader.number(text).map(Measurement.number)
            rule = "the measured value of a \(kind.rawValue) scale is a number, like 75 or 3,16"
        }
        if measurement == nil { yaml.fault(field, YAMLReader.missingDayRule(text) ?? rule) }
        if case let .date(done)? = measurement, let year, !isInPlanYearOrNext(done.year) {
            // A date before the year would meet every step; one years later is a typo far more often than a fact.
            yaml.fault(field, "a completion date lies in the plan's year \(year) or the year after")
            return nil
        }
        return measurement
    }

    /// Whether `year` is the plan's year or the one after: where a deadline's months and completion dates lie.
    private func isInPlanYearOrNext(_ year: Int) -> Bool {
        guard let planYear = self.year else { return true }
        return (planYear...(planYear + 1)).contains(year)
    }
}
