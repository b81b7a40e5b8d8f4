@testable import Postgres
import Testing

@Suite struct CopyTests {
    /// Row `i` of the test data: every awkward character COPY's text format escapes, and NULLs.
    static func sample(_ i: Int) -> (id: Int, name: String?, note: String?) {
        let names = ["plain", "tab\there", "new\nline", "carriage\rreturn", #"back\slash"#, #"\N"#, "", "àè€😀",
                     "a\\tb"]
        return (i, i % 7 == 0 ? nil : "\(names[i % names.count]) \(i)", i % 3 == 0 ? nil : names[(i / 3) % names.count])
    }

    @Test func tenThousandAwkwardRowsRoundTripExactly() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE people (id bigint, name text, note text)")
            let copied = try connection.copyIn("COPY people (id, name, note) FROM STDIN") { writer in
                for i in 0..<10_000 {
                    let row = Self.sample(i)
                    try writer.row { $0.field(row.id); $0.field(row.name); $0.field(row.note) }
                }
            }
            #expect(copied == 10_000)

            let selected = try connection.execute("SELECT id, name, note FROM people ORDER BY id")
            let expected = (0..<10_000).map(Self.sample)
            #expect(try selected.map { try $0.int("id") } == expected.map(\.id))
            #expect(try selected.map { try $0["name"] } == expected.map(\.name))
            #expect(try selected.map { try $0["note"] } == expected.map(\.note))

            let exported = try connection.copyOut("COPY (SELECT id, name, note FROM people ORDER BY id) TO STDOUT")
            #expect(exported == expected.map { [String($0.id), $0.name, $0.note] })
        }
    }

    @Test func integersAreWrittenDigitByDigitAtEveryEdge() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE n (i bigint, j integer, k smallint)")
            let values: [Int64] = [0, -1, 1, 9, 10, -10, 1_000_000, Int64.max, Int64.min]
            try connection.copyIn("COPY n (i, j, k) FROM STDIN") { writer in
                for value in values {
                    try writer.row { $0.field(value); $0.field(Int32(truncatingIfNeeded: value)); $0.field(Int16(truncatingIfNeeded: value)) }
                }
            }
            let read = try connection.copyOut("COPY n TO STDOUT")
            #expect(read.map { $0[0] } == values.map { String($0) })
            #expect(read.map { $0[1] } == values.map { String(Int32(truncatingIfNeeded: $0)) })
            #expect(read.map { $0[2] } == values.map { String(Int16(truncatingIfNeeded: $0)) })
        }
    }

    @Test func rowsOfTextFieldsCopyIn() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (a int, b text)")
            let rows: [[String?]] = [["1", "one"], ["2", nil], [nil, "tab\tand\\"]]
            #expect(try connection.copyIn("COPY x (a, b) FROM STDIN", rows: rows) == 3)
            #expect(try connection.copyOut("COPY x TO STDOUT") == rows)
        }
    }

    @Test func aBadRowInsideATransactionLeavesTheTableAsItWas() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (a int, b text)")
            try connection.execute("INSERT INTO x VALUES (0, 'before')")
            let error = try #require(throws: PostgresError.self) {
                try connection.transaction { tx in
                    try tx.execute("INSERT INTO x VALUES (-1, 'inside')")
                    try tx.copyIn("COPY x (a, b) FROM STDIN") { writer in
                        for i in 1...10_000 {
                            try writer.row { $0.field(i == 5_000 ? "five thousand" : String(i)); $0.field("row") }
                        }
                    }
                }
            }
            #expect(error.kind == .statement)
            #expect(error.sqlState == "22P02")
            #expect(error.context?.contains("line 5000") == true, "\(error)")
            #expect(try connection.execute("SELECT a, b FROM x").map(\.values) == [["0", "before"]])
        }
    }

    @Test func anErrorInTheBodyCancelsTheCopy() throws {
        struct Stop: Error {}
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (a int)")
            #expect(throws: Stop.self) {
                try connection.copyIn("COPY x FROM STDIN") { writer in
                    for i in 1...100_000 {
                        if i == 60_000 { throw Stop() }
                        try writer.row { $0.field(i) }
                    }
                }
            }
            #expect(try connection.execute("SELECT count(*) AS n FROM x").first?.int("n") == 0)
        }
    }

    @Test func aNulInAFieldIsRefusedNamingTheRow() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (a text)")
            let error = try #require(throws: PostgresError.self) {
                try connection.copyIn("COPY x FROM STDIN", rows: [["fine"], ["nul\0here"]])
            }
            #expect(error.kind == .usage)
            #expect(error.message.hasPrefix("COPY row 2: field 1 contains a NUL"))
            #expect(try connection.execute("SELECT count(*) AS n FROM x").first?.int("n") == 0)
        }
    }

    @Test func aCopyInTheWrongDirectionIsRefused() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (a int)")
            #expect(throws: PostgresError.self) { try connection.copyOut("COPY x FROM STDIN") }
            #expect(throws: PostgresError.self) { try connection.copyIn("COPY x TO STDOUT") { _ in } }
            #expect(throws: PostgresError.self) { try connection.copyIn("SELECT 1") { _ in } }
            #expect(try connection.execute("SELECT 1 AS one").first?.int("one") == 1)
        }
    }

    @Test func copyOutDecodesTheEscapesTheServerWrites() throws {
        try withTestConnection { connection in
            let rows = try connection.copyOut(
                #"COPY (SELECT chr(8) || chr(12) || chr(11) || E'\t\n\r\\x', NULL, -9223372036854775808) TO STDOUT"#)
            #expect(rows == [["\u{8}\u{c}\u{b}\t\n\r\\x", nil, "-9223372036854775808"]])
        }
    }

    @Test(arguments: [
        ("a\t\\N", ["a", nil]), (#"\101\1010\7"#, ["AA0\u{7}"]), (#"\x41\x4g\xz"#, ["A\u{4}gxz"]),
        (#"\q\\"#, [#"q\"#]), ("", [""]), ("\t", ["", ""]),
    ])
    func theCopyParserUndoesEveryEscapeCOPYAccepts(line: String, fields: [String?]) {
        let parsed = Array(line.utf8 + [UInt8(ascii: "\n")]).withUnsafeBytes(CopyTextParser.fields)
        #expect(parsed == fields)
    }
}
