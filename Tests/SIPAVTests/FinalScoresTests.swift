import Testing
@testable import SIPAV

/// Rules §2.2: the final score is the weighted mean of the objective scores, rounded; its band.
@Suite("Final scores and bands")
struct FinalScoresTests {
    /// One employee rated on objectives given as (weight %, cosa, come).
    static func rated(_ ratings: [(Int, Int, Come)], months: Int = 12, reason: String? = nil) -> StaffRecords {
        let member = StaffMember(id: "E001", name: "Rossi Maria", role: .dipendente, category: "C", area: 0,
                                 monthsOfService: months, notAssessableReason: reason)
        let objectives = ratings.enumerated().map { index, rating in
            IndividualObjective(person: 0, code: "OB\(index + 1)", weightBasisPoints: rating.0 * 100, cosa: rating.1, come: rating.2)
        }
        return StaffRecords(staff: [member], objectives: objectives)
    }

    static func settings(_ rounding: ScoreRounding = .halfUp) -> IndividualSettings {
        var s = IndividualSettings()
        s.rounding = rounding
        return s
    }

    @Test("weights 50/30/20 on scores 6, 5, 3 give 5.1, reported 5 with the unrounded value kept")
    func weightedMean() {
        // Objective scores: A/6 → 6, B/6 → 5, C/5 → 3.  0.5 × 6 + 0.3 × 5 + 0.2 × 3 = 5.1
        let scores = Self.rated([(50, 6, .a), (30, 6, .b), (20, 5, .c)]).finalScores(settings: Self.settings())
        #expect(scores.unrounded(0) == Ratio(51, 10))
        #expect(scores.score[0] == 5)
        #expect(scores.band(0) == .alta)
        #expect(scores.isAssessable(0))
    }

    @Test("weights in basis points keep fractions of a percent exact")
    func basisPoints() {
        // 33.34 % × 6 + 33.33 % × 3 + 33.33 % × 0 = 2.0004 + 0.9999 = 3.0003
        let member = StaffMember(id: "E1", name: "Bianchi", role: .dipendente, category: "D", area: 0)
        let records = StaffRecords(staff: [member], objectives: [
            IndividualObjective(person: 0, code: "A", weightBasisPoints: 3334, cosa: 6, come: .a),
            IndividualObjective(person: 0, code: "B", weightBasisPoints: 3333, cosa: 3, come: .a),
            IndividualObjective(person: 0, code: "C", weightBasisPoints: 3333, cosa: 0, come: .a),
        ])
        let scores = records.finalScores(settings: Self.settings())
        #expect(scores.unrounded(0) == Ratio(30003, 10000))
        #expect(scores.score[0] == 3)
    }

    struct Half: Sendable, CustomTestStringConvertible {
        let ratings: [(Int, Int, Come)]
        let unrounded: Ratio
        let halfUp: Int8
        let halfEven: Int8
        let floor: Int8
        var testDescription: String { "unrounded \(unrounded)" }
    }

