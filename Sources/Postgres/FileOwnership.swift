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

    /// `chown -R`: `path` and everything below it.
    static func handTree(_ path: String, to account: ServerAccount?) throws {
        guard account != nil else { return }
        try hand(path, to: account)
        let below = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        for relative in below { try hand(path + "/" + relative, to: account) }
    }

    /// Creates a private folder (0700) for the server (or reuses one) and makes it the server's.
    static func makeDirectory(_ path: String, for account: ServerAccount?) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard chmod(path, 0o700) == 0 else { throw LocalClusterError("cannot make \(path) private: \(errnoText())") }
        try hand(path, to: account)
    }
}
