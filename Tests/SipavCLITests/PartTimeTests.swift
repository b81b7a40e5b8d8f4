import Foundation
import Testing

/// A part time written as a fraction (0,5 for half time) would pay a two-hundredth of the share: refused, whichever
/// reader reads the file.
@Suite("A part time written as a fraction")
struct PartTimeTests {
    @Test(arguments: ["0,5", "1", "0.75"])
    func isRefusedWithWhatToWrite(value: String) throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        var lines = try year.lines("staff.csv")
        let row = try #require(lines.firstIndex { $0.contains(";dipendente;") })
        var fields = lines[row].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        fields[5] = value
        lines[row] = fields.joined(separator: ";")
        try year.write("staff.csv", lines: lines)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("staff.csv:\(row + 1): campo \"part_time\", valore \"\(value)\": un part-time dell'1 % o meno "
                                           + "è una frazione scritta al posto di una percentuale: metà tempo si scrive 50, non 0,5"),
                "\(run.standardError)")
    }
}
