import Testing
@testable import SIPAV

/// The rules a year's staff records must keep before they are scored (rules §2.1, §2.2 and the roles).
@Suite("Record violations")
struct RecordViolationsTests {
    static func member(_ id: String, role: Role = .dipendente, area: Int? = 0, months: Int = 12,
                       partTime: Int = 10_000, reason: String? = nil) -> StaffMember {
        StaffMember(id: id, name: "Persona \(id)", role: role, category: role == .dipendente ? "C" : "DIR", area: area,
                    partTimeBasisPoints: partTime, monthsOfService: months, notAssessableReason: reason)
    }

    static func objective(_ person: Int, _ code: String, weight: Int, cosa: Int? = 4, come: Come? = .a) -> IndividualObjective {
        IndividualObjective(person: person, code: code, weightBasisPoints: weight * 100, cosa: cosa, come: come)
    }

    static func violations(_ staff: [StaffMember], _ objectives: [IndividualObjective], requireRatings: Bool = true,
                           settings: IndividualSettings = IndividualSettings()) -> [RecordViolation] {
        StaffRecords(staff: staff, objectives: objectives).violations(settings: settings, areaCount: 2, requireRatings: requireRatings)
    }

    @Test("valid records break no rule: an SG without Area, weights 50/30/20, a not-assessable person without objectives")
    func valid() {
        let found = Self.violations(
            [Self.member("SG", role: .segretarioGenerale, area: nil), Self.member("E1"), Self.member("E2", area: 1, reason: "neoassunto")],
            [Self.objective(0, "S1", weight: 100), Self.objective(1, "A", weight: 50), Self.objective(1, "B", weight: 30),
             Self.objective(1, "C", weight: 20)])
        #expect(found.isEmpty)
    }

    @Test("weights not summing to 100 are named on the person's first objective", arguments: [[50, 30], [50, 30, 30], [60, 30, 5]])
    func weightsNot100(weights: [Int]) throws {
        let objectives = [Self.objective(1, "X", weight: 100)]
            + weights.enumerated().map { Self.objective(0, "OB\($0)", weight: $1) }
        let found = Self.violations([Self.member("E1"), Self.member("E2")], objectives)
        let v = try #require(found.first)
        #expect(found.count == 1)
        #expect(v.field == "weight")
        #expect(v.record == .objective(1))   // the first of E1's objectives is the input's second row
        #expect(v.rule.contains("E1"))
        #expect(v.value == DecimalText.format(Ratio(weights.reduce(0, +)), digits: 2, decimalMark: ","))
    }

    @Test("an employee appearing twice is named at the second row, pointing to the first")
    func duplicateEmployee() throws {
        let found = Self.violations([Self.member("E1"), Self.member("E2"), Self.member("E1")],
                                    (0..<3).map { Self.objective($0, "A", weight: 100) })
        let v = try #require(found.first)
        #expect(found.count == 1)
        #expect(v.record == .staff(2))
        #expect(v.field == "employee_id")
        #expect(v.value == "E1")
        #expect(v.rule.contains("row 1"))
    }

    @Test("an objective code repeated for the same person")
    func duplicateObjective() throws {
        let found = Self.violations([Self.member("E1")], [Self.objective(0, "A", weight: 50), Self.objective(0, "A", weight: 50)])
        let v = try #require(found.first)
        #expect(found.count == 1)
        #expect(v.record == .objective(1))
        #expect(v.field == "objective")
        #expect(v.value == "A")
    }

    @Test("the same objective code for two people is fine")
    func sameCodeTwoPeople() {
        let found = Self.violations([Self.member("E1"), Self.member("E2")],
                                    [Self.objective(0, "A", weight: 100), Self.objective(1, "A", weight: 100)])
        #expect(found.isEmpty)
    }

