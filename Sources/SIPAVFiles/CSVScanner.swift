/// Where one field of a record lies in the file's bytes.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was quoted and holds doubled quotes (`""`) that stand for one quote each.
    var hasDoubledQuotes: Bool
}

/// Where `CSVScanner.next` puts the fields of a record.
protocol FieldSpanSink {
    /// Forgets the fields of the record before.
    mutating func startRecord()
    mutating func add(_ span: FieldSpan)
}

extension Array: FieldSpanSink where Element == FieldSpan {
    mutating func startRecord() { removeAll(keepingCapacity: true) }
    mutating func add(_ span: FieldSpan) { append(span) }
}

/// Room for a fixed number of fields, in memory the caller owns; a record with more is only counted. Millions
/// of records then go by without an array's ownership checks at every field.
struct FixedFieldSpans: FieldSpanSink {
    private let room: UnsafeMutableBufferPointer<FieldSpan>
    /// The fields of the record, counted even beyond the room.
    private(set) var count = 0

    init(_ room: UnsafeMutableBufferPointer<FieldSpan>) { self.room = room }

    mutating func startRecord() { count = 0 }

    @inline(__always)
    mutating func add(_ span: FieldSpan) {
        if count < room.count { room.initializeElement(at: count, to: span) }
        count += 1
    }

    /// More fields than the room holds: only `count` is known.
    var isOverfull: Bool { count > room.count }
    /// The fields kept.
    var spans: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(rebasing: room[..<min(count, room.count)]) }
}

/// What scanning one record found.
enum ScannedRecord: Equatable {
    /// A record starting on `line`; its fields are in the spans.
    case record(line: Int)
    /// A record with text after a closing quote, on `line`: unusable, scanning goes on at the next record.
    case textAfterQuote(line: Int)
    /// A quote opened on `line` is never closed: the rest of the file is inside it.
    case unterminatedQuote(line: Int)
    case end
}

/// Splits CSV bytes into records, RFC 4180 style: fields separated by `separator`, records by LF or
/// CRLF; a quoted field may hold separators, newlines and doubled quotes. Works on the bytes in place:
/// a record is a list of spans, and no text is built here.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    private(set) var position: Int
    /// The 1-based line at `position`.
    private(set) var line: Int

    init(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, position: Int, line: Int) {
        (self.bytes, self.separator, self.position, self.line) = (bytes, separator, position, line)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Scans the next record into `spans` (emptied first).
    mutating func next<Spans: FieldSpanSink>(into spans: inout Spans) -> ScannedRecord {
        spans.startRecord()
        guard position < bytes.count, let p = bytes.baseAddress else { return .end }
        let n = bytes.count
        let (sep, quote, lf, cr) = (separator, Self.quote, Self.lf, Self.cr)
        let recordLine = line
        var strayLine: Int?
        var i = position
        while true {
            var j = i
            while j < n, isSpace(p[j]) { j += 1 }
            var k: Int
            if j < n, p[j] == quote {
                let openLine = line
                var doubled = false
                k = j + 1
                while true {
                    while k < n, p[k] != quote {
                        if p[k] == lf { line += 1 }
                        k += 1
                    }
                    guard k < n else {
                        position = n
                        return .unterminatedQuote(line: openLine)
                    }
                    guard k + 1 < n, p[k + 1] == quote else { break }
                    doubled = true
                    k += 2
                }
                spans.add(FieldSpan(start: j + 1, end: k, hasDoubledQuotes: doubled))
                k += 1
                while k < n, isSpace(p[k]) { k += 1 }
                if k < n, p[k] == cr, k + 1 == n || p[k + 1] == lf { k += 1 }
                if k < n, p[k] != sep, p[k] != lf {
                    strayLine = strayLine ?? line
                    while k < n, p[k] != sep, p[k] != lf { k += 1 }
                }
            } else {
                k = i
                while k < n {
                    let byte = p[k]
                    if byte == sep || byte == lf { break }
                    k += 1
                }
                var end = k
                if end > i, p[end - 1] == cr, k == n || p[k] == lf { end -= 1 }
                spans.add(FieldSpan(start: i, end: end, hasDoubledQuotes: false))
            }
            if k < n, p[k] == sep {
                i = k + 1
                continue
            }
            if k < n { line += 1 }
            position = min(k + 1, n)
            break
        }
        if let strayLine { return .textAfterQuote(line: strayLine) }
        return .record(line: recordLine)
    }

    /// Whether every field of the scanned record is empty or blank: a blank line, or a row of bare
    /// separators that spreadsheets leave below the data. Such records are skipped.
    func isBlank<Spans: Sequence<FieldSpan>>(_ spans: Spans) -> Bool {
        spans.allSatisfy { span in
            (span.start..<span.end).allSatisfy { isSpace(bytes[$0]) }
        }
    }

    /// The separator of a header line: `;` or `,`, whichever occurs outside quotes (the more frequent
    /// if both; `;` if neither, a file of one column).
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var (semicolons, commas) = (0, 0)
        var quoted = false
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == quote { quoted.toggle() }
            else if !quoted && byte == lf { break }
            else if !quoted && byte == UInt8(ascii: ";") { semicolons += 1 }
            else if !quoted && byte == UInt8(ascii: ",") { commas += 1 }
            i += 1
        }
        return commas > semicolons ? UInt8(ascii: ",") : UInt8(ascii: ";")
    }
}

@inline(__always)
func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}
