import Foundation
import SIPAVTestSupport
import Testing

extension DatabaseCommandTests {
    /// `sipav db run` says how many appraisals it paid as drafts (the demo's ratings come from its files: none was
    /// submitted on the web), as the web's confirmation asks HR for their number.
    @Test func runSaysHowManyAppraisalsWereNotFinal() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let staff = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM staff_years")[0].int("n") }
        let preview = try db(["run", "--body", "demo", "--year", "2019", "--preview"], on: database)
        #expect(preview.standardOutput.contains("\(staff) valutazioni non sono state inviate come definitive sul web (valutazioni dei "
                                                + "file importati, o bozze): ripartendo ora, sono pagate come si trovano ora."), "\(preview.standardOutput)")
        let run = try db(["run", "--body", "demo", "--year", "2019"], on: database)
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\(staff) valutazioni non sono state inviate come definitive sul web (valutazioni dei "
                                            + "file importati, o bozze): sono state ripartite come si trovavano."), "\(run.standardOutput)")
        // A preview of a year already allocated is refused: the record is read with report, and checked with verify.
        let late = try db(["run", "--body", "demo", "--year", "2019", "--preview"], on: database)
        #expect(late.status == 65)
        #expect(late.standardError.contains("l'anno 2019 è già ripartito (chiuso): la ripartizione registrata si legge con sipav db report allocation"),
                "\(late.standardError)")
    }

    /// A database without sipav's tables gets a sentence in Italian that says what to do, not PostgreSQL's error.
    @Test func aDatabaseNeverMigratedIsNamedAsSuch() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let status = try db(["status"], on: database)
        #expect(status.status == 69)
        #expect(status.standardError == "sipav: il database non ha ancora le tabelle di sipav, o non tutte: le crei con sipav db migrate\n",
                "\(status.standardError)")
    }
}

extension DatabaseCommandTests {
    /// `sipav db report explain` names an employee id the year does not have.
    @Test func explainNamesAnUnknownEmployee() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let unknown = try db(["report", "explain", "--body", "demo", "--year", "2019", "--employee", "E9999"], on: database)
        #expect(unknown.status == 64)  // a bad value of the command line, as `sipav explain E9999` on files
        #expect(unknown.standardError == "sipav: la matricola E9999 non è nel personale dell'anno 2019 dell'ente demo\n", "\(unknown.standardError)")
        let missing = try db(["report", "explain", "--body", "demo", "--year", "2019"], on: database)
        #expect(missing.status == 64)
    }
}
