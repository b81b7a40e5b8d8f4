import Foundation
import SIPAVTestSupport
import Testing

/// While objectives are planned, some are not yet rated: the planning commands accept that, and allocating
/// refuses it, naming the file and line; nothing crashes.
@Suite("A year whose objectives are not all rated yet")
struct PlanningTests {
    private func unratedYear() throws -> ScratchYear {
        let year = try ScratchYear()
        // Line 2 is DIR001's first objective: its cosa and come are emptied.
        try year.change("objectives.csv", line: 2) { line in
            var fields = line.components(separatedBy: ";")
            fields[4] = ""
            fields[5] = ""
            return fields.joined(separator: ";")
        }
        return year
    }

    @Test func validatePlanningAcceptsItAndAllocateRefusesItByLine() throws {
        let year = try unratedYear()
        defer { year.remove() }
        let planning = try Sipav.run(["validate", "--planning", "--data", year.folder.path])
        #expect(planning.status == 0, "\(planning.standardError)")
        let allocate = try Sipav.run(["allocate", "--data", year.folder.path])
        #expect(allocate.status == 65)
        #expect(allocate.standardError.contains("objectives.csv"))
        #expect(allocate.standardError.contains(":2"))
    }

    @Test func importPlanningStoresItAndRunRefusesIt() throws {
        let year = try unratedYear()
        defer { year.remove() }
        let database = try TestDatabase.create()
        defer { database.drop() }
        let imported = try Sipav.run(["db", "import", "--body", "plan", "--data", year.folder.path, "--planning",
                                      "--database", database.conninfo])
        #expect(imported.status == 0, "\(imported.standardError)")
        let run = try Sipav.run(["db", "run", "--body", "plan", "--year", "2019", "--database", database.conninfo])
        #expect(run.status == 65, "\(run.standardError)")
        #expect(run.standardError.contains("DIR001"))
        let stored = try database.withConnection { db in
            try db.execute("SELECT count(*) AS n FROM allocations")[0].int("n")
        }
        #expect(stored == 0)
    }
}
