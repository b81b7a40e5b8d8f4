import Postgres
import SIPAVStore

/// An employee's response to their published appraisal: acknowledged, or contested with a reason.
struct AppraisalResponse: Sendable {
    enum Kind: String, Sendable {
        case acknowledged, contested
    }
    let kind: Kind
    let reason: String?
    /// When it was given, in Italian form (Europe/Rome).
    let at: String
    /// HR's outcome of a contest (`confirmed` or `changed`) and its reference; nil while open.
    let outcome: String?
    let outcomeReference: String?
}

/// The responses of one employee (the session's own person: no employee id ever comes from the request).
struct AppraisalResponses: Sendable {
    let store: PostgresStore
    let body: String
    let employee: String

    /// The most recent `published` year in which the person is on staff, or nil.
    func publishedYear() async throws -> Int? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT max(y.year) AS year FROM years y
                JOIN staff_years s ON s.body_id = y.body_id AND s.year = y.year
                WHERE y.body_id = $1 AND s.employee_id = $2 AND y.state = 'published'
                """, [body, employee])[0].decode("year", as: Int?.self)
        }
    }

    func response(year: Int) async throws -> AppraisalResponse? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            guard let row = try db.execute("""
                SELECT response, reason, outcome, outcome_reference,
                       \(ItalianTime.sql("responded_at")) AS at
                FROM appraisal_responses WHERE body_id = $1 AND year = $2 AND employee_id = $3
                """, [body, year, employee]).first else { return nil }
            return AppraisalResponse(kind: AppraisalResponse.Kind(rawValue: try row.string("response")) ?? .contested,
                                     reason: try row["reason"], at: try row.string("at"), outcome: try row["outcome"],
                                     outcomeReference: try row["outcome_reference"])
        }
    }

    /// The notice of a response given to a version of the year's appraisal since returned to draft
    /// (`AppraisalReturns.earlierResponse`), or nil.
    func earlierResponse(year: Int) async throws -> String? {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection { db in
            try AppraisalReturns.earlierResponse(db, body: body, year: year, employee: employee)
        }
    }

    /// Records the response, only while the year is published and only once: false when one was already given
    /// (or the year is no longer published).
    func respond(year: Int, _ kind: AppraisalResponse.Kind, reason: String?, actor: String) async throws -> Bool {
        let (body, employee) = (self.body, self.employee)
        return try await store.withWebConnection(actor: actor) { db in
            try db.execute("""
                INSERT INTO appraisal_responses (body_id, year, employee_id, response, reason)
                SELECT y.body_id, y.year, $3, $4, $5 FROM years y
                WHERE y.body_id = $1 AND y.year = $2 AND y.state = 'published'
                ON CONFLICT ON CONSTRAINT appraisal_responses_pkey DO NOTHING
                """, [body, year, employee, kind.rawValue, reason]).affectedRows == 1
        }
    }
}
