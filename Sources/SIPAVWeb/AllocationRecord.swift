import Postgres
import SIPAVReports
import SIPAVStore

/// What the allocation page of a closed year says of its record, for an officer who must show who did what: the run
/// whose amounts stand (its number, when and by whom, how many of the appraisals it paid as they stood had been returned
/// to draft), how many earlier runs
/// the year had (their amounts kept, SQL/0036), and when and by whom the year was published.
struct AllocationRecord {
    let run: Int64
    let at: String
    let by: String
    let returnedPaid: Int?
    let earlierRuns: Int
    /// Of those, the runs replaced before SQL/0036 kept their amounts: their totals alone are left.
    let earlierRunsLost: Int
    let published: (at: String, by: String)?

    /// The record of `year`'s standing allocation, or nil when the year has none.
    static func read(_ db: Connection, body: String, year: Int) throws -> AllocationRecord? {
        guard let run = try db.execute("""
            SELECT r.run_id, \(ItalianTime.sql("r.run_at")) AS at, r.run_by, r.returned_drafts_paid,
                   (SELECT count(*) FROM allocation_runs e WHERE e.body_id = r.body_id AND e.year = r.year AND e.run_id < r.run_id) AS earlier,
                   (SELECT count(*) FROM allocation_runs e WHERE e.body_id = r.body_id AND e.year = r.year AND e.run_id < r.run_id
                      AND \(AllocationRun.rowsLostSQL("e"))) AS earlier_lost
            FROM allocation_runs r
            WHERE r.body_id = $1 AND r.year = $2
              AND r.run_id = \(StandingRun.sql)
            """, [body, year]).first else { return nil }
        // This run's publication: one of an earlier run, since reopened and allocated again, is not.
        let published = try db.execute("""
            SELECT \(ItalianTime.sql("l.at")) AS at, l.actor FROM audit_log l
            WHERE l.body_id = $1 AND l.table_name = 'years' AND l.operation = 'UPDATE'
              AND l.record_key ->> 'year' = $2::text AND l.new_value ->> 'state' = 'published'
              AND l.at >= (SELECT run_at FROM allocation_runs WHERE body_id = $1 AND year = $2::int AND run_id = $3)
            ORDER BY l.audit_id DESC LIMIT 1
            """, [body, year, try run.int64("run_id")]).first
        return AllocationRecord(run: try run.int64("run_id"), at: try run.string("at"), by: try run.string("run_by"),
                                returnedPaid: try run.decode("returned_drafts_paid", as: Int?.self),
                                earlierRuns: try run.int("earlier"), earlierRunsLost: try run.int("earlier_lost"),
                                published: try published.map { (try $0.string("at"), try $0.string("actor")) })
    }

    /// The sentences of the page.
    var lines: [String] {
        // The number is the register's, over every year and body: which of the year's runs it is, said beside it.
        var lines = ["Ripartizione n. \(run) del registro (la \(earlierRuns + 1)ª dell'anno), registrata il \(at) da \(by)."]
        // How many were paid as they stood the page says above, from the same records; the run adds how many of those
        // had been returned to draft.
        if let returnedPaid, returnedPaid > 0 {
            lines.append("Delle valutazioni ripartite come si trovavano, " + ItalianNumbers.agreeing(
                returnedPaid, "una era stata restituita in bozza dall'ufficio personale.",
                "\(ItalianNumbers.integer(returnedPaid)) erano state restituite in bozza dall'ufficio personale."))
        }
        if earlierRuns > 0 {
            let kept = earlierRunsLost == 0 ? " (importi conservati)."
                : earlierRunsLost == earlierRuns ? " (solo i totali: gli importi di ciascuno non erano ancora conservati)."
                : " (di \(ItalianNumbers.integer(earlierRunsLost)) solo i totali: gli importi di ciascuno non erano ancora conservati)."
            lines.append(ItalianNumbers.agreeing(earlierRuns, "Una ripartizione precedente dell'anno resta agli atti",
                                                 "\(ItalianNumbers.integer(earlierRuns)) ripartizioni precedenti dell'anno restano agli atti")
                         + kept)
        }
        if let published { lines.append("Pubblicata il \(published.at) da \(published.by).") }
        return lines
    }
}
