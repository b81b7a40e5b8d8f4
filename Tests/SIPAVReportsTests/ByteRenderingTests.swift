import BigInt
import Testing
import SIPAV
@testable import SIPAVReports

/// The byte renderers write exactly what the first, `String`-based renderers wrote, for every kind of cell:
/// texts that need quoting, escaping, cutting or trimming (ASCII or not), numbers of every sign and size,
/// rows given or made on demand, whole or streamed.
@Suite("Byte renderers = the reference renderers")
struct ByteRenderingTests {
    static let texts = ["", "abc", "D'Angelo; \"Anna\"", "=SOMMA(A1:A9)", "-5", "-5,5", "+1", "@x", "a\r\nb", "a\rb", "a\nb",
                        "\r\n", String(repeating: "x", count: 100), String(repeating: "y", count: 70), String(repeating: "z", count: 71),
                        "Niccolò Citrò", String(repeating: "é", count: 80), "e\u{301}", "tab\there\t", "trail   ", "nbsp\u{00A0}",
                        "\u{0600} ", "ctrl\u{1B}\u{7F}", "—", "x\u{301} ", "€", "a\\b", "𝄞 ✓", "-", "=", "1;2", "\"", " lead",
                        "Città; \"Bè\"", "ò\r\nè", "€\n", "è\r", "-è", "=Più",
                        // Past the first eight bytes, and in the tail after whole words without any.
                        "Mario Rossi;Verdi", "abcdefghijklmnop\"", "abcdefgh\r\nij", "abcdefghijklmnopq\n", "abcdefghijklmnop\r"]

    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    static func ratio(_ rng: inout Random) -> Ratio {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return Ratio(Int.random(in: -1_000_000...1_000_000, using: &rng), Int.random(in: 1...1_000, using: &rng))
        case 1: return Ratio(BigInt(Int64.random(in: .min ... .max, using: &rng)) * BigInt(Int64.max), BigInt(Int.random(in: 1...99, using: &rng)))
        case 2: return Ratio(Int.random(in: -5...5, using: &rng) * 5, 1_000)
        case 3: return .zero
        default: return Ratio(Int(Int64.random(in: .min ... .max, using: &rng) / 2), Int.random(in: 1...Int.max, using: &rng))
        }
    }

    static func cell(_ rng: inout Random) -> Cell {
        let digits = Int.random(in: 0...6, using: &rng)
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1: return .text(texts.randomElement(using: &rng)!)
        case 2: return .integer([0, 5, -5, 999, 1_000, -1_234_567, Int.max, Int.min + 1].randomElement(using: &rng)!)
        case 3: return .cents([0, 7, -150, 123_456, Int64.max, Int64.min + 1, -1].randomElement(using: &rng)!)
        case 4: return .exactCents(ratio(&rng), digits: digits)
        case 5: return .percent(ratio(&rng), digits: digits)
        case 6: return .number(ratio(&rng), digits: digits)
        case 7: return .instant(italian: texts.randomElement(using: &rng)!, iso: texts.randomElement(using: &rng)!)
        default: return .empty
        }
    }

    static func report(_ rng: inout Random) -> Report {
        let tables = (0..<Int.random(in: 1...3, using: &rng)).map { index -> ReportTable in
            let columns = (0..<Int.random(in: 1...6, using: &rng)).map { column in
                Column("k\(column)\(texts.randomElement(using: &rng)!)", texts.randomElement(using: &rng)!,
                       rightAligned: Bool.random(using: &rng))
            }
            let rows = (0..<Int.random(in: 0...12, using: &rng)).map { _ in columns.map { _ in cell(&rng) } }
            return ReportTable(key: "t\(index)", title: texts.randomElement(using: &rng)!, columns: columns, rows: rows)
        }
        return Report(key: "r", title: texts.randomElement(using: &rng)!, tables: tables,
                      notes: (0..<Int.random(in: 0...2, using: &rng)).map { _ in texts.randomElement(using: &rng)! })
    }

    static func reference(_ format: OutputFormat, _ report: Report) -> String {
        switch format {
        case .table: return ReferenceTextRenderer.render(report)
        case .json: return ReferenceJSONRenderer.render(report)
        case .csv: return ReferenceCSVRenderer.render(report)
        }
    }

    static func streamed(_ format: OutputFormat, _ report: Report) throws -> String {
        var bytes: [UInt8] = []
        try format.write(report) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: 0..<400)
    func randomReports(seed: Int) throws {
        var rng = Random(state: UInt64(seed) &+ 1)
        let report = Self.report(&rng)
        for format in OutputFormat.allCases {
            let expected = Self.reference(format, report)
            #expect(format.render(report) == expected, "\(format)")
            #expect(try Self.streamed(format, report) == expected, "\(format) streamed")
        }
    }

    /// Rows made on demand from 128-bit fractions print what their cells, made into `Ratio`s, print.
    @Test(arguments: 0..<100)
    func generatedRows(seed: Int) throws {
        var rng = Random(state: UInt64(seed) &+ 1_000)
        let edges: [Int128] = [0, 1, -1, 49, 50, 51, 5_000, Int128(Int64.max), Int128(UInt64.max) + 1, Int128.max / 7, Int128.min / 9]
        let figures = (0..<40).map { _ -> ExactFigure in
            let n = Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Int128(Int64.random(in: .min ... .max, using: &rng))
            let d = Bool.random(using: &rng) ? Int128(Int.random(in: 1...1_000_000, using: &rng)) : Int128(UInt64.random(in: 1 ... .max, using: &rng))
            return ExactFigure(numerator: n, denominator: d)
        }
        let digits = (0..<40).map { _ in Int.random(in: 0...6, using: &rng) }
        let columns = [Column("a", "A", rightAligned: true), Column("b", "B"), Column("c", "C", rightAligned: true), Column("t", "T")]
        let text = (0..<40).map { _ in Self.texts.randomElement(using: &rng)! }
        let table = ReportTable(key: "g", title: "Generated", columns: columns, count: 40) { row, cells in
            cells.exactCents(figures[row], digits: digits[row])
            cells.percent(figures[(row + 1) % 40], digits: digits[row])
            cells.number(figures[(row + 2) % 40], digits: digits[(row + 3) % 40])
            if row % 7 == 3 { cells.empty() } else { cells.text(text[row]) }
        }
        let generated = Report(key: "g", title: "G", tables: [table])
        let given = Report(key: "g", title: "G", tables: [ReportTable(key: "g", title: "Generated", columns: columns, rows: table.rows)])
        #expect(generated == given)
        for format in OutputFormat.allCases {
            let expected = Self.reference(format, given)
            #expect(format.render(generated) == expected, "\(format)")
            #expect(try Self.streamed(format, generated) == expected, "\(format) streamed")
        }
    }
}

