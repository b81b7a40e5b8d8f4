import Foundation
import SIPAVTestSupport
import Testing

/// HR's download of `objectives.csv` names its year on every row (`year`): put in the folder of another year, the
/// command line refuses it, naming both years, rather than read another year's objectives and ratings as this one's.
@Suite("An objectives.csv that names another year than the plan's")
struct ObjectivesYearTests {
    /// The demo's objectives.csv with a `year` column naming `year` on every row.
    private func yearNamed(_ year: Int) throws -> ScratchYear {
        let scratch = try ScratchYear()
        try scratch.write("objectives.csv", lines: try scratch.lines("objectives.csv").enumerated().map { index, line in
            line.isEmpty ? line : line + (index == 0 ? ";year" : ";\(year)")
        })
        return scratch
    }

    @Test func aFileOfAnotherYearIsRefusedAndOneOfThePlansYearIsRead() throws {
        let other = try yearNamed(2018)
        defer { other.remove() }
        for command in [["validate"], ["validate", "--planning"]] {
            let run = try Sipav.run(command + ["--data", other.folder.path])
            #expect(run.status == 65, "\(run.standardError)")
            #expect(run.standardError.contains("objectives.csv:2: campo \"year\", valore \"2018\": il file è stato scaricato per "
                                               + "l'anno 2018 (colonna year), non per l'anno del piano, 2019"), "\(run.standardError)")
        }
        let own = try yearNamed(2019)
        defer { own.remove() }
        let run = try Sipav.run(["validate", "--data", own.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
    }

    /// With a staff list at fault, said in the same round as its faults: the file's year, alone, rather than its rows'.
    @Test func aFileOfAnotherYearIsSaidBesideTheStaffListsFaults() throws {
        let other = try yearNamed(2018)
        defer { other.remove() }
        try other.change("staff.csv", line: 3, setField(6, to: "13"))
        let run = try Sipav.run(["validate", "--data", other.folder.path])
        #expect(run.status == 65, "\(run.standardError)")
        let faults = run.standardError.split(separator: "\n").dropFirst()
        #expect(faults.count == 2, "\(run.standardError)")
        #expect(faults.first?.contains("staff.csv:3: campo \"months\"") == true, "\(run.standardError)")
        #expect(faults.last?.contains("objectives.csv:2: campo \"year\", valore \"2018\"") == true, "\(run.standardError)")
    }
}
