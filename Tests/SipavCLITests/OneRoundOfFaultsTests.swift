import Foundation
import SIPAVTestSupport
import Testing

/// A file with faults in its objectives' rows says, in the same run, the faults of the rules over each person's
/// objectives taken together (weights summing to 100, each code once) for everyone whose rows were all read: HR
/// mends them all in one go. Those whose rows were not all read are left to the next run, not said wrongly.
@Suite("Objectives' faults: every fault in one round")
struct OneRoundOfFaultsTests {
    /// The lines of the faults printed after the first line of the message.
    func faults(_ run: SipavRun) -> [String] {
        run.standardError.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test func aRowFaultAndAnotherPersonsWeightsAreSaidTogether() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 3, setField(4, to: "7"))   // DIR001: cosa 7
        try year.change("objectives.csv", line: 2, setField(3, to: "1"))   // DIR001's weights: not said, a row is missing
        try year.change("objectives.csv", line: 8, setField(3, to: "1"))   // DIR002's weights sum to 66
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let objectives = year.path("objectives.csv")
        #expect(faults(run).count == 2, "\(run.standardError)")
        #expect(faults(run).first?.hasPrefix(objectives + ":3: campo \"cosa\", valore \"7\"") == true, "\(run.standardError)")
        #expect(faults(run).last?.hasPrefix(objectives + ":8: campo \"weight\", valore \"66,00\"") == true, "\(run.standardError)")
        #expect(faults(run).last?.contains("DIR002") == true, "\(run.standardError)")
    }

    /// A row whose person is unknown (a mistyped id) is likely a row of the people around it: their weights wait.
    @Test func aMistypedIdLeavesTheNeighboursWeightsForLater() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 11, setField(0, to: "DIR03"))   // DIR003's first row, between DIR002's and DIR003's
        try year.change("objectives.csv", line: 2, setField(3, to: "1"))      // DIR001's weights sum to 76
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let objectives = year.path("objectives.csv")
        #expect(faults(run).count == 2, "\(run.standardError)")
        #expect(faults(run).contains { $0.hasPrefix(objectives + ":11: campo \"employee_id\", valore \"DIR03\"") }, "\(run.standardError)")
        #expect(faults(run).contains { $0.hasPrefix(objectives + ":2: campo \"weight\", valore \"76,00\"") }, "\(run.standardError)")
        #expect(!run.standardError.contains("DIR003"), "\(run.standardError)")
    }

    /// A header without a required column reads no row: only the header's fault is said, not every person's lack of
    /// objectives.
    @Test func aHeaderWithoutTheWeightIsTheOnlyFault() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 1) { $0.replacingOccurrences(of: ";weight;", with: ";peso;") }
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(faults(run).allSatisfy { $0.hasPrefix(year.path("objectives.csv") + ":1:") }, "\(run.standardError)")
        #expect(faults(run).contains { $0.contains("weight") }, "\(run.standardError)")
    }

    /// The rules across files come with the objectives' row faults too: an Area led by a dipendente.
    @Test func theRulesAcrossFilesComeWithTheRowFaults() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 3, setField(4, to: "7"))
        try #require(spoilers.first { $0.name == "an Area led by a dipendente" }).spoil(year)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains(year.path("objectives.csv") + ":3: campo \"cosa\""), "\(run.standardError)")
        #expect(run.standardError.contains(year.path("plan.yaml") + ":49: campo \"areas.manager\""), "\(run.standardError)")
    }

    /// A staff list at fault and the objectives' own faults come in one run, the list's first: an HR officer mends
    /// both files at once. A person whose staff row is at fault keeps their id: their objectives are not said unknown.
    @Test func theStaffListsFaultsAndTheObjectivesRowsComeTogether() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("staff.csv", line: 3, setField(6, to: "13"))        // DIR002: 13 months
        try year.change("objectives.csv", line: 3, setField(4, to: "7"))   // DIR001: cosa 7
        try year.change("objectives.csv", line: 9, setField(0, to: "DIR0X"))  // an id the staff list does not have
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let lines = faults(run)
        #expect(lines.count == 3, "\(run.standardError)")
        #expect(lines.first?.hasPrefix(year.path("staff.csv") + ":3: campo \"months\", valore \"13\"") == true, "\(run.standardError)")
        #expect(lines.contains { $0.hasPrefix(year.path("objectives.csv") + ":3: campo \"cosa\", valore \"7\"") }, "\(run.standardError)")
        #expect(lines.contains { $0.hasPrefix(year.path("objectives.csv") + ":9: campo \"employee_id\", valore \"DIR0X\"") },
                "\(run.standardError)")
        #expect(!run.standardError.contains("DIR002"), "\(run.standardError)")
    }

    /// A staff row that cannot be read at all (a field too many, or a whole file saved with commas) has no id anyone
    /// can trust: the list's faults come alone, not one "unknown employee" for each objective of that person.
    @Test func anUnreadableStaffRowMakesNoObjectiveUnknown() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let staffLines = try year.lines("staff.csv")
        try year.write("staff.csv", lines: staffLines.enumerated().map { $0.offset == 5 ? $0.element + ";in più" : $0.element })
        try year.change("objectives.csv", line: 3, setField(4, to: "7"))   // DIR001: cosa 7, not said this round
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(faults(run).count == 1, "\(run.standardError)")
        #expect(faults(run).first?.hasPrefix(year.path("staff.csv") + ":6: la riga ha") == true, "\(run.standardError)")
        #expect(!run.standardError.contains("objectives.csv"), "\(run.standardError)")
    }

    /// `db import` says the same faults at once, and stores nothing.
    @Test func anImportSaysThemAllAndStoresNothing() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 3, setField(4, to: "7"))
        try year.change("objectives.csv", line: 8, setField(3, to: "1"))
        let run = try Sipav.run(["db", "import", "--body", "demo", "--data", year.folder.path, "--database", database.conninfo])
        #expect(run.status == 65)
        #expect(faults(run).count == 2, "\(run.standardError)")
        #expect(run.standardError.contains(year.path("objectives.csv") + ":8: campo \"weight\""), "\(run.standardError)")
        let stored = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM bodies")[0].string("n") }
        #expect(stored == "0")
    }
}
