/// How the weighted mean of the objective scores becomes the integer final score.
public enum ScoreRounding: String, Sendable, CaseIterable {
    case halfUp = "half_up"
    case halfEven = "half_even"
    case floor
}

/// The *fascia*: the band of a final score.
public enum Band: String, Sendable, CaseIterable, Comparable {
    /// Negative or not assessable: no bonus at all.
    case bassa = "BASSA"
    /// Good; 4 = "objectives met".
    case media = "MEDIA"
    /// Better than good; only a 6 earns the full amount.
    case alta = "ALTA"

    public static func < (a: Band, b: Band) -> Bool { a.order < b.order }
    private var order: Int { self == .bassa ? 0 : self == .media ? 1 : 2 }
}

/// Settings of the individual performance.
public struct IndividualSettings: Sendable, Hashable {
    public var matrix: CosaComeMatrix = .report
    public var rounding: ScoreRounding = .halfUp
    /// The band of each final score 0…6.
    public var bandOfScore: [Band] = [.bassa, .bassa, .media, .media, .media, .alta, .alta]
    /// Fewer months of service than this make an appraisal not assessable; 0 = no minimum.
    public var minimumMonthsOfService: Int = 0
    public init() {}
}

/// The final scores of a year's staff, in staff order.
public struct FinalScores: Sendable {
    /// The unrounded weighted mean of the objective scores, times 10000 (weights are in basis points).
    public let weightedSum: [Int32]
    /// The final score 0…6, or -1 when the appraisal is not assessable.
    public let score: [Int8]
    /// Why an appraisal is not assessable (from the records or the months-of-service rule); nil otherwise.
    public let notAssessableReason: NotAssessableReasons
    public let bandOfScore: [Band]

    public var count: Int { score.count }
    public func isAssessable(_ person: Int) -> Bool { score[person] >= 0 }
    /// The unrounded final score: the weighted mean of the objective scores.
    public func unrounded(_ person: Int) -> Ratio { Ratio(Int(weightedSum[person]), 10_000) }
    /// A not-assessable appraisal counts in the lowest band.
    public func band(_ person: Int) -> Band { score[person] < 0 ? .bassa : bandOfScore[Int(score[person])] }
}

/// Why each appraisal is not assessable, in staff order, nil for an assessable one. Only the people with a
/// reason are kept: a large body has few, and a column of a million optional strings costs a reference count
/// for each when made.
public struct NotAssessableReasons: RandomAccessCollection, Sendable, Equatable {
    public let count: Int
    private let reasons: [Int: String]

    public init(count: Int, reasons: [Int: String]) {
        precondition(reasons.keys.allSatisfy { (0..<count).contains($0) }, "a reason for a person beyond the staff")
        (self.count, self.reasons) = (count, reasons)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(person: Int) -> String? {
        precondition(indices.contains(person), "person \(person) beyond the staff of \(count)")
        return reasons[person]
    }
}

extension StaffRecords {
    /// Why a person's appraisal is not assessable, or nil.
    public func notAssessableReason(_ person: Int, settings: IndividualSettings) -> String? {
        let member = staff[person]
        if let reason = member.notAssessableReason { return reason }
        if member.monthsOfService < settings.minimumMonthsOfService {
            return "servizio inferiore a \(settings.minimumMonthsOfService) mesi"
        }
        return nil
    }

    /// Whether `notAssessableReason` gives a reason, read from the columns.
    func isNotAssessable(_ person: Int, minimumMonths: Int) -> Bool {
        if columns.hasReason[person] { return true }
        return columns.isCompact ? Int(columns.months[person]) < minimumMonths : staff[person].monthsOfService < minimumMonths
    }

    /// How many objectives of assessable people are not yet rated: what a year being planned or rated still waits for
    /// before it is scored (a person not assessable needs no rating).
    public func unratedObjectives(settings: IndividualSettings) -> Int {
        var count = 0
        for person in staff.indices where !isNotAssessable(person, minimumMonths: settings.minimumMonthsOfService) {
            for index in objectiveStart[person]..<objectiveStart[person + 1] where objectives[index].cosa == nil || objectives[index].come == nil {
                count += 1
            }
        }
        return count
    }

