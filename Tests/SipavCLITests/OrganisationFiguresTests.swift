import Foundation
import Testing

/// The results the amounts are computed with are printed whole: an OIV-validated 95,85 % is not shown as 95,9 %, nor an
/// Area's 93,75 % as 93,8 %, so that a reader recomputing an amount from the report finds the figure `explain` used.
@Suite("The organisation report prints the results used, whole")
struct OrganisationFiguresTests {
    @Test func appliedResultsArePrintedWithTheDecimalsTheyHave() throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        try year.write("plan.yaml", lines: try year.lines("plan.yaml")
            + ["validated:", "  - {scope: ente, percent: \"95,85\", reference: \"Verbale OIV n. 4\"}"])
        let run = try Sipav.run(["organisation", "--data", year.folder.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        // CSV lines end in CRLF, one Character to Swift.
        let rows = run.standardOutput.split(whereSeparator: \.isNewline).map(String.init)
        let ente = try #require(rows.first { $0.hasPrefix("Ente;") })
        #expect(ente.hasPrefix("Ente;95,8;95,85;"), "\(ente)")
        let explained = try Sipav.run(["explain", "E0004", "--data", year.folder.path])
        #expect(explained.standardOutput.contains("95,85 %"), "\(explained.standardOutput)")
        // An Area's applied result, as its amounts use it.
        #expect(rows.contains { $0.contains(";93,75;93,75;") }, "\(rows.filter { $0.contains("AREA") })")
    }
}
