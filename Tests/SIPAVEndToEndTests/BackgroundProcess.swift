import Foundation
import SIPAVTestSupport

/// A server the test starts (`sipav serve`, `chromedriver`) and must stop on every path: its output goes to a log
/// file, quoted when it does not come up.
final class BackgroundProcess {
    let name: String
    let log: URL
    private let logHandle: FileHandle
    private let process = Process()

    init(name: String, executable: URL, arguments: [String]) throws {
        self.name = name
        log = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-e2e-\(name)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw TestSetupError("cannot create the log file \(log.path)")
        }
        logHandle = try FileHandle(forWritingTo: log)
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? logHandle.close()
            try? FileManager.default.removeItem(at: log)
            throw TestSetupError("cannot start \(executable.path): \(error)")
        }
    }

    /// Polls `url` until it answers with any HTTP status; throws with the log when the process exits first or
    /// `seconds` pass.
    func waitUntilAnswering(_ url: URL, seconds: Double = 30) async throws {
        let answered = try await poll(seconds: seconds, interval: .milliseconds(100)) { [self] () -> Bool? in
            guard process.isRunning else { return false }
            return BackgroundProcess.answers(url) ? true : nil
        }
        guard answered == true else {
            let state = process.isRunning ? "did not answer at \(url) within \(Int(seconds)) s" : "exited (status \(process.terminationStatus))"
            throw TestSetupError("\(name) \(state). Its output:\n\(output())")
        }
    }

    /// What the process printed so far.
    func output() -> String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// SIGTERM, then SIGKILL if it is still there after five seconds; removes the log.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? logHandle.close()
        try? FileManager.default.removeItem(at: log)
    }

    /// Whether an HTTP GET of `url` gets any answer.
    private static func answers(_ url: URL) -> Bool {
        (try? LocalHTTP.exchange("GET", url, timeout: 2)) != nil
    }
}
