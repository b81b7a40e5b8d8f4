import PropertyBased
import Testing
@testable import SIPAV

/// A random body with random faults, for checking that the checks and scores read from the columns give what
/// the plain reading of the records gives: repeated ids, missing or unknown Areas, months and part time out of
/// range, weights and ratings out of range (beyond what the columns hold), repeated codes (some told apart only
/// by Unicode normalisation), unrated objectives.
struct RoughBody: Sendable, CustomTestStringConvertible {
    let staff: [StaffMember]
    let objectives: [IndividualObjective]
    let areaCount: Int
    let individual: IndividualSettings

    var records: StaffRecords { StaffRecords(staff: staff, objectives: objectives) }
    var testDescription: String { "\(staff.count) staff, \(objectives.count) objectives: \(staff.map(\.id)) \(objectives)" }

    static let generator = Generator<RoughBody, Shrink.None<RoughBody>>(run: { rng in RoughBody(using: &rng) })

    init(using rng: inout some RandomNumberGenerator) {
        func one<T>(_ values: [T]) -> T { values.randomElement(using: &rng)! }
        func rarely(_ perCent: Int = 10) -> Bool { Int.random(in: 0..<100, using: &rng) < perCent }
        areaCount = Int.random(in: 0...3, using: &rng)
        let count = Int.random(in: 1...40, using: &rng)
        let sortedIDs = rarely(50)
        var staff: [StaffMember] = []
        var objectives: [IndividualObjective] = []
        for person in 0..<count {
            let number = sortedIDs ? person : Int.random(in: 0..<(count * 2), using: &rng)
            var id = employeeID(number)
            if rarely(3) { id = one(["E\u{212A}1", "EK1", "é", "e\u{301}", "Ä1"]) }
            let role: Role = one([.dipendente, .dipendente, .dipendente, .dirigente, .segretarioGenerale])
            let area: Int? = rarely(8) ? nil : rarely(5) ? one([-1, 7, Int.max]) : Int.random(in: 0..<max(areaCount, 1), using: &rng)
            staff.append(StaffMember(
                id: id, name: "Persona", role: role, category: one(["C", "D", "B", "DIR", "Ç"]), area: area,
                partTimeBasisPoints: rarely() ? one([0, -5, 10_001, Int(Int32.max) + 1]) : one([10_000, 5_000, 8_333]),
                monthsOfService: rarely() ? one([-1, 13, Int(Int32.min) - 1]) : Int.random(in: 0...12, using: &rng),
                notAssessableReason: rarely() ? "non valutabile" : nil))
            let objectiveCount = Int.random(in: 0...4, using: &rng)
            for index in 0..<objectiveCount {
                let weight = rarely() ? one([0, -100, 10_001, 40_000, Int(Int16.min), 1_000_000]) : one([2_500, 5_000, 10_000, 3_333])
                let rated = !rarely()
                let cosa = rated ? (rarely() ? one([7, -1, 127, 128, -129, Int.max]) : Int.random(in: 0...6, using: &rng)) : nil
                let come: Come? = rated && !rarely(3) ? one(Come.allCases) : nil
                let code = rarely() ? one(["OB1", "OB1 ", "é", "e\u{301}", "OB\u{212A}"]) : "OB\(index + 1)"
                objectives.append(IndividualObjective(person: person, code: code, title: one(["", "Titolo", "Titolò"]),
                                                      weightBasisPoints: weight, cosa: cosa, come: come))
            }
        }
        self.staff = staff
        self.objectives = rarely(50) ? objectives.shuffled(using: &rng) : objectives
        var individual = IndividualSettings()
        individual.rounding = one(ScoreRounding.allCases)
        individual.minimumMonthsOfService = one([0, 0, 3])
        self.individual = individual
    }
}

