import Foundation

/// Where the tests find the repository and the `sipav` executable built beside them.
public enum SipavBinary {
    /// The repository's root folder (this file is `Sources/SIPAVTestSupport/SipavBinary.swift`).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$SIPAV_EXECUTABLE`, else the `sipav` next to the test bundle, else `.build/debug/sipav`.
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["SIPAV_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("sipav")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/sipav")
    }
}
