/// The *cosa/come* matrix: the score of an objective from what was achieved (*cosa*, 0…6) and how
/// (*come*, A/B/C). A setting; the default is the report's.
public struct CosaComeMatrix: Sendable, Hashable {
    /// `rows[come][cosa]`, scores 0…6.
    public let rows: [[Int]]

    public static let report = try! CosaComeMatrix(rows: [
        [0, 1, 2, 3, 4, 5, 6],
        [0, 1, 2, 3, 3, 4, 5],
        [0, 0, 1, 2, 2, 3, 4],
    ])

    /// A matrix of three rows (A, B, C) of seven scores 0…6 each.
    public init(rows: [[Int]]) throws(RuleViolation) {
        guard rows.count == 3, rows.allSatisfy({ $0.count == 7 }) else {
            throw RuleViolation("the cosa/come matrix has three rows (A, B, C) of seven scores (cosa 0…6)")
        }
        guard rows.joined().allSatisfy({ (0...6).contains($0) }) else {
            throw RuleViolation("every score of the cosa/come matrix lies in 0…6")
        }
        for row in rows where zip(row, row.dropFirst()).contains(where: { $0 > $1 }) {
            throw RuleViolation("in each row of the cosa/come matrix a higher cosa never scores less")
        }
        self.rows = rows
    }

    public func score(cosa: Int, come: Come) -> Int { rows[Int(come.rawValue)][cosa] }
}
