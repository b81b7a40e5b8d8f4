import Postgres
import SIPAVStore

/// Why HR's recording of the Segretario Generale's appraisal was refused.
enum OrganAppraisalRefusal: Error {
    /// The year has no Segretario Generale.
    case none
    /// It is recorded already: final.
    case recorded
    /// Someone changed the objectives since the form was read.
    case stale
    /// The year is allocated or published.
    case yearLocked
    /// The Segretario Generale contested the appraisal published, and HR has not recorded the outcome (SQL/0043).
    case contested
}

/// The Segretario Generale's appraisal, which no manager makes: the body's political head does, on the OIV's
/// proposal, by an act (a decree, a resolution). HR records it from that act: the ratings and the act's reference,
/// as final in one go (SQL/0016). HR's later change of the objectives sends it back to draft, as any final
/// appraisal (`SubmissionWithdrawal`).
struct OrganAppraisal: Sendable {
    let store: PostgresStore
    let body: String
    let year: Int

    /// The Segretario Generale of the year (the first by employee id should the records hold two).
    func segretario() async throws -> String? {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT employee_id FROM staff_years WHERE body_id = $1 AND year = $2 AND role = 'segretario_generale'
                ORDER BY employee_id LIMIT 1
                """, [body, year]).first?.string("employee_id")
        }
    }

    func appraisal(of employee: String) async throws -> Appraisal? {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection { db in
            try Appraisal.readForHR(db, body: body, year: year, employee: employee)
        }
    }

    /// Writes the ratings (each only if its version is still the one the form read) and records the appraisal as
    /// final with the act's `reference`, in one transaction: all or nothing.
    func record(_ ratings: [SubmittedRating], of employee: String, reference: String, actor: String) async throws {
        let (body, year) = (self.body, self.year)
        do {
            try await store.withWebConnection(actor: actor) { connection in
                try connection.transaction { db in
                    try YearFirst.share(db, body: body, year: year)
                    let segretario = try db.execute("""
                        SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2 AND employee_id = $3
                          AND role = 'segretario_generale' FOR UPDATE
                        """, [body, year, employee])
                    guard !segretario.isEmpty else { throw OrganAppraisalRefusal.none }
                    let recorded = try db.execute("SELECT 1 FROM appraisal_submissions WHERE body_id = $1 AND year = $2 AND employee_id = $3",
                                                  [body, year, employee])
                    guard recorded.isEmpty else { throw OrganAppraisalRefusal.recorded }
                    guard try SubmittedRating.write(ratings, db, body: body, year: year, employee: employee) else {
                        throw OrganAppraisalRefusal.stale
                    }
                    try db.execute("""
                        INSERT INTO appraisal_submissions (body_id, year, employee_id, submitted_by, reference) VALUES ($1, $2, $3, $4, $5)
                        """, [body, year, employee, actor, reference])
                }
            }
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            throw OrganAppraisalRefusal.yearLocked
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.contestedAppraisalState {
            throw OrganAppraisalRefusal.contested
        }
    }
}
