import Foundation
import Postgres
import SIPAV
import SIPAVStore

/// The final score and band of the people on one page of a manager's list, computed from their stored ratings as
/// the rating page computes them (`AppraisalScores`): a manager reads the scores of the staff they rated side by side
/// before sending them.
enum StaffScores {
    /// Each of `employees` (a page of the list) whose every objective is rated and who is assessable, with their final
    /// score and band under `settings`; the others are left out.
    static func read(_ db: Connection, body: String, year: Int, employees: [String],
                     settings: IndividualSettings) throws -> [String: (score: Int, band: Band)] {
        guard !employees.isEmpty else { return [:] }
        let page = String(decoding: try JSONEncoder().encode(employees), as: UTF8.self)
        var people: [String: (months: Int, reason: String?, objectives: [StoredObjective])] = [:]
        // The page's people by key, whatever the list's query before (the whole year, without nested loops) needed.
        let rows = try db.transaction { tx in
            try PostgresStore.planForSomePeople(inTransaction: tx)
            return try tx.execute("""
            SELECT s.employee_id, s.months, s.not_assessable_reason, o.code, o.title, o.weight_bp, o.cosa, o.come, o.version
            FROM staff_years s
            LEFT JOIN individual_objectives o ON o.body_id = s.body_id AND o.year = s.year AND o.employee_id = s.employee_id
            WHERE s.body_id = $1 AND s.year = $2 AND s.employee_id IN (SELECT json_array_elements_text($3::json))
            ORDER BY s.employee_id, o.position, o.code
            """, [body, year, page])
        }
        for row in rows {
            let id = try row.string("employee_id")
            var person = try people[id] ?? (row.int("months"), row["not_assessable_reason"], [])
            if let code: String = try row["code"] {
                person.objectives.append(StoredObjective(
                    code: code, title: try row.string("title"), weightBasisPoints: try row.int("weight_bp"),
                    cosa: try row["cosa"].flatMap { Int($0) }, come: try row["come"].flatMap { Come(letter: $0) },
                    version: try row.int("version")))
            }
            people[id] = person
        }
        var scores: [String: (score: Int, band: Band)] = [:]
        for (id, person) in people {
            let appraisal = Appraisal(employeeID: id, name: "", area: "", notAssessableReason: person.reason,
                                      monthsOfService: person.months, objectives: person.objectives, submission: nil)
            let ratings = person.objectives.map { (cosa: $0.cosa, come: $0.come) }
            if let final = AppraisalScores(appraisal, ratings: ratings, settings: settings).final {
                scores[id] = (final.score, final.band)
            }
        }
        return scores
    }
}
