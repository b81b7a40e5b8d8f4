import Foundation
import SIPAVTestSupport
import Testing

/// A staff list copied from last year keeps last year's months and reasons: `db import` says who has the same months
/// under 12, or the same reason for not being assessable, as the year before, and imports all the same.
@Suite("Situations carried over from last year")
struct CarriedOverSituationsTests {
    @Test func sameMonthsAndReasonsAsLastYearAreSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let earlier = try ScratchYear()
        defer { earlier.remove() }
        try earlier.makeTheYearBefore()
        // 2018: everyone a whole year, but E0020 (6 months), E0030 (4 months, 12 in 2019) and E0110 (as in 2019: 2
        // months); the reasons for not being assessable as in 2019 (E0110's and E0193's).
        try earlier.write("staff.csv", lines: try earlier.lines("staff.csv").enumerated().map { index, line in
            guard index > 0, !line.isEmpty, !line.hasPrefix("E0110;") else { return line }
            return setField(6, to: line.hasPrefix("E0020;") ? "6" : line.hasPrefix("E0030;") ? "4" : "12")(line)
        })
        try #require(try db(["import", "--body", "demo", "--data", earlier.folder.path], on: database).status == 0)
        let later = try ScratchYear()
        defer { later.remove() }
        try later.change("staff.csv", line: 25, setField(6, to: "6"))      // E0020: 6 months again
        let run = try db(["import", "--body", "demo", "--data", later.folder.path], on: database)
        #expect(run.status == 0, "\(run.standardError)")
        let notice = try #require(run.standardOutput.split(separator: "\n").first { $0.hasPrefix("Attenzione: come nell'anno 2018") },
                                  "\(run.standardOutput)")
        #expect(notice.contains("2 persone hanno gli stessi mesi di servizio, meno di 12 (E0020: 6, E0110: 2)"), "\(notice)")
        #expect(notice.contains("2 persone hanno la stessa ragione di non valutabilità (E0110: «in servizio da meno di tre mesi: "
                                + "risultati non valutabili», E0193: «"), "\(notice)")
        #expect(!notice.contains("E0030"), "\(notice)")
        // Imported all the same.
        let months = try database.withConnection {
            try $0.execute("SELECT months FROM staff_years WHERE year = 2019 AND employee_id = 'E0020'")[0].int("months")
        }
        #expect(months == 6)
    }

    @Test func aFirstYearSaysNothing() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let run = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        #expect(run.status == 0 && !run.standardOutput.contains("Attenzione"), "\(run.standardOutput)")
    }
}

/// `db import --planning` of files that hold ratings opens the year for rating: said, so that another year's ratings
/// in the files do not open it unseen.
@Suite("A planning import that opens the year")
struct PlanningImportOpeningTests {
    @Test func ratingsInAPlanningImportAreSaid() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let rated = try db(["import", "--planning", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        #expect(rated.status == 0, "\(rated.standardError)")
        #expect(rated.standardOutput.contains("i file portano valutazioni (cosa e come), e l'anno 2019 è passato da «in programmazione» a «in valutazione»"),
                "\(rated.standardOutput)")
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("objectives.csv", lines: try year.lines("objectives.csv").enumerated().map { index, line in
            index == 0 || line.isEmpty ? line : setField(5, to: "")(setField(4, to: "")(line))
        })
        let other = try TestDatabase.create(schema: false)
        defer { other.drop() }
        let unrated = try db(["import", "--planning", "--body", "demo", "--data", year.folder.path], on: other)
        #expect(unrated.status == 0 && !unrated.standardOutput.contains("in valutazione"), "\(unrated.standardOutput) \(unrated.standardError)")
    }
}
