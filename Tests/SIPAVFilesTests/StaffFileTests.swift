import SIPAV
import SIPAVFiles
import Testing

let testAreas = [Area(id: "AREA1", name: "Anagrafe", manager: "DIR002"), Area(id: "AREA2", name: "Risorse", manager: nil)]
private let header = "employee_id;name;role;category;area;part_time;months;not_assessable"

private func staff(_ bytes: [UInt8]) throws(InputErrors) -> (staff: [StaffMember], lines: [Int]) {
    try StaffFile.parse(bytes: bytes, file: "staff.csv", areas: testAreas)
}

@Test func staffHappyPath() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + csv(
        header,
        "SG001;Guido Bianchi;SG;DIR;;;;",
        "DIR002;Anna Rossi;Dirigente;DIR;AREA1;100;12;",
        "E0001;\"Rossi; Mario\";dipendente;D;AREA1;83,33%;12;",
        "E0002;Verdi Luisa;Dipendente;C;area2;50.5;6;in servizio da luglio",
        "E0003;Neri Carlo;Segretario Generale;DIR;;;;")
    let read = try staff(bytes)
    #expect(read.lines == [2, 3, 4, 5, 6])
    #expect(read.staff[0] == StaffMember(id: "SG001", name: "Guido Bianchi", role: .segretarioGenerale, category: "DIR", area: nil))
    #expect(read.staff[1] == StaffMember(id: "DIR002", name: "Anna Rossi", role: .dirigente, category: "DIR", area: 0))
    #expect(read.staff[2] == StaffMember(id: "E0001", name: "Rossi; Mario", role: .dipendente, category: "D", area: 0,
                                         partTimeBasisPoints: 8_333))
    #expect(read.staff[3] == StaffMember(id: "E0002", name: "Verdi Luisa", role: .dipendente, category: "C", area: 1,
                                         partTimeBasisPoints: 5_050, monthsOfService: 6,
                                         notAssessableReason: "in servizio da luglio"))
    #expect(read.staff[4].role == .segretarioGenerale)
}

@Test func staffCommaSeparatedWithCRLFAndEmptyValuesAsDefaults() throws {
    let bytes = Array("employee_id,name,role,category,area,part_time,months,not_assessable\r\nE1,\"Bianchi, Anna\",dipendente,B,AREA2,,,\r\n".utf8)
    let read = try staff(bytes)
    #expect(read.staff == [StaffMember(id: "E1", name: "Bianchi, Anna", role: .dipendente, category: "B", area: 1)])
}

private let longID = String(repeating: "X", count: 65)

@Test("staff.csv faults", arguments: [
    ("E1;A;dipendente;C;AREA1;;;\nE1;B;dipendente;C;AREA1;;;", ExpectedFault(3, "employee_id", "E1 is on lines 2 and 3")),
    ("E1;A;dipendente;C;AREA1;;;\ne1;B;dipendente;C;AREA1;;;",
     ExpectedFault(3, "employee_id", "two employee ids may not differ in case alone: E1 is on line 2, e1 on line 3")),
    ("E1;A;dipendente;C;AREA9;;;", ExpectedFault(2, "area", "unknown Area; the plan's Areas are AREA1, AREA2")),
    ("E1;A;dipendente;C;;;;", ExpectedFault(2, "area", "the Area is required for everyone but the Segretario Generale")),
    ("E1;A;dipendente;C;AREA1;;13;", ExpectedFault(2, "months", "months of service are a whole number from 0 to 12")),
    ("E1;A;dipendente;C;AREA1;;6,5;", ExpectedFault(2, "months", "months of service are a whole number")),
    ("E1;A;dipendente;C;AREA1;0;;", ExpectedFault(2, "part_time", "part time is a percentage above 0 and at most 100")),
    ("E1;A;dipendente;C;AREA1;120%;;", ExpectedFault(2, "part_time", "part time is a percentage above 0 and at most 100")),
    ("E1;A;dipendente;C;AREA1;33,333;;", ExpectedFault(2, "part_time", "part time has at most two decimals")),
    ("E1;A;dipendente;C;AREA1;0,5;;", ExpectedFault(2, "part_time", "a part time of 1 % or less is a fraction written for a percentage")),
    ("E1;A;dipendente;C;AREA1;1;;", ExpectedFault(2, "part_time", "a part time of 1 % or less is a fraction written for a percentage")),
    ("E1;A;capo;C;AREA1;;;", ExpectedFault(2, "role", "the role is segretario_generale (or SG), dirigente or dipendente")),
    (";A;dipendente;C;AREA1;;;", ExpectedFault(2, "employee_id", "the employee_id is required")),
    ("\(longID);A;dipendente;C;AREA1;;;", ExpectedFault(2, "employee_id", "at most 64 characters")),
    ("E1;;dipendente;C;AREA1;;;", ExpectedFault(2, "name", "the name is required")),
    ("E1;A;dipendente;;AREA1;;;", ExpectedFault(2, "category", "the category is required")),
    ("E1;A;dipendente;C;AREA1", ExpectedFault(2, nil, "row has 5 fields, the header has 8")),
    ("E1;A;dipendente;C;AREA1;;;;x", ExpectedFault(2, nil, "row has 9 fields, the header has 8")),
    ("E1;\"A;dipendente;C;AREA1;;;", ExpectedFault(2, nil, "a quote opened here is never closed")),
])
func staffFaults(rows: String, expected: ExpectedFault) {
    let found = faults { () throws(InputErrors) in try staff(csv(header, rows)) }
    expectOneFault(found, expected, in: "staff.csv")
}

