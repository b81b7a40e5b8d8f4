import Foundation

/// What the figures were measured on.
enum Machine {
    /// `binary`: the executable measured, whose build time the checkout's and the toolchain's are set against.
    static func describe(repository: String, binary: String, logs: String) -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
        var system = utsname()
        uname(&system)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return MachineInfo(
            host: ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "unknown",
            cpuModel: model ?? "unknown", cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: Int(ProcessInfo.processInfo.physicalMemory), operatingSystem: operatingSystem(),
            kernel: text(system.sysname) + " " + text(system.release) + " " + text(system.machine),
            swift: swiftVersion(binary: binary, logs: logs), build: buildConfiguration,
            postgresql: nil, psql: nil, python: nil, pandas: nil, numpy: nil,
            gitCommit: gitCommit(repository: repository, binary: binary, logs: logs))
    }

    static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    static func operatingSystem() -> String {
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        for line in release.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    /// The first line of `swift --version` when a toolchain is on PATH, marked when that toolchain was
    /// installed after the binary was built (then it is not the one that built it); else the compiler this
    /// was built with.
    static func swiftVersion(binary: String, logs: String) -> String {
        if let swift = Subprocess.which("swift"), let run = try? Subprocess.run(swift, ["--version"], logs: logs), run.status == 0,
           let line = (run.output + run.errors).split(separator: "\n").first(where: { $0.contains("Swift version") }) {
            let version = line.trimmingCharacters(in: .whitespaces)
            let installed = modified((swift as NSString).resolvingSymlinksInPath)
            return isLater(installed, than: modified(binary)) ? version + " (installed after this binary was built)" : version
        }
        #if compiler(>=6.3)
        return "Swift 6.3 or later (compiler of this build)"
        #else
        return "Swift before 6.3 (compiler of this build)"
        #endif
    }

    /// The checkout's commit, which SwiftPM does not record in the binary: marked `+changes` when the work
    /// tree differs from it, `+unbuilt` when it was committed after the binary was built (the binary may then
    /// be of an older commit: build again before a run meant for BENCHMARKS.md). Reads only: `git status`
    /// without optional locks does not refresh `.git/index` under the other users of the checkout.
    static func gitCommit(repository: String, binary: String, logs: String) -> String? {
        guard let git = Subprocess.which("git"),
              let head = try? Subprocess.run(git, ["-C", repository, "log", "-1", "--format=%h %ct", "--abbrev=12", "HEAD"], logs: logs),
              head.status == 0
        else { return nil }
        let fields = head.output.split(whereSeparator: \.isWhitespace)
        guard let commit = fields.first.map(String.init) else { return nil }
        let committed = fields.dropFirst().first.flatMap { TimeInterval(String($0)) }.map(Date.init(timeIntervalSince1970:))
        let status = try? Subprocess.run(git, ["--no-optional-locks", "-C", repository, "status", "--porcelain", "--untracked-files=no"],
                                         logs: logs)
        return commit + ((status?.output.isEmpty ?? true) ? "" : "+changes")
            + (isLater(committed, than: modified(binary)) ? "+unbuilt" : "")
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// True only when both times are known and `time` is later.
    static func isLater(_ time: Date?, than other: Date?) -> Bool {
        guard let time, let other else { return false }
        return time > other
    }
}
