import SIPAV

/// The rating form of one person, as submitted: per objective (by position `i`) the fields `code_i`, `version_i`,
/// `cosa_i` (0…6 or blank) and `come_i` (A, B, C or blank). A blank pair leaves the objective unrated.
struct RatingForm {
    var ratings: [SubmittedRating] = []
    /// Messages to show next to a field, keyed by the field's name.
    var errors: [String: String] = [:]

    /// Nil when the form does not describe `count` objectives (tampered with, or the page is out of date).
    init?(_ form: FormData, count: Int) {
        for i in 0..<count {
            guard let code = form["code_\(i)"], let version = form["version_\(i)"].flatMap({ Int($0) }) else { return nil }
            let cosaText = form["cosa_\(i)"] ?? "", comeText = form["come_\(i)"] ?? ""
            var cosa: Int? = nil, come: Come? = nil
            if !cosaText.isEmpty {
                cosa = Int(cosaText).flatMap { (0...6).contains($0) ? $0 : nil }
                if cosa == nil { errors["cosa_\(i)"] = "Indichi per il cosa un numero intero da 0 a 6." }
            }
            if !comeText.isEmpty {
                come = Come(letter: comeText)
                if come == nil || comeText.count != 1 { errors["come_\(i)"] = "Indichi per il come A, B o C." }
            }
            if cosaText.isEmpty && !comeText.isEmpty { errors["cosa_\(i)"] = "Indichi anche il cosa (da 0 a 6): cosa e come vanno insieme." }
            if comeText.isEmpty && !cosaText.isEmpty { errors["come_\(i)"] = "Indichi anche il come (A, B o C): cosa e come vanno insieme." }
            ratings.append(SubmittedRating(code: code, cosa: cosa, come: come, version: version))
        }
        // Each objective once: a code repeated would leave another objective out of a final submission.
        guard Set(ratings.map(\.code)).count == ratings.count else { return nil }
    }

    /// A person not assessable has no rating to give: whatever the form says, each objective keeps the rating on
    /// record (none, from the web), so that nothing a manager types there reaches the employee's page.
    mutating func keepStoredRatings(of appraisal: Appraisal) {
        let stored = Dictionary(appraisal.objectives.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        ratings = ratings.map { SubmittedRating(code: $0.code, cosa: stored[$0.code]?.cosa, come: stored[$0.code]?.come, version: $0.version) }
        errors = [:]
    }

    /// To submit as final every objective must be rated: a message next to each blank field.
    mutating func requireEveryRating() {
        for (i, rating) in ratings.enumerated() {
            if rating.cosa == nil && errors["cosa_\(i)"] == nil { errors["cosa_\(i)"] = "Per l'invio definitivo indicare il cosa." }
            if rating.come == nil && errors["come_\(i)"] == nil { errors["come_\(i)"] = "Per l'invio definitivo indicare il come." }
        }
    }
}

/// The scores of one appraisal computed by the core: each rated objective's score through the *cosa/come*
/// matrix and, once every objective is rated, the final score and band.
struct AppraisalScores {
    let objectiveScores: [Int?]
    /// The unrounded weighted mean, the final score and the band; nil until every objective is rated.
    let final: (unrounded: Ratio, score: Int, band: Band)?
    /// Set when the appraisal is not assessable (it then counts in band BASSA).
    let notAssessableReason: String?

    init(_ appraisal: Appraisal, ratings: [(cosa: Int?, come: Come?)], settings: IndividualSettings) {
        objectiveScores = ratings.map { rating in
            guard let cosa = rating.cosa, let come = rating.come else { return nil }
            return settings.matrix.score(cosa: cosa, come: come)
        }
        let member = StaffMember(id: appraisal.employeeID, name: appraisal.name, role: .dipendente, category: "-", area: 0,
                                 monthsOfService: appraisal.monthsOfService, notAssessableReason: appraisal.notAssessableReason)
        let records = StaffRecords(staff: [member], objectives: zip(appraisal.objectives, ratings).map { objective, rating in
            IndividualObjective(person: 0, code: objective.code, title: objective.title,
                                weightBasisPoints: objective.weightBasisPoints, cosa: rating.cosa, come: rating.come)
        })
        notAssessableReason = records.notAssessableReason(0, settings: settings)
        let complete = !ratings.isEmpty && objectiveScores.allSatisfy { $0 != nil }
        if notAssessableReason == nil && complete {
            let scores = records.finalScores(settings: settings)
            final = (scores.unrounded(0), Int(scores.score[0]), scores.band(0))
        } else {
            final = nil
        }
    }
}
