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
    /// The value as the record holds it; nil when the file's own text of it is not kept (a role written `SG`).
    public let value: String?
    public let rule: String
}

extension StaffRecords {
    /// Every rule the staff and their objectives break. `requireRatings` asks that every assessable
    /// person's objectives be rated (needed to score; not while objectives are being planned). The objectives of the
    /// `unread` people are not checked together: some of their rows are missing.
    public func violations(settings: IndividualSettings, areaCount: Int, requireRatings: Bool,
                           unread: UnreadObjectives = .none) -> [RecordViolation] {
        var found: [RecordViolation] = []
        let duplicates = columns.idsAreDistinct ? [:] : duplicateIDs()
        for index in staff.indices {
            if !duplicates.isEmpty, let duplicate = duplicates[index] { found.append(duplicate) }
            if staffRowIsPlain(index, areaCount: areaCount) { continue }
            let member = staff[index]
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
        found += segretarioGeneraleViolations() + caseOnlyDuplicates()
        let minimumMonths = settings.minimumMonthsOfService
        let codesByNumber = objectives.isCompact && objectives.codes.isASCII
        for person in staff.indices where !unread.includes(person) {
            let (start, end) = (objectiveStart[person], objectiveStart[person + 1])
            let assessable = !isNotAssessable(person, minimumMonths: minimumMonths)
            guard start < end else {
                if assessable && requireRatings {
                    found.append(.init(record: .staff(person), field: "employee_id", value: staff[person].id,
                                       rule: "an assessable person has at least one individual objective"))
                }
                continue
            }
            if codesByNumber && objectivesArePlain(start, end, checkRatings: requireRatings && assessable) { continue }
            let own = objectives[start..<end]
            // The person's faults together (weights, codes), each at its objective, before that objective's own.
            var together = PersonObjectivesRules.violations(own, employeeID: staff[person].id)[...]
            for index in own.indices {
                while let broken = together.first, start + broken.offset == index {
                    found.append(.init(record: .objective(inputRow(index)), field: broken.field, value: broken.value, rule: broken.rule))
                    together.removeFirst()
                }
                let objective = objectives[index]
                if !(1...10_000).contains(objective.weightBasisPoints) {
                    found.append(.init(record: .objective(inputRow(index)), field: "weight",
                                       value: DecimalText.format(Ratio(objective.weightBasisPoints, 100), digits: 2, decimalMark: ","),
                                       rule: "a weight lies above 0 and at most 100"))
                }
                if let cosa = objective.cosa, !(0...6).contains(cosa) {
                    found.append(.init(record: .objective(inputRow(index)), field: "cosa", value: String(cosa),
                                       rule: "cosa is an integer from 0 to 6"))
                }
                if requireRatings && assessable && (objective.cosa == nil || objective.come == nil) {
                    found.append(.init(record: .objective(inputRow(index)), field: objective.cosa == nil ? "cosa" : "come",
                                       value: "", rule: "every objective of an assessable person is rated before scoring"))
                }
            }
        }
        return found
    }

    /// The row of each repeated employee id, with its violation naming the row where the id was last seen.
    private func duplicateIDs() -> [Int: RecordViolation] {
        var found: [Int: RecordViolation] = [:]
        var seen: [String: Int] = [:]
        seen.reserveCapacity(staff.count)
        for (index, member) in staff.enumerated() {
            if let first = seen.updateValue(index, forKey: member.id) {
                found[index] = .init(record: .staff(index), field: "employee_id", value: member.id,
                                     rule: "each employee appears once (first at row \(first + 1))")
            }
        }
        return found
    }

    /// The body has one Segretario Generale, who belongs to no Area: a second would take the ente's appraisal beside
    /// the first (the organisation report showed one of them), and an Area would pay them an Area component.
    private func segretarioGeneraleViolations() -> [RecordViolation] {
        var found: [RecordViolation] = []
        var first: String?
        // By index, reading the role alone: a million people's records are not copied one by one.
        for index in staff.indices where staff[index].role == .segretarioGenerale {
            let member = staff[index]
            if let first {
                // The role as the file wrote it (SG, Segretario Generale…) is not kept: no value, rather than one not written.
                found.append(.init(record: .staff(index), field: "role", value: nil,
                                   rule: "the body has one Segretario Generale, and \(first) is one already"))
            } else {
                first = member.id
            }
            if member.area != nil {
                // The value is the Area's index here: the caller, who has the plan, names the Area (`YearInputs`).
                found.append(.init(record: .staff(index), field: "area", value: member.area.map(String.init) ?? "",
                                   rule: "the Segretario Generale belongs to no Area: leave the area empty"))
            }
        }
        return found
    }

    /// Ids that differ in case alone (`CaseAloneIDs`). Looked for by `String` only when two keys of the ids are one
    /// once upper-cased (or some id cannot be a key).
    private func caseOnlyDuplicates() -> [RecordViolation] {
        if let ids, !ids.someDifferInCaseAlone() { return [] }
        return CaseAloneIDs.pairs(staff.map(\.id)).map { index, first in
            let id = staff[index].id
            return .init(record: .staff(index), field: "employee_id", value: id,
                         rule: "\(id) differs from \(staff[first].id) in case alone: one person, or two ids to tell apart")
        }
    }

    /// Whether a staff row breaks none of the rules of a row, read from the columns.
    private func staffRowIsPlain(_ index: Int, areaCount: Int) -> Bool {
        guard columns.isCompact else { return false }
        let area = columns.area[index]
        let partTime = columns.partTime[index], months = columns.months[index]
        return (area >= 0 ? Int(area) < areaCount : staff[index].role == .segretarioGenerale)
            && (0...12).contains(months) && (1...10_000).contains(partTime)
    }

    /// Whether the objectives at `start..<end` (one person's) break no rule, read from the columns:
    /// weights in range summing to 100 %, distinct codes (told apart by number: every code is ASCII),
    /// cosa in range, and with `checkRatings` every objective rated.
    private func objectivesArePlain(_ start: Int, _ end: Int, checkRatings: Bool) -> Bool {
        var total = 0
        for position in start..<end {
            let weight = Int(objectives.weight[position])
            let cosa = objectives.cosa[position]
            guard (1...10_000).contains(weight), cosa <= 6 else { return false }
            if checkRatings && (cosa < 0 || objectives.come[position] == IndividualObjectives.notRated) { return false }
            let code = objectives.code[position]
            for other in start..<position where objectives.code[other] == code { return false }
            total += weight
        }
        return total == 10_000
    }
}
