import SIPAV

/// The records of one year of one body, as the cycle reads them.
public struct YearRecords: Sendable {
    public let body: String
    public let plan: OrganisationalPlan
    public let records: StaffRecords
    public let fund: Fund
    /// The settings in force for the year, as the YAML text of `Config/sipav.yaml` (nil: the defaults).
    public let settingsYAML: String?

    public init(body: String, plan: OrganisationalPlan, records: StaffRecords, fund: Fund, settingsYAML: String?) {
        (self.body, self.plan, self.records, self.fund, self.settingsYAML) = (body, plan, records, fund, settingsYAML)
    }
    public var year: Int { plan.year }
}

/// The state of a year in its cycle. Once allocated, a year's records do not change except by an
/// explicit, recorded reopening.
public enum YearState: String, Sendable, CaseIterable {
    case planning, rating, validated, allocated, published
    public var isLocked: Bool { self == .allocated || self == .published }

    /// The state as HR reads it, on the pages and from the command line.
    public var italianName: String {
        switch self {
        case .planning: "in programmazione"
        case .rating: "in valutazione"
        case .validated: "riaperto (da ripartire)"
        case .allocated: "ripartito (chiuso)"
        case .published: "pubblicato (chiuso)"
        }
    }
}

public struct YearStatus: Sendable, Hashable {
    public let body: String
    public let year: Int
    public let state: YearState
    public let staff: Int
    public let allocationRuns: Int
    /// The year's latest import on record (`year_imports`); nil for a year imported before it was kept, or never.
    public let lastImport: ImportOnRecord?
}

/// An import as `year_imports` records it.
public struct ImportOnRecord: Sendable, Hashable {
    /// Italian form, on the clock of Italy: `25/11/2026 alle 19:05`.
    public let at: String
    /// The same instant in ISO 8601, UTC.
    public let instant: String
    public let by: String
    public let reason: String?
}

/// One line of the audit log: who changed which record, when, from what to what.
public struct AuditEntry: Sendable, Hashable {
    public let at: String
    public let actor: String
    public let table: String
    public let operation: String
    /// JSON text.
    public let recordKey: String
    public let oldValue: String?
    public let newValue: String?
}

/// What the cycle computed for a year: stored as the year's allocation.
public struct YearOutcome: Sendable {
    public let scores: FinalScores
    public let allocation: Allocation
    public init(scores: FinalScores, allocation: Allocation) { (self.scores, self.allocation) = (scores, allocation) }
}

/// What an import may rename or remove only when the user says so. A name other than the stored one is far more often a
/// mistake (another body's files under a mistyped id; an employee id given to a new person) than a change of name, and a
/// person left out of a re-imported staff list more often a row lost in a spreadsheet than a departure: `sipav db import`
/// refuses either unless the user says so.
public struct ImportConsent: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The body: the plan may give it another name than the stored one.
    public static let renamedBody = ImportConsent(rawValue: 1)
    /// The people of a closed year (allocated or published): a new name changes what that year's reports show.
    public static let renamedEmployeesOfClosedYears = ImportConsent(rawValue: 2)
    /// People the re-imported staff list leaves out while their appraisal holds a rating or was submitted as final:
    /// removed with it (`YearMerge.mergeStaff`).
    public static let removedRatedPeople = ImportConsent(rawValue: 4)
    /// Confirmations of the fund and OIV-validated results the year holds and the files leave out: removed (`YearActs`).
    public static let removedActs = ImportConsent(rawValue: 8)
    /// Confirmations and validated results whose references are recorded for another year of the body (`YearActs`).
    public static let reusedActs = ImportConsent(rawValue: 16)
    public static let all: ImportConsent = [.renamedBody, .renamedEmployeesOfClosedYears, .removedRatedPeople, .removedActs, .reusedActs]
}

/// Reports how far a long write has gone: rows written so far of the total.
public typealias ImportProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// The records of the cycle, behind a small interface of plain values.
public protocol YearStore: Sendable {
    /// Brings the schema up to date; with `dryRun`, only says which migrations it would apply.
    func migrate(dryRun: Bool) async throws -> [String]
    /// Replaces the year's records by `year`, all or nothing, and records the import with `note` (`year_imports`).
    /// Refused when the year is allocated. Appraisals submitted as final whose objectives `year` changes go back to
    /// draft: the summary names them.
    @discardableResult
    func importYear(_ year: YearRecords, actor: String, progress: ImportProgress?, consent: ImportConsent,
                    note: ImportNote) async throws -> ImportSummary
    /// Replaces the year's records by `year` and stores `outcome`, computed beforehand from `year` itself, as its
    /// allocation, in one transaction: the year is imported and allocated, or nothing is written. Nothing is read
    /// back, since the records on record are then `year`'s. Refused when the year is allocated or published, unless
    /// `reopening` gives the reason to reopen it first, in the same transaction. The import is recorded with `note`.
    @discardableResult
    func importAllocated(_ year: YearRecords, outcome: YearOutcome, actor: String, progress: ImportProgress?, consent: ImportConsent,
                         reopening reason: String?, note: ImportNote) async throws -> ImportSummary
    func loadYear(body: String, year: Int) async throws -> YearRecords
    /// Stores the scores and the allocation computed beforehand from `year` and marks the year allocated, in one
    /// transaction; refused when the records on record are no longer `year`'s. Re-running with the same records
    /// writes the same cents and leaves no duplicates. (`allocate` computes inside the transaction instead.)
    func saveOutcome(_ outcome: YearOutcome, of year: YearRecords, actor: String) async throws
    /// Reads the year, computes its outcome and stores it, in one transaction that holds the year's row
    /// from before the reading: nobody can change the records in between, so there is nothing to check
    /// again (as `saveOutcome` must). Refused when the year is missing, allocated or published. Returns
    /// what `compute` made beside the outcome.
    func allocate<Computed: Sendable>(body: String, year: Int, actor: String,
                                      _ compute: @escaping @Sendable (YearRecords) throws -> (YearOutcome, Computed)) async throws -> Computed
    /// Reopens an allocated or published year, with the reason on record.
    func reopen(body: String, year: Int, reason: String, actor: String) async throws
    func years(body: String?) async throws -> [YearStatus]
    func auditLog(body: String, limit: Int) async throws -> [AuditEntry]
    /// The cents on record for each person of an allocated year (employee id → cents).
    func storedAmounts(body: String, year: Int) async throws -> [String: Int64]
}
