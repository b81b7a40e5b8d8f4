import Foundation

/// The folder a command writes a year's files into (`sipav generate`, `sipav db export`): files already there are not
/// replaced unless the user says so (`--force`). An HR officer who points the command at the year's real folder
/// would otherwise lose its files without a word.
enum OutputFolder {
    /// Whether `path` is a folder (not a file, not missing).
    static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Why a file could not be written at `path`, its folder being there: a folder in its place, or a file there that
    /// cannot be written; nil when nothing stands in the way.
    static func obstacle(at path: String) -> String? {
        if isFolder(path) { return "è una cartella" }
        if FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path) {
            return "il file c'è e non si può scrivere"
        }
        return nil
    }

    /// Throws (exit 66) when any of `names` cannot be written in `folder` (`obstacle`: a folder in its place, a file
    /// that cannot be written), said first, whatever `force`: it would stop the writing halfway; then when any of them
    /// is already there, unless `force`.
    static func refuseReplacing(_ names: [String], in folder: String, force: Bool) throws {
        for name in names.sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            if let why = obstacle(at: path) {
                throw CommandFailure(status: ExitStatus.missingInput, message: "\(path): impossibile scriverlo (\(why)): non è stato scritto nulla")
            }
        }
        guard !force else { return }
        let present = Set(names).filter { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }.sorted()
        guard present.isEmpty else {
            throw CommandFailure(status: ExitStatus.missingInput, message: "\(folder) contiene già "
                + (present.count == 1 ? "il file \(present[0])" : "i file \(present.joined(separator: ", "))")
                + ": non è stato scritto nulla. Scelga un'altra cartella, o aggiunga --force per "
                + (present.count == 1 ? "sostituirlo." : "sostituirli."))
        }
    }
}
