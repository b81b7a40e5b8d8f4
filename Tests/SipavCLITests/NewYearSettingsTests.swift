import Foundation
import SIPAVTestSupport
import Testing

/// A body's settings (its category parameters, its components) are set year by year: a new year imported without
/// settings, after a year stored with its own, is refused, where it was computed with the defaults without a word.
@Suite("A new year's settings")
struct NewYearSettingsTests {

    func importTheYearBefore(settings: Bool, on database: TestDatabase) throws {
        let earlier = try ScratchYear()
        defer { earlier.remove() }
        try earlier.makeTheYearBefore()
        var arguments = ["import", "--allocate", "--body", "demo", "--data", earlier.folder.path]
        if settings {
            try "fund:\n  category_parameters: {C: \"0,9\"}\n".write(toFile: earlier.path("settings.yaml"), atomically: true, encoding: .utf8)
            arguments += ["--config", earlier.path("settings.yaml")]
        }
        let imported = try db(arguments, on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
    }

    func storedYears(_ database: TestDatabase) throws -> [Int] {
        try database.withConnection { try $0.execute("SELECT year FROM years ORDER BY year").map { try $0.int("year") } }
    }

    @Test func aNewYearWithoutSettingsAfterAYearWithItsOwnIsRefused() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try importTheYearBefore(settings: true, on: database)
        let refused = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        #expect(refused.status == 65, "\(refused.standardError)")
        #expect(refused.standardError.contains("l'anno 2018 dell'ente demo è registrato con impostazioni proprie, e questa importazione del 2019 non ne indica"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("sipav db export --year 2018"), "\(refused.standardError)")
        #expect(try storedYears(database) == [2018], "nothing imported")

        // Said, with the defaults or any other settings, it is imported.
        let said = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path,
                                    "--config", Sipav.packageRoot.appendingPathComponent("Config/sipav.yaml").path], on: database)
        #expect(said.status == 0, "\(said.standardError)")
        #expect(try storedYears(database) == [2018, 2019])
    }

    /// After a year on the defaults, a new year on the defaults is what the body has: imported.
    @Test func aNewYearAfterAYearOnTheDefaultsIsImported() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        try importTheYearBefore(settings: false, on: database)
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(try storedYears(database) == [2018, 2019])
    }
}
