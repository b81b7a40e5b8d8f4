import ArgumentParser
import SIPAV
import SIPAVCycle
import SIPAVReports

/// For an auditor: recomputes a stored year from its records and compares every person's cents with
/// the cents on record.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute a year's allocation from its records and compare it, cent by cent, with the one on record.")
    @OptionGroup var year: YearOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            let store = try database.store()
            let cycle = try Cycle.from(try await store.loadYear(body: year.body, year: year.year))
            let stored = try await store.storedAmounts(body: year.body, year: year.year)
            guard !stored.isEmpty else {
                throw CommandFailure(status: ExitStatus.invalidData, message: "l'anno \(year.year) dell'ente \(year.body) non ha una ripartizione registrata")
            }
            let differences = Verify.differences(cycle, try cycle.allocate(), stored: stored)
            guard differences.isEmpty else {
                throw CommandFailure(status: ExitStatus.invalidData,
                                     message: "la ripartizione registrata differisce da quella ricalcolata:\n" + differences.joined(separator: "\n"))
            }
            print(Verify.verified(stored.count))
        }
    }

    /// Each person whose amount on record is not the one recomputed (or who is on record and no longer in the year).
    static func differences(_ cycle: Cycle, _ allocation: Allocation, stored: [String: Int64]) -> [String] {
        var differences: [String] = []
        var recomputed: [String: Int64] = [:]
        for fund in [allocation.staff, allocation.managers] {
            for row in 0..<fund.count {
                let (id, cents) = (cycle.inputs.records.staff[fund.person(at: row)].id, fund.cents(at: row))
                recomputed[id] = cents
                if stored[id] != cents {
                    let onRecord = stored[id].map { ItalianNumbers.euros(cents: $0) } ?? "assente"
                    differences.append("\(id): registrato \(onRecord), ricalcolato \(ItalianNumbers.euros(cents: cents))")
                }
            }
        }
        for id in stored.keys.sorted() where recomputed[id] == nil { differences.append("\(id): registrato ma non più nell'anno") }
        return differences
    }

    /// The line that says every amount on record matches, for `count` amounts.
    static func verified(_ count: Int) -> String {
        "Verificato: \(ItalianNumbers.count(count, "importo registrato coincide", "importi registrati coincidono")) "
            + "al centesimo con il ricalcolo."
    }
}
