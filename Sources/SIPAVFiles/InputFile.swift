import Foundation
import SIPAV

/// The bytes of an input file and the checks every reader makes first: the file exists, is UTF-8
/// (with or without a byte-order mark) and is not empty.
enum InputFile {
    /// The rules of a file that cannot be opened at all, as every reader states them.
    static let missing = "the file does not exist: check the name and the folder"
    static let folder = "this is a folder, not a file"
    static let unreadable = "the file cannot be read: check its permissions"

    /// The whole file. Throws a fault of the whole file (line nil) when it is missing or unreadable.
    static func bytes(path: String) throws(InputErrors) -> [UInt8] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .one(path, missing) }
        guard !isFolder.boolValue else { throw .one(path, folder) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .one(path, unreadable) }
        return [UInt8](data)
    }

    /// How a file that is not UTF-8 should be saved again: a spreadsheet's list as «CSV UTF-8», a plan as text.
    enum Saving {
        case csv, text

        var advice: String {
            switch self {
            case .csv: "the file is not UTF-8: save it as CSV UTF-8 (or as UTF-8 text)"
            case .text: "the file is not UTF-8: save it as UTF-8 text"
            }
        }
    }

    /// Where the content starts (after a UTF-8 byte-order mark, if any). Throws when the bytes are not
    /// UTF-8 (naming the line of the first bad byte) or hold nothing but blanks.
    static func contentStart(_ bytes: [UInt8], file: String, saving: Saving = .csv) throws(InputErrors) -> Int {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let invalid = bytes.withUnsafeBufferPointer { all in
            UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: all[start...]))
        }
        if let invalid {
            let line = 1 + bytes[start..<(start + invalid)].count(where: { $0 == UInt8(ascii: "\n") })
            if bytes[start + invalid] == 0 {
                throw .one(file, line: line, "the line holds a NUL character (byte 0), which no text may hold: the file is damaged or not text")
            }
            throw .one(file, line: line, saving.advice)
        }
        guard bytes[start...].contains(where: { !isBlank($0) }) else {
            throw .one(file, "the file is empty")
        }
        return start
    }

    /// The file's text, checked as `contentStart` does, without the byte-order mark.
    static func text(_ bytes: [UInt8], file: String) throws(InputErrors) -> String {
        let start = try contentStart(bytes, file: file, saving: .text)
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}

extension InputError {
    /// The rule of a file read whole by other means (the settings' text, a previous year's statistics) that cannot be.
    public static let missingOrUnreadable = "the file does not exist or cannot be read"

    /// Whether the fault is that its file cannot be opened at all (missing, a folder, unreadable), rather than
    /// what the file holds.
    public var isAboutOpeningTheFile: Bool {
        line == nil && field == nil
            && [InputFile.missing, InputFile.folder, InputFile.unreadable, InputError.missingOrUnreadable].contains(rule)
    }
}
