import SIPAV

/// The line each record of a file starts on: counted from the first when there is one record per line (no
/// blank or multi-line record), listed otherwise.
public struct RecordLines: Sendable {
    private var first = 0
    private var count = 0
    private var listed: [Int]?

    public init() {}

    public init(_ lines: [Int]) {
        for line in lines { append(line) }
    }

    public subscript(record: Int) -> Int { listed?[record] ?? first + record }
    public var array: [Int] { listed ?? Array(first..<(first + count)) }

    mutating func append(_ line: Int) {
        if listed == nil {
            if count == 0 { first = line }
            if line == first + count {
                count += 1
                return
            }
            listed = Array(first..<(first + count))
        }
        listed!.append(line)
    }

    /// Appends the lines of `other`, whose lines were counted from `offset + 1`.
    mutating func append(_ other: RecordLines, offset: Int) {
        if let lines = other.listed {
            for line in lines { append(line + offset) }
        } else if listed == nil && (count == 0 || other.first + offset == first + count) {
            if count == 0 { first = other.first + offset }
            count += other.count
        } else {
            for index in 0..<other.count { append(other.first + offset + index) }
        }
    }
}

/// The shape of a CSV file read in place: where the body starts and where each known column is. Only for a
/// file with nothing to report in its header (else the exact reader runs and names every fault).
struct FastCSVLayout {
    let separator: UInt8
    let bodyStart: Int
    let bodyLine: Int
    let positions: [Int]
    let width: Int

    init?(_ bytes: UnsafeBufferPointer<UInt8>, file: String, columns: [CSVColumn]) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard start < bytes.count else { return nil }
        var scanner = CSVScanner(bytes: bytes, separator: CSVScanner.detectSeparator(bytes, from: start), position: start, line: 1)
        var spans: [FieldSpan] = []
        var result = scanner.next(into: &spans)
        while case .record = result, scanner.isBlank(spans) { result = scanner.next(into: &spans) }
        guard case let .record(line) = result else { return nil }
        guard UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[start..<scanner.position])) == nil else { return nil }
        let names = spans.map { fieldText(bytes, $0) }
        let (positions, faults) = CSVTable.match(header: names, columns: columns, file: file, line: line)
        guard faults.isEmpty else { return nil }
        (separator, bodyStart, bodyLine, self.positions, width) = (scanner.separator, scanner.position, scanner.line, positions, names.count)
    }
}

extension CSVRecord {
    /// The bytes of a known column's field, trimmed of spaces and tabs, in place; nil when the file lacks the
    /// column. For records without doubled quotes (`FastCSVReading` passes no other).
    @inline(__always)
    func plainBytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        let position = positions[column]
        guard position >= 0 else { return nil }
        let span = spans[position]
        var (start, end) = (span.start, span.end)
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}

/// A part of a file that `FastCSVReading` reads into: it takes the records one by one. A protocol rather than
/// a closure, so that the reading of each record is called directly, millions of times.
protocol FastCSVPart {
    /// Takes one record; false when it is out of the ordinary (the caller then runs the exact reader).
    mutating func take(_ record: CSVRecord) -> Bool
}

/// Reads the records of a CSV file in place, in two halves at once when the file is large, for files with
/// nothing to report: any record out of the ordinary (a fault, a doubled quote, bytes that are not UTF-8)
/// stops the reading, and the caller then runs the exact reader, which names every fault.
///
/// The second half starts after the line break nearest the middle, on the guess that a record starts there;
/// the first half checks the guess when it gets there (a quoted field may hold line breaks) and otherwise
/// reads on to the end by itself.
enum FastCSVReading {
    /// Pieces of the file validated as UTF-8, read, then given back.
    static let pieceSize = 4 << 20
    static let halvesFrom = 1 << 20

    /// The parts read, in file order (one or two), with the line the second part starts on.
    struct Halves<Part> {
        var first: Part
        var second: Part?
        /// Lines of the second part are counted from 1: add this.
        var secondLineOffset: Int
    }

