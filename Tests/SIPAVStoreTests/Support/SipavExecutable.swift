import SIPAVTestSupport
import Foundation

/// The `sipav` executable built beside the tests (`.build/debug/sipav`, or `$SIPAV_EXECUTABLE`).
enum SipavExecutable {
    static func url() throws -> URL {
        let built = SipavBinary.url
        guard FileManager.default.isExecutableFile(atPath: built.path) else {
            throw TestSetupError("the sipav executable is not built (swift build --build-tests builds it) at \(built.path)")
        }
        return built
    }

    /// Runs `sipav` to its end; its output goes to files, so that a large output cannot block it.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let running = try start(arguments)
        defer { running.remove() }
        running.process.waitUntilExit()
        return (running.process.terminationStatus, try running.output(), try running.errors())
    }

    static func start(_ arguments: [String]) throws -> RunningSipav {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["SIPAV_CONFIG", "SIPAV_DATABASE_URL", "PGHOST", "PGDATABASE", "PGSERVICE"] { environment.removeValue(forKey: key) }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return RunningSipav(process: process, folder: folder)
    }
}

struct RunningSipav {
    let process: Process
    let folder: URL

    func output() throws -> String { try String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8) }
    func errors() throws -> String { try String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8) }

    /// Deletes the files that hold the output.
    func remove() { try? FileManager.default.removeItem(at: folder) }
}
