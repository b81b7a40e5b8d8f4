import Postgres
import SIPAV

/// An allocated year's allocation as it is on record: each person's row of `allocations` and the run it names, for a
/// comparison with the allocation recomputed from the year's records (`Cycle.differences`). Exact figures are kept as
/// the text `numerator/denominator` the store wrote (`ExactFigure.recordedText`).
public struct RecordedAllocation: Sendable, Equatable {
    public struct Person: Sendable, Equatable {
        public let fund: String
        public let cents: Int64
        public let finalScore: Int?
        public let band: String
        public let weightedSum: Int?
        public let notAssessableReason: String?
        public let receivedRemainderCent: Bool
        /// The exact figures by field; a field without a value on record is absent (a zero component, or a figure
        /// that rows written before it was recorded do not have).
        public let figures: [AmountField: String]
    }

    /// The totals of the run the allocations name.
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let staffFund, staffPaid, staffResidual, managersFund, managersPaid, managersResidual: Int64
        /// The appraisals the run paid as they stood, and of those the ones returned to draft (SQL/0035); nil for a run
        /// stored before they were recorded.
        public var draftsPaid: Int? = nil
        public var returnedPaid: Int? = nil
        /// The same two counted again from the year's records, which the allocated year's lock has kept as they were.
        public var draftsNow = 0
        public var returnedNow = 0
    }

    public let people: [String: Person]
    /// The run of the year's allocations; nil when none is on record.
    public let run: Run?
    /// The runs the allocations name: one, unless the record was tampered with.
    public let runCount: Int

    /// The amounts alone, cents by employee id.
    public var amounts: [String: Int64] { people.mapValues(\.cents) }

    /// The columns of each figure, in `allocations`.
    static let columns: [(AmountField, String)] = [
        (.shareWeight, "share_weight"), (.share, "share"), (.coefficient, "coefficient"), (.enteResult, "ente_result"),
        (.areaResult, "area_result"), (.individual, "individual_amount"), (.ente, "ente_amount"), (.area, "area_amount"),
        (.increase, "increase_amount"), (.redistributed, "redistributed_amount"),
    ]

    /// The columns `person(_:)` reads, as a select list of a query of `allocations` (or `superseded_allocations`).
    static let personColumns = "employee_id, run_id, fund, amount_cents, final_score, band, weighted_sum, not_assessable_reason, "
        + "received_remainder_cent, " + columns.map { "\($1)_numerator::text || '/' || \($1)_denominator::text AS \($1)" }.joined(separator: ", ")

    /// A person's row, read from the columns of `personColumns`.
    static func person(_ row: Row) throws -> Person {
        var recorded: [AmountField: String] = [:]
        for (field, column) in columns { recorded[field] = try row[column] }
        return Person(
            fund: try row.string("fund"), cents: try row.int64("amount_cents"), finalScore: try row.decode("final_score", as: Int?.self),
            band: try row.string("band"), weightedSum: try row.decode("weighted_sum", as: Int?.self), notAssessableReason: try row["not_assessable_reason"],
            receivedRemainderCent: try row.bool("received_remainder_cent"), figures: recorded)
    }

    static func read(_ db: Connection, body: String, year: Int) throws -> RecordedAllocation {
        var people: [String: Person] = [:]
        var runs = Set<Int64>()
        for row in try db.execute("SELECT \(personColumns) FROM allocations WHERE body_id = $1 AND year = $2", [body, year]) {
            runs.insert(try row.int64("run_id"))
            people[try row.string("employee_id")] = try person(row)
        }
        let run = try runs.max().flatMap { id in
            try Run.read(db, body: body, year: year, id: id).map { found in
                var run = found
                (run.draftsNow, run.returnedNow) = try StandingReturns.counts(db, body: body, year: year)
                return run
            }
        }
        return RecordedAllocation(people: people, run: run, runCount: runs.count)
    }
}

extension RecordedAllocation.Run {
    /// The run's totals as `allocation_runs` holds them; nil when the year has no such run.
    static func read(_ db: Connection, body: String, year: Int, id: Int64) throws -> Self? {
        try db.execute("""
            SELECT staff_fund_cents, staff_paid_cents, staff_residual_cents, managers_fund_cents, managers_paid_cents,
                   managers_residual_cents, drafts_paid, returned_drafts_paid
            FROM allocation_runs WHERE body_id = $1 AND year = $2 AND run_id = $3
            """, [body, year, id]).first.map { row in
            var run = Self(id: id, staffFund: try row.int64("staff_fund_cents"), staffPaid: try row.int64("staff_paid_cents"),
                           staffResidual: try row.int64("staff_residual_cents"), managersFund: try row.int64("managers_fund_cents"),
                           managersPaid: try row.int64("managers_paid_cents"), managersResidual: try row.int64("managers_residual_cents"))
            run.draftsPaid = try row.decode("drafts_paid", as: Int?.self)
            run.returnedPaid = try row.decode("returned_drafts_paid", as: Int?.self)
            return run
        }
    }
}

extension ExactFigure {
    /// The figure as the store records it: `numerator/denominator` in lowest terms (as `CopyWriter.fraction` writes it).
    public var recordedText: String {
        if let (numerator, denominator) = reducedFraction { return "\(numerator)/\(denominator)" }
        let ratio = self.ratio
        return "\(ratio.numerator)/\(ratio.denominator)"
    }
}

extension PostgresStore {
    /// The year's allocation on record, read in one snapshot; no people when the year has none.
    public func recordedAllocation(body: String, year: Int) async throws -> RecordedAllocation {
        try await withConnection { connection in
            try connection.transaction(isolation: .repeatableRead) { db in try RecordedAllocation.read(db, body: body, year: year) }
        }
    }
}

extension RecordedAllocation.Person {
    /// A figure as an exact value, read back from the text the store recorded; nil when the row has none (a zero
    /// component, or a figure that rows written before it was recorded lack).
    public func figure(_ field: AmountField) -> Ratio? {
        guard let parts = figures[field]?.split(separator: "/"), parts.count == 2,
              let numerator = DecimalText.parse(parts[0]), let denominator = DecimalText.parse(parts[1]), denominator != .zero
        else { return nil }
        return numerator / denominator
    }
}
