import SIPAV
import SIPAVFiles
import Testing

private let people = [
    StaffMember(id: "E0001", name: "Rossi Mario", role: .dipendente, category: "D", area: 0),
    StaffMember(id: "E0002", name: "Verdi Luisa", role: .dipendente, category: "C", area: 1),
]
private let header = "employee_id;objective;title;weight;cosa;come"

private func objectives(_ bytes: [UInt8]) throws(InputErrors) -> (objectives: [IndividualObjective], lines: [Int]) {
    try ObjectivesFile.parse(bytes: bytes, file: "objectives.csv", staff: people)
}

@Test func objectivesHappyPathCommaSeparatedCRLF() throws {
    let bytes = Array(("employee_id,objective,title,weight,cosa,come\r\n"
        + "E0002,OB1,\"Ridurre i tempi, davvero\",33.33,5,A\r\n"
        + "E0002,OB2,,\"33,33\",4,b\r\n"
        + "E0002,OB3,,33.34 %,,\r\n"
        + "E0001,OB1,Unico,100,6,C\r\n").utf8)
    let read = try objectives(bytes)
    #expect(read.lines == [2, 3, 4, 5])
    #expect(read.objectives == [
        IndividualObjective(person: 1, code: "OB1", title: "Ridurre i tempi, davvero", weightBasisPoints: 3_333, cosa: 5, come: .a),
        IndividualObjective(person: 1, code: "OB2", title: "", weightBasisPoints: 3_333, cosa: 4, come: .b),
        IndividualObjective(person: 1, code: "OB3", title: "", weightBasisPoints: 3_334, cosa: nil, come: nil),
        IndividualObjective(person: 0, code: "OB1", title: "Unico", weightBasisPoints: 10_000, cosa: 6, come: .c),
    ])
}

@Test func objectivesWhilePlanningHaveNoRatingColumns() throws {
    let read = try objectives(csv("employee_id;objective;weight", "E0001;OB1;50", "E0001;OB2;50"))
    #expect(read.objectives.map(\.weightBasisPoints) == [5_000, 5_000])
    #expect(read.objectives.allSatisfy { $0.cosa == nil && $0.come == nil })
}

@Test("objectives.csv faults", arguments: [
    ("E9999;OB1;;100;5;A", ExpectedFault(2, "employee_id", "unknown employee: not in the staff list")),
    // The web finds a person by id in either case, a file does not: it says how the staff list writes the id.
    ("e0001;OB1;;100;5;A", ExpectedFault(2, "employee_id", "unknown employee: the staff list writes the id E0001, in another case")),
    ("E0001;OB1;\(String(repeating: "t", count: 501));100;5;A", ExpectedFault(2, "title", "a title has at most 500 characters")),
    // A code is a key of the database: a long one is refused by the reader, not by the index (an empty 500).
    ("E0001;\(String(repeating: "C", count: 51));Titolo;100;5;A", ExpectedFault(2, "objective", "a code has at most 50 characters")),
    ("E0001;OB1;;100;7;A", ExpectedFault(2, "cosa", "cosa is a whole number from 0 to 6")),
    ("E0001;OB1;;100;5,5;A", ExpectedFault(2, "cosa", "cosa is a whole number from 0 to 6")),
    ("E0001;OB1;;100;5;D", ExpectedFault(2, "come", "come is A, B or C")),
    ("E0001;OB1;;100;5;", ExpectedFault(2, "come", "cosa and come are given together")),
    ("E0001;OB1;;100;;B", ExpectedFault(2, "cosa", "cosa and come are given together")),
    ("E0001;OB1;;0;5;A", ExpectedFault(2, "weight", "the weight is a percentage above 0 and at most 100")),
    ("E0001;OB1;;abc;5;A", ExpectedFault(2, "weight", "the weight is a percentage above 0 and at most 100")),
    ("E0001;OB1;;100,5;5;A", ExpectedFault(2, "weight", "the weight is a percentage above 0 and at most 100")),
    ("E0001;OB1;;33,333;5;A", ExpectedFault(2, "weight", "the weight has at most two decimals")),
    // A decimal mark needs digits on both sides: `,5` is a digit lost, not half a percent.
    ("E0001;OB1;;,5;5;A", ExpectedFault(2, "weight", "the weight is a percentage above 0 and at most 100")),
    ("E0001;OB1;;;5;A", ExpectedFault(2, "weight", "the weight is required")),
    ("E0001;;;100;5;A", ExpectedFault(2, "objective", "the objective's code is required")),
    ("E0001;OB1;;100;5", ExpectedFault(2, nil, "row has 5 fields, the header has 6")),
    ("E0001;OB1;\"titolo;100;5;A", ExpectedFault(2, nil, "a quote opened here is never closed")),
])
func objectivesFaults(rows: String, expected: ExpectedFault) {
    let found = faults { () throws(InputErrors) in try objectives(csv(header, rows)) }
    expectOneFault(found, expected, in: "objectives.csv")
}

