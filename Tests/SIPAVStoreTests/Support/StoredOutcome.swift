import SIPAVTestSupport
import Postgres
import SIPAV
import SIPAVStore

/// What the allocation tables hold for a year, read back with SQL.
struct StoredOutcome {
    struct Amount: Hashable {
        let fund: String
        let cents: Int64
        let receivedRemainderCent: Bool
        let run: Int64
    }

    struct Score: Hashable {
        let weightedSum: Int?
        let score: Int?
        let band: String
        let reason: String?
    }

    struct Run: Hashable {
        let id: Int64
        let staffFund: Int64, staffPaid: Int64, staffResidual: Int64
        let managersFund: Int64, managersPaid: Int64, managersResidual: Int64
        let settings: String
        let by: String
    }

    let amounts: [String: Amount]
    /// Each person's components summed exactly: the exact amount in cents.
    let exactAmounts: [String: Ratio]
    let scores: [String: Score]
    let runs: [Run]
    /// Rows per person in allocations and in the final_scores view of them (1 each when nothing is duplicated), and the
    /// components on record that are not zero.
    let allocationRows: Int, scoreRows: Int, componentRows: Int

    init(_ db: Connection, body: String, year: Int) throws {
        let key: [(any PostgresEncodable)?] = [body, year]
        var amounts: [String: Amount] = [:]
        for row in try db.execute("""
            SELECT employee_id, fund, amount_cents, received_remainder_cent, run_id FROM allocations WHERE body_id = $1 AND year = $2
            """, key) {
            amounts[try row.string("employee_id")] = Amount(fund: try row.string("fund"), cents: try row.int64("amount_cents"),
                                                             receivedRemainderCent: try row.bool("received_remainder_cent"),
                                                             run: try row.int64("run_id"))
        }
        var exact: [String: Ratio] = [:]
        // The components that are not zero (a zero one is two NULLs), one row each.
        let components = try db.execute("""
            SELECT a.employee_id, c.n::text AS n, c.d::text AS d
              FROM allocations a
             CROSS JOIN LATERAL (VALUES (individual_amount_numerator, individual_amount_denominator),
                                        (ente_amount_numerator, ente_amount_denominator),
                                        (area_amount_numerator, area_amount_denominator),
                                        (increase_amount_numerator, increase_amount_denominator),
                                        (redistributed_amount_numerator, redistributed_amount_denominator)) AS c(n, d)
             WHERE a.body_id = $1 AND a.year = $2 AND (c.n IS NOT NULL OR c.d IS NOT NULL)
            """, key)
        for row in components {
            guard let numerator = DecimalText.parse(try row.string("n")), let denominator = DecimalText.parse(try row.string("d")) else {
                throw TestSetupError("allocations holds a component that is not a fraction of integers")
            }
            exact[try row.string("employee_id"), default: .zero] += numerator / denominator
        }
        var scores: [String: Score] = [:]
        let scoreRows = try db.execute("""
            SELECT employee_id, weighted_sum, final_score, band, not_assessable_reason FROM final_scores WHERE body_id = $1 AND year = $2
            """, key)
        for row in scoreRows {
            scores[try row.string("employee_id")] = Score(
                weightedSum: try row.decode("weighted_sum", as: Int?.self), score: try row.decode("final_score", as: Int?.self),
                band: try row.string("band"), reason: try row["not_assessable_reason"])
        }
        runs = try db.execute("""
            SELECT run_id, staff_fund_cents, staff_paid_cents, staff_residual_cents, managers_fund_cents, managers_paid_cents,
                   managers_residual_cents, settings_yaml, run_by FROM allocation_runs WHERE body_id = $1 AND year = $2 ORDER BY run_id
            """, key).map { row in
            Run(id: try row.int64("run_id"), staffFund: try row.int64("staff_fund_cents"), staffPaid: try row.int64("staff_paid_cents"),
                staffResidual: try row.int64("staff_residual_cents"), managersFund: try row.int64("managers_fund_cents"),
                managersPaid: try row.int64("managers_paid_cents"), managersResidual: try row.int64("managers_residual_cents"),
                settings: try row.string("settings_yaml"), by: try row.string("run_by"))
        }
        self.amounts = amounts
        self.exactAmounts = exact
        self.scores = scores
        allocationRows = try db.count("SELECT count(*) FROM allocations WHERE body_id = $1 AND year = $2", key)
        self.scoreRows = scoreRows.count
        componentRows = components.count
    }
}

extension YearRecords {
    /// What `StoredOutcome` should hold for `outcome` of these records.
    func expectedScores(_ outcome: YearOutcome) -> [String: StoredOutcome.Score] {
        let scores = outcome.scores
        return Dictionary(uniqueKeysWithValues: records.staff.indices.map { person in
            let assessable = scores.isAssessable(person)
            return (records.staff[person].id, StoredOutcome.Score(
                weightedSum: assessable ? Int(scores.weightedSum[person]) : nil, score: Int(scores.score[person]),
                band: scores.band(person).rawValue, reason: scores.notAssessableReason[person]))
        })
    }
}

extension YearStatus {
    var summary: String { "\(body) \(year) \(state.rawValue), \(staff) staff, \(allocationRuns) run(s)" }
}
