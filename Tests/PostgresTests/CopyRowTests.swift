@testable import Postgres
import Testing

/// Rows of COPY read in place: numbers parsed from the bytes, text unescaped only when it holds an escape.
@Suite struct CopyRowTests {
    /// Calls `body` with `line` read as one COPY row.
    private func withRow<T>(_ line: String, _ body: (CopyRow) throws -> T) rethrows -> T {
        let bytes = Array(line.utf8) + [UInt8(ascii: "\n")]
        return try bytes.withUnsafeBytes { raw in
            var bounds: [Int] = []
            let end = CopyTextParser.split(raw, into: &bounds)
            return try bounds.withUnsafeBufferPointer { bounds in
                try body(CopyRow(line: UnsafeRawBufferPointer(rebasing: raw[..<end]), bounds: bounds, number: 7))
            }
        }
    }

    @Test(arguments: [("0", 0), ("-0", 0), ("42", 42), ("-17", -17), ("9223372036854775807", Int.max),
                      ("-9223372036854775808", Int.min)])
    func integersAreReadFromTheirDigits(text: String, value: Int) throws {
        #expect(try withRow(text) { try $0.int(0) } == value)
    }

    @Test(arguments: ["", "-", "1.5", "12a", "9223372036854775808", "-9223372036854775809", " 1", "+1"])
    func anythingElseIsNotAnInteger(text: String) throws {
        let error = try #require(throws: PostgresError.self) { try withRow(text) { try $0.int(0) } }
        #expect(error.message.contains("field 1 of COPY row 7"), "\(error)")
    }

    @Test func nullIsNilForEveryReader() throws {
        try withRow("\\N\tx") { row throws in
            #expect(row.count == 2)
            #expect(row.isNull(0))
            #expect(!row.isNull(1))
            #expect(row.string(0) == nil)
            #expect(try row.int(0) == nil)
            #expect(try row.byte(0) == nil)
            #expect(row.withBytes(0) { _ in true } == nil)
        }
    }

    @Test func bytesAreTheRowsOwnUnlessTheFieldHoldsAnEscape() throws {
        try withRow("plain\ttab\\there\tA") { row throws in
            let base = row.line.baseAddress!.assumingMemoryBound(to: UInt8.self)
            #expect(row.withBytes(0) { $0.baseAddress == base } == true)
            #expect(row.withBytes(1) { Array($0) } == Array("tab\there".utf8))
            #expect(row.string(1) == "tab\there")
            #expect(try row.byte(2) == UInt8(ascii: "A"))
            #expect(throws: PostgresError.self) { try row.byte(0) }
        }
    }

    @Test func copyOutHandsEveryRowInOrder() throws {
        try withTestConnection { connection throws in
            var seen: [(Int, Int?, String?)] = []
            let count = try connection.copyOut(
                "COPY (SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE -g END, 'r' || g || E'\\t' FROM generate_series(1, 5000) g) TO STDOUT",
                rows: { row in seen.append((row.number, try row.int(1), row.string(2))) })
            #expect(count == 5000)
            #expect(seen.map(\.0) == Array(1...5000))
            #expect(seen.map(\.1) == (1...5000).map { $0 % 3 == 0 ? nil : -$0 })
            #expect(seen.map(\.2) == (1...5000).map { "r\($0)\t" })
        }
    }

    @Test func anErrorInTheReaderStopsTheCopyAndLeavesTheConnectionUsable() throws {
        struct Stop: Error {}
        try withTestConnection { connection throws in
            #expect(throws: Stop.self) {
                try connection.copyOut("COPY (SELECT g FROM generate_series(1, 100000) g) TO STDOUT", rows: { row in
                    if row.number == 10 { throw Stop() }
                })
            }
            #expect(try connection.execute("SELECT 1 AS one").first?.int("one") == 1)
        }
    }
}
