import Foundation
import Postgres
import SIPAVTestSupport
import Testing

/// A plan imported while objectives are planned has nothing measured yet: `--planning` accepts its indicators without
/// measured values and says how many are missing; without it they are refused, naming `--planning`; and a year stored
/// so cannot be computed or allocated until the values are added.
@Suite("Indicators not yet measured while planning")
struct PlanningMeasurementsTests {
    /// The demo's files with every measured value taken out of the plan.
    private static func unmeasured() throws -> ScratchYear {
        let year = try ScratchYear()
        try year.write("plan.yaml", lines: try year.lines("plan.yaml").filter {
            !$0.trimmingCharacters(in: .whitespaces).hasPrefix("measured:")
        })
        return year
    }

    @Test func validateAcceptsThemOnlyWhilePlanning() throws {
        let year = try Self.unmeasured()
        defer { year.remove() }
        let strict = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(strict.status == 65)
        #expect(strict.standardError.contains("mentre si pianificano gli obiettivi, --planning lo accetta mancante"), "\(strict.standardError)")
        let planning = try Sipav.run(["validate", "--planning", "--data", year.folder.path])
        #expect(planning.status == 0, "\(planning.standardError)")
        #expect(planning.standardOutput.contains("Dati validi: 277 persone"), "\(planning.standardOutput)")
        #expect(planning.standardOutput.contains("indicatori non ancora misurati: i valori misurati vanno aggiunti al piano"),
                "\(planning.standardOutput)")
        // The plan's own rules still hold while planning: a composite whose sub-indicators are all suppressed is refused.
        var lines = try year.lines("plan.yaml")
        for id in ["2.1.2", "2.1.1"] {
            let at = try #require(lines.firstIndex { $0.contains("- id: \"\(id)\"") })
            let indent = String(repeating: " ", count: lines[at].prefix { $0 == " " }.count + 2)
            lines.insert(indent + "suppressed: {reference: \"Delibera 1\"}", at: at + 1)
        }
        try year.write("plan.yaml", lines: lines)
        let allSuppressed = try Sipav.run(["validate", "--planning", "--data", year.folder.path])
        #expect(allSuppressed.status == 65)
        #expect(allSuppressed.standardError.contains("tutti i sotto-indicatori di questo indicatore composto sono soppressi"), "\(allSuppressed.standardError)")
    }

    @Test func aPlanningImportStoresThemAndTheYearCannotBeAllocatedUntilMeasured() throws {
        let year = try Self.unmeasured()
        defer { year.remove() }
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let db = ["--database", database.conninfo]
        let imported = try Sipav.run(["db", "import", "--body", "demo", "--planning", "--data", year.folder.path] + db)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("indicatori non ancora misurati"), "\(imported.standardOutput)")
        let unmeasured = try database.withConnection { db in
            try db.execute("""
                SELECT count(*) AS n FROM indicators WHERE kind IS NOT NULL AND suppressed_reference IS NULL
                  AND num_nonnulls(measured_number, measured_date, measured_yes) = 0 AND NOT measured_not_completed
                """)[0].int("n")
        }
        #expect(unmeasured > 0)
        let run = try Sipav.run(["db", "run", "--body", "demo", "--year", "2019", "--preview"] + db)
        #expect(run.status != 0)
        // Said of all the values missing at once, with the way to add them.
        #expect(run.standardError.contains("indicatori non sono ancora misurati (1.1, 1.2, 1.3, 1.4, 2.1.1, …): i risultati richiedono i loro valori misurati"),
                "\(run.standardError)")
        #expect(run.standardError.contains("sipav db export, poi sipav db import"))
        // The demo's own plan, measured, goes in over it.
        let measured = try Sipav.run(["db", "import", "--body", "demo", "--data", Sipav.demoFolder.path] + db)
        #expect(measured.status == 0, "\(measured.standardError)")
        #expect(!measured.standardOutput.contains("non ancora misurati"))
        let preview = try Sipav.run(["db", "run", "--body", "demo", "--year", "2019", "--preview"] + db)
        #expect(preview.status == 0, "\(preview.standardError)")
    }
}

/// Files that are valid but cannot yet be allocated (the Giunta's confirmation not recorded): `validate` says so
/// beside "Dati validi", where `allocate` alone used to tell.
@Test func validateSaysWhenTheFilesCannotYetBeAllocated() throws {
    let year = try ScratchYear()
    defer { year.remove() }
    try year.removeLines("fund.yaml", from: "giunta:", count: 3)
    let run = try Sipav.run(["validate", "--data", year.folder.path])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.contains("Dati validi"))
    #expect(run.standardOutput.contains("Attenzione: la ripartizione non è ancora possibile:"), "\(run.standardOutput)")
    #expect(run.standardOutput.contains("la conferma del fondo da parte della Giunta"), "\(run.standardOutput)")
    let demo = try Sipav.run(["validate"])
    #expect(!demo.standardOutput.contains("Attenzione"), "\(demo.standardOutput)")
}