@Test func objectivesHeaderAndEncoding() {
    let missing = faults { () throws(InputErrors) in try objectives(csv("employee_id;objective;cosa;come", "E0001;OB1;5;A")) }
    #expect(missing == [InputError(file: "objectives.csv", line: 1, field: "header", value: "weight",
                                   rule: "required column is missing from the header")])
    // One fault for the header, not one for every row.
    let comeMissing = faults { () throws(InputErrors) in
        try objectives(csv("employee_id;objective;weight;cosa", "E0001;OB1;100;5", "E0002;OB1;100;4"))
    }
    #expect(comeMissing == [InputError(file: "objectives.csv", line: 1, field: "header", value: "come",
                                       rule: "the column come is missing from the header: cosa and come go together")])
    let unknown = faults { () throws(InputErrors) in try objectives(csv(header + ";peso", "E0001;OB1;;100;5;A;1")) }
    #expect(unknown.map(\.value) == ["peso"])
    #expect(unknown.first?.rule == "unknown column; known columns are employee_id, objective, title, weight, cosa, come, version, year")
    let latin1 = Array("\(header)\nE0001;OB1;Qualit".utf8) + [0xE0] + Array(";100;5;A\n".utf8)
    #expect(faults { () throws(InputErrors) in try objectives(latin1) }.map(\.line) == [2])
}

/// The web's download adds a `version` column: every reader of the command line passes it by, whatever it holds, and
/// the web's upload alone reads it, refusing a value that is not a whole number from 1.
@Test func theDownloadsVersionColumnIsReadByTheUploadAlone() throws {
    let rows = ["E0001;OB1;;60;5;A;3", "E0001;OB2;;40;;;", "E0002;OB1;;100;4;B;x"]
    let file = csv(header + ";version", rows[0], rows[1], rows[2])
    let read = try objectives(file)
    #expect(read.objectives.map(\.code) == ["OB1", "OB2", "OB1"])
    let loaded = try ObjectivesFile.load(path: try temporaryFile("objectives.csv", file), staff: people)
    #expect(loaded.objectives.map(\.code) == ["OB1", "OB2", "OB1"])
    let uploaded = try ObjectivesFile.parseKeepingFaults(bytes: file, file: "objectives.csv", staff: people, readingVersions: true)
    #expect(uploaded.versions == [3, nil, nil])
    #expect(uploaded.faults.map(\.line) == [4])
    #expect(uploaded.faults.first?.field == "version")
    #expect(uploaded.peopleWithFaults == [1])
    let clean = try ObjectivesFile.parseKeepingFaults(bytes: csv(header + ";version", rows[0], rows[1]), file: "objectives.csv",
                                                      staff: people, readingVersions: true)
    #expect(clean.faults.isEmpty && clean.versions == [3, nil])
}

