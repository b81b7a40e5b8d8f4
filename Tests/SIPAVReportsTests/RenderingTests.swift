import Testing
import SIPAV
@testable import SIPAVReports

@Suite("Numbers in Italian form")
struct ItalianNumbersTests {
    @Test(arguments: [(Int64(123_456), "1.234,56 €"), (0, "0,00 €"), (5, "0,05 €"), (73_431_244, "734.312,44 €"),
                      (-150, "-1,50 €")])
    func euros(cents: Int64, text: String) {
        #expect(ItalianNumbers.euros(cents: cents) == text)
    }

    @Test func percentsRoundHalfUpToOneDecimal() {
        #expect(ItalianNumbers.percent(Ratio(479, 500), digits: 1) == "95,8 %")
        #expect(ItalianNumbers.percent(Ratio(1, 8), digits: 1) == "12,5 %")
        #expect(ItalianNumbers.percent(Ratio(37, 200), digits: 1) == "18,5 %")
        #expect(ItalianNumbers.percent(Ratio(2449, 20000), digits: 1) == "12,2 %")
        #expect(ItalianNumbers.percent(Ratio(2450, 20000), digits: 1) == "12,3 %")
    }

    /// A weighted mean is shown whole: 4.495 rounds to a final score of 4, and must not read 4,50.
    @Test(arguments: [(Ratio(44_950, 10_000), "4,495"), (Ratio(42, 10), "4,20"), (Ratio(4), "4,00"),
                      (Ratio(45_001, 10_000), "4,5001"), (Ratio(5, 10_000), "0,0005"), (Ratio(6), "6,00")])
    func weightedMeansAreExact(mean: Ratio, text: String) {
        #expect(ItalianNumbers.weightedMean(mean) == text)
    }
}

@Suite("Report formats")
struct OutputFormatTests {
    let report = Report(key: "sample", title: "Prova", tables: [
        ReportTable(key: "rows", title: "Righe", columns: [Column("name", "Nome"), Column("amount_cents", "Importo", rightAligned: true),
                                                          Column("share_percent", "Quota", rightAligned: true)],
                    rows: [[.text("D'Angelo; \"Anna\""), .cents(123_456), .percent(Ratio(1, 3), digits: 1)],
                           [.text("=SOMMA(A1:A9)"), .cents(7), .empty]]),
    ])

    @Test func csvIsForAnItalianSpreadsheet() {
        let csv = OutputFormat.csv.render(report)
        #expect(csv.hasPrefix("\u{FEFF}Nome;Importo;Quota\r\n"))
        #expect(csv.contains("\"D'Angelo; \"\"Anna\"\"\";1234,56;33,3\r\n"))
        // A cell that a spreadsheet would run as a formula is neutralised.
        #expect(csv.contains("'=SOMMA(A1:A9);0,07;\r\n"))
    }

    /// A mark that joins the "=" into one character with it (ZWJ, a combining accent) hides no formula, nor does a tab
    /// or a carriage return before it.
    @Test func aFormulaBehindAJoiningMarkOrATabIsNeutralised() {
        let hidden = Report(key: "sample", title: "Prova", tables: [
            ReportTable(key: "rows", title: "Righe", columns: [Column("name", "Nome")],
                        rows: [[.text("=\u{200D}HYPERLINK(1)")], [.text("+\u{0301}cmd")], [.text("\t=1+1")], [.text("@\u{FE0F}x")]]),
        ])
        let csv = Array(OutputFormat.csv.render(hidden).utf8)
        for cell in ["'=\u{200D}HYPERLINK(1)\r\n", "'+\u{0301}cmd\r\n", "'\t=1+1\r\n", "'@\u{FE0F}x\r\n"] {
            #expect(csv.firstRange(of: Array(cell.utf8)) != nil, "\(cell.debugDescription)")
        }
    }

    /// A negative figure (a difference from the previous year, say) stays a number a spreadsheet can add up; text
    /// that starts with a minus is still neutralised.
    @Test func aNegativeNumberIsANumberInTheCSV() {
        let negative = Report(key: "sample", title: "Prova", tables: [
            ReportTable(key: "rows", title: "Righe", columns: [Column("what", "Voce"), Column("amount_cents", "Importo"),
                                                              Column("change", "Variazione")],
                        rows: [[.text("-1 riga"), .cents(-31_499), .number(Ratio(-18, 10), digits: 1)]]),
        ])
        #expect(OutputFormat.csv.render(negative).contains("'-1 riga;-314,99;-1,8\r\n"))
    }

    /// A text with a line break, a tab or another control character (a reason entered on two lines) keeps its row
    /// on one line of a terminal table, each such character shown as a space; CSV keeps the text whole.
    @Test func aLineBreakInACellKeepsTheTerminalRowOnOneLine() {
        let reasons = Report(key: "sample", title: "Prova", tables: [
            ReportTable(key: "rows", title: "Righe", columns: [Column("reason", "Motivo"), Column("who", "Chi")],
                        rows: [[.text("prima riga\r\nseconda\triga\u{1}fine"), .text("hr")], [.text("è\nà"), .text("m1")]]),
        ])
        let lines = OutputFormat.table.render(reasons).split(separator: "\n").map(String.init)
        #expect(lines.contains("prima riga seconda riga fine  hr"), "\(lines)")
        #expect(lines.contains("è à" + String(repeating: " ", count: 27) + "m1"), "\(lines)")
        #expect(OutputFormat.csv.render(reasons).contains("\"prima riga\r\nseconda\triga\u{1}fine\";hr"))
    }

    @Test func jsonKeepsStableKeysAndExactCents() {
        let json = OutputFormat.json.render(report)
        #expect(json.contains("\"rows\": ["))
        #expect(json.contains("{\"name\": \"D'Angelo; \\\"Anna\\\"\", \"amount_cents\": 123456, \"share_percent\": 33.3333}"))
        #expect(json.contains("\"share_percent\": null"))
    }

    @Test func tableAlignsNumbersRight() {
        let text = OutputFormat.table.render(report)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("1.234,56 €  33,3 %") })
        #expect(lines.contains { $0.hasSuffix("0,07 €       —") })
    }

    @Test func longTextIsCutOnlyInTables() {
        let long = String(repeating: "x", count: 100)
        let wide = Report(key: "w", title: "W", tables: [ReportTable(key: "t", title: "T", columns: [Column("c", "C")], rows: [[.text(long)]])])
        #expect(!OutputFormat.table.render(wide).contains(long))
        #expect(OutputFormat.csv.render(wide).contains(long))
        #expect(OutputFormat.json.render(wide).contains(long))
    }
}
