import Foundation

/// Finds PostgreSQL's programs: the folder holding `initdb` and `pg_ctl`, and client programs such as `pg_dump`.
public enum PostgresBinaries {
    /// Debian and Ubuntu install each major version side by side here; the newest is preferred, or the
    /// version that created an existing cluster (a server only opens data of its own major version).
    private static let debianRoot = "/usr/lib/postgresql"

    static func directory(forClusterVersion clusterVersion: String?) throws -> String {
        let installed = debianVersions(having: serverTools)
        if let clusterVersion, let match = installed.first(where: { $0.version == clusterVersion }) {
            return match.directory
        }
        if let newest = installed.first { return newest.directory }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let onPath = path.split(separator: ":").map(String.init).first(where: { has(serverTools, in: $0) }) {
            return onPath
        }
        throw LocalClusterError(
            "cannot find PostgreSQL's initdb and pg_ctl in \(debianRoot)/*/bin or on PATH: "
                + "install the PostgreSQL server (Debian: apt-get install postgresql)")
    }

    /// The client program `name` (`pg_dump`, `pg_restore`) of the newest installed version, if that is at least
    /// `major` (a client reads the data of its own and older servers), else the one on `PATH`; nil when neither.
    public static func client(_ name: String, atLeast major: Int) -> String? {
        if let newest = debianVersions(having: [name]).first, (numbers(newest.version).first ?? 0) >= major {
            return "\(newest.directory)/\(name)"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static let serverTools = ["initdb", "pg_ctl"]

    /// Installed versions with every one of `tools`, newest first.
    private static func debianVersions(having tools: [String]) -> [(version: String, directory: String)] {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        return versions
            .map { (version: $0, directory: "\(debianRoot)/\($0)/bin") }
            .filter { has(tools, in: $0.directory) }
            .sorted { numbers($0.version).lexicographicallyPrecedes(numbers($1.version)) }
            .reversed()
    }

    private static func has(_ tools: [String], in directory: String) -> Bool {
        tools.allSatisfy { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
    }

    /// "9.6" → [9, 6], so that 10 sorts after 9.6.
    private static func numbers(_ version: String) -> [Int] {
        version.split(separator: ".").map { Int($0) ?? 0 }
    }
}