    /// The final score of every person. A person with an objective not yet rated has none (`FinalScores.notYetRated`):
    /// only records that passed `violations(requireRatings: true)` may be allocated.
    public func finalScores(settings: IndividualSettings) -> FinalScores {
        let matrix = settings.matrix.rows.flatMap { $0.map(Int32.init) }
        var weightedSum = [Int32](repeating: 0, count: staff.count)
        var score = [Int8](repeating: -1, count: staff.count)
        let minimumMonths = settings.minimumMonthsOfService
        let compact = objectives.isCompact
        // Each person's score depends on their own rows only: a large staff is scored in two halves at once,
        // each writing its own part of the columns.
        let parts = weightedSum.withUnsafeMutableBufferPointer { weightedSum in
            score.withUnsafeMutableBufferPointer { score in
                nonisolated(unsafe) let (weightedSum, score) = (weightedSum, score)
                return inHalves(staff.indices) { people in
                    scorePeople(people, matrix: matrix, compact: compact, minimumMonths: minimumMonths, settings: settings,
                                weightedSum: weightedSum, score: score)
                }
            }
        }
        var reasons: [Int: String] = [:]
        for part in parts {
            for (person, reason) in part { reasons[person] = reason }
        }
        return FinalScores(weightedSum: weightedSum, score: score,
                           notAssessableReason: NotAssessableReasons(count: staff.count, reasons: reasons),
                           bandOfScore: settings.bandOfScore)
    }
    /// Scores `people` into their places of the columns; returns the reasons of those who have no score.
    private func scorePeople(_ people: Range<Int>, matrix: [Int32], compact: Bool, minimumMonths: Int, settings: IndividualSettings,
                             weightedSum: UnsafeMutableBufferPointer<Int32>, score: UnsafeMutableBufferPointer<Int8>)
        -> [(person: Int, reason: String)] {
        var reasons: [(person: Int, reason: String)] = []
        objectives.weight.withUnsafeBufferPointer { weight in
            objectives.cosa.withUnsafeBufferPointer { cosa in
                objectives.come.withUnsafeBufferPointer { come in
                    for person in people {
                        if isNotAssessable(person, minimumMonths: minimumMonths) {
                            if let reason = notAssessableReason(person, settings: settings) { reasons.append((person, reason)) }
                            continue
                        }
                        var sum: Int32 = 0
                        var rated = true
                        for position in objectiveStart[person]..<objectiveStart[person + 1] {
                            let objectiveWeight: Int32, rating: Int
                            if compact {
                                guard come[position] != IndividualObjectives.notRated, cosa[position] >= 0 else {
                                    rated = false
                                    break
                                }
                                precondition(cosa[position] <= 6, "cosa lies in 0…6")
                                (objectiveWeight, rating) = (Int32(weight[position]), Int(come[position]) * 7 + Int(cosa[position]))
                            } else {
                                let objective = objectives[position]
                                guard let come = objective.come, let cosa = objective.cosa else {
                                    rated = false
                                    break
                                }
                                precondition((0...6).contains(cosa), "cosa lies in 0…6")
                                (objectiveWeight, rating) = (Int32(objective.weightBasisPoints), Int(come.rawValue) * 7 + cosa)
                            }
                            sum += objectiveWeight * matrix[rating]
                        }
                        // While objectives are planned (not yet rated) there is no score: the person stays without one.
                        guard rated else {
                            reasons.append((person, FinalScores.notYetRated))
                            continue
                        }
                        weightedSum[person] = sum
                        score[person] = Int8(FinalScores.round(sum, settings.rounding))
                    }
                }
            }
        }
        return reasons
    }
}

extension FinalScores {
    /// The reason shown for a person whose objectives are not all rated yet (planning).
    public static let notYetRated = "valutazione non ancora completa"

    /// Rounds `weightedSum / 10000` to an integer the way the setting says.
    static func round(_ weightedSum: Int32, _ rounding: ScoreRounding) -> Int32 {
        let (whole, rest) = weightedSum.quotientAndRemainder(dividingBy: 10_000)
        switch rounding {
        case .floor: return whole
        case .halfUp: return rest >= 5_000 ? whole + 1 : whole
        case .halfEven: return rest > 5_000 || (rest == 5_000 && whole % 2 == 1) ? whole + 1 : whole
        }
    }
}
