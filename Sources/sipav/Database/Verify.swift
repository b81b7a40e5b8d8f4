import ArgumentParser
import SIPAV
import SIPAVCycle
import SIPAVReports

/// For an auditor: recomputes a stored year from its records and compares it with the record: every person's cents,
/// and also each one's fund, final score, band, share and exact components, and the run's totals of each fund (paid
/// and residual), so that a record with the right cents beside another person's score does not pass.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ricalcola la ripartizione di un anno dai suoi dati e la confronta, centesimo per centesimo e cifra per cifra, con quella registrata.")
    @OptionGroup var year: YearOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            let store = try await database.currentStore(creatingTheSchema: false)
            let cycle = try Cycle.from(try await store.loadYear(body: year.body, year: year.year))
            let stored = try await store.recordedAllocation(body: year.body, year: year.year)
            guard !stored.people.isEmpty else {
                throw CommandFailure(status: ExitStatus.invalidData, message: "l'anno \(year.year) dell'ente \(year.body) non ha una ripartizione registrata")
            }
            let differences = cycle.differences(of: try cycle.allocate(), fromRecord: stored)
            guard differences.isEmpty else {
                throw CommandFailure(status: ExitStatus.invalidData,
                                     message: "la ripartizione registrata differisce da quella ricalcolata:\n" + differences.joined(separator: "\n"))
            }
            print(Verify.verified(stored.people.count))
        }
    }

    /// The line that says every amount on record matches, for `count` amounts.
    static func verified(_ count: Int) -> String {
        "Verificato: \(ItalianNumbers.count(count, "importo registrato coincide", "importi registrati coincidono")) "
            + "al centesimo con il ricalcolo."
    }
}
