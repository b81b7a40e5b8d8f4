import Foundation
import SIPAV
import SIPAVFiles

/// Where a year's files are: a data folder holding `plan.yaml`, `staff.csv`, `objectives.csv` and
/// `fund.yaml`, each of which a flag may point elsewhere, and the settings file.
struct InputPaths {
    var plan: String
    var staff: String
    var objectives: String
    var fund: String
    var settings: String?

    init(directory: String, plan: String?, staff: String?, objectives: String?, fund: String?, settings: String?) {
        func inside(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        self.plan = plan ?? inside("plan.yaml")
        self.staff = staff ?? inside("staff.csv")
        self.objectives = objectives ?? inside("objectives.csv")
        self.fund = fund ?? inside("fund.yaml")
        self.settings = settings
    }
}

/// Everything one year's cycle reads, loaded and checked across files.
struct YearInputs {
    let plan: OrganisationalPlan
    let records: StaffRecords
    let fund: Fund
    let settings: Settings

    /// Loads every file and checks the rules that span files. Throws `InputErrors` naming file, line and field.
    static func load(_ paths: InputPaths, requireRatings: Bool = true) throws -> YearInputs {
        let settings = try paths.settings.map { try SettingsFile.read(path: $0) } ?? Settings()
        let plan = try PlanFile.read(path: paths.plan)
        let (staff, staffLines) = try StaffFile.read(path: paths.staff, areas: plan.areas)
        let (objectives, objectiveLines) = try ObjectivesFile.read(path: paths.objectives, staff: staff)
        let fund = try FundFile.read(path: paths.fund)
        let records = StaffRecords(staff: staff, objectives: objectives)
        var errors: [InputError] = []
        if fund.year != plan.year {
            errors.append(InputError(file: paths.fund, line: nil, field: "year", value: String(fund.year),
                                     rule: "the fund's year must be the plan's year (\(plan.year))"))
        }
        for violation in records.violations(settings: settings.individual, areaCount: plan.areas.count,
                                            requireRatings: requireRatings) {
            switch violation.record {
            case let .staff(row):
                errors.append(InputError(file: paths.staff, line: staffLines[row], field: violation.field,
                                         value: violation.value, rule: violation.rule))
            case let .objective(row):
                errors.append(InputError(file: paths.objectives, line: objectiveLines[row], field: violation.field,
                                         value: violation.value, rule: violation.rule))
            }
        }
        for (row, member) in staff.enumerated() where settings.fund.categoryParameters[member.category] == nil {
            let known = settings.fund.categoryParameters.keys.sorted().joined(separator: ", ")
            errors.append(InputError(file: paths.staff, line: staffLines[row], field: "category", value: member.category,
                                     rule: "the category needs a parameter in the settings (fund.category_parameters: \(known))"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return YearInputs(plan: plan, records: records, fund: fund, settings: settings)
    }
}