@Test("staff.csv header faults", arguments: [
    ("employee_id;name;role;area", ExpectedFault(1, "header", "required column is missing")),
    // Left out, these columns would pay everyone full time, for the whole year, or assess the not assessable.
    ("employee_id;name;role;category;area;months;not_assessable", ExpectedFault(1, "header", "required column is missing")),
    ("employee_id;name;role;category;area;part_time;not_assessable", ExpectedFault(1, "header", "required column is missing")),
    ("employee_id;name;role;category;area;part_time;months", ExpectedFault(1, "header", "required column is missing")),
    ("employee_id\tname\trole\tcategory\tarea\tpart_time\tmonths\tnot_assessable",
     ExpectedFault(1, "header", "the header is separated by tabs")),
    ("employee_id;name;role;category;area;ufficio", ExpectedFault(1, "header", "unknown column; known columns are employee_id, name, role")),
    ("employee_id;name;role;category;area;Area", ExpectedFault(1, "header", "the column appears twice")),
])
func staffHeaderFaults(header: String, expected: ExpectedFault) {
    let found = faults { () throws(InputErrors) in try staff(csv(header)) }
    #expect(found.contains(where: expected.matches), "\(found)")
}

@Test func everyFaultOfTheFileAtOnceSortedByLine() {
    let bytes = csv(header, "E1;A;dipendente;C;AREA7;;13;", "E2;B;dipendente;C;AREA1;;;", "E2;B;capo;C;AREA1;0;;")
    let found = faults { () throws(InputErrors) in try staff(bytes) }
    #expect(found.map(\.line) == [2, 2, 4, 4, 4])
    #expect(found.map(\.field) == ["area", "months", "employee_id", "role", "part_time"])
    #expect(found[0].value == "AREA7")
}

/// A row of bare separators as wide as the header, as a spreadsheet leaves below its data, is skipped like a
/// blank line; a NUL, which no text may hold, is refused with its line.
@Test func bareSeparatorsAreSkippedAndANulIsRefused() throws {
    let bare = try staff(csv(header, "E1;A;dipendente;C;AREA1;;;", ";;;;;;;", "E2;B;dipendente;C;AREA1;;;", " ; ;;;;;; "))
    #expect(bare.staff.map(\.id) == ["E1", "E2"])
    let nul = csv(header, "E1;A;dipendente;C;AREA1;;;", "E2;Bruno\u{0}Davide;dipendente;C;AREA1;;;")
    #expect(faults { () throws(InputErrors) in try staff(nul) }
        == [InputError(file: "staff.csv", line: 3, field: nil,
                       rule: "the line holds a NUL character (byte 0), which no text may hold: the file is damaged or not text")])
}

/// A `not_assessable` column filled in as yes/no (`no`, `0`, `falso` for the assessable, `sì`, `x` for the others) is
/// refused on every such line, by the exact reader and the fast one alike: any text there is a reason, and `no` would
/// have left the very people it meant to pass not assessable, paid nothing. A reason that holds such a word is one.
@Test(arguments: ["no", "NO", " No. ", "0", "1", "falso", "FALSO", "sì", "si", "Sì!", "x", "-", "—", "/", "n.a.", "N/A", "true", "vero", "nessuno"])
func aYesOrNoIsNoReason(answer: String) throws {
    let bytes = csv(header, "E1;A;dipendente;C;AREA1;;;\(answer)", "E2;B;dipendente;C;AREA1;;;in servizio da novembre: no obiettivi",
                    "E3;C;dipendente;C;AREA1;;;0 mesi di servizio")
    let found = faults { () throws(InputErrors) in try staff(bytes) }
    #expect(found.map(\.line) == [2] && found.map(\.field) == ["not_assessable"], "\(found)")
    #expect(found.first?.value == answer.trimmingCharacters(in: .whitespaces))
    #expect(found.first?.rule.hasPrefix("not_assessable gives the reason the appraisal cannot be assessed") == true)
    let path = try temporaryFile("staff.csv", bytes)
    let fast = faults { () throws(InputErrors) in try StaffFile.load(path: path, areas: testAreas) }
    #expect(fast.map { [String($0.line ?? 0), $0.field ?? "", $0.value ?? "", $0.rule] }
            == found.map { [String($0.line ?? 0), $0.field ?? "", $0.value ?? "", $0.rule] })
}

