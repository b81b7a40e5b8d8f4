import Foundation
import SIPAV
import SIPAVReports

/// Reads the previous year's `sipav statistics --format json` output for the comparison.
enum PreviousYearFile {
    /// The statistics of a year before `year` of the same body, for the comparison; any other file is refused, and
    /// so is a figure that is neither a number nor `null` (a figure not published).
    static func read(path: String, before year: Int, of body: String) throws -> PreviousYear {
        func fault(_ rule: String, field: String? = nil) -> InputErrors {
            InputErrors([InputError(file: path, line: nil, field: field, rule: rule)])
        }
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
        /// A figure: a number, or nil for `null` (not published); anything else is damage.
        func figure(_ row: [String: Any], _ key: String, in table: String) throws -> Ratio? {
            switch row[key] {
            case is NSNull: return nil
            case let number as NSNumber:
                if let value = DecimalText.parse(number.stringValue) { return value }
            default: break
            }
            // Said in Italian here: the rules' translations (ItalianFaults) do not know it.
            throw fault("una riga di `\(table)` ha un `\(key)` che non è né un numero né null", field: "\(table).\(key)")
        }
        var groups: [String] = []
        func percents(_ rows: [[String: Any]], _ table: String, by key: String) throws -> [String: [String: Ratio]] {
            var percents: [String: [String: Ratio]] = [:]
            for row in rows {
                guard let group = row["group"] as? String, let label = row[key] as? String, row["percent"] != nil else {
                    throw fault(table == "distribution" ? "a row of `distribution` lacks group, score or percent"
                                    : "una riga di `\(table)` è priva di group, \(key) o percent", field: table)
                }
                if table == "distribution", percents[group] == nil { groups.append(group) }
                percents[group, default: [:]][label] = try figure(row, "percent", in: table)
            }
            return percents
        }
        let scores = try percents(distribution, "distribution", by: "score")
        let bands = try percents(object["bands"] as? [[String: Any]] ?? [], "bands", by: "band")
        var means: [String: Ratio] = [:], ginis: [String: Ratio] = [:]
        for row in summary {
            guard let group = row["group"] as? String else { throw fault("una riga di `summary` è priva di group", field: "summary") }
            means[group] = try figure(row, "mean_score", in: "summary")
            ginis[group] = try figure(row, "gini_index", in: "summary")
        }
        let previous = PreviousYear(title: object["title"] as? String ?? path, groups: groups, distribution: scores, bands: bands,
                                    meanScore: means, gini: ginis)
        if let group = previous.groupsNotAddingUp.first {
            throw fault("le percentuali del gruppo «\(group)» non sommano a 100 (arrotondamenti a parte): il file non è "
                            + "quello che sipav statistics ha scritto, o è stato modificato", field: "distribution.percent")
        }
        return previous
    }
}
