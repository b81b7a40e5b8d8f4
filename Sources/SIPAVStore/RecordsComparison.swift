import SIPAV

extension YearRecords {
    /// Whether `other` holds the same records: the plan, the fund, the settings, and the same people with
    /// the same objectives and ratings, whatever the order of the people.
    func holdsTheSameRecords(as other: YearRecords) -> Bool {
        guard plan == other.plan && fund == other.fund && settingsYAML == other.settingsYAML else { return false }
        // Records read back from the store list people in the same order every time: compared as they are,
        // without building a dictionary of a million people.
        if records.staff == other.records.staff && records.objectives == other.records.objectives { return true }
        return peopleByID == other.peopleByID
    }

    /// Each person's situation and objectives, by employee id (Area by id, so the plan's order does not matter).
    private var peopleByID: [String: PersonRecord] {
        var people: [String: PersonRecord] = [:]
        people.reserveCapacity(records.staff.count)
        for (person, member) in records.staff.enumerated() {
            people[member.id] = PersonRecord(
                name: member.name, role: member.role, category: member.category,
                area: member.area.map { plan.areas[$0].id }, partTime: member.partTimeBasisPoints,
                months: member.monthsOfService, notAssessable: member.notAssessableReason,
                objectives: records.objectives(of: person).map {
                    ObjectiveRecord(code: $0.code, title: $0.title, weight: $0.weightBasisPoints, cosa: $0.cosa, come: $0.come)
                })
        }
        return people
    }
}

private struct PersonRecord: Equatable {
    let name: String, role: Role, category: String, area: String?, partTime: Int, months: Int, notAssessable: String?
    let objectives: [ObjectiveRecord]
}

private struct ObjectiveRecord: Equatable {
    let code: String, title: String, weight: Int, cosa: Int?, come: Come?
}
