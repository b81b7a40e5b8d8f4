import SIPAV

/// A target scale as a report states it: `≥ 6 → 100 %; ≥ 4 → 80 %`, `entro 06/2019 → 100 %`, `sì → 100 %`. A revised
/// indicator's previous scale is shown this way beside the scale in force.
enum ScaleText {
    static func italian(_ scale: TargetScale) -> String {
        scale.steps.map { threshold($0.threshold, scale.kind) + " → " + ItalianNumbers.exactPercent($0.achievement) }
            .joined(separator: "; ")
    }

    static func threshold(_ threshold: Threshold, _ kind: ThresholdKind) -> String {
        switch threshold {
        case let .number(value): symbol(kind) + " " + asWritten(value)
        case let .month(month): "entro " + (month.month < 10 ? "0" : "") + "\(month.month)/\(month.year)"
        case .yes: "sì"
        }
    }

    static func symbol(_ kind: ThresholdKind) -> String {
        switch kind {
        case .below: "<"
        case .atMost: "≤"
        case .above: ">"
        case .atLeast, .deadline, .yesNo: "≥"
        }
    }

    /// A measured value as the plan gives it: a number with its decimals, a completion date, not completed, sì or no.
    static func measured(_ measurement: Measurement) -> String {
        switch measurement {
        case let .number(value): asWritten(value)
        case let .date(date): [date.day, date.month].map { ($0 < 10 ? "0" : "") + String($0) }.joined(separator: "/") + "/\(date.year)"
        case .notCompleted: "non completato"
        case let .yesNo(done): done ? "sì" : "no"
        }
    }

    /// A threshold with the decimals it has (`2,8`, `70`), at most six.
    static func asWritten(_ value: Ratio) -> String {
        let digits = DecimalText.exact(value).map { $0.split(separator: ".").dropFirst().first?.count ?? 0 } ?? 4
        return ItalianNumbers.number(value, digits: min(digits, 6))
    }
}
