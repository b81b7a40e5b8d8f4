import Foundation

/// The server settings a local cluster needs, kept in `pgdata/sipav.conf` and included last from
/// `postgresql.conf`, so that they win over anything above them.
///
/// The file is rewritten at every start, so a cluster whose setup was interrupted, or whose folder was
/// moved, still starts with them.
enum ClusterSettings {
    static let fileName = "sipav.conf"
    private static let includeLine = "include = '\(fileName)'"

    static func write(into layout: ClusterLayout, durable: Bool, account: ServerAccount?) throws {
        var text = """
            # Written by sipav at every start of this cluster: put your own settings in postgresql.conf.
            # No TCP port: the server is reached only through the Unix socket in this folder, which only
            # the server's account (and root) may enter.
            listen_addresses = ''
            port = \(LocalCluster.port)
            unix_socket_directories = '\(quoted(layout.socketDirectory))'
            unix_socket_permissions = 0700

            """
        if !durable {
            text += """
                # A throwaway cluster: speed matters more than surviving a crash of the machine.
                fsync = off
                synchronous_commit = off
                full_page_writes = off

                """
        }
        let path = layout.pgdata + "/" + fileName
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileOwnership.hand(path, to: account)

        let mainPath = layout.pgdata + "/postgresql.conf"
        let main = try String(contentsOfFile: mainPath, encoding: .utf8)
        if !main.split(separator: "\n").contains(where: { $0.trimmingWhitespace() == includeLine }) {
            // Appending keeps the file's owner, which must stay the server's account.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mainPath))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n# sipav's settings, last so that they win\n\(includeLine)\n".utf8))
        }
    }

    /// A string value in postgresql.conf: quotes doubled, and backslashes too (they start escapes there).
    private static func quoted(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("'", with: "''")
    }
}
