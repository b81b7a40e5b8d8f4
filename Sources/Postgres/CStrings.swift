/// Lends C strings to a libpq call that takes an array of them (`PQexecParams` values, `PQconnectdbParams`
/// keywords), packed into one buffer rather than one allocation per string. A nil string lends a NULL
/// pointer (a NULL parameter); the array ends with one more NULL, which `PQconnectdbParams` needs.
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
    var storage: [UInt8] = []
    storage.reserveCapacity(strings.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 1 })
    var offsets: [Int?] = []
    for string in strings {
        guard let string else { offsets.append(nil); continue }
        offsets.append(storage.count)
        storage.append(contentsOf: string.utf8)
        storage.append(0)
    }
    return try storage.withUnsafeBytes { bytes in
        let pointers = offsets.map { offset in
            offset.map { (bytes.baseAddress! + $0).assumingMemoryBound(to: CChar.self) }
        }
        return try body(pointers + [nil])
    }
}
