import SIPAVTestSupport
import Foundation
import SIPAV
import SIPAVFiles
import SIPAVStore

/// Where the repository's files are, seen from this test file.
enum Repository {
    static let root = SipavBinary.repositoryRoot
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static let demoFolder = path("Sources/sipav/Demo")
}

/// The built-in demo body (277 staff, 2019), read with the file readers, with the example settings that
/// turn on redistribution and the top-rating increase.
enum DemoYear {
    private static let files: Result<YearRecords, any Error> = Result {
        let folder = Repository.demoFolder
        let plan = try PlanFile.read(path: folder + "/plan.yaml")
        let (staff, _) = try StaffFile.read(path: folder + "/staff.csv", areas: plan.areas)
        let (objectives, _) = try ObjectivesFile.read(path: folder + "/objectives.csv", staff: staff)
        let fund = try FundFile.read(path: folder + "/fund.yaml")
        let settings = try String(contentsOfFile: Repository.path("Config/example-redistribute.yaml"), encoding: .utf8)
        return YearRecords(body: "demo", plan: plan, records: StaffRecords(staff: staff, objectives: objectives), fund: fund,
                           settingsYAML: settings)
    }

    /// The demo year as body `body`.
    static func records(body: String = "demo") throws -> YearRecords {
        try files.get().with(body: body)
    }
}

/// A large body of the demo's shape: the demo's plan and fund, `staff` generated people (DIR001, the Areas'
/// managers DIR002…DIR004, E000001…) with three to six rated objectives each.
enum SyntheticYear {
    static func records(body: String, staff: Int, seed: UInt64 = 1, titles: Bool = false) throws -> YearRecords {
        let demo = try DemoYear.records(body: body)
        let generated = SyntheticBody(profile: .scaled(staff: staff, areaCount: demo.plan.areas.count, objectiveTitles: titles), seed: seed)
        return demo.with(records: StaffRecords(staff: generated.staff, objectives: generated.objectives))
    }
}

extension YearRecords {
    func with(body: String? = nil, plan: OrganisationalPlan? = nil, records: StaffRecords? = nil, fund: Fund? = nil) -> YearRecords {
        YearRecords(body: body ?? self.body, plan: plan ?? self.plan, records: records ?? self.records, fund: fund ?? self.fund,
                    settingsYAML: settingsYAML)
    }

    /// The same records for another year (the plan's and the fund's year).
    func with(year: Int) -> YearRecords {
        let plan = OrganisationalPlan(body: self.plan.body, year: year, strategicLines: self.plan.strategicLines,
                                      areas: self.plan.areas, objectives: self.plan.objectives, validated: self.plan.validated)
        return with(plan: plan, fund: Fund(year: year, lines: fund.lines, giunta: fund.giunta, oiv: fund.oiv))
    }

    /// The same staff with objectives changed by `change` (given each objective and its position).
    func changingObjectives(_ change: (Int, IndividualObjective) -> IndividualObjective) -> YearRecords {
        with(records: StaffRecords(staff: records.staff, objectives: records.objectives.enumerated().map { change($0.offset, $0.element) }))
    }

    var settings: Settings {
        get throws { try settingsYAML.map { try SettingsFile.parse(text: $0, file: "settings") } ?? Settings() }
    }

    /// Scores and allocation computed as the command line's `Cycle` does.
    func outcome() throws -> YearOutcome {
        let settings = try self.settings
        let organisation = try plan.results(settings: settings.organisation)
        let scores = records.finalScores(settings: settings.individual)
        let allocation = try AllocationInput(records: records, scores: scores, organisation: organisation, fund: fund)
            .allocate(settings: settings.fund)
        return YearOutcome(scores: scores, allocation: allocation)
    }

    /// Each person's computed amount in cents, by employee id.
    func computedCents() throws -> [String: Int64] {
        let allocation = try outcome().allocation
        let people = allocation.staff.people + allocation.managers.people
        return Dictionary(uniqueKeysWithValues: people.map { (records.staff[$0.person].id, $0.cents) })
    }

    /// The individual objectives as comparable rows, ordered by employee id and code.
    var objectiveRows: [ObjectiveRow] {
        records.objectives.map { objective in
            ObjectiveRow(employee: records.staff[objective.person].id, code: objective.code, title: objective.title,
                         weight: objective.weightBasisPoints, cosa: objective.cosa, come: objective.come?.letter)
        }.sorted { ($0.employee, $0.code) < ($1.employee, $1.code) }
    }

    var staffByID: [StaffMember] { records.staff.sorted { $0.id < $1.id } }
}

/// An individual objective without its position in a staff list, so that two lists can be compared.
struct ObjectiveRow: Hashable, CustomStringConvertible {
    let employee: String, code: String, title: String, weight: Int, cosa: Int?, come: String?
    var description: String { "\(employee)/\(code) \(weight) \(cosa.map(String.init) ?? "-")\(come ?? "-")" }
}

extension IndividualObjective {
    func with(cosa: Int?, come: Come? = nil, title: String? = nil) -> IndividualObjective {
        IndividualObjective(person: person, code: code, title: title ?? self.title, weightBasisPoints: weightBasisPoints,
                            cosa: cosa, come: come ?? self.come)
    }
}

extension StaffMember {
    func with(name: String? = nil, months: Int? = nil) -> StaffMember {
        StaffMember(id: id, name: name ?? self.name, role: role, category: category, area: area,
                    partTimeBasisPoints: partTimeBasisPoints, monthsOfService: months ?? monthsOfService,
                    notAssessableReason: notAssessableReason)
    }
}
