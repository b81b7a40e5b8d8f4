import SIPAV
@testable import SIPAVFiles
import Testing

private let columns: [CSVColumn] = [.required("id"), .required("name"), .optional("note")]

/// Every record's fields (for the known columns, nil when absent) and line, and the structural faults.
private func records(_ bytes: [UInt8]) throws(InputErrors) -> (rows: [[String?]], lines: [Int], faults: [InputError]) {
    let table = try CSVTable(bytes: bytes, file: "t.csv", columns: columns)
    var rows: [[String?]] = []
    var lines: [Int] = []
    let structure = table.forEachRecord { record in
        rows.append(columns.indices.map { record.text($0) })
        lines.append(record.line)
    }
    return (rows, lines, table.headerFaults + structure)
}

@Test("separator: ; , or the more frequent outside quotes", arguments: [
    ("id;name\n1;a\n", ";"),
    ("id,name\n1,a\n", ","),
    ("\"id;x\",name,note\n1,a,b\n", ","),
])
func separatorDetection(text: String, separator: String) throws {
    let table = try CSVTable(bytes: Array(text.utf8), file: "t.csv", columns: columns + [.optional("id;x")])
    #expect(table.separator == UInt8(ascii: separator.unicodeScalars.first!))
}

@Test func quotedFieldsHoldSeparatorsNewlinesAndQuotes() throws {
    let file = csv("id;name;note", "1;\"Rossi; Mario\";\"detto \"\"il Rosso\"\"\"", "2;\"two", "lines\";x", "3;c;")
    let read = try records(file)
    #expect(read.rows == [["1", "Rossi; Mario", "detto \"il Rosso\""], ["2", "two\nlines", "x"], ["3", "c", ""]])
    #expect(read.lines == [2, 3, 5])
    #expect(read.faults.isEmpty)
}

@Test func crlfBomBlankLinesAndNoFinalNewline() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ID ; Name\r\n\r\n1;a\r\n;;\r\n2;b".utf8)
    let read = try records(bytes)
    #expect(read.rows == [["1", "a", nil], ["2", "b", nil]])
    #expect(read.lines == [3, 5])
    #expect(read.faults.isEmpty)
}

@Test func trailingEmptyLinesAreIgnored() throws {
    let read = try records(Array("id;name\n1;a\n\n\n   \n".utf8))
    #expect(read.rows.count == 1)
    #expect(read.faults.isEmpty)
}

private let structuralCases: [([UInt8], ExpectedFault)] = [
    (csv("id;name", "1;a", "2"), ExpectedFault(3, nil, "row has 1 field, the header has 2")),
    (csv("id;name", "1;a;x"), ExpectedFault(2, nil, "row has 3 fields, the header has 2")),
    (csv("id;name", "1;\"a", "2;b"), ExpectedFault(2, nil, "a quote opened here is never closed")),
    (csv("id;name", "1;\"a\"b"), ExpectedFault(2, nil, "text after a closing quote")),
    (csv("id;name;colour"), ExpectedFault(1, "header", "unknown column; known columns are id, name, note")),
    (csv("id;note"), ExpectedFault(1, "header", "required column is missing")),
    (csv("id;name;ID"), ExpectedFault(1, "header", "the column appears twice in the header (columns 1 and 3)")),
    (csv("id;name;"), ExpectedFault(1, "header", "column 3 of the header has no name")),
]

@Test("structural and header faults", arguments: structuralCases)
func faultsOfTheFile(bytes: [UInt8], expected: ExpectedFault) {
    let found: [InputError]
    do { found = try records(bytes).faults } catch { found = error.errors }
    expectOneFault(found, expected, in: "t.csv")
}

private let latin1: [UInt8] = Array("id;name\n1;Luis".utf8) + [0xE0] + Array("\n".utf8)
private let badContinuation: [UInt8] = Array("id;name\n1;a\n2;b\n3;".utf8) + [0xC3, 0x28]
private let badAfterQuotedNewline: [UInt8] = Array("id;\"na\nme\"\n1;a".utf8) + [0xFF]
private let wholeFileCases: [([UInt8], ExpectedFault)] = [
    ([], ExpectedFault(nil, nil, "the file is empty")),
    ([0xEF, 0xBB, 0xBF, 0x0A, 0x20], ExpectedFault(nil, nil, "the file is empty")),
    (latin1, ExpectedFault(2, nil, "the file is not UTF-8: save it as CSV UTF-8")),
    (badContinuation, ExpectedFault(4, nil, "the file is not UTF-8")),
    (badAfterQuotedNewline, ExpectedFault(3, nil, "the file is not UTF-8")),
    (Array("id;name\n1;a long name to fill a word\n2;b".utf8) + [0] + Array("c\n".utf8), ExpectedFault(3, nil, "the line holds a NUL character")),
    (Array("id;name\n1;a long \u{0} name to fill a word\n".utf8), ExpectedFault(2, nil, "the line holds a NUL character")),
]

@Test("the file as a whole", arguments: wholeFileCases)
func wholeFileFaults(bytes: [UInt8], expected: ExpectedFault) {
    let found = faults { () throws(InputErrors) in try CSVTable(bytes: bytes, file: "t.csv", columns: columns) }
    expectOneFault(found, expected, in: "t.csv")
}

@Test func validUTF8IsAccepted() throws {
    let read = try records(Array("id;name\n1;Niccolò Citrò ✓ 𝄞\n".utf8))
    #expect(read.rows == [["1", "Niccolò Citrò ✓ 𝄞", nil]])
}

@Test func missingFileNamesThePathWithoutALine() {
    let found = faults { () throws(InputErrors) in try CSVTable.read(path: "/no/such/staff.csv", columns: columns) }
    #expect(found == [InputError(file: "/no/such/staff.csv", line: nil, field: nil,
                                 rule: "the file does not exist: check the name and the folder")])
}

@Test func readsAFileFromDisk() throws {
    let path = try temporaryFile("t.csv", csv("id;name", "1;a"))
    let table = try CSVTable.read(path: path, columns: columns)
    #expect(table.file == path)
    #expect(table.has(0) && !table.has(2))
}

@Test func manyRowsAreReadInOnePass() throws {
    var text = "id;name;note\n"
    for row in 0..<50_000 { text += "E\(row);\"Nome \(row)\";\(row % 7)\n" }
    var count = 0
    var lastLine = 0
    let table = try CSVTable(bytes: Array(text.utf8), file: "big.csv", columns: columns)
    let structure = table.forEachRecord { record in
        count += 1
        lastLine = record.line
    }
    #expect(structure.isEmpty)
    #expect(count == 50_000)
    #expect(lastLine == 50_001)
}

/// What `db export` writes for a spreadsheet: a CR LF inside a field quoted (it broke the export's own re-import), and
/// files that start with a byte order mark (without it, Excel reads UTF-8 as Windows-1252), which the readers skip.
@Suite struct ExportedCSVTests {
    @Test func aCRLFInAFieldIsQuotedAndTheFileReadsBack() throws {
        #expect(StaffWriter.quoted("in aspettativa\r\nda marzo") == "\"in aspettativa\r\nda marzo\"")
        let staff = [StaffMember(id: "S1", name: "Ricci Nicolò", role: .segretarioGenerale, category: "DIR", area: nil)]
        let bytes = Array((StaffWriter.byteOrderMark + StaffWriter.staffCSV(staff, areas: [])).utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let read = try StaffFile.parse(bytes: bytes, file: "staff.csv", areas: [])
        #expect(read.staff.map(\.name) == ["Ricci Nicolò"])
        #expect(read.staff.map(\.id) == ["S1"])
    }
}
