import BigInt
import Postgres
import SIPAV

/// Stores a year's scores and allocation and marks the year allocated: one transaction, so a year is
/// either allocated with every amount on record or not at all.
struct OutcomeWriter {
    let db: Connection
    let year: YearRecords
    let outcome: YearOutcome

    var key: [(any PostgresEncodable)?] { [year.body, year.year] }

    /// Stores an outcome computed from records read before this transaction: holds the year's row, then
    /// checks that the records on record are still the ones the outcome was computed from.
    func write() throws {
        try Self.holdOpenYear(db, body: year.body, year: year.year)
        // With the year's row now held nobody can change the records, so check they are still the ones
        // the allocation was computed from.
        let onRecord = try YearReader(db: db, body: year.body, year: year.year).read()
        guard onRecord.holdsTheSameRecords(as: year) else {
            throw StoreError("the records of year \(year.year) of body \(year.body) changed since the allocation was computed (another officer imported or rated in the meantime): compute it again")
        }
        try store()
    }

    /// Holds the year's row until the transaction ends (every writer of the year's records waits for it)
    /// and refuses a year that does not exist or is already allocated or published.
    static func holdOpenYear(_ db: Connection, body: String, year: Int) throws {
        guard let current = try YearLock.hold(db, body: body, year: year) else {
            throw StoreError.missingYear(year, body: body, advice: "import it first")
        }
        guard !current.isLocked else {
            throw StoreError("year \(year) of body \(body) is already \(current.rawValue): reopen it with a reason (sipav db reopen) to allocate again")
        }
    }

    /// Replaces the year's scores and allocation by the outcome and marks the year allocated. The caller
    /// holds the year's row and knows the outcome was computed from the records on record.
    func store() throws {
        try db.execute("DELETE FROM allocations WHERE body_id = $1 AND year = $2", key)
        let bulk = try BulkInsert(db)
        let allocation = outcome.allocation
        // The appraisals paid as they stand, on the record of the run (SQL/0035): counted under the year's row, as the
        // confirmation that named them was checked.
        let notFinal = try StandingReturns.counts(db, body: year.body, year: year.year, staff: year.records.staff.count)
        let run = try db.execute("""
            INSERT INTO allocation_runs (body_id, year, settings_yaml, staff_fund_cents, staff_paid_cents, managers_fund_cents, managers_paid_cents,
                                         drafts_paid, returned_drafts_paid)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING run_id
            """, key + [year.settingsYAML ?? "", allocation.staff.fund.value, allocation.staff.paid.value,
                        allocation.managers.fund.value, allocation.managers.paid.value, notFinal.drafts, notFinal.returned])
        let runID = try run[0].int64("run_id")
        try writeAllocations(run: runID, bulk)
        try db.execute("UPDATE years SET state = 'allocated' WHERE body_id = $1 AND year = $2", key)
    }

    func writeAllocations(run: Int64, _ bulk: BulkInsert) throws {
        let (staff, scores, body, number) = (year.records.staff, outcome.scores, year.body, year.year)
        let funds = [outcome.allocation.staff, outcome.allocation.managers]
        try bulk.copy(into: "allocations", columns: """
            body_id, year, employee_id, run_id, fund, final_score, band, share_weight_numerator, share_weight_denominator,
            share_numerator, share_denominator, coefficient_numerator, coefficient_denominator, ente_result_numerator,
            ente_result_denominator, area_result_numerator, area_result_denominator, amount_cents, received_remainder_cent,
            individual_amount_numerator, individual_amount_denominator, ente_amount_numerator, ente_amount_denominator,
            area_amount_numerator, area_amount_denominator, increase_amount_numerator, increase_amount_denominator,
            redistributed_amount_numerator, redistributed_amount_denominator, weighted_sum, not_assessable_reason
            """, body: body, year: number) { writer in
            for fund in funds {
                // Figure by figure, in 128 bits where they fit: no `PersonAmount` of Ratios per person.
                for row in 0..<fund.count {
                    let person = fund.person(at: row)
                    try writer.row {
                        $0.field(body); $0.field(number); $0.field(staff[person].id); $0.field(run); $0.field(fund.kind.rawValue)
                        $0.field(Int(scores.score[person])); $0.field(scores.band(person).rawValue)
                        $0.fraction(fund.figure(.shareWeight, at: row)); $0.fraction(fund.figure(.share, at: row))
                        $0.fraction(fund.figure(.coefficient, at: row)); $0.fraction(fund.figure(.enteResult, at: row))
                        $0.fraction(fund.figure(.areaResult, at: row))
                        $0.field(fund.cents(at: row)); $0.field(fund.receivedRemainderCent(at: row) ? "t" : "f")
                        for component in Self.components {
                            $0.fractionOrNull(fund.figure(component, at: row))
                        }
                        $0.field(scores.isAssessable(person) ? Int(scores.weightedSum[person]) : nil)
                        $0.field(scores.notAssessableReason[person])
                    }
                }
            }
        }
    }

    /// The exact components of an amount, in the order of their columns (`<name>_amount_numerator`, …).
    private static let components: [AmountField] = [.individual, .ente, .area, .increase, .redistributed]
}

extension CopyWriter {
    /// An exact component as two integer fields, or two NULLs when it is zero (what NULL means there).
    mutating func fractionOrNull(_ value: ExactFigure) {
        if value.isZero {
            field(nil as String?)
            field(nil as String?)
        } else {
            fraction(value)
        }
    }

    /// An exact figure as two integer fields, numerator then denominator, in lowest terms: from its 128-bit
    /// fraction when it has one (nearly always), else from its `Ratio` of arbitrary size.
    mutating func fraction(_ value: ExactFigure) {
        guard let (numerator, denominator) = value.reducedFraction else {
            let ratio = value.ratio
            field(ratio.numerator.description)
            field(ratio.denominator.description)
            return
        }
        if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator) {
            field(n)
            field(d)
        } else {
            field(String(numerator))
            field(String(denominator))
        }
    }
}
