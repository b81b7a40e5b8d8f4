import Foundation
import SIPAVTestSupport
import Testing

/// A person's name is the body's, shown in every year's reports: `db import` does not rename someone on the staff of a
/// closed year unless told (most often an employee id given to a new person), and does not drop from a year someone
/// who answered its publication.
@Suite("Names of closed years")
struct ClosedYearNamesTests {
    let commands = DatabaseCommandTests()

    @Test func aNewNameForSomeoneOfAClosedYearIsRefusedUnlessSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let earlier = try ScratchYear()
        defer { earlier.remove() }
        try earlier.makeTheYearBefore()
        let closed = try commands.db(["import", "--allocate", "--body", "demo", "--data", earlier.folder.path], on: database)
        try #require(closed.status == 0, "\(closed.standardError)")
        let later = try ScratchYear()
        defer { later.remove() }
        try later.write("staff.csv", lines: try later.lines("staff.csv").map {
            $0.hasPrefix("DIR002;") ? $0.replacingOccurrences(of: "D'Angelo Francesca", with: "Nuova Persona") : $0
        })
        let refused = try commands.db(["import", "--body", "demo", "--data", later.folder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("DIR002 «D'Angelo Francesca» → «Nuova Persona» (2018)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--rename-employees"))
        let years = try database.withConnection { try $0.execute("SELECT count(*) AS n FROM years WHERE year = 2019")[0].int("n") }
        #expect(years == 0, "nothing imported")
        let said = try commands.db(["import", "--body", "demo", "--data", later.folder.path, "--rename-employees"], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        // Back to the first name: a rename again, refused as long as 2018 is closed.
        let again = try commands.db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        #expect(again.status == 65, "2018 is still closed: \(again.standardError)")
    }
}
