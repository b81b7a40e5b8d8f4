import SIPAV

/// One record of a `CSVTable`, as `forEachRecord` hands it over. It points into the file's bytes and
/// is valid only inside the closure it is given to.
public struct CSVRecord {
    /// The 1-based line the record starts on.
    public let line: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let spans: UnsafeBufferPointer<FieldSpan>
    let positions: UnsafeBufferPointer<Int>

    /// The text of a known column (an index into the table's `columns`), trimmed of spaces; nil when
    /// the file lacks the column.
    public func text(_ column: Int) -> String? {
        let position = positions[column]
        return position < 0 ? nil : fieldText(bytes, spans[position])
    }

    /// Whether the known column is absent or its field empty (blanks only).
    public func isEmpty(_ column: Int) -> Bool {
        withBytes(column) { $0.isEmpty } ?? true
    }

    /// Calls `body` with the trimmed bytes of a known column's field; nil when the file lacks the column.
    public func withBytes<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let position = positions[column]
        return position < 0 ? nil : withFieldBytes(bytes, spans[position], body)
    }
}

extension CSVTable {
    /// Visits every record in file order and returns the faults of the file's structure: a row whose
    /// number of fields differs from the header's (a truncated or overfull row), text after a closing
    /// quote, a quote never closed. Records with such faults are not visited, nor blank rows (separators and
    /// spaces only, as a spreadsheet leaves below its data), whatever their number of fields.
    public func forEachRecord(_ body: (CSVRecord) -> Void) -> [InputError] {
        var faults: [InputError] = []
        let width = header.count
        bytes.withUnsafeBufferPointer { buffer in
            positions.withUnsafeBufferPointer { positions in
                var scanner = CSVScanner(bytes: buffer, separator: separator, position: bodyStart, line: bodyLine)
                var spans: [FieldSpan] = []
                spans.reserveCapacity(width + 1)
                scanning: while true {
                    switch scanner.next(into: &spans) {
                    case .end:
                        break scanning
                    case let .unterminatedQuote(line):
                        faults.append(fault(line, "a quote opened here is never closed: the rest of the file is inside it"))
                        break scanning
                    case let .textAfterQuote(line):
                        faults.append(fault(line, "text after a closing quote: a quote inside a quoted field is written twice (\"\")"))
                    case let .record(line):
                        if scanner.isBlank(spans) {
                            continue scanning
                        } else if spans.count == width {
                            spans.withUnsafeBufferPointer { spans in
                                body(CSVRecord(line: line, bytes: buffer, spans: spans, positions: positions))
                            }
                        } else {
                            faults.append(fault(line, "row has \(spans.count) field\(spans.count == 1 ? "" : "s"), the header has \(width)"))
                        }
                    }
                }
            }
        }
        return faults
    }

    private func fault(_ line: Int, _ rule: String) -> InputError {
        InputError(file: file, line: line, field: nil, value: nil, rule: rule)
    }
}
