import Foundation
import Postgres
import SIPAVReports
import SIPAVStore

/// A final appraisal HR returned to draft, as the manager's page shows it until they submit again.
struct AppraisalReturn: Sendable {
    /// The day of the return in Italian form, e.g. `27/11/2026`.
    let day: String
    let by: String
    let reason: String
    /// The returned appraisal had been recorded by HR from an act (the Segretario Generale's): HR records it again,
    /// no manager submits it.
    var fromAct = false

    var values: [String: Any] { ["day": day, "by": by, "reason": reason, "fromAct": fromAct] }

    /// The values of a return still standing in a year in `state`: once the year is allocated, what the return asked
    /// for can no longer be done, and the page says how the appraisal was paid instead.
    func values(in state: YearState) -> [String: Any] {
        var values = self.values
        if state.isLocked {
            values["closed"] = "Non è tornata definitiva prima della ripartizione: è stata ripartita con le valutazioni come si trovavano allora."
        }
        return values
    }
}

/// Why HR's return of an appraisal to draft was refused.
enum ReturnRefusal: Error, Equatable {
    /// The person is not on the year's staff.
    case unknown
    /// The appraisal was returned and submitted again, or submitted anew, since the page the return was asked from:
    /// the reason was written about a version HR has not seen.
    case changedSinceShown
    /// The year is still being planned: not open for rating, nothing in it is final.
    case planning
    /// The year is allocated or published (the database lock, SQLSTATE SV001).
    case yearLocked
    /// The appraisal is a draft: nothing to return.
    case draft
    /// The employee contested the appraisal and HR has not recorded the outcome yet.
    case openContest
    /// The appraisal's ratings are the outcome of the conciliation procedure (a contest decided "changed", with the
    /// act's reference): back with the manager, they could be rated over, and the act's outcome lost without a trace.
    case changedByConciliation(reference: String)
}

/// HR returns one person's final appraisal of a year to draft, with a reason (SQL/0028).
struct AppraisalReturns: Sendable {
    let store: PostgresStore
    let body: String
    let year: Int

    /// Whether an appraisal of a year in `state` can be returned: where the manager can then correct it and submit it
    /// again, as their save allows (`Ratings.save`). That is a year being rated, and a year reopened after its
    /// allocation (`validated`), where a wrong final rating found late is corrected; neither a year still planned,
    /// nor an allocated or published one, which its lock keeps as it is until HR reopens it.
    static func allows(_ state: YearState) -> Bool { state == .rating || state == .validated }

    /// The SQL of a submission's exact time `column` as text, in microseconds since 1970: the version of the
    /// submission a page showed (`Submission.stamp`).
    static func stamp(_ column: String) -> String { "(extract(epoch FROM \(column)) * 1000000)::bigint::text" }

    /// The longest reason kept (the database's `appraisal_returns_reason_length`).
    static let reasonLimit = 2000

    /// Deletes the person's submission and records the return, in one transaction; the audit log attributes both to
    /// `actor`. Returns false when the appraisal was already returned by this very request, posted twice (a double
    /// click): the same actor's latest return with the same reason, and no submission since.
    ///
    /// The employee's response to the returned version moves into the return's row: kept word for word and in the
    /// audit log, it no longer stands as a response to whatever the manager submits next, which the employee has not
    /// seen, and the employee responds again after the next publication. An open contest refuses the return: HR
    /// records its outcome first, so that no contest silently leaves HR's list.
    /// `shown` is the stamp of the submission the page showed (`Submission.stamp`): a submission made since is not
    /// returned. Nil returns whichever submission there is when the return runs (for a caller that showed none).
    func returnToDraft(_ employee: String, reason: String, shown: String?, actor: String) async throws -> Bool {
        let (body, year) = (self.body, self.year)
        do {
            return try await store.withWebConnection(actor: actor) { connection in
                try connection.transaction { db in
                    try YearFirst.share(db, body: body, year: year)
                    guard let stateRow = try db.execute("SELECT state FROM years WHERE body_id = $1 AND year = $2", [body, year]).first,
                          let state = YearState(rawValue: try stateRow.string("state")) else { throw ReturnRefusal.unknown }
                    if state.isLocked { throw ReturnRefusal.yearLocked }
                    guard AppraisalReturns.allows(state) else { throw ReturnRefusal.planning }
                    // FOR UPDATE, as a manager's save: a return and a save or a submission of the same person wait for
                    // each other.
                    let person = try db.execute("""
                        SELECT 1 FROM staff_years WHERE body_id = $1 AND year = $2 AND employee_id = $3 FOR UPDATE
                        """, [body, year, employee])
                    guard !person.isEmpty else { throw ReturnRefusal.unknown }
                    if let contest = try db.execute("""
                        SELECT outcome, outcome_reference FROM appraisal_responses WHERE body_id = $1 AND year = $2 AND employee_id = $3
                          AND response = 'contested' AND (outcome IS NULL OR outcome = 'changed')
                        """, [body, year, employee]).first {
                        guard let reference: String = try contest["outcome_reference"] else { throw ReturnRefusal.openContest }
                        throw ReturnRefusal.changedByConciliation(reference: reference)
                    }
                    let returned = try db.execute("""
                        WITH submission AS (
                            DELETE FROM appraisal_submissions WHERE body_id = $1 AND year = $2 AND employee_id = $3
                              AND ($5::text IS NULL OR \(AppraisalReturns.stamp("submitted_at")) = $5)
                            RETURNING *
                        ), response AS (
                            DELETE FROM appraisal_responses r USING submission d
                            WHERE r.body_id = d.body_id AND r.year = d.year AND r.employee_id = d.employee_id RETURNING r.*
                        )
                        INSERT INTO appraisal_returns (body_id, year, employee_id, reason, submitted_at, submitted_by, reference,
                                                       response, response_reason, responded_at, outcome, outcome_reference, outcome_at)
                        SELECT d.body_id, d.year, d.employee_id, $4, d.submitted_at, d.submitted_by, d.reference,
                               r.response, r.reason, r.responded_at, r.outcome, r.outcome_reference, r.outcome_at
                        FROM submission d LEFT JOIN response r ON true
                        """, [body, year, employee, reason, shown])
                    if returned.affectedRows == 1 { return true }
                    let submitted = try db.execute("""
                        SELECT 1 FROM appraisal_submissions WHERE body_id = $1 AND year = $2 AND employee_id = $3
                        """, [body, year, employee])
                    if !submitted.isEmpty { throw ReturnRefusal.changedSinceShown }
                    if try AppraisalReturns.justReturned(db, body: body, year: year, employee: employee, reason: reason, actor: actor) {
                        return false
                    }
                    throw ReturnRefusal.draft
                }
            }
        } catch let error as StoreError where error.underlying?.sqlState == StoreError.yearLockedState {
            throw ReturnRefusal.yearLocked
        }
    }

