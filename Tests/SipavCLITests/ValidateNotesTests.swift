@testable import sipav
import Foundation
import SIPAV
import SIPAVTestSupport
import Testing

/// Valid files that may still hold a slip: `validate` passes them, and says what to check.
@Suite("validate's notes on valid files")
struct ValidateNotesTests {
    /// The demo's own files give no note.
    @Test func theDemoGivesNone() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!run.standardOutput.contains("Nota:"), "\(run.standardOutput)")
    }

    /// A reason given to a person whose objectives are rated: the ratings then count for nothing, and the person is
    /// paid nothing.
    @Test func aRatedPersonNotAssessableIsNoted() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("staff.csv", lines: try year.lines("staff.csv").map {
            $0.hasPrefix("E0001;") ? setField(7, to: "in aspettativa")($0) : $0
        })
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Nota: 1 persona non valutabile ha obiettivi valutati (E0001): per questa persona le "
                                            + "valutazioni non contano e il premio è nullo. Se è valutabile, svuoti not_assessable in staff.csv."),
                "\(run.standardOutput)")
    }

    /// An Area's manager placed in another Area by the staff list: an interim, or a move made in one file only.
    @Test func aManagerPlacedInAnotherAreaIsNoted() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("staff.csv", lines: try year.lines("staff.csv").map {
            $0.hasPrefix("DIR002;") ? setField(4, to: "AREA2")($0) : $0
        })
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Nota: il piano affida un'Area a un dirigente che l'elenco del personale pone in un'altra "
                                            + "Area (DIR002 guida AREA1 ed è in AREA2)"), "\(run.standardOutput)")
    }
}

/// A year stored before `not_assessable` refused answers is exported as stored; the export says who would be refused.
@Test func anExportSaysWhichStoredReasonsAreAnswers() {
    let staff = [StaffMember(id: "E1", name: "A", role: .dipendente, category: "C", area: 0, notAssessableReason: "x"),
                 StaffMember(id: "E2", name: "B", role: .dipendente, category: "C", area: 0, notAssessableReason: "in aspettativa"),
                 StaffMember(id: "E3", name: "C", role: .dipendente, category: "C", area: 0)]
    #expect(Export.answersForReasons(staff) == "Attenzione: in staff.csv una persona ha come motivo di non valutabilità una risposta "
            + "e non un motivo (E1 («x»)): importando di nuovo questi file sarebbe rifiutata. Scriva il motivo, o svuoti la cella se "
            + "la persona è valutabile.")
    #expect(Export.answersForReasons(Array(staff.dropFirst())) == nil)
}
