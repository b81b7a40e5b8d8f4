import Foundation
import SIPAV
import SIPAVReports

/// Reads the previous year's `sipav statistics --format json` output for the comparison.
enum PreviousYearFile {
    /// The statistics of a year before `year` of the same body, for the comparison; any other file is refused.
    static func read(path: String, before year: Int, of body: String) throws -> PreviousYear {
        func fault(_ rule: String) -> InputErrors { InputErrors([InputError(file: path, line: nil, field: nil, rule: rule)]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputErrors([InputError(file: path, line: nil, field: nil, rule: InputError.missingOrUnreadable)])
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["report"] as? String == "statistics",
              let distribution = object["distribution"] as? [[String: Any]],
              let summary = object["summary"] as? [[String: Any]] else {
            throw fault("not the JSON of `sipav statistics --format json` of a previous year")
        }
        guard let named = (object["title"] as? String).flatMap(StatisticsReport.yearAndBody), named.year < year, named.body == body else {
            throw fault("the statistics compared with must be of an earlier year of the same body (\(body), before \(year))")
        }
        func ratio(_ value: Any?) -> Ratio? {
            (value as? NSNumber).flatMap { DecimalText.parse($0.stringValue) }
        }
        var percents: [String: [String: Ratio]] = [:]
        for row in distribution {
            guard let group = row["group"] as? String, let score = row["score"] as? String, let percent = ratio(row["percent"]) else {
                throw fault("a row of `distribution` lacks group, score or percent")
            }
            percents[group, default: [:]][score] = percent
        }
        var means: [String: Ratio] = [:], ginis: [String: Ratio] = [:]
        for row in summary {
            guard let group = row["group"] as? String else { continue }
            means[group] = ratio(row["mean_score"])
            ginis[group] = ratio(row["gini_index"])
        }
        return PreviousYear(title: object["title"] as? String ?? path, distribution: percents, meanScore: means, gini: ginis)
    }
}