/// The web's download names its year on every row: every reader, the command line's too, gives the years a file names
/// with the first line naming each, so that a file of another year is refused whole; a file without the column, or with
/// its cells empty, names none, and a cell that names no year is a fault of its row.
@Test func theDownloadsYearColumnIsReadByEveryReader() throws {
    let file = csv(header + ";version;year", "E0001;OB1;;60;5;A;3;2024", "E0001;OB2;;40;;;;", "E0002;OB1;;100;4;B;1;2023",
                   "E0002;OB2;;100;4;B;1;2024")
    let read = try ObjectivesFile.parseKeepingFaults(bytes: file, file: "objectives.csv", staff: people)
    #expect(read.faults.isEmpty && read.objectives.count == 4)
    #expect(read.yearsNamed == [2024: 2, 2023: 4])
    let loaded = try ObjectivesFile.loadKeepingFaults(path: try temporaryFile("objectives.csv", file), staff: people)
    #expect(loaded.faults.isEmpty && loaded.yearsNamed == [2024: 2, 2023: 4])
    #expect(ObjectivesFile.otherYears(read.yearsNamed, than: 2024).map(\.year) == [2023])
    #expect(ObjectivesFile.otherYears(read.yearsNamed, than: 2022).map(\.year) == [2023, 2024])
    #expect(ObjectivesFile.otherYearFault(read.yearsNamed, file: "objectives.csv", year: 2024)
            == InputError(file: "objectives.csv", line: 4, field: "year", value: "2023",
                          rule: "the file was downloaded for year 2023, not for the plan's year 2024: use the objectives.csv of year 2024"))

    let unnamed = try ObjectivesFile.parseKeepingFaults(bytes: csv(header + ";year", "E0001;OB1;;100;5;A;"), file: "objectives.csv", staff: people)
    #expect(unnamed.faults.isEmpty && unnamed.yearsNamed.isEmpty)
    #expect(ObjectivesFile.otherYearFault(unnamed.yearsNamed, file: "objectives.csv", year: 2024) == nil)

    let garbled = csv(header + ";year", "E0001;OB1;;100;5;A;2024", "E0002;OB1;;100;4;B;duemila")
    let faults = try ObjectivesFile.loadKeepingFaults(path: try temporaryFile("objectives.csv", garbled), staff: people).faults
    #expect(faults == [InputError(file: faults.first?.file ?? "", line: 3, field: "year", value: "duemila",
                                  rule: "the year is the one the download wrote: a whole number like 2024, or empty")])
}

/// A file large enough to be read in two halves at once gives each year with its first line in the whole file.
@Test func aLargeFilesYearsAreCountedInTheWholeFile() throws {
    let rows = (1...60_000).map { "E0001;OB\($0);;1;;;;\($0 == 59_999 ? 2023 : 2024)" }
    let path = try temporaryFile("objectives.csv", Array(([header + ";version;year"] + rows).map { $0 + "\n" }.joined().utf8))
    let loaded = try ObjectivesFile.loadKeepingFaults(path: path, staff: people)
    #expect(loaded.faults.isEmpty && loaded.objectives.count == 60_000)
    #expect(loaded.yearsNamed == [2024: 2, 2023: 60_000])
}

/// A row at fault whose person is unknown leaves the people of the rows around it unread (`UnreadObjectives`): it is
/// likely one of theirs, and their weights would be said wrongly.
@Test func aRowOfAnUnknownPersonLeavesItsNeighboursUnread() throws {
    let read = try ObjectivesFile.parseKeepingFaults(bytes: csv(header, "E0001;OB1;;60;5;A", "E001;OB2;;40;5;A", "E0002;OB1;;100;4;B"),
                                                     file: "objectives.csv", staff: people)
    #expect(read.faults.map(\.line) == [3])
    #expect(read.peopleWithFaults == [0, 1])
    let apart = try ObjectivesFile.parseKeepingFaults(bytes: csv(header, "E0001;OB1;;100;5;A", "E0002;OB1;;60;4;B", "E002;OB2;;40;5;A",
                                                                 "E0002;OB3;;10;5;A"),
                                                      file: "objectives.csv", staff: people)
    #expect(apart.peopleWithFaults == [1])
}
