@testable import sipav
import Foundation
import Testing

/// A file named twice among those a command would write (the settings of `db export`) is named once in the refusal.
@Suite("Refusing to replace files")
struct OutputFolderRefusalTests {
    @Test func aFileNamedTwiceIsListedOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-refusal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["settings.yaml", "plan.yaml"] { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data()) }
        #expect(throws: CommandFailure.self) {
            try OutputFolder.refuseReplacing(["plan.yaml", "settings.yaml", "settings.yaml"], in: folder, force: false)
        }
        do {
            try OutputFolder.refuseReplacing(["plan.yaml", "settings.yaml", "settings.yaml"], in: folder, force: false)
        } catch let failure as CommandFailure {
            #expect(failure.message.contains("i file plan.yaml, settings.yaml: non è stato scritto nulla"), "\(failure.message)")
        }
    }
}

/// A report's `-o` never replaces a file the command reads, by its own name, another spelling of it or a link.
@Suite("A report is not written over its input")
struct OutputOverInputTests {
    @Test(arguments: ["staff.csv", "objectives.csv", "./plan.yaml", "link-to-fund.yaml"])
    func aReportOverAnInputFileIsRefusedAndTheFileKept(name: String) throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        try FileManager.default.createSymbolicLink(atPath: year.path("link-to-fund.yaml"), withDestinationPath: year.path("fund.yaml"))
        let target = name.hasPrefix("./") ? year.folder.path + "/./" + name.dropFirst(2) : year.path(name)
        let real = name == "link-to-fund.yaml" ? year.path("fund.yaml") : target
        let before = try Data(contentsOf: URL(fileURLWithPath: real))
        let run = try Sipav.run(["allocate", "--data", year.folder.path, "--format", "csv", "-o", target])
        #expect(run.status == 66)
        #expect(run.standardError.contains("è uno dei file letti"), "\(run.standardError)")
        #expect(run.standardError.contains("Nulla è stato scritto"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: real)) == before)
    }

    @Test func aReportBesideTheInputsIsWritten() throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        let run = try Sipav.run(["scores", "--data", year.folder.path, "--format", "csv", "-o", year.path("scores.csv")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(FileManager.default.fileExists(atPath: year.path("scores.csv")))
    }

    /// `statistics --previous` reads last year's JSON: a report written over it would lose it.
    @Test func theStatisticsAreNotWrittenOverLastYearsFile() throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        let before = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: before.folder) }
        try before.makeTheYearBefore()
        let previous = year.path("statistiche-2018.json")
        #expect(try Sipav.run(["statistics", "--data", before.folder.path, "--format", "json", "-o", previous]).status == 0)
        let kept = try Data(contentsOf: URL(fileURLWithPath: previous))
        let run = try Sipav.run(["statistics", "--data", year.folder.path, "--previous", previous, "-o", previous])
        #expect(run.status == 66)
        #expect(run.standardError.contains("è uno dei file letti"), "\(run.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: previous)) == kept)
    }

    /// A folder given as the output file is said to be a folder, not a permission refused.
    @Test func aFolderGivenAsTheFileIsSaidToBeAFolder() throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        let run = try Sipav.run(["scores", "--data", year.folder.path, "-o", year.folder.path])
        #expect(run.status == 66)
        #expect(run.standardError.contains("è una cartella, non un file"), "\(run.standardError)")
    }
}

/// A report names people and their pay: a new file is readable by its owner only; one replaced keeps its permissions.
@Suite("A report file is its owner's")
struct ReportFilePermissionsTests {
    @Test func aNewReportIsReadableByItsOwnerOnlyAndAReplacedOneKeepsItsMode() throws {
        let year = try ScratchYear()
        defer { try? FileManager.default.removeItem(at: year.folder) }
        let mode = { (path: String) in try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        #expect(try Sipav.run(["allocate", "--data", year.folder.path, "-o", year.path("new.csv"), "--format", "csv"]).status == 0)
        #expect(try mode(year.path("new.csv")) == 0o600)
        FileManager.default.createFile(atPath: year.path("shared.csv"), contents: Data(), attributes: [.posixPermissions: 0o640])
        #expect(try Sipav.run(["allocate", "--data", year.folder.path, "-o", year.path("shared.csv"), "--format", "csv"]).status == 0)
        #expect(try mode(year.path("shared.csv")) == 0o640)
    }
}
