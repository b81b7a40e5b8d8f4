import Foundation
import Testing

/// A CSV saved with a carriage return alone at the end of each line (Excel's old "CSV (Macintosh)") reads as one long
/// line: it is said once, with what to do, not as thousands of unknown columns.
@Suite("Lines ending in a carriage return alone")
struct LineEndingTests {
    @Test(arguments: ["staff.csv", "objectives.csv"])
    func aFileOfOldMacintoshLinesIsSaidOnce(file: String) throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        let text = try String(contentsOfFile: year.path(file), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r").utf8)
            .write(to: URL(fileURLWithPath: year.path(file)))
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let faults = run.standardError.split(separator: "\n").filter { $0.contains(file) }
        #expect(faults.count == 1, "\(run.standardError.prefix(2000))")
        #expect(run.standardError.contains("le righe finiscono con un ritorno a capo da solo (un vecchio CSV per Macintosh): "
                                           + "salvi il file come CSV UTF-8"), "\(run.standardError.prefix(2000))")
    }
}
