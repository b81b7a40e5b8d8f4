@testable import sipav
import SIPAV
import Foundation
import SIPAVTestSupport
import Testing

/// `db run` on a year whose objectives are not yet rated (imported for planning) says so once, with the count and the
/// first people, not a line per objective cut at 200.
@Suite("An unrated year run from the database")
struct UnratedYearRunTests {
    @Test func theUnratedObjectivesAreSaidOnce() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("objectives.csv", lines: try year.lines("objectives.csv").enumerated().map { index, line in
            index == 0 || line.isEmpty ? line : setField(5, to: "")(setField(4, to: "")(line))
        })
        let imported = try Sipav.run(["db", "import", "--planning", "--body", "demo", "--data", year.folder.path,
                                      "--database", database.conninfo])
        try #require(imported.status == 0, "\(imported.standardError)")
        let run = try Sipav.run(["db", "run", "--body", "demo", "--year", "2019", "--database", database.conninfo])
        #expect(run.status == 65)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(run.standardError)")
        #expect(lines.last?.contains("obiettivi di persone valutabili senza valutazione (cosa e come), di ") == true, "\(run.standardError)")
        #expect(lines.last?.contains("(DIR001, DIR002,") == true, "\(run.standardError)")
        // The place in Italian, as the rest of the sentence.
        #expect(lines.last?.hasPrefix("database (ente demo, anno 2019), obiettivi individuali: ") == true, "\(run.standardError)")
    }

    /// The person's id follows the place and may hold a space: it is named whole.
    @Test func anIdWithASpaceIsNamedWhole() {
        let place = "database (body demo, year 2019) objectives"
        let faults = ["E 001", "E 001", "E0002"].map {
            InputError(file: place + " " + $0, line: nil, field: "cosa", value: "", rule: unratedRule)
        }
        let summary = unratedRecordsSummary(faults)
        #expect(summary.count == 1)
        #expect(summary.first?.hasPrefix("database (ente demo, anno 2019), obiettivi individuali: 3 obiettivi di persone valutabili "
                                          + "senza valutazione (cosa e come), di 2 persone (E 001, E0002).") == true, "\(summary)")
    }
}
