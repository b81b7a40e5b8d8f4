import SIPAV
import SIPAVReports

/// The values of the rating template for one appraisal: the stored ratings, or the submitted ones when the form
/// had errors; each objective's score, the final score and band in Italian form.
///
/// A re-shown form keeps the versions it was submitted with, not the stored ones: had someone else saved in the
/// meantime, taking the new versions would let the next save overwrite their ratings without a conflict.
///
/// A form refused because the ratings changed meanwhile (`unsaved`) is shown the other way round: the stored ratings
/// and versions in the fields, so that the next save knowingly replaces them, and beside each objective whose typed
/// rating differs, what was typed, so that it need not be remembered.
struct RatingView {
    let appraisal: Appraisal
    let submitted: RatingForm?
    let settings: IndividualSettings
    /// The year is allocated or published: the page is read-only whatever the appraisal's state.
    var isLocked = false
    /// The ratings of a form refused as out of date, shown beside the stored ones.
    var unsaved: RatingForm? = nil
    /// The manager's page: a person not assessable has nothing to rate, and the fields are shown, not offered. HR's
    /// forms (a contest's outcome, the Segretario Generale's act) keep them.
    var managersPage = false

    var values: [String: Any] {
        let ratings: [(cosa: Int?, come: Come?)] = appraisal.objectives.indices.map { i in
            if let submitted { return (submitted.ratings[i].cosa, submitted.ratings[i].come) }
            return (appraisal.objectives[i].cosa, appraisal.objectives[i].come)
        }
        let scores = AppraisalScores(appraisal, ratings: ratings, settings: settings)
        // The first field in error takes the focus when the page is shown again: the manager starts there. Without an
        // error, on the manager's own form still to fill, the first field not yet rated does: the keyboard starts
        // typing at once, person after person.
        let firstError = appraisal.objectives.indices.lazy.flatMap { ["cosa_\($0)", "come_\($0)"] }
            .first { submitted?.errors[$0] != nil }
        let editable = appraisal.submission == nil && !isLocked
        let firstToRate = firstError == nil && submitted == nil && managersPage && editable && scores.notAssessableReason == nil
            ? appraisal.objectives.indices.lazy.flatMap { i -> [String] in
                [ratings[i].cosa == nil ? "cosa_\(i)" : nil, ratings[i].come == nil ? "come_\(i)" : nil].compactMap { $0 }
            }.first
            : nil
        let focused = firstError ?? firstToRate
        var values: [String: Any] = [
            "employeeID": appraisal.employeeID, "employeePath": appraisal.employeeID.addingPercentEncodingForPath(),
            "name": appraisal.name, "area": appraisal.area, "count": appraisal.objectives.count,
            "editable": editable,
        ]
        if let submission = appraisal.submission { values["submission"] = submission.values }
        if let change = appraisal.changedByContest { values["contestChange"] = ["reference": change.reference, "day": change.day] }
        if let change = appraisal.lastChange { values["lastChange"] = ["at": change.at, "by": change.by] }
        values["objectives"] = appraisal.objectives.enumerated().map { i, objective -> [String: Any] in
            var row: [String: Any] = [
                "index": i, "code": objective.code, "title": objective.title,
                "version": submitted?.ratings[i].version ?? objective.version,
                "weight": WeightText.percent(basisPoints: objective.weightBasisPoints),
                "cosaValue": ratings[i].cosa.map(String.init) ?? "", "comeValue": ratings[i].come?.letter ?? "",
                "cosaOptions": RatingView.options(["—"] + (0...6).map(String.init), values: [""] + (0...6).map(String.init),
                                                  selected: ratings[i].cosa.map(String.init) ?? ""),
                "comeOptions": RatingView.options(["—", "A", "B", "C"], values: ["", "A", "B", "C"],
                                                  selected: ratings[i].come?.letter ?? ""),
            ]
            if let score = scores.objectiveScores[i] { row["score"] = String(score) }
            if objective.retitledAfterRating { row["retitled"] = true }
            // Nothing to rate for a person not assessable: the fields are shown, not offered.
            if managersPage && scores.notAssessableReason != nil { row["editable"] = false }
            if let typed = unsaved?.ratings.first(where: { $0.code == objective.code }),
               typed.cosa != ratings[i].cosa || typed.come != ratings[i].come {
                row["unsaved"] = RatingView.describe(cosa: typed.cosa, come: typed.come)
            }
            if let error = submitted?.errors["cosa_\(i)"] { row["cosaError"] = error }
            if let error = submitted?.errors["come_\(i)"] { row["comeError"] = error }
            if focused == "cosa_\(i)" { row["cosaFocus"] = true }
            if focused == "come_\(i)" { row["comeFocus"] = true }
            return row
        }
        if let final = scores.final {
            values["final"] = ["unrounded": ItalianNumbers.weightedMean(final.unrounded), "score": String(final.score),
                               "band": final.band.rawValue]
        }
        if let reason = scores.notAssessableReason { values["notAssessable"] = reason }
        values["matrix"] = Come.allCases.map { come in
            ["come": come.letter, "scores": (0...6).map { ["score": String(settings.matrix.score(cosa: $0, come: come))] }]
        }
        return values
    }

    /// A rating in words: "cosa 4, come B", or that there was none.
    static func describe(cosa: Int?, come: Come?) -> String {
        switch (cosa, come) {
        case (nil, nil): "nessuna valutazione"
        case let (cosa, come): "cosa \(cosa.map(String.init) ?? "—"), come \(come?.letter ?? "—")"
        }
    }

    static func options(_ labels: [String], values: [String], selected: String) -> [[String: Any]] {
        zip(labels, values).map { label, value in ["label": label, "value": value, "selected": value == selected] }
    }
}
