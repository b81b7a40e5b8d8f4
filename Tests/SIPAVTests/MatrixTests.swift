import Testing
@testable import SIPAV

/// Rules §2.1: the cosa/come matrix.
@Suite("The cosa/come matrix")
struct MatrixTests {
    /// The rules' table, cell by cell: (come, cosa, score).
    static let cells: [(Come, Int, Int)] = [
        (.a, 0, 0), (.a, 1, 1), (.a, 2, 2), (.a, 3, 3), (.a, 4, 4), (.a, 5, 5), (.a, 6, 6),
        (.b, 0, 0), (.b, 1, 1), (.b, 2, 2), (.b, 3, 3), (.b, 4, 3), (.b, 5, 4), (.b, 6, 5),
        (.c, 0, 0), (.c, 1, 0), (.c, 2, 1), (.c, 3, 2), (.c, 4, 2), (.c, 5, 3), (.c, 6, 4),
    ]

    @Test("the report's matrix, all 21 cells", arguments: cells)
    func cell(come: Come, cosa: Int, expected: Int) {
        #expect(CosaComeMatrix.report.score(cosa: cosa, come: come) == expected)
    }

    @Test("the table has 21 cells and the default setting is the report's matrix")
    func defaultSetting() {
        #expect(Self.cells.count == 21)
        #expect(IndividualSettings().matrix == .report)
        #expect(Settings().individual.matrix == .report)
    }

    @Test("come is read from its letter, either case", arguments: [("A", Come.a), ("b", Come.b), ("C", Come.c)])
    func comeLetters(letter: String, come: Come) {
        #expect(Come(letter: letter) == come)
        #expect(come.letter == letter.uppercased())
    }

    @Test("other letters are not a come", arguments: ["D", "", "AB", "1"])
    func notCome(letter: String) {
        #expect(Come(letter: letter) == nil)
    }

    @Test("another body's matrix is accepted")
    func anotherMatrix() throws {
        let flat = try CosaComeMatrix(rows: [[0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 6]])
        #expect(flat.score(cosa: 6, come: .c) == 6)
    }

    @Test("invalid matrices are rejected", arguments: [
        ([[0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 3, 4, 5]], "two rows"),
        ([[0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 3, 4, 5], [0, 0, 1, 2, 2, 3, 4], [0, 0, 0, 0, 0, 0, 0]], "four rows"),
        ([[0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 3, 4], [0, 0, 1, 2, 2, 3]], "six columns"),
        ([[0, 1, 2, 3, 4, 5, 7], [0, 1, 2, 3, 3, 4, 5], [0, 0, 1, 2, 2, 3, 4]], "a score of 7"),
        ([[0, 1, 2, 3, 4, 5, 6], [-1, 1, 2, 3, 3, 4, 5], [0, 0, 1, 2, 2, 3, 4]], "a negative score"),
        ([[0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 3, 4, 5], [0, 0, 1, 2, 1, 3, 4]], "a higher cosa scoring less"),
    ])
    func rejected(rows: [[Int]], why: String) {
        #expect(throws: RuleViolation.self, "\(why)") { try CosaComeMatrix(rows: rows) }
    }
}