    @Test("an unrated objective is refused when ratings are required, accepted while planning", arguments: [
        (nil as Int?, Come.a as Come?, "cosa"), (4, nil, "come"), (nil, nil, "cosa"),
    ])
    func unrated(cosa: Int?, come: Come?, field: String) throws {
        let objectives = [Self.objective(0, "A", weight: 60), Self.objective(0, "B", weight: 40, cosa: cosa, come: come)]
        let found = Self.violations([Self.member("E1")], objectives)
        let v = try #require(found.first)
        #expect(found.count == 1)
        #expect(v.record == .objective(1))
        #expect(v.field == field)
        #expect(Self.violations([Self.member("E1")], objectives, requireRatings: false).isEmpty)
    }

    @Test("a not-assessable person's objectives need no ratings")
    func unratedNotAssessable() {
        let objectives = [Self.objective(0, "A", weight: 100, cosa: nil, come: nil)]
        #expect(Self.violations([Self.member("E1", reason: "aspettativa")], objectives).isEmpty)
        var settings = IndividualSettings()
        settings.minimumMonthsOfService = 6
        #expect(Self.violations([Self.member("E1", months: 2)], objectives, settings: settings).isEmpty)
    }

    @Test("an assessable person without objectives cannot be scored")
    func noObjectives() throws {
        let found = Self.violations([Self.member("E1")], [])
        let v = try #require(found.first)
        #expect(v.record == .staff(0))
        #expect(Self.violations([Self.member("E1")], [], requireRatings: false).isEmpty)
    }

    @Test("every person but the Segretario Generale belongs to an Area", arguments: [Role.dipendente, .dirigente])
    func withoutArea(role: Role) throws {
        let found = Self.violations([Self.member("X", role: role, area: nil)], [Self.objective(0, "A", weight: 100)])
        let v = try #require(found.first)
        #expect(found.count == 1)
        #expect(v.record == .staff(0))
        #expect(v.field == "area")
    }

    @Test("an Area outside the plan's", arguments: [2, -1])
    func unknownArea(area: Int) {
        let found = Self.violations([Self.member("X", area: area)], [Self.objective(0, "A", weight: 100)])
        #expect(found.map(\.field) == ["area"])
    }

    @Test("several faults are all reported in one pass")
    func allAtOnce() {
        let found = Self.violations([Self.member("E1", area: nil), Self.member("E1")],
                                    [Self.objective(0, "A", weight: 40), Self.objective(1, "A", weight: 100, cosa: nil)])
        #expect(Set(found.map(\.field)) == ["area", "employee_id", "weight", "cosa"])
    }

    /// A cosa outside 0…6 passes `violations` and then `finalScores` indexes the matrix out of range (a crash).
    /// The rules: "cosa — what was achieved, an integer 0 … 6".
    @Test("a cosa outside 0…6 is refused before scoring", arguments: [7, -1])
    func cosaOutOfRange(cosa: Int) {
        let found = Self.violations([Self.member("E1")], [Self.objective(0, "A", weight: 100, cosa: cosa)])
        #expect(found.map(\.field) == ["cosa"])
    }

    /// A negative weight can make the weights "sum to 100" (150 − 50) and scores then leave 0…6.
    @Test("an objective weight is not negative, even when the weights sum to 100")
    func negativeWeight() {
        let found = Self.violations([Self.member("E1")], [Self.objective(0, "A", weight: 150), Self.objective(0, "B", weight: -50)])
        let fields = found.map(\.field)
        #expect(fields == ["weight", "weight"])
    }

    /// Months outside 0…12 or a part-time fraction outside 0…100 % give a share weight outside its range
    /// (a negative one pays negative money). `StaffMember` documents 0…12 and basis points up to 10000.
    @Test("months of service lie in 0…12 and the part-time fraction in 0…100 %", arguments: [
        (13, 10_000), (-1, 10_000), (12, 12_000), (12, -5_000),
    ])
    func serviceRanges(months: Int, partTime: Int) {
        let found = Self.violations([Self.member("E1", months: months, partTime: partTime)], [Self.objective(0, "A", weight: 100)])
        #expect(found.count == 1)
    }
}
