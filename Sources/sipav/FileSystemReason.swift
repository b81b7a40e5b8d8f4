import Foundation

/// Why a file or folder could not be written, in Italian: Foundation's own description is in English.
enum FileSystemReason {
    static func italian(_ error: Error) -> String {
        let nsError = error as NSError
        let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = [nsError, underlying].compactMap({ $0 }).first(where: { $0.domain == NSPOSIXErrorDomain })?.code {
            switch Int32(posix) {
            case ENOENT: return "la cartella non esiste"
            case EACCES, EPERM: return "permesso negato"
            case ENOTDIR: return "una parte del percorso è un file, non una cartella"
            case EISDIR: return "è una cartella, non un file"
            case EEXIST: return "esiste già un file con quel nome"
            case ENOSPC: return "spazio su disco esaurito"
            case EROFS: return "il disco è in sola lettura"
            default: return "errore di sistema \(posix)"
            }
        }
        switch nsError.code {
        case NSFileNoSuchFileError: return "la cartella non esiste"
        case NSFileWriteNoPermissionError: return "permesso negato"
        case NSFileWriteFileExistsError: return "esiste già un file con quel nome"
        case NSFileWriteOutOfSpaceError: return "spazio su disco esaurito"
        case NSFileWriteVolumeReadOnlyError: return "il disco è in sola lettura"
        default: return "errore \(nsError.code)"
        }
    }
}
