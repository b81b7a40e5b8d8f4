import SIPAV
import SIPAVFiles
import SIPAVReports
import Testing

/// The YAML library names what its scanner met, often a line after the slip: the reader says what the person wrote
/// wrong, on the line where they wrote it.
@Suite("YAML slips said as they were made")
struct YAMLSyntaxCluesTests {
    struct Slip: Sendable, CustomTestStringConvertible {
        let replacement: String
        /// Text on the line the fault names, in the plan as changed.
        let lineOf: String
        let field: String?
        let italian: String
        var testDescription: String { replacement }
    }

    static let slips = [
        Slip(replacement: "    title: 'Dell'ente'", lineOf: "'Dell'ente'", field: nil,
             italian: "YAML non valido: un apostrofo dentro un testo tra virgolette semplici chiude il testo: "
                + "scriva il testo tra virgolette doppie (\"Dell'ente\") o raddoppi l'apostrofo ('Dell''ente')"),
        Slip(replacement: "\ttitle: \"Patrimonio\"", lineOf: "\ttitle", field: nil,
             italian: "YAML non valido: una tabulazione nel rientro; rientri le righe con spazi, non con tabulazioni"),
        Slip(replacement: "    title: \"Patrimonio", lineOf: "\"Patrimonio", field: nil,
             italian: "YAML non valido: le virgolette aperte in questa riga non vengono chiuse: le chiuda (\") sulla stessa riga"),
        Slip(replacement: "    title: \"Patrimonio\"\n    title: \"Bis\"", lineOf: "\"Bis\"", field: "objectives.title",
             italian: "una chiave compare due volte nello stesso gruppo di chiavi: la prima volta alla riga $first"),
    ]

    @Test(arguments: slips)
    func aSlipIsSaidWhereItIs(_ slip: Slip) throws {
        let text = planFixture.replacing("    title: \"Patrimonio\"", with: slip.replacement, maxReplacements: 1)
        let found = faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
        try #require(found.count == 1, "\(found)")
        #expect(found[0].line == line(of: slip.lineOf, in: text))
        #expect(found[0].field == slip.field)
        let first = String(line(of: "    title: \"Patrimonio\"", in: planFixture))
        #expect(ItalianFaults.rule(found[0].rule) == slip.italian.replacing("$first", with: first))
    }

    /// Written right, the same texts read.
    @Test(arguments: ["    title: 'Dell''ente'", "    title: \"Dell'ente\"", "    title: Dell'ente", "    title: \"Patrimonio,\n      su due righe\""])
    func theTextsWrittenRightRead(_ replacement: String) {
        let text = planFixture.replacing("    title: \"Patrimonio\"", with: replacement, maxReplacements: 1)
        #expect(faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") } == [])
    }

    /// A date written right for a day the month has not: said so, with the month's days.
    @Test func aDayTheMonthHasNotIsSaid() throws {
        let text = planFixture.replacing("measured: \"2019-07-26\"", with: "measured: \"30/02/2019\"", maxReplacements: 1)
        let found = faults { () throws(InputErrors) in try PlanFile.parse(text: text, file: "plan.yaml") }
        expectOneFault(found, ExpectedFault(line(of: "30/02/2019", in: text), "objectives.indicators.measured",
                                            "the day does not exist in the calendar: month 02/2019 has 28 days"), in: "plan.yaml")
        #expect(ItalianFaults.rule(found.first?.rule ?? "") == "questo giorno non esiste nel calendario: il mese 02/2019 ha 28 giorni")
    }
}
