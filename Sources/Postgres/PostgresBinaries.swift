import Foundation

/// Finds the folder holding `initdb` and `pg_ctl`.
enum PostgresBinaries {
    /// Debian and Ubuntu install each major version side by side here; the newest is preferred, or the
    /// version that created an existing cluster (a server only opens data of its own major version).
    private static let debianRoot = "/usr/lib/postgresql"

    static func directory(forClusterVersion clusterVersion: String?) throws -> String {
        let installed = debianVersions()
        if let clusterVersion, let match = installed.first(where: { $0.version == clusterVersion }) {
            return match.directory
        }
        if let newest = installed.first { return newest.directory }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let onPath = path.split(separator: ":").map(String.init).first(where: hasTools) {
            return onPath
        }
        throw LocalClusterError(
            "cannot find PostgreSQL's initdb and pg_ctl in \(debianRoot)/*/bin or on PATH: "
                + "install the PostgreSQL server (Debian: apt-get install postgresql)")
    }

    /// Installed versions with both tools, newest first.
    private static func debianVersions() -> [(version: String, directory: String)] {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        return versions
            .map { (version: $0, directory: "\(debianRoot)/\($0)/bin") }
            .filter { hasTools($0.directory) }
            .sorted { numbers($0.version).lexicographicallyPrecedes(numbers($1.version)) }
            .reversed()
    }

    private static func hasTools(_ directory: String) -> Bool {
        ["initdb", "pg_ctl"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
    }

    /// "9.6" → [9, 6], so that 10 sorts after 9.6.
    private static func numbers(_ version: String) -> [Int] {
        version.split(separator: ".").map { Int($0) ?? 0 }
    }
}
