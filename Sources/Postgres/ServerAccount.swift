import Foundation

/// A system account, looked up in the password database.
struct ServerAccount: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t
    let home: String

    /// The account the server runs as when this process is root (initdb and postgres refuse to run as
    /// root); nil when this process can run them itself.
    static func forServer() throws -> ServerAccount? {
        guard geteuid() == 0 else { return nil }
        guard let postgres = named("postgres") else {
            throw LocalClusterError(
                "PostgreSQL refuses to run as root, and there is no \"postgres\" system user to run it as: "
                    + "install the PostgreSQL server package (which creates it) or run as a normal user")
        }
        return postgres
    }

    /// The account this process runs as.
    static func current() -> ServerAccount? {
        account { getpwuid_r(geteuid(), $0, $1, $2, $3) }
    }

    static func named(_ name: String) -> ServerAccount? {
        account { getpwnam_r(name, $0, $1, $2, $3) }
    }

    /// Runs a reentrant getpw*_r lookup (the plain ones share a static buffer between threads).
    private static func account(
        _ lookup: (UnsafeMutablePointer<passwd>, UnsafeMutablePointer<CChar>, Int,
                   UnsafeMutablePointer<UnsafeMutablePointer<passwd>?>) -> Int32
    ) -> ServerAccount? {
        var record = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        let status = buffer.withUnsafeMutableBufferPointer { lookup(&record, $0.baseAddress!, $0.count, &found) }
        guard status == 0, found != nil else { return nil }
        return ServerAccount(
            name: String(cString: record.pw_name), uid: record.pw_uid, gid: record.pw_gid,
            home: String(cString: record.pw_dir))
    }
}