/// The checks of `StaffRecords.violations` as they read the records one value at a time: the reference
/// for the reading from the columns.
func referenceViolations(_ records: StaffRecords, settings: IndividualSettings, areaCount: Int,
                         requireRatings: Bool) -> [RecordViolation] {
    let staff = records.staff
    let objectives = Array(records.objectives)
    let inputRow = records.inputRow
    var found: [RecordViolation] = []
    var seen: [String: Int] = [:]
    for (index, member) in staff.enumerated() {
        if let first = seen.updateValue(index, forKey: member.id) {
            found.append(.init(record: .staff(index), field: "employee_id", value: member.id,
                               rule: "each employee appears once (first at row \(first + 1))"))
        }
        if member.role != .segretarioGenerale && member.area == nil {
            found.append(.init(record: .staff(index), field: "area", value: "",
                               rule: "every person but the Segretario Generale belongs to an Area"))
        }
        if !(0...12).contains(member.monthsOfService) {
            found.append(.init(record: .staff(index), field: "months", value: String(member.monthsOfService),
                               rule: "months of service lie between 0 and 12"))
        }
        if !(1...10_000).contains(member.partTimeBasisPoints) {
            found.append(.init(record: .staff(index), field: "part_time",
                               value: DecimalText.format(Ratio(member.partTimeBasisPoints, 100), digits: 2, decimalMark: ","),
                               rule: "the part-time percent lies above 0 and at most 100"))
        }
        if let area = member.area, !(0..<areaCount).contains(area) {
            found.append(.init(record: .staff(index), field: "area", value: String(area), rule: "the Area must be one of the plan's"))
        }
    }
    var segretario: String?
    for (index, member) in staff.enumerated() where member.role == .segretarioGenerale {
        if let segretario {
            found.append(.init(record: .staff(index), field: "role", value: nil,
                               rule: "the body has one Segretario Generale, and \(segretario) is one already"))
        } else {
            segretario = member.id
        }
        if member.area != nil {
            found.append(.init(record: .staff(index), field: "area", value: member.area.map(String.init) ?? "",
                               rule: "the Segretario Generale belongs to no Area: leave the area empty"))
        }
    }
    var exactly: Set<String> = [], folded: [String: Int] = [:]
    for (index, member) in staff.enumerated() where exactly.insert(member.id).inserted {
        if let first = folded[member.id.lowercased()] {
            found.append(.init(record: .staff(index), field: "employee_id", value: member.id,
                               rule: "\(member.id) differs from \(staff[first].id) in case alone: one person, or two ids to tell apart"))
        } else {
            folded[member.id.lowercased()] = index
        }
    }
    for person in staff.indices {
        let range = records.objectiveStart[person]..<records.objectiveStart[person + 1]
        let own = objectives[range]
        let assessable = records.notAssessableReason(person, settings: settings) == nil
        guard let first = own.indices.first else {
            if assessable && requireRatings {
                found.append(.init(record: .staff(person), field: "employee_id", value: staff[person].id,
                                   rule: "an assessable person has at least one individual objective"))
            }
            continue
        }
        let total = own.reduce(0) { $0 &+ $1.weightBasisPoints }
        if own.allSatisfy({ (1...10_000).contains($0.weightBasisPoints) }) && total != 10_000 {
            found.append(.init(record: .objective(inputRow[first]), field: "weight",
                               value: DecimalText.format(Ratio(total, 100), digits: 2, decimalMark: ","),
                               rule: "the weights of \(staff[person].id)'s objectives sum to "
                                   + DecimalText.format(Ratio(total, 100), digits: 2, decimalMark: ",") + ", not 100"))
        }
        var codes = Set<String>()
        for index in own.indices {
            let objective = objectives[index]
            if !codes.insert(objective.code).inserted {
                found.append(.init(record: .objective(inputRow[index]), field: "objective", value: objective.code,
                                   rule: "each objective of a person appears once"))
            }
            if !(1...10_000).contains(objective.weightBasisPoints) {
                found.append(.init(record: .objective(inputRow[index]), field: "weight",
                                   value: DecimalText.format(Ratio(objective.weightBasisPoints, 100), digits: 2, decimalMark: ","),
                                   rule: "a weight lies above 0 and at most 100"))
            }
            if let cosa = objective.cosa, !(0...6).contains(cosa) {
                found.append(.init(record: .objective(inputRow[index]), field: "cosa", value: String(cosa),
                                   rule: "cosa is an integer from 0 to 6"))
            }
            if requireRatings && assessable && (objective.cosa == nil || objective.come == nil) {
                found.append(.init(record: .objective(inputRow[index]), field: objective.cosa == nil ? "cosa" : "come",
                                   value: "", rule: "every objective of an assessable person is rated before scoring"))
            }
        }
    }
    return found
}
