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
    /// Whether individual objectives carry a title (the column is optional in `objectives.csv`).
    public var objectiveTitles = true

    public init(areas: [Area], areaWeights: [Int], staffByCategory: [(category: String, count: Int)], scorePerMille: [Int]) {
        self.areas = areas
        self.areaWeights = areaWeights
        self.staffByCategory = staffByCategory
        self.scorePerMille = scorePerMille
    }

    /// The report's 2019 distribution: 18.5 % at 6, 44.9 % at 5, 29.8 % at 4, 6.8 % at 3 or less.
    public static let reportScores = [2, 3, 10, 53, 298, 449, 185]

    /// The number of Areas of a body of `staff` people when none is asked for: one per thousand, at least
    /// three (a Camera di commercio of 300 has three; a ministry of 10,000 has ten Directorates).
    public static func defaultAreaCount(staff: Int) -> Int { max(3, staff / 1_000) }

    /// A body of any size with the report's proportions of categories and ratings, for benchmarks: every
    /// Area led by a *dirigente* (`DIR002`…), one appraisal in two hundred not assessable, objectives
    /// without titles unless `objectiveTitles`.
    public static func scaled(staff: Int, areaCount: Int, objectiveTitles: Bool = false) -> BodyProfile {
        let areas = (0..<max(1, areaCount)).map {
            Area(id: "AREA\($0 + 1)", name: "Area \($0 + 1)", manager: SyntheticBody.managerID($0))
        }
        let d = staff * 90 / 273, b = staff * 21 / 273
        var profile = BodyProfile(areas: areas, areaWeights: areas.indices.map { 3 + $0 % 3 },
                                  staffByCategory: [("D", d), ("C", staff - d - b), ("B", b)],
                                  scorePerMille: reportScores)
        profile.notAssessable = max(2, staff / 200)
        profile.objectiveTitles = objectiveTitles
        return profile
    }

    /// Everyone the body counts: the Segretario Generale, one *dirigente* per Area, the other staff.
    public var headcount: Int { 1 + areas.count + staffByCategory.reduce(0) { $0 + $1.count } }
}