/// A name, a reason or a title has a length: far above any real one, it stops a runaway field.
@Test func textsHaveALength() throws {
    let long = String(repeating: "à", count: 201)
    let found = faults { () throws(InputErrors) in try staff(csv(header, "E1;\(long);dipendente;C;AREA1;;;", "E2;B;dipendente;C;AREA1;;;\(long + long + long)")) }
    #expect(found.map(\.field) == ["name", "not_assessable"])
    #expect(found.map(\.rule) == ["a name has at most 200 characters", "a reason has at most 500 characters"])
    #expect(try staff(csv(header, "E1;\(String(long.dropLast()));dipendente;C;AREA1;;;")).staff.count == 1)
}

@Test func staffFileAsAWhole() throws {
    let latin1 = Array("\(header)\nE1;Citt".utf8) + [0xE0] + Array(";dipendente;C;AREA1;;;\n".utf8)
    #expect(faults { () throws(InputErrors) in try staff(latin1) }
        == [InputError(file: "staff.csv", line: 2, field: nil, rule: "the file is not UTF-8: save it as CSV UTF-8 (or as UTF-8 text)")])
    #expect(faults { () throws(InputErrors) in try staff([]) } == [InputError(file: "staff.csv", line: nil, field: nil, rule: "the file is empty")])
    #expect(faults { () throws(InputErrors) in try staff(csv(header)) }.first?.rule.contains("lists no staff") == true)
    #expect(faults { () throws(InputErrors) in try StaffFile.read(path: "missing/staff.csv", areas: testAreas) }
        .first.map { $0.file == "missing/staff.csv" && $0.line == nil } == true)
    let path = try temporaryFile("staff.csv", csv(header, "E1;A;dipendente;C;AREA1;;;"))
    #expect(try StaffFile.read(path: path, areas: testAreas).staff.count == 1)
}

/// Ids that differ in case alone are one fault each, of the later line, naming the first spelling's line; an exact
/// repetition is its own fault, not also one of case, and the rest of the file's faults are said with them, by line.
@Test func idsThatDifferInCaseAloneNameBothLines() {
    let found = faults { () throws(InputErrors) in
        try staff(csv(header, "E1;A;dipendente;C;AREA1;;;", "e1;B;dipendente;C;AREA1;;;", "E1;C;dipendente;C;AREA1;;;",
                      "X1;D;dipendente;C;AREA9;;;", "é1;E;dipendente;C;AREA1;;;", "É1;F;dipendente;C;AREA1;;;"))
    }
    #expect(found.map(\.line) == [3, 4, 5, 7], "\(found)")
    #expect(found.map(\.field) == ["employee_id", "employee_id", "area", "employee_id"])
    #expect(found[0].value == "e1" && found[0].rule.hasPrefix("two employee ids may not differ in case alone: E1 is on line 2, e1 on line 3"))
    #expect(found[1].rule == "each employee appears once: E1 is on lines 2 and 4")
    #expect(found[3].rule.hasPrefix("two employee ids may not differ in case alone: é1 is on line 6, É1 on line 7"))
}

/// A header that lacks a required column (renamed, or written with tabs) is the only fault said: each row would
/// otherwise add one of its own ("the employee_id is required"), burying the header's.
@Test(arguments: [
    "matricola;name;role;category;area;part_time;months;not_assessable",
    "employee_id\tname\trole\tcategory\tarea\tpart_time\tmonths\tnot_assessable",
])
func aHeaderWithoutARequiredColumnIsTheOnlyFault(header: String) throws {
    let rows = (1...30).map { "E\($0);Persona \($0);dipendente;C;AREA1;;;" }
    let bytes = Array(([header] + rows.map { header.contains("\t") ? $0.replacingOccurrences(of: ";", with: "\t") : $0 })
        .joined(separator: "\n").utf8) + [0x0A]
    do {
        _ = try staff(bytes)
        Issue.record("accepted")
    } catch {
        #expect(!error.errors.isEmpty)
        #expect(error.errors.count <= 3, "\(error.errors)")
        #expect(error.errors.allSatisfy { $0.line == 1 }, "\(error.errors)")
    }
}
