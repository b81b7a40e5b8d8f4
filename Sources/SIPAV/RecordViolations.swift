/// A rule broken by one record of the staff files: the readers turn `record` into a file and line.
public struct RecordViolation: Sendable, Hashable {
    public enum Record: Sendable, Hashable {
        /// A row of the staff list, by position.
        case staff(Int)
        /// A row of the individual objectives, by its position in the input.
        case objective(Int)
    }
    public let record: Record
    public let field: String
    public let value: String
    public let rule: String
}

extension StaffRecords {
    /// Every rule the staff and their objectives break. `requireRatings` asks that every assessable
    /// person's objectives be rated (needed to score; not while objectives are being planned).
    public func violations(settings: IndividualSettings, areaCount: Int, requireRatings: Bool) -> [RecordViolation] {
        var found: [RecordViolation] = []
        var seen: [String: Int] = [:]
        seen.reserveCapacity(staff.count)
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
        for person in staff.indices {
            let own = objectives(of: person)
            let assessable = notAssessableReason(person, settings: settings) == nil
            guard let first = own.indices.first else {
                if assessable && requireRatings {
                    found.append(.init(record: .staff(person), field: "employee_id", value: staff[person].id,
                                       rule: "an assessable person has at least one individual objective"))
                }
                continue
            }
            let total = own.reduce(0) { $0 + $1.weightBasisPoints }
            let weightsInRange = own.allSatisfy { (1...10_000).contains($0.weightBasisPoints) }
            if weightsInRange && total != 10_000 {
                found.append(.init(record: .objective(inputRow[first]), field: "weight",
                                   value: DecimalText.format(Ratio(total, 100), digits: 2, decimalMark: ","),
                                   rule: "the weights of \(staff[person].id)'s objectives sum to 100"))
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
}
