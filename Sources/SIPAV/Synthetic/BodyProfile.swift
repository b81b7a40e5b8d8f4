/// The shape of a synthetic body: how many people of each kind and how their ratings fall.
public struct BodyProfile: Sendable {
    /// Area ids and names; staff are spread over them in proportion to `areaWeights`.
    public var areas: [Area]
    public var areaWeights: [Int]
    /// Other staff per category, e.g. ["D": 90, "C": 162, "B": 21].
    public var staffByCategory: [(category: String, count: Int)]
    /// Share (per mille) of final scores 0…6 among the assessable.
    public var scorePerMille: [Int]
    /// Per mille of staff part-time, and of staff serving fewer than 12 months.
    public var partTimePerMille = 120
    public var partYearPerMille = 40
    /// How many appraisals are marked not assessable, with a reason.
    public var notAssessable = 2
    public var objectivesPerPerson: ClosedRange<Int> = 3...6

    public init(areas: [Area], areaWeights: [Int], staffByCategory: [(category: String, count: Int)], scorePerMille: [Int]) {
        self.areas = areas
        self.areaWeights = areaWeights
        self.staffByCategory = staffByCategory
        self.scorePerMille = scorePerMille
    }

    /// The report's 2019 distribution: 18.5 % at 6, 44.9 % at 5, 29.8 % at 4, 6.8 % at 3 or less.
    public static let reportScores = [2, 3, 10, 53, 298, 449, 185]

    /// A body of any size with the report's proportions of categories and ratings, for benchmarks.
    public static func scaled(staff: Int, areaCount: Int) -> BodyProfile {
        let areas = (1...max(1, areaCount)).map { Area(id: "AREA\($0)", name: "Area \($0)", manager: nil) }
        let d = staff * 90 / 273, b = staff * 21 / 273
        return BodyProfile(areas: areas, areaWeights: areas.indices.map { 3 + $0 % 3 },
                           staffByCategory: [("D", d), ("C", staff - d - b), ("B", b)],
                           scorePerMille: reportScores)
    }
}
