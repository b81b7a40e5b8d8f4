import SIPAVTestSupport
import SIPAVStore
import Testing

/// Two HR officers work on the same year at once, each on a connection of their own: the year ends in one
/// consistent state, whatever the interleaving, and the only refusal either sees is the year's lock.
@Suite("Two HR officers at once")
struct ConcurrentOfficersTests {
    enum Choreography: String, CaseIterable, Sendable {
        /// Two imports and two allocations, all four started together.
        case fourAtOnce
        /// Each officer imports their version, then allocates it; the two officers run together.
        case eachImportsThenAllocates
        /// Two imports and two allocations that read the year themselves, holding it (`allocate`, as
        /// `sipav db run`), all four started together.
        case fourAtOnceHoldingTheYear
    }

    static let rounds = 10

    /// Two versions of the same year: the same staff, a third of the ratings lowered in the second.
    static func versions(year: Int) throws -> (YearRecords, YearRecords) {
        let first = try DemoYear.records().with(year: year)
        let second = first.changingObjectives { index, objective in
            objective.cosa.map { index % 3 == 0 ? objective.with(cosa: max(0, $0 - 2)) : objective } ?? objective
        }
        return (first, second)
    }

    @Test(arguments: Choreography.allCases)
    func theYearEndsInOneConsistentState(_ choreography: Choreography) async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let store = try database.store()
        var inconsistentRounds: [String] = []
        for round in 0..<Self.rounds {
            let number = 2001 + round
            let (first, second) = try Self.versions(year: number)
            let (firstOutcome, secondOutcome) = (try first.outcome(), try second.outcome())
            // The year exists and is open, so that an allocation may come first.
            try await store.importYear(first, actor: "hr.rossi", progress: nil)

            let errors: [(any Error)?]
            switch choreography {
            case .fourAtOnce:
                async let importFirst = thrownError { try await store.importYear(first, actor: "hr.rossi", progress: nil) }
                async let importSecond = thrownError { try await store.importYear(second, actor: "hr.bianchi", progress: nil) }
                async let saveFirst = thrownError { try await store.saveOutcome(firstOutcome, of: first, actor: "hr.rossi") }
                async let saveSecond = thrownError { try await store.saveOutcome(secondOutcome, of: second, actor: "hr.bianchi") }
                errors = await [importFirst, importSecond, saveFirst, saveSecond]
            case .eachImportsThenAllocates:
                async let rossi = thrownError {
                    try await store.importYear(first, actor: "hr.rossi", progress: nil)
                    try await store.saveOutcome(firstOutcome, of: first, actor: "hr.rossi")
                }
                async let bianchi = thrownError {
                    try await store.importYear(second, actor: "hr.bianchi", progress: nil)
                    try await store.saveOutcome(secondOutcome, of: second, actor: "hr.bianchi")
                }
                errors = await [rossi, bianchi]
            case .fourAtOnceHoldingTheYear:
                async let importFirst = thrownError { try await store.importYear(first, actor: "hr.rossi", progress: nil) }
                async let importSecond = thrownError { try await store.importYear(second, actor: "hr.bianchi", progress: nil) }
                async let allocateFirst = thrownError { _ = try await store.allocate(body: "demo", year: number, actor: "hr.rossi") { (try $0.outcome(), 0) } }
                async let allocateSecond = thrownError { _ = try await store.allocate(body: "demo", year: number, actor: "hr.bianchi") { (try $0.outcome(), 0) } }
                errors = await [importFirst, importSecond, allocateFirst, allocateSecond]
            }

            var staleRefusals = 0
            for case let error? in errors {
                let message = (error as? StoreError)?.message ?? "\(error)"
                let stale = message.contains("changed since the allocation was computed")
                if stale { staleRefusals += 1 }
                #expect(message.contains("is already allocated") || message.contains("is allocated: reopen") || stale,
                        "round \(round): \(message)")
            }
            let stored = try await store.loadYear(body: "demo", year: number)
            let isFirst = stored.objectiveRows == first.objectiveRows
            let isSecond = stored.objectiveRows == second.objectiveRows
            #expect(isFirst || isSecond, "round \(round): the objectives are a mix of both imports")
            // Either one allocation was stored, or every allocation was refused as computed on records
            // that another officer had replaced: then nothing is allocated and nothing is mixed.
            let state = try await store.years(body: "demo").first { $0.year == number }?.state
            if choreography == .fourAtOnceHoldingTheYear {
                // Holding the year from before reading it, an allocation is never computed on stale records.
                #expect(staleRefusals == 0 && state == .allocated, "round \(round): \(String(describing: state)), \(staleRefusals) stale")
            }
            guard state == .allocated else {
                #expect(staleRefusals == 2, "round \(round): the year is \(String(describing: state)) without two stale refusals")
                continue
            }

            let outcome = try database.withConnection { try StoredOutcome($0, body: "demo", year: number) }
            #expect(outcome.allocationRows == stored.records.staff.count, "round \(round)")
            #expect(outcome.scoreRows == stored.records.staff.count, "round \(round)")
            // The allocation on record must be the one of the objectives on record.
            let consistent = try outcome.scores == stored.expectedScores(stored.outcome())
                && outcome.amounts.mapValues(\.cents) == stored.computedCents()
            if !consistent {
                let allocated = outcome.scores == first.expectedScores(firstOutcome) ? "first"
                    : outcome.scores == second.expectedScores(secondOutcome) ? "second" : "neither"
                inconsistentRounds.append("round \(round): objectives of the \(isFirst ? "first" : "second") version, allocation of the \(allocated)")
            }
        }
        // The allocation on record is always the one of the objectives on record: `saveOutcome` refuses an
        // outcome computed on records another officer has since replaced.
        #expect(inconsistentRounds == [], "rounds whose stored allocation is not that of the stored objectives")
    }
}
