import Foundation
import SIPAV

/// A previous target scale, kept in `indicator_revisions.previous_scale` as JSON:
/// `{"kind": "below", "steps": [{"threshold": "80", "percent": "100"}, …]}`.
enum ScaleJSON {
    static func encode(_ scale: TargetScale) -> String {
        let steps = scale.steps.map { step -> [String: String] in
            var entry = ["percent": SQLValues.percent(step.achievement)]
            switch step.threshold {
            case let .number(value): entry["threshold"] = SQLValues.decimal(value)
            case let .month(month): entry["threshold"] = month.description
            case .yes: break
            }
            return entry
        }
        let object: [String: Any] = ["kind": scale.kind.rawValue, "steps": steps]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) throws -> TargetScale {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let kind = (object["kind"] as? String).flatMap(ThresholdKind.init(rawValue:)),
              let steps = object["steps"] as? [[String: String]] else {
            throw StoreError("a previous scale in the database is not readable: \(text)")
        }
        let decoded = try steps.map { entry -> ScaleStep in
            let percent = try SQLValues.fractionFromPercent(entry["percent"] ?? "")
            let threshold: Threshold
            switch kind {
            case .yesNo: threshold = .yes
            case .deadline:
                guard let month = entry["threshold"].flatMap(YearMonth.init(parsing:)) else { throw StoreError("bad month in \(text)") }
                threshold = .month(month)
            default: threshold = .number(try SQLValues.ratio(entry["threshold"] ?? ""))
            }
            return ScaleStep(threshold: threshold, achievement: percent)
        }
        do { return try TargetScale(kind: kind, steps: decoded) } catch { throw StoreError("a previous scale in the database breaks a rule: \(error)") }
    }
}
