import Foundation

/// What the figures were measured on.
enum Machine {
    static func describe(repository: String, logs: String) -> MachineInfo {
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
            swift: swiftVersion(logs: logs), build: buildConfiguration,
            postgresql: nil, psql: nil, python: nil, pandas: nil, numpy: nil,
            gitCommit: gitCommit(repository: repository, logs: logs))
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

    /// The first line of `swift --version` when a toolchain is on PATH; else the compiler this was built with.
    static func swiftVersion(logs: String) -> String {
        if let swift = Subprocess.which("swift"), let run = try? Subprocess.run(swift, ["--version"], logs: logs), run.status == 0,
           let line = (run.output + run.errors).split(separator: "\n").first(where: { $0.contains("Swift version") }) {
            return line.trimmingCharacters(in: .whitespaces)
        }
        #if compiler(>=6.3)
        return "Swift 6.3 or later (compiler of this build)"
        #else
        return "Swift before 6.3 (compiler of this build)"
        #endif
    }

    /// The commit the binary's sources are at, marked `+changes` when the work tree differs from it.
    static func gitCommit(repository: String, logs: String) -> String? {
        guard let git = Subprocess.which("git"),
              let head = try? Subprocess.run(git, ["-C", repository, "rev-parse", "--short=12", "HEAD"], logs: logs), head.status == 0
        else { return nil }
        let commit = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = try? Subprocess.run(git, ["-C", repository, "status", "--porcelain", "--untracked-files=no"], logs: logs)
        return commit + ((status?.output.isEmpty ?? true) ? "" : "+changes")
    }
}
