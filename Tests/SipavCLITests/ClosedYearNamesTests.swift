import Foundation
import SIPAVTestSupport
import Testing

/// A person's name is the body's, shown in every year's reports: `db import` does not rename someone on the staff of a
/// closed year unless told (most often an employee id given to a new person), and does not drop from a year someone
/// who answered its publication.
@Suite("Names of closed years")
struct ClosedYearNamesTests {

    @Test func aNewNameForSomeoneOfAClosedYearIsRefusedUnlessSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let earlier = try ScratchYear()
        defer { earlier.remove() }
        try earlier.makeTheYearBefore()
        let closed = try db(["import", "--allocate", "--body", "demo", "--data", earlier.folder.path], on: database)
        try #require(closed.status == 0, "\(closed.standardError)")
        let later = try ScratchYear()
        defer { later.remove() }
        try later.write("staff.csv", lines: try later.lines("staff.csv").map {
            $0.hasPrefix("DIR002;") ? $0.replacingOccurrences(of: "D'Angelo Francesca", with: "Nuova Persona") : $0
        })
        let refused = try db(["import", "--body", "demo", "--data", later.folder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("DIR002 «D'Angelo Francesca» → «Nuova Persona» (2018)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--rename-employees"))
        let years = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM years WHERE year = 2019")[0].int("n") }
        #expect(years == 0, "nothing imported")
        let said = try db(["import", "--body", "demo", "--data", later.folder.path, "--rename-employees", "--reason", "Cambio di cognome"], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        // 2018's log shows the new name its reports now print, and the import of 2019 that gave it, with its reason.
        let log = try report(["audit", "--body", "demo", "--year", "2018", "--limit", "100000"], on: database)
        let entries = try #require(log["entries"] as? [[String: Any]])
        #expect(entries.contains { ($0["changes"] as? String)?.contains("Nuova Persona") == true }, "\(entries.prefix(3))")
        #expect(entries.contains { ($0["changes"] as? String)?.contains("motivo: Cambio di cognome") == true }, "\(entries.prefix(3))")
        // Back to the first name: a rename again, refused as long as 2018 is closed.
        let again = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        #expect(again.status == 65, "2018 is still closed: \(again.standardError)")
    }

    /// The files of an earlier year imported again, with a name a later year's import changed, would undo the change in
    /// every year's reports: refused, naming the later year, though no year is closed.
    @Test func anEarlierYearDoesNotUndoALaterYearsName() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let earlier = try ScratchYear()
        defer { earlier.remove() }
        try earlier.makeTheYearBefore()
        try #require(try db(["import", "--body", "demo", "--data", earlier.folder.path], on: database).status == 0)
        let later = try ScratchYear()
        defer { later.remove() }
        try later.write("staff.csv", lines: try later.lines("staff.csv").map {
            $0.hasPrefix("DIR002;") ? $0.replacingOccurrences(of: "D'Angelo Francesca", with: "D'Angelo Bianchi Francesca") : $0
        })
        try #require(try db(["import", "--body", "demo", "--data", later.folder.path], on: database).status == 0)
        let again = try db(["import", "--body", "demo", "--data", earlier.folder.path], on: database)
        #expect(again.status == 65, "\(again.standardError)")
        #expect(again.standardError.contains("ridanno a persone di anni successivi il nome che avevano prima: "
                                             + "DIR002 «D'Angelo Bianchi Francesca» → «D'Angelo Francesca» (2019)"), "\(again.standardError)")
        let name = try database.withConnection {
            try $0.execute("SELECT name FROM employees WHERE employee_id = 'DIR002'")[0].string("name")
        }
        #expect(name == "D'Angelo Bianchi Francesca")
    }

    /// A row lost from the staff list would delete the person's ratings: `db import` refuses, naming them, unless told
    /// (--remove-rated), and names whom it removed.
    @Test func aRatedPersonLeftOutOfTheStaffListIsRefusedUnlessSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let first = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(first.status == 0, "\(first.standardError)")
        let later = try ScratchYear()
        defer { later.remove() }
        try later.write("staff.csv", lines: try later.lines("staff.csv").filter { !$0.hasPrefix("E0007;") })
        try later.write("objectives.csv", lines: try later.lines("objectives.csv").filter { !$0.hasPrefix("E0007;") })
        let refused = try db(["import", "--body", "demo", "--data", later.folder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("i file lasciano fuori una persona dall'anno 2019 con obiettivi già valutati o la "
                                               + "valutazione inviata come definitiva:"), "\(refused.standardError)")
        #expect(refused.standardError.contains("(E0007): 5 obiettivi già valutati. Toglierla cancellerebbe la sua valutazione")
                && refused.standardError.contains("--remove-rated"), "\(refused.standardError)")
        let stored = try database.withConnection {
            try $0.execute("SELECT count(*) AS n FROM staff_years WHERE employee_id = 'E0007'")[0].int("n")
        }
        #expect(stored == 1, "nothing written")
        // One who answered the publication is not removed even when told: it would delete the answer.
        try database.withConnection {
            try $0.execute("INSERT INTO appraisal_responses (body_id, year, employee_id, response) VALUES ('demo', 2019, 'E0007', 'acknowledged')")
        }
        let answered = try db(["import", "--body", "demo", "--data", later.folder.path, "--remove-rated", "--reason", "Cessata dal servizio"], on: database)
        #expect(answered.status == 65, "\(answered.standardError)")
        #expect(answered.standardError.contains("i file lasciano fuori dall'anno 2019 una persona che ha risposto alla pubblicazione "
                                                + "della valutazione: E0007 (presa visione)"), "\(answered.standardError)")
        try database.withConnection { try $0.execute("DELETE FROM appraisal_responses") }
        let said = try db(["import", "--body", "demo", "--data", later.folder.path, "--remove-rated", "--reason", "Cessata dal servizio"], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        #expect(said.standardOutput.contains("Tolta dall'anno 2019, perché non più nell'elenco del personale, una persona: "),
                "\(said.standardOutput)")
        #expect(said.standardOutput.contains("(E0007): 5 obiettivi già valutati."), "\(said.standardOutput)")
    }

    /// A body mistyped for `sipav serve` (`DEMO` for `demo`) is refused, naming those the database has: it was served
    /// empty without a word. (An address no server can take: were the body taken, the command would still end.)
    @Test func serveRefusesABodyTheDatabaseDoesNotHave() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let run = try Sipav.run(["serve", "--body", "DEMO", "--host", "256.256.256.256", "--database", database.conninfo])
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("l'ente DEMO non è nel database, che contiene: demo"), "\(run.standardError)")
    }
}
