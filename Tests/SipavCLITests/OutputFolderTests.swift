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
