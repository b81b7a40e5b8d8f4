import Foundation
import SIPAVReports

/// Writes command output to a file: atomically for a regular file (a reader never sees half a report),
/// straight through for a device or a pipe (`/dev/null`, `/dev/stdout`), which a rename would replace.
/// The bytes go to the file a large piece at a time, never copied whole.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        var text = text
        try write(to: path, fallback: { text }) { handOn in
            try text.withUTF8 { try handOn($0) }
        }
    }

    /// Writes `report` in `format` to `path`, rendered a piece at a time.
    static func write(_ report: Report, as format: OutputFormat, to path: String) throws {
        try write(to: path, fallback: { format.render(report) }) { handOn in
            try format.write(report, to: handOn)
        }
    }

    /// Writes to standard output, a piece at a time.
    static func writeToStandardOutput(_ report: Report, as format: OutputFormat) throws {
        try format.write(report) { try writeAll($0, to: STDOUT_FILENO) }
    }

    /// Opens the destination, lets `body` hand it the bytes, and closes it (renaming the temporary file into
    /// place). Should the destination not open, `fallback`'s text is written by Foundation, whose error names
    /// the problem.
    private static func write(to path: String, fallback: () -> String,
                              _ body: (_ handOn: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let type = exists ? (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) : nil
        if exists && type != .typeRegular {
            let descriptor = open(path, O_WRONLY)
            // A folder says so (EISDIR), as a device that refuses says why.
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EACCES) }
            defer { close(descriptor) }
            try body { try writeAll($0, to: descriptor) }
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array((folder as NSString).appendingPathComponent(".\(url.lastPathComponent).sipav-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            try fallback().write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let temporary = String(cString: template)
        var done = false
        defer {
            if !done { unlink(temporary) }
        }
        do {
            // A new file is its owner's alone (reports name people and their pay), as `db export` and `db backup` write
            // theirs; a file replaced keeps its permissions.
            let mask = umask(0)
            umask(mask)
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.uint16Value
            fchmod(descriptor, mode_t(mode ?? (0o600 & ~UInt16(mask))))
            try body { try writeAll($0, to: descriptor) }
            guard close(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            close(descriptor)
            throw error
        }
        guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        done = true
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }
}
