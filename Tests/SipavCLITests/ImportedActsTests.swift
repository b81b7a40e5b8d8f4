import Foundation
import SIPAVTestSupport
import Testing

/// The acts that gate the money (the Giunta's and the OIV's confirmations of the fund) and the results the OIV
/// validated: `db import` neither drops one the year holds unless told, nor takes another year's as this year's.
@Suite("The year's acts on import")
struct ImportedActsTests {
    func count(_ sql: String, on database: TestDatabase) throws -> Int {
        try database.withConnection { try $0.execute("SELECT count(*) AS n FROM \(sql)")[0].int("n") }
    }

    /// A fund.yaml written again without the OIV's confirmation would delete it unseen: refused, naming it, unless
    /// told (--remove-acts).
    @Test func aReImportLeavingOutAConfirmationIsRefusedUnlessSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        let first = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        try #require(first.status == 0, "\(first.standardError)")
        try year.removeLines("fund.yaml", from: "oiv:", count: 3)
        let refused = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("OIV («Verbale OIV n. 4 del 15/06/2020 (esempio dimostrativo)»)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--remove-acts") && refused.standardError.contains("nulla è stato importato"),
                "\(refused.standardError)")
        #expect(!refused.standardError.contains("Giunta"), "the Giunta's is in the files: \(refused.standardError)")
        #expect(try count("fund_confirmations", on: database) == 2)
        let said = try db(["import", "--body", "demo", "--data", year.folder.path, "--remove-acts", "--reason", "Verbale OIV annullato"], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        #expect(try count("fund_confirmations WHERE kind = 'oiv'", on: database) == 0)
        #expect(try count("fund_confirmations WHERE kind = 'giunta'", on: database) == 1)
    }

    /// An OIV-validated result recorded for the year (here by a plan that gave it) and left out of the plan imported
    /// again is named the same way.
    @Test func aReImportLeavingOutAValidatedResultIsRefused() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let year = try ScratchYear()
        defer { year.remove() }
        let plan = try year.lines("plan.yaml")
        try year.write("plan.yaml", lines: plan + ["validated:", "  - scope: ente", "    percent: \"97,5\"",
                                                   "    reference: \"Verbale OIV n. 7 del 10/09/2020\""])
        let first = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        try #require(first.status == 0, "\(first.standardError)")
        try year.write("plan.yaml", lines: plan)
        let refused = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("risultato validato dell'ente («Verbale OIV n. 7 del 10/09/2020»)"), "\(refused.standardError)")
        #expect(try count("validated_results", on: database) == 1)
    }

    /// A fund.yaml copied from the year before with only its year changed would pass that year's Giunta and OIV as this
    /// year's: refused, naming the acts and the year they are recorded for, unless told (--reuse-acts). A year with acts
    /// of its own imports without a word.
    @Test func anotherYearsActsAreRefusedUnlessSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let later = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(later.status == 0, "\(later.standardError)")
        let copied = try ScratchYear()
        defer { copied.remove() }
        for file in ["plan.yaml", "fund.yaml"] {
            try copied.write(file, lines: try copied.lines(file).map { $0 == "year: 2019" ? "year: 2018" : $0 })
        }
        let refused = try db(["import", "--body", "demo", "--data", copied.folder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("Giunta («Delibera di Giunta n. 95 del 22/06/2020 (esempio dimostrativo)»), 2019"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("OIV («Verbale OIV n. 4 del 15/06/2020 (esempio dimostrativo)»), 2019"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--reuse-acts"), "\(refused.standardError)")
        #expect(try count("years WHERE year = 2018", on: database) == 0, "nothing imported")
        let said = try db(["import", "--body", "demo", "--data", copied.folder.path, "--reuse-acts", "--reason", "Una delibera per due anni"], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        // Accepted once, the acts the year holds are not asked about again.
        let again = try db(["import", "--body", "demo", "--data", copied.folder.path], on: database)
        #expect(again.status == 0, "\(again.standardError)")

        let own = try ScratchYear()
        defer { own.remove() }
        try own.makeTheYearBefore()
        let other = try TestDatabase.create(schema: false)
        defer { other.drop() }
        #expect(try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: other).status == 0)
        let accepted = try db(["import", "--body", "demo", "--data", own.folder.path], on: other)
        #expect(accepted.status == 0, "\(accepted.standardError)")
    }
}
