import Foundation

/// Where a local cluster's files live.
///
/// Everything is in `home`: `pgdata/` (PostgreSQL's data directory, made by initdb), `socket/` (the Unix
/// socket, the only way in) and `server.log`. `home` is the folder the caller asked for, except when this
/// process is root and the `postgres` account, which runs the server, cannot enter that folder (it is under
/// /root, say). Then `home` is `<postgres's home>/sipav-<hash of the folder's path>` (on Debian
/// /var/lib/postgresql/sipav-…, beside the clusters Debian itself keeps), and the requested folder holds a
/// note, `CLUSTER-LOCATION`, whose first line names it. Not /var/tmp: systemd-tmpfiles deletes files
/// there that nobody touched for 30 days, and a database has such files.
/// The requested folder also holds `cluster.lock`, which serialises starts and stops.
struct ClusterLayout {
    let requested: String
    let home: String

    var pgdata: String { home + "/pgdata" }
    var socketDirectory: String { home + "/socket" }
    var logFile: String { home + "/server.log" }
    var lockFile: String { requested + "/cluster.lock" }
    var noteFile: String { requested + "/CLUSTER-LOCATION" }
    var isRelocated: Bool { home != requested }
    /// The major version that made the cluster (`PG_VERSION`), nil before initdb.
    var clusterVersion: String? {
        (try? String(contentsOfFile: pgdata + "/PG_VERSION", encoding: .utf8))?.trimmingWhitespace()
    }

    /// The layout an earlier start chose: the note's location, else the requested folder.
    static func existing(requested: String) -> ClusterLayout {
        let note = try? String(contentsOfFile: requested + "/CLUSTER-LOCATION", encoding: .utf8)
        let home = note?.split(separator: "\n").first.map(String.init) ?? requested
        return ClusterLayout(requested: requested, home: home)
    }

    /// The layout to start with: the existing one, or a new home the server's account can reach.
    static func choose(requested: String, account: ServerAccount?) throws -> ClusterLayout {
        let layout = existing(requested: requested)
        guard let account, !layout.isRelocated, layout.clusterVersion == nil,
              try !canEnter(parentOf: requested, as: account)
        else { return layout }
        return ClusterLayout(requested: requested, home: account.home + "/sipav-" + fnv1a(requested))
    }

    /// Anything in the requested folder that is not ours. The folder must hold nothing else before a
    /// cluster is created in it or it is deleted: as root, the folder is handed to the postgres account,
    /// and pointing a cluster at a home folder (or /) by mistake must not give that away or delete it.
    func foreignEntries() -> [String] {
        let ours: Set = ["cluster.lock", "CLUSTER-LOCATION", "pgdata", "socket", "server.log"]
        let present = (try? FileManager.default.contentsOfDirectory(atPath: requested)) ?? []
        return present.filter { !ours.contains($0) }.sorted()
    }

    /// Throws unless the requested folder holds only the cluster's files.
    func checkDedicated(before action: String) throws {
        let foreign = foreignEntries()
        guard foreign.isEmpty else {
            throw LocalClusterError(
                "will not \(action) \(requested): it holds files that are not the database's "
                    + "(\(foreign.prefix(5).joined(separator: ", "))\(foreign.count > 5 ? ", …" : "")); "
                    + "give the database a folder of its own")
        }
    }

    /// Writes the note that says where the cluster went, and why.
    func writeNote() throws {
        let text = """
            \(home)
            The sipav database for this folder lives in the folder named on the first line: PostgreSQL runs \
            as the "postgres" system user, which cannot enter this folder. To remove the database, stop it \
            and delete both folders.

            """
        try text.write(toFile: noteFile, atomically: true, encoding: .utf8)
    }

    /// Whether `account` can enter the folder holding `path` (and so every folder above it).
    private static func canEnter(parentOf path: String, as account: ServerAccount) throws -> Bool {
        let parent = (path as NSString).deletingLastPathComponent
        let probe = ClusterCommand(executable: "/bin/sh", arguments: ["-c", "cd -- \"$1\"", "sh", parent],
                                   account: account)
        return try probe.run().status == 0
    }

    /// A stable name for a path (Swift's `Hasher` is seeded differently in every process).
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
