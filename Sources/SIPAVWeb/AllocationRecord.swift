import Postgres
import SIPAVReports
import SIPAVStore

/// What the allocation page of a closed year says of its record, for an officer who must show who did what: the run
/// whose amounts stand (its number, when and by whom, how many appraisals it paid as they stood), how many earlier runs
/// the year had (their amounts kept, SQL/0036), and when and by whom the year was published.
struct AllocationRecord {
    let run: Int64
    let at: String
    let by: String
    let draftsPaid: Int?
    let returnedPaid: Int?
    let earlierRuns: Int
    let published: (at: String, by: String)?

    /// The record of `year`'s standing allocation, or nil when the year has none.
    static func read(_ db: Connection, body: String, year: Int) throws -> AllocationRecord? {
        guard let run = try db.execute("""
            SELECT r.run_id, \(ItalianTime.sql("r.run_at")) AS at, r.run_by, r.drafts_paid, r.returned_drafts_paid,
                   (SELECT count(*) FROM allocation_runs e WHERE e.body_id = r.body_id AND e.year = r.year AND e.run_id < r.run_id) AS earlier
            FROM allocation_runs r
            WHERE r.body_id = $1 AND r.year = $2
              AND r.run_id = (SELECT max(a.run_id) FROM allocations a WHERE a.body_id = $1 AND a.year = $2)
            """, [body, year]).first else { return nil }
        let published = try db.execute("""
            SELECT \(ItalianTime.sql("l.at")) AS at, l.actor FROM audit_log l
            WHERE l.body_id = $1 AND l.table_name = 'years' AND l.operation = 'UPDATE'
              AND l.record_key ->> 'year' = $2::text AND l.new_value ->> 'state' = 'published'
            ORDER BY l.audit_id DESC LIMIT 1
            """, [body, year]).first
        return AllocationRecord(run: try run.int64("run_id"), at: try run.string("at"), by: try run.string("run_by"),
                                draftsPaid: try run.decode("drafts_paid", as: Int?.self),
                                returnedPaid: try run.decode("returned_drafts_paid", as: Int?.self),
                                earlierRuns: try run.int("earlier"),
                                published: try published.map { (try $0.string("at"), try $0.string("actor")) })
    }

    /// The sentences of the page.
    var lines: [String] {
        var lines = ["Ripartizione n. \(run), registrata il \(at) da \(by)."]
        if let draftsPaid {
            let returned = (returnedPaid ?? 0) > 0
                ? ", di cui " + ItalianNumbers.count(returnedPaid!, "restituita in bozza", "restituite in bozza") : ""
            lines.append(draftsPaid == 0 ? "Tutte le valutazioni erano state inviate come definitive."
                : ItalianNumbers.count(draftsPaid, "valutazione non inviata come definitiva è stata ripartita",
                                       "valutazioni non inviate come definitive sono state ripartite") + " come si trovava\(draftsPaid == 1 ? "" : "no")\(returned).")
        }
        if earlierRuns > 0 {
            lines.append(ItalianNumbers.agreeing(earlierRuns, "Una ripartizione precedente dell'anno resta agli atti",
                                                 "\(ItalianNumbers.integer(earlierRuns)) ripartizioni precedenti dell'anno restano agli atti")
                         + " (importi conservati).")
        }
        if let published { lines.append("Pubblicata il \(published.at) da \(published.by).") }
        return lines
    }
}
