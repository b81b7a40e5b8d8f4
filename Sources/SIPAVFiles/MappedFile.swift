import Foundation
import SIPAV

/// An input file mapped into memory, read in place: no copy of a large file is made, and the pages already
/// read can be given back (`release`) so that reading a file of hundreds of megabytes does not hold it all.
final class MappedFile {
    let path: String
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Opens and maps `path`, with the faults `InputFile.bytes` gives for a missing, folder or unreadable file.
    init(path: String) throws(InputErrors) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .one(path, InputFile.missing)
        }
        guard !isFolder.boolValue else {
            throw .one(path, InputFile.folder)
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .one(path, InputFile.unreadable) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .one(path, InputFile.unreadable) }
        self.path = path
        length = Int(status.st_size)
        guard length > 0 else {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { throw .one(path, InputFile.unreadable) }
        base = mapped
        bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
        _ = madvise(mapped, length, MADV_SEQUENTIAL)
    }

    deinit {
        if let base { munmap(base, length) }
    }

    /// Gives back the whole pages of `range`, read and no longer needed: they leave this process's memory
    /// (the system may keep them cached). Reading them again reads the file again.
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let start = (range.lowerBound + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = range.upperBound / Self.pageSize * Self.pageSize
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    /// The whole file as an array (for the readers that need one).
    var array: [UInt8] { Array(bytes) }
}
