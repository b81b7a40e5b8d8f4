import SIPAV
import SIPAVFiles
import SIPAVReports

/// HR's form of one person's objectives: rows `i` with `code_i`, `title_i`, `weight_i` and `remove_i`; a row with
/// neither code nor weight is left out. The weights of the objectives kept must sum to 100 %.
struct ObjectiveForm {
    struct Row {
        let code: String
        let title: String
        let weight: String
        let remove: Bool
    }

    var rows: [Row] = []
    var objectives: [AssignedObjective] = []
    /// Messages next to the fields, keyed by the field's name; `total` for the sum of the weights.
    var errors: [String: String] = [:]

    init(_ form: FormData, rowCount: Int) {
        var codes: Set<String> = []
        var total = 0
        for i in 0..<rowCount {
            let row = Row(code: (form["code_\(i)"] ?? "").trimmingCharacters(in: .whitespaces),
                          title: (form["title_\(i)"] ?? "").trimmingCharacters(in: .whitespaces),
                          weight: (form["weight_\(i)"] ?? "").trimmingCharacters(in: .whitespaces), remove: form["remove_\(i)"] != nil)
            rows.append(row)
            guard !row.remove, !(row.code.isEmpty && row.weight.isEmpty && row.title.isEmpty) else { continue }
            if row.title.unicodeScalars.count > TextLimits.title { errors["title_\(i)"] = "Il titolo ha al massimo \(TextLimits.title) caratteri." }
            if row.code.isEmpty { errors["code_\(i)"] = "Indichi il codice dell'obiettivo." }
            else if row.code.unicodeScalars.count > TextLimits.code { errors["code_\(i)"] = "Il codice ha al massimo \(TextLimits.code) caratteri." }
            else if !codes.insert(row.code).inserted { errors["code_\(i)"] = "Il codice \(row.code) compare due volte." }
            // As objectives.csv takes it: above 0 (an objective that does not count is removed), a comma or a point, never
            // `1.000`.
            let reading = ObjectiveWeight.basisPoints(row.weight)
            let weight = reading.value
            if reading == .ambiguous { errors["weight_\(i)"] = FormNumbers.ambiguousPercentMessage }
            else if weight == nil {
                errors["weight_\(i)"] = "Peso in percentuale sopra 0 e fino a 100, al più due decimali, come 33,33 o 33.33: un obiettivo che non conta si rimuove."
            }
            if let weight, !row.code.isEmpty {
                total += weight
                objectives.append(AssignedObjective(code: row.code, title: row.title, weightBasisPoints: weight))
            }
        }
        if errors.isEmpty && !objectives.isEmpty && total != 10_000 {
            errors["total"] = "I pesi sommano a \(ItalianNumbers.percent(Ratio(total, 10_000), digits: 2)): devono fare 100 %."
        }
    }
}