    /// Reads the body into parts made by `makePart` (a record a part does not take stops the reading).
    static func read<Part: FastCSVPart>(_ file: MappedFile, _ layout: FastCSVLayout, makePart: () -> Part) -> Halves<Part>? {
        let bytes = file.bytes
        let end = bytes.count
        var middle = end
        if end - layout.bodyStart >= halvesFrom {
            middle = (layout.bodyStart + end) / 2
            while middle < end, bytes[middle - 1] != UInt8(ascii: "\n") { middle += 1 }
        }
        guard middle < end else {
            var first = makePart()
            let run = records(file, layout, from: layout.bodyStart, line: layout.bodyLine, until: end, into: &first)
            return run.ok ? Halves(first: first, second: nil, secondLineOffset: 0) : nil
        }
        // Each thread reads into a part on its own stack, handed over at the end: parts captured by both threads
        // lie side by side on the heap, and writing to one at every record would pull the other's cache line
        // from core to core.
        var (firstPart, secondPart): (Part?, Part?) = (nil, nil)
        var firstRun = (ok: false, position: 0, line: 0)
        var secondRun = (ok: false, position: 0, line: 0)
        inParallel({
            var part = makePart()
            let run = records(file, layout, from: layout.bodyStart, line: layout.bodyLine, until: middle, into: &part)
            (firstPart, firstRun) = (part, run)
        }, {
            var part = makePart()
            let run = records(file, layout, from: middle, line: 1, until: end, into: &part)
            (secondPart, secondRun) = (part, run)
        })
        // Taken out, not copied: a copy would share the parts' buffers, and the first may be read on below.
        guard firstRun.ok, var first = firstPart.take(), let second = secondPart.take() else { return nil }
        if firstRun.position == middle {
            return secondRun.ok ? Halves(first: first, second: second, secondLineOffset: firstRun.line - 1) : nil
        }
        // The middle was inside a record: the first half reads on alone.
        let rest = records(file, layout, from: firstRun.position, line: firstRun.line, until: end, into: &first)
        return rest.ok ? Halves(first: first, second: nil, secondLineOffset: 0) : nil
    }

    /// Reads the records starting in `start..<until`, validating the bytes as it goes and giving back the
    /// pieces behind it. Returns where the last record ended and its line, or `ok` false.
    private static func records<Part: FastCSVPart>(_ file: MappedFile, _ layout: FastCSVLayout, from start: Int, line: Int,
                                                   until: Int, into part: inout Part) -> (ok: Bool, position: Int, line: Int) {
        let bytes = file.bytes
        var scanner = CSVScanner(bytes: bytes, separator: layout.separator, position: start, line: line)
        var validated = start
        var released = start
        return withUnsafeTemporaryAllocation(of: FieldSpan.self, capacity: layout.width) { room in
            var fields = FixedFieldSpans(room)
            return layout.positions.withUnsafeBufferPointer { positions in
                while scanner.position < until {
                    // Validate a piece ahead, up to a line break: a UTF-8 sequence never holds one.
                    if scanner.position + 65_536 > validated && validated < bytes.count {
                        var pieceEnd = min(validated + pieceSize, bytes.count)
                        while pieceEnd < bytes.count, bytes[pieceEnd - 1] != UInt8(ascii: "\n") { pieceEnd += 1 }
                        if UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[validated..<pieceEnd])) != nil {
                            return (false, scanner.position, scanner.line)
                        }
                        validated = pieceEnd
                    }
                    let recordStart = scanner.position
                    guard case let .record(recordLine) = scanner.next(into: &fields) else { return (false, scanner.position, scanner.line) }
                    if scanner.position > validated { return (false, scanner.position, scanner.line) }
                    // A blank row, skipped as the exact reader skips it whatever its width (one wider than the room
                    // for fields is left to it). A record's first field is its id, hardly ever blank: the check stops there.
                    if !fields.isOverfull && scanner.isBlank(fields.spans) { continue }
                    if fields.count != layout.width { return (false, recordStart, recordLine) }
                    // A record over several lines (a line break inside quotes) is out of the ordinary: the exact reader
                    // decides whether its fields may hold one.
                    if scanner.line > recordLine + 1 { return (false, recordStart, recordLine) }
                    for span in fields.spans where span.hasDoubledQuotes { return (false, recordStart, recordLine) }
                    guard part.take(CSVRecord(line: recordLine, bytes: bytes, spans: fields.spans, positions: positions)) else {
                        return (false, recordStart, recordLine)
                    }
                    if scanner.position - released >= pieceSize {
                        file.release(released..<recordStart)
                        released = recordStart
                    }
                }
                file.release(released..<scanner.position)
                return (true, scanner.position, scanner.line)
            }
        }
    }
}

/// Lower-case ASCII letters, the rest unchanged.
@inline(__always)
func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
}

/// Whether `bytes`, lower-cased as ASCII, are `lower`.
@inline(__always)
func asciiEqualsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: StaticString) -> Bool {
    guard bytes.count == lower.utf8CodeUnitCount else { return false }
    let expected = lower.utf8Start
    for index in 0..<bytes.count where asciiLowercased(bytes[index]) != expected[index] { return false }
    return true
}
