import Foundation

/// Writes command output to a file: atomically for a regular file (a reader never sees half a report),
/// straight through for a device or a pipe (`/dev/null`, `/dev/stdout`), which a rename would replace.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let type = exists ? (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) : nil
        if exists && type != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(text.utf8))
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