    @Test("rounding exactly at .5 and around it", arguments: [
        // 50/30/20 on 5, 6, 1: 2.5 + 1.8 + 0.2 = 4.5
        Half(ratings: [(50, 5, .a), (30, 6, .a), (20, 1, .a)], unrounded: Ratio(9, 2), halfUp: 5, halfEven: 4, floor: 4),
        // 50/50 on 6 and 5: 5.5
        Half(ratings: [(50, 6, .a), (50, 5, .a)], unrounded: Ratio(11, 2), halfUp: 6, halfEven: 6, floor: 5),
        // 50/50 on 3 and 2: 2.5
        Half(ratings: [(50, 3, .a), (50, 2, .a)], unrounded: Ratio(5, 2), halfUp: 3, halfEven: 2, floor: 2),
        // 50/50 on 2 and 1: 1.5 — the band changes with the rounding
        Half(ratings: [(50, 2, .a), (50, 1, .a)], unrounded: Ratio(3, 2), halfUp: 2, halfEven: 2, floor: 1),
        // 50/50 on 1 and 0: 0.5
        Half(ratings: [(50, 1, .a), (50, 0, .a)], unrounded: Ratio(1, 2), halfUp: 1, halfEven: 0, floor: 0),
        // 51/49 on 5 and 4: 4.51
        Half(ratings: [(51, 5, .a), (49, 4, .a)], unrounded: Ratio(451, 100), halfUp: 5, halfEven: 5, floor: 4),
        // 49/51 on 5 and 4: 4.49
        Half(ratings: [(49, 5, .a), (51, 4, .a)], unrounded: Ratio(449, 100), halfUp: 4, halfEven: 4, floor: 4),
        // 100 % on 6
        Half(ratings: [(100, 6, .a)], unrounded: Ratio(6), halfUp: 6, halfEven: 6, floor: 6),
    ])
    func rounding(_ c: Half) {
        let records = Self.rated(c.ratings)
        for (rounding, expected) in [(ScoreRounding.halfUp, c.halfUp), (.halfEven, c.halfEven), (.floor, c.floor)] {
            let scores = records.finalScores(settings: Self.settings(rounding))
            #expect(scores.unrounded(0) == c.unrounded)
            #expect(scores.score[0] == expected, "\(rounding.rawValue)")
        }
    }

    @Test("the default rounding is half-up")
    func defaultRounding() {
        #expect(IndividualSettings().rounding == .halfUp)
    }

    @Test("bands: BASSA 0–1, MEDIA 2–4, ALTA 5–6", arguments: [
        (0, Band.bassa), (1, .bassa), (2, .media), (3, .media), (4, .media), (5, .alta), (6, .alta),
    ])
    func bands(score: Int, band: Band) {
        let scores = Self.rated([(100, score, .a)]).finalScores(settings: Self.settings())
        #expect(scores.score[0] == Int8(score))
        #expect(scores.band(0) == band)
    }

    @Test("bands are ordered BASSA < MEDIA < ALTA")
    func bandOrder() {
        #expect(Band.bassa < .media)
        #expect(Band.media < .alta)
        #expect(Band.allCases.sorted() == [.bassa, .media, .alta])
    }

    @Test("not assessable, with a reason: score −1, band BASSA, the reason kept")
    func notAssessable() {
        let scores = Self.rated([], reason: "in servizio da novembre").finalScores(settings: Self.settings())
        #expect(scores.score[0] == -1)
        #expect(!scores.isAssessable(0))
        #expect(scores.band(0) == .bassa)
        #expect(scores.notAssessableReason[0] == "in servizio da novembre")
    }

    @Test("a not-assessable appraisal is not assessable even when rated")
    func notAssessableEvenIfRated() {
        let scores = Self.rated([(100, 6, .a)], reason: "aspettativa").finalScores(settings: Self.settings())
        #expect(scores.score[0] == -1)
        #expect(scores.band(0) == .bassa)
    }

    @Test("minimum months of service: fewer months make the appraisal not assessable", arguments: [
        (3, 6, false), (5, 6, false), (6, 6, true), (12, 6, true), (0, 0, true), (1, 0, true),
    ])
    func minimumMonths(months: Int, minimum: Int, assessable: Bool) {
        var settings = Self.settings()
        settings.minimumMonthsOfService = minimum
        let scores = Self.rated([(100, 6, .a)], months: months).finalScores(settings: settings)
        #expect(scores.isAssessable(0) == assessable)
        if assessable {
            #expect(scores.score[0] == 6)
            #expect(scores.notAssessableReason[0] == nil)
        } else {
            #expect(scores.score[0] == -1)
            #expect(scores.band(0) == .bassa)
            #expect(scores.notAssessableReason[0]?.contains("\(minimum)") == true)
        }
    }

    @Test("the minimum months of service default to 0: no minimum")
    func minimumDefault() {
        #expect(IndividualSettings().minimumMonthsOfService == 0)
    }
}
