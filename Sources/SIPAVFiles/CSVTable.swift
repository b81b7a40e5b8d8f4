import SIPAV

/// A CSV file read at the byte level, its header checked against the columns a reader knows.
///
/// The separator (`;` as Italian Excel writes, or `,`) is detected from the header line. Fields follow
/// RFC 4180: quoted fields may hold separators, newlines and doubled quotes; records end with LF or
/// CRLF. Blank lines and rows of empty fields are skipped. Records are visited in one pass with
/// `forEachRecord`, without building a string per field, so that a file of millions of rows is read
/// at the speed of the disk.
public struct CSVTable: Sendable {
    /// The file, as given: it names the file in every fault.
    public let file: String
    /// The columns the reader knows; a record's fields are asked for by index into this list.
    public let columns: [CSVColumn]
    /// The field separator found in the header: `;` or `,`.
    public let separator: UInt8
    /// The header's 1-based line.
    public let headerLine: Int
    /// The header's names, trimmed, as written.
    public let header: [String]
    /// Faults of the header: unknown, missing, duplicate or unnamed columns. The records can still be
    /// read (an unknown column is ignored, a duplicate's first occurrence is used); a reader reports
    /// these together with the faults of its records.
    public let headerFaults: [InputError]

    let bytes: [UInt8]
    let bodyStart: Int
    let bodyLine: Int
    /// For each known column, its position in a record; -1 when the file lacks it.
    let positions: [Int]

    /// Reads the header of `bytes` (a whole file). Throws when the file is not UTF-8, is empty, or its
    /// header cannot be read (an unterminated quote).
    public init(bytes: [UInt8], file: String, columns: [CSVColumn]) throws(InputErrors) {
        let start = try InputFile.contentStart(bytes, file: file)
        let headerScan = bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(bytes: buffer, separator: CSVScanner.detectSeparator(buffer, from: start),
                                     position: start, line: 1)
            var spans: [FieldSpan] = []
            var result = scanner.next(into: &spans)
            while case .record = result, scanner.isBlank(spans) { result = scanner.next(into: &spans) }
            let names = spans.map { fieldText(buffer, $0) }
            return (separator: scanner.separator, result: result, names: names, end: scanner.position, endLine: scanner.line)
        }
        let headerLine: Int
        switch headerScan.result {
        case let .record(line): headerLine = line
        case let .textAfterQuote(line):
            throw .one(file, line: line, field: "header", "text after a closing quote in the header")
        case let .unterminatedQuote(line):
            throw .one(file, line: line, field: "header", "a quote opened here is never closed")
        case .end: throw .one(file, "the file is empty")
        }
        (self.file, self.columns, self.bytes) = (file, columns, bytes)
        (separator, header) = (headerScan.separator, headerScan.names)
        (bodyStart, bodyLine) = (headerScan.end, headerScan.endLine)
        self.headerLine = headerLine
        (positions, headerFaults) = CSVTable.match(header: header, columns: columns, file: file, line: headerLine)
    }

    /// Reads the header of the file at `path`.
    public static func read(path: String, columns: [CSVColumn]) throws(InputErrors) -> CSVTable {
        try CSVTable(bytes: try InputFile.bytes(path: path), file: path, columns: columns)
    }

    /// An upper bound of the number of records: one more than the line breaks after the header. A fast
    /// count, to reserve room for the results of a large file at once.
    public var recordCapacity: Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 1
            for byte in UnsafeBufferPointer(rebasing: buffer[bodyStart...]) where byte == UInt8(ascii: "\n") { count += 1 }
            return count
        }
    }

    /// Whether the file has the known column `column` (an index into `columns`).
    public func has(_ column: Int) -> Bool { positions[column] >= 0 }

    static func match(header: [String], columns: [CSVColumn], file: String, line: Int)
        -> ([Int], [InputError]) {
        var positions = [Int](repeating: -1, count: columns.count)
        var faults: [InputError] = []
        func fault(_ name: String?, _ rule: String) {
            faults.append(InputError(file: file, line: line, field: "header", value: name, rule: rule))
        }
        for (position, name) in header.enumerated() {
            guard !name.isEmpty else {
                fault(nil, "column \(position + 1) of the header has no name: name it or delete the column")
                continue
            }
            guard let known = columns.firstIndex(where: { $0.name == name.lowercased() }) else {
                if name.contains("\t") {
                    fault(nil, "the header is separated by tabs: save the file as CSV, separated by ; or ,")
                    return (positions, faults)
                }
                // A line break of a carriage return alone (an old Macintosh "CSV"): the whole file reads as one line.
                if name.unicodeScalars.contains("\r") {
                    fault(nil, "the lines end in a carriage return alone (an old Macintosh CSV): save the file as CSV UTF-8")
                    return (positions, faults)
                }
                fault(name, "unknown column; known columns are \(listed(columns.map(\.name)))")
                continue
            }
            guard positions[known] < 0 else {
                fault(name, "the column appears twice in the header (columns \(positions[known] + 1) and \(position + 1))")
                continue
            }
            positions[known] = position
        }
        for (known, column) in columns.enumerated() where column.isRequired && positions[known] < 0 {
            fault(column.name, "required column is missing from the header")
        }
        for (known, column) in columns.enumerated() where positions[known] >= 0 {
            if let partner = column.partner, let other = columns.firstIndex(where: { $0.name == partner }), positions[other] < 0 {
                fault(partner, "the column \(partner) is missing from the header: \(column.name) and \(partner) go together")
            }
        }
        return (positions, faults)
    }
}

/// The text of a field, its doubled quotes undoubled, trimmed of spaces and tabs.
func fieldText(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> String {
    withFieldBytes(bytes, span) { String(decoding: $0, as: UTF8.self) }
}

/// Calls `body` with the bytes of a field, its doubled quotes undoubled, trimmed of spaces and tabs.
func withFieldBytes<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan,
                       _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var start = span.start
    var end = span.end
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    guard span.hasDoubledQuotes else {
        return body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
    var undoubled: [UInt8] = []
    undoubled.reserveCapacity(end - start)
    var i = start
    while i < end {
        undoubled.append(bytes[i])
        i += bytes[i] == UInt8(ascii: "\"") && i + 1 < end && bytes[i + 1] == UInt8(ascii: "\"") ? 2 : 1
    }
    return undoubled.withUnsafeBufferPointer(body)
}
