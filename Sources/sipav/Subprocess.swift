import Foundation

/// A program run to its end, its output captured in files of the work folder (no pipe to fill up).
struct Subprocess {
    let status: Int32
    let output: String
    let errors: String
    /// From start to exit, as seen from here.
    let seconds: Double

    /// Runs `executable` with `arguments`; `logs` is the folder for the captured output. `endingWithThisProcess`: the
    /// program is ended should this process end first, however it ends (`endingWithThisProcess(_:_:)`).
    static func run(_ executable: String, _ arguments: [String], logs: String,
                    environment: [String: String]? = nil, endingWithThisProcess: Bool = false) throws -> Subprocess {
        let (executable, arguments) = endingWithThisProcess ? Subprocess.endingWithThisProcess(executable, arguments)
                                                            : (executable, arguments)
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let name = UUID().uuidString
        let outPath = (logs as NSString).appendingPathComponent(name + ".out")
        let errPath = (logs as NSString).appendingPathComponent(name + ".err")
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw CommandFailure(status: ExitStatus.missingInput, message: "\(logs): impossibile scrivere nella cartella")
        }
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let watch = Stopwatch()
        do { try process.run() } catch {
            throw CommandFailure(status: ExitStatus.internalError, message: "impossibile avviare \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let seconds = watch.seconds
        func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Subprocess(status: process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus,
                          output: text(outPath), errors: text(errPath), seconds: seconds)
    }

    /// The command that runs `executable` so that it is killed when the thread that started it ends (the process
    /// stopped, even by SIGKILL): util-linux's `setpriv --pdeathsig`, part of every Debian system. Without it, the
    /// command as given. The thread waits for the program (`run`), so it ends only with the process. SIGKILL, because
    /// a program started here inherits the thread's mask, which blocks SIGTERM and SIGINT: it would wait on.
    static func endingWithThisProcess(_ executable: String, _ arguments: [String],
                                      setpriv: String? = which("setpriv")) -> (executable: String, arguments: [String]) {
        guard let setpriv else { return (executable, arguments) }
        return (setpriv, ["--pdeathsig", "KILL", "--", executable] + arguments)
    }

    /// The program found on `PATH`, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Fails loudly, with what the program said, unless it ended well.
    func checked(_ what: String) throws -> Subprocess {
        guard status == 0 else {
            throw CommandFailure(status: ExitStatus.internalError,
                                 message: "\(what): esecuzione non riuscita (stato di uscita \(status)):\n" + (errors.isEmpty ? output : errors))
        }
        return self
    }
}
