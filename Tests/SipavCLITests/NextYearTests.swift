import Foundation
import SIPAVTestSupport
import Testing

/// `sipav next-year` and `sipav db export --next-year` write next year's files from a year's: a draft that reads as a
/// planning year and imports as one, with what HR must check printed and kept beside the files.
@Suite("Next year's draft on the command line")
struct NextYearTests {
    private func scratchFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sipav-next-year-\(UUID().uuidString)")
    }

    @Test func theDemoYearsDraftIsAPlanningYearOf2020() throws {
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Sipav.run(["next-year", "-o", folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["da-verificare.txt", "fund.yaml", "objectives.csv", "plan.yaml", "staff.csv"])
        let notes = try String(contentsOf: folder.appendingPathComponent("da-verificare.txt"), encoding: .utf8)
        #expect(notes.hasPrefix("Bozza dell'anno 2020 dall'anno 2019 dell'ente Camera di commercio di Torino"), "\(notes)")
        #expect(notes.contains("- Valori misurati del 2019 tolti, da misurare alla fine del 2020: 72."), "\(notes)")
        #expect(notes.contains("- Indicatori soppressi nel 2019, riportati senza la soppressione: da togliere se non servono più (2): 6.3.3, 9.1."),
                "\(notes)")
        // Every person in the file, one a line; the first ten on screen, then how many more.
        #expect(notes.contains("controllare chi è ancora in servizio e da quando (16):\n    E0003 Ferrero Stefano: 4 mesi\n"), "\(notes)")
        #expect(notes.contains("    E0266 Russo Paolo: 10 mesi\n"), "\(notes)")
        #expect(run.standardOutput.contains("E0189 Esposito Alessandro: 7 mesi, … (+6)."), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("Gli elenchi completi sono in \(folder.appendingPathComponent("da-verificare.txt").path)."))
        #expect(notes.contains("    voce 1, «Personale non dirigente», «Fondo risorse decentrate 2019: quota destinata alla produttività»: 734.312,44 € "
                               + "(Relazione sulla performance 2019, par. 3.7); la descrizione nomina il 2019 o un anno precedente"), "\(notes)")
        #expect(notes.contains("- Conferme della Giunta e dell'OIV del 2019 non riportate"), "\(notes)")
        let fund = try String(contentsOf: folder.appendingPathComponent("fund.yaml"), encoding: .utf8)
        #expect(fund.components(separatedBy: "amount: \"0.00\"").count == 4 && !fund.contains("reference"), "\(fund)")

        let planning = try Sipav.run(["validate", "--planning", "--data", folder.path])
        #expect(planning.status == 0, "\(planning.standardError)")
        #expect(planning.standardOutput.contains("277 persone, 1.264 obiettivi individuali, 22 obiettivi organizzativi"), "\(planning.standardOutput)")
        // Nothing measured or rated: not a year to allocate yet.
        #expect(try Sipav.run(["validate", "--data", folder.path]).status == 65)
        let objectives = try String(contentsOf: folder.appendingPathComponent("objectives.csv"), encoding: .utf8)
        #expect(objectives.contains("\nDIR001;OB1;Riduzione dei tempi di evasione delle pratiche;25;;;2020\n"), "\(objectives.prefix(300))")
    }

    /// The year after the last a plan may have, and a folder where a file should go, are refused before anything is
    /// written.
    @Test func aDraftThatCouldNotBeWrittenWholeWritesNothing() throws {
        let last = scratchFolder()
        defer { try? FileManager.default.removeItem(at: last) }
        try #require(try Sipav.run(["generate", "--staff", "20", "--year", "2200", "-o", last.path]).status == 0)
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let late = try Sipav.run(["next-year", "--data", last.path, "-o", folder.path])
        #expect(late.status == 64, "\(late.standardError)")
        #expect(late.standardError.contains("l'anno 2201 è oltre l'ultimo anno di un piano (2200)"), "\(late.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("staff.csv"), withIntermediateDirectories: true)
        // Said as what it is with --force and without: without, not as a file that --force would replace.
        for force in [["--force"], []] {
            let blocked = try Sipav.run(["next-year", "-o", folder.path] + force)
            #expect(blocked.status == 66, "\(blocked.standardError)")
            #expect(blocked.standardError.contains("staff.csv: impossibile scriverlo (è una cartella): non è stato scritto nulla"), "\(blocked.standardError)")
            #expect(!blocked.standardError.contains("contiene già"), "\(blocked.standardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["staff.csv"])
        }
    }

    /// A draft's fund, allocated before its amounts are written, pays nothing, and the allocation says why.
    @Test func aDraftsFundOfNothingIsSaidWhenAllocated() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        // The staff fund's two lines with no amount, the managers' with its own.
        try year.write("fund.yaml", lines: try year.lines("fund.yaml").map {
            ["    amount: \"734.312,44\"", "    amount: \"12.480,00\""].contains($0) ? "    amount: \"0\"" : $0
        })
        let run = try Sipav.run(["allocate", "--data", year.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Il fondo «Personale non dirigente» è di 0,00 €: nessuna delle sue 273 persone riceve un importo"),
                "\(run.standardOutput.suffix(2000))")
        #expect(!run.standardOutput.contains("Il fondo «Dirigenza» è di 0,00 €"))
    }

    @Test func theFolderOfTheFilesReadIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let before = try FileManager.default.contentsOfDirectory(atPath: year.folder.path).sorted()
        let run = try Sipav.run(["next-year", "--data", year.folder.path, "-o", year.folder.path, "--force"])
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("è la cartella dei file letti"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: year.folder.path).sorted() == before)
        #expect(try year.lines("plan.yaml").contains("year: 2019"))
    }

    @Test func aDraftFromTheDatabaseImportsAsNextYearsPlanning() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try #require(try db(["import", "--body", "demo", "--allocate", "--data", Sipav.demoFolder.path], on: database).status == 0)
        let folder = scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try db(["export", "--next-year", "--body", "demo", "--year", "2019", "-o", folder.path], on: database)
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput.contains("Scritta la bozza dell'anno 2020"), "\(export.standardOutput)")
        let imported = try db(["import", "--planning", "--body", "demo", "--data", folder.path], on: database)
        #expect(imported.status == 0, "\(imported.standardError)")
        // Neither last year's acts nor last year's situations are carried: no refusal, no notice.
        #expect(!imported.standardOutput.contains("Attenzione"), "\(imported.standardOutput)")
        let (state, rated) = try database.withConnection { db in
            (try db.execute("SELECT state FROM years WHERE body_id = 'demo' AND year = 2020")[0].string("state"),
             try db.execute("SELECT count(*) AS n FROM individual_objectives WHERE body_id = 'demo' AND year = 2020 AND cosa IS NOT NULL")[0].int("n"))
        }
        #expect(state == "planning")
        #expect(rated == 0)
        // The year's own export, of 2019, is refused as 2020's objectives.
        let own = scratchFolder()
        defer { try? FileManager.default.removeItem(at: own) }
        try #require(try db(["export", "--body", "demo", "--year", "2019", "-o", own.path], on: database).status == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("objectives.csv"))
        try FileManager.default.copyItem(at: own.appendingPathComponent("objectives.csv"), to: folder.appendingPathComponent("objectives.csv"))
        let mixed = try db(["import", "--planning", "--body", "demo", "--data", folder.path], on: database)
        #expect(mixed.status == 65, "\(mixed.standardError)")
        #expect(mixed.standardError.contains("il file è stato scaricato per l'anno 2019"), "\(mixed.standardError)")
    }
}