    /// Whether the draft's standing return is `actor`'s with `reason`: the same return posted again.
    private static func justReturned(_ db: Connection, body: String, year: Int, employee: String, reason: String,
                                     actor: String) throws -> Bool {
        let latest = try db.execute("""
            SELECT t.returned_by, t.reason FROM appraisal_returns t WHERE t.body_id = $1 AND t.year = $2 AND t.employee_id = $3
              AND \(StandingReturns.condition("t"))
            ORDER BY t.return_id DESC LIMIT 1
            """, [body, year, employee]).first
        guard let latest else { return false }
        return try latest.string("returned_by") == actor && latest.string("reason") == reason
    }

    /// The person's return standing; nil once submitted again, even if that submission was withdrawn since, or never
    /// returned.
    func pendingReturn(of employee: String) async throws -> AppraisalReturn? {
        try await standing(of: employee).first?.return
    }

    /// The year's returns still standing (of `employee` alone, if given), by name: the allocation page lists them
    /// apart from the other drafts, as HR itself found those ratings to be corrected.
    func standing(of employee: String? = nil) async throws -> [(employee: String, name: String, return: AppraisalReturn)] {
        let (body, year) = (self.body, self.year)
        return try await store.withWebConnection { db in
            try db.execute(StandingReturns.latest(selecting: """
                t.employee_id, e.name, \(ItalianTime.sqlDay("t.returned_at")) AS day, t.returned_by, t.reason,
                t.reference IS NOT NULL AS from_act
                """), [body, year, employee]).map { row in
                (employee: try row.string("employee_id"), name: try row.string("name"),
                 return: AppraisalReturn(day: try row.string("day"), by: try row.string("returned_by"), reason: try row.string("reason"),
                                         fromAct: try row.bool("from_act")))
            }
        }
    }

    /// What the employee reads where their response to a version since returned to draft used to be: when they had
    /// responded and when the version was returned, from the person's latest return that moved a response. Nil when
    /// none did.
    static func earlierResponse(_ db: Connection, body: String, year: Int, employee: String) throws -> String? {
        guard let row = try db.execute("""
            SELECT t.response, \(ItalianTime.sql("t.responded_at")) AS responded, \(ItalianTime.sqlDay("t.returned_at")) AS day
            FROM appraisal_returns t
            WHERE t.body_id = $1 AND t.year = $2 AND t.employee_id = $3 AND t.response IS NOT NULL
            ORDER BY t.return_id DESC LIMIT 1
            """, [body, year, employee]).first else { return nil }
        let what = try row.string("response") == "contested" ? "La contestazione" : "La presa visione"
        return "\(what) del \(try row.string("responded")) riguardava una versione precedente della valutazione, restituita in "
            + "bozza dall'ufficio personale il \(try row.string("day")) per una correzione: resta agli atti. La valutazione qui "
            + "sopra è quella pubblicata ora, e può rispondere qui sotto."
    }

    /// The reason as typed, checked: the text to record (trimmed), or the field's error in Italian.
    static func checkedReason(_ typed: String?) -> Result<String, ReasonError> {
        let reason = FormData.textArea(typed)
        if reason.isEmpty { return .failure(ReasonError(text: "Indichi il motivo della restituzione in bozza.")) }
        // Counted as the database counts (char_length: code points).
        if reason.unicodeScalars.count > reasonLimit {
            return .failure(ReasonError(text: "Il motivo è troppo lungo: al massimo \(ItalianNumbers.integer(reasonLimit)) caratteri."))
        }
        return .success(reason)
    }

    struct ReasonError: Error, Equatable {
        let text: String
    }
}
