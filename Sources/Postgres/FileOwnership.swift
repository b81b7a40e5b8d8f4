import Foundation

/// Gives files and folders made by root to the server's account, which must own its data.
enum FileOwnership {
    /// Makes `path` owned by `account`; does nothing when there is no separate server account.
    static func hand(_ path: String, to account: ServerAccount?) throws {
        guard let account else { return }
        guard lchown(path, account.uid, account.gid) == 0 else {
            throw LocalClusterError("cannot give \(path) to the \(account.name) user: \(errnoText())")
        }
    }

    /// Creates a private folder (0700) for the server (or reuses one) and makes it the server's.
    static func makeDirectory(_ path: String, for account: ServerAccount?) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard chmod(path, 0o700) == 0 else { throw LocalClusterError("cannot make \(path) private: \(errnoText())") }
        try hand(path, to: account)
    }
}