/// The text of figures kept by value (`FigureTexts`): a figure met again is written as the first time, whatever
/// else shares its slot.
@Suite struct FigureTextsTests {
    private func text(_ figure: ExactFigure, _ digits: Int, _ texts: inout FigureTexts) -> String {
        var bytes = ReportBytes()
        bytes.figureTexts = texts
        bytes.appendFigure(figure, shift: -2, digits: digits, mark: UInt8(ascii: ","), group: UInt8(ascii: "."))
        texts = bytes.figureTexts
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    @Test func keysOfOneSlotReplaceEachOther() throws {
        let first = try #require(FigureTexts.key(ExactFigure(numerator: 1_234_567, denominator: 3), exponent: 0, digits: 2,
                                                 mark: UInt8(ascii: ","), group: nil))
        var numerator: Int128 = 1_234_568
        var other = try #require(FigureTexts.key(ExactFigure(numerator: numerator, denominator: 3), exponent: 0, digits: 2,
                                                 mark: UInt8(ascii: ","), group: nil))
        while FigureTexts.slot(other) != FigureTexts.slot(first) {
            numerator += 1
            other.numerator = numerator
        }
        var texts = FigureTexts()
        let firstText = Array("411522,33".utf8), otherText = Array("999,99".utf8)
        firstText.withUnsafeBufferPointer { texts.keep(first, $0) }
        var found: [UInt8] = []
        #expect(texts.withText(first) { found = Array($0) })
        #expect(found == firstText)
        otherText.withUnsafeBufferPointer { texts.keep(other, $0) }
        #expect(!texts.withText(first) { _ in })
        #expect(texts.withText(other) { found = Array($0) })
        #expect(found == otherText)
    }

    @Test func theFormatIsPartOfTheKey() throws {
        let figure = ExactFigure(numerator: 123_456_789, denominator: 7)
        var texts = FigureTexts()
        #expect(text(figure, 2, &texts) == "176.366,84")
        #expect(text(figure, 4, &texts) == "176.366,8414")
        #expect(text(figure, 2, &texts) == "176.366,84")
    }

    @Test func aLongTextIsNotKept() throws {
        let figure = ExactFigure(numerator: Int128.max / 3, denominator: 1)
        var texts = FigureTexts()
        let once = text(figure, 2, &texts)
        #expect(once.utf8.count > FigureTexts.textCapacity)
        let key = try #require(FigureTexts.key(figure, exponent: 0, digits: 2, mark: UInt8(ascii: ","), group: UInt8(ascii: ".")))
        #expect(!texts.withText(key) { _ in })
        #expect(text(figure, 2, &texts) == once)
    }

    /// Many rows drawn from more figures than there are slots: every cell as the reference writes it.
    @Test func aLargeTableOfRepeatedFigures() throws {
        var rng = ByteRenderingTests.Random(state: 77)
        let figures = (0..<6_000).map { _ in
            ExactFigure(numerator: Int128(Int64.random(in: -1_000_000_000 ... 1_000_000_000_000, using: &rng)),
                        denominator: Int128(Int.random(in: 1...100_000, using: &rng)))
        }
        let picks = (0..<30_000).map { _ in Int.random(in: 0..<figures.count, using: &rng) }
        let columns = [Column("a", "A", rightAligned: true), Column("b", "B", rightAligned: true)]
        let table = ReportTable(key: "r", title: "Ripetuti", columns: columns, count: picks.count) { row, cells in
            cells.exactCents(figures[picks[row]], digits: 2)
            cells.percent(figures[picks[(row * 7) % picks.count]], digits: 2)
        }
        let generated = Report(key: "r", title: "R", tables: [table])
        let given = Report(key: "r", title: "R", tables: [ReportTable(key: "r", title: "Ripetuti", columns: columns, rows: table.rows)])
        for format in [OutputFormat.csv, .json] {
            #expect(format.render(generated) == ByteRenderingTests.reference(format, given), "\(format)")
        }
    }
}

/// A line break written as CR LF (one Swift Character, neither "\r" nor "\n") is quoted like any other in a CSV cell:
/// unquoted, it split the row in two for every reader of the file.
@Suite struct CSVLineBreakTests {
    @Test func aCRLFInACellIsQuoted() {
        var out = ReportBytes()
        CSVRenderer.quoted("in aspettativa\r\nda marzo", into: &out)
        #expect(String(decoding: out.buffer, as: UTF8.self) == "\"in aspettativa\r\nda marzo\"")
        #expect(CSVRenderer.quote("a\r\nb") == "\"a\r\nb\"")
    }
}
