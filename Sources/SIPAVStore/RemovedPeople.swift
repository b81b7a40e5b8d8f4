import Postgres

/// A person a re-import removes from the year (left out of the staff list), with what their appraisal held.
public struct RemovedPerson: Sendable, Equatable {
    public let employeeID: String
    public let name: String
    /// Objectives with a rating (cosa or come) stored.
    public let ratings: Int
    /// Their appraisal was submitted as final.
    public let submitted: Bool

    /// Whether removing them deletes a manager's work: a rating, or a final appraisal.
    public var isRated: Bool { ratings > 0 || submitted }

    /// In Italian, as the command line says it: "D'Alessandro Chiara (E0007): inviata come definitiva, 5 valutazioni", or
    /// the name and id alone for one with nothing rated.
    public var described: String {
        var held: [String] = []
        if submitted { held.append("inviata come definitiva") }
        if ratings > 0 { held.append(ratings == 1 ? "1 obiettivo già valutato" : "\(ratings) obiettivi già valutati") }
        return "\(name) (\(employeeID))" + (held.isEmpty ? "" : ": " + held.joined(separator: ", "))
    }

    /// At most ten of `people`, those with something rated first, described, then how many more.
    public static func list(_ people: [RemovedPerson]) -> String {
        let ordered = people.filter(\.isRated) + people.filter { !$0.isRated }
        let shown = ordered.prefix(10).map(\.described).joined(separator: "; ")
        return people.count > 10 ? shown + "; … (e altre \(people.count - 10))" : shown
    }

    /// The people of year $2 of body $1 whom `incoming_staff` (the staged list) leaves out, by name and id.
    static func staged(_ db: Connection, key: [(any PostgresEncodable)?]) throws -> [RemovedPerson] {
        try db.execute("""
            SELECT s.employee_id, e.name,
                   (SELECT count(*) FROM individual_objectives o
                    WHERE o.body_id = s.body_id AND o.year = s.year AND o.employee_id = s.employee_id
                      AND (o.cosa IS NOT NULL OR o.come IS NOT NULL)) AS ratings,
                   EXISTS (SELECT 1 FROM appraisal_submissions d
                           WHERE d.body_id = s.body_id AND d.year = s.year AND d.employee_id = s.employee_id) AS submitted
            FROM staff_years s JOIN employees e ON e.body_id = s.body_id AND e.employee_id = s.employee_id
            WHERE s.body_id = $1 AND s.year = $2 AND NOT EXISTS (SELECT 1 FROM incoming_staff i WHERE i.employee_id = s.employee_id)
            ORDER BY e.name, s.employee_id
            """, key).map { row in
            RemovedPerson(employeeID: try row.string("employee_id"), name: try row.string("name"),
                          ratings: try row.int("ratings"), submitted: try row.bool("submitted"))
        }
    }
}

/// A re-import refused because its staff list leaves out people whose appraisal holds a rating or was submitted as final,
/// and the user did not say they are to be removed with it (`ImportConsent.removedRatedPeople`).
public struct RatedPeopleRemoved: Error, Sendable, Equatable {
    public let year: Int
    public let people: [RemovedPerson]

    /// What the command line says, in Italian.
    public var message: String {
        let one = people.count == 1
        return (one ? "i file lasciano fuori una persona" : "i file lasciano fuori \(people.count) persone")
            + " dall'anno \(year) con obiettivi già valutati o la valutazione inviata come definitiva: \(RemovedPerson.list(people)). "
            + (one ? "Toglierla cancellerebbe la sua valutazione: la lasci nell'elenco del personale (non valutabile, se non va "
                     + "valutata), o indichi che va tolta con la sua valutazione (--remove-rated, con il motivo in --reason)."
                   : "Toglierle cancellerebbe la loro valutazione: le lasci nell'elenco del personale (non valutabili, se non vanno "
                     + "valutate), o indichi che vanno tolte con la loro valutazione (--remove-rated, con il motivo in --reason).")
            + " Nulla è stato importato."
    }
}

/// A re-import refused because its staff list leaves out people who answered the year's publication (acknowledged or
/// contested it): removing them would delete the answer, and an open contest with it.
public struct AnsweredPeopleRemoved: Error, Sendable, Equatable {
    public let year: Int
    /// Each one's employee id and answer, in Italian: "E0004 (contestazione aperta)".
    public let people: [String]

    /// What the command line says, in Italian.
    public var message: String {
        people.count == 1
            ? "i file lasciano fuori dall'anno \(year) una persona che ha risposto alla pubblicazione della valutazione: "
                + "\(people[0]). Toglierla cancellerebbe la risposta: la lasci nell'elenco del personale (non valutabile, se non va "
                + "valutata). Nulla è stato importato."
            : "i file lasciano fuori dall'anno \(year) persone che hanno risposto alla pubblicazione della valutazione: "
                + "\(people.joined(separator: ", ")). Toglierle cancellerebbe la risposta: le lasci nell'elenco del personale "
                + "(non valutabili, se non vanno valutate). Nulla è stato importato."
    }
}
