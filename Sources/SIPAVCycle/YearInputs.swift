import Foundation
import SIPAV
import SIPAVFiles

/// Where a year's files are: a data folder holding `plan.yaml`, `staff.csv`, `objectives.csv` and
/// `fund.yaml`, each of which a flag may point elsewhere, and the settings file.
public struct InputPaths: Sendable {
    public var plan: String
    public var staff: String
    public var objectives: String
    public var fund: String
    public var settings: String?

    public init(directory: String, plan: String?, staff: String?, objectives: String?, fund: String?, settings: String?) {
        func inside(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        self.plan = plan ?? inside("plan.yaml")
        self.staff = staff ?? inside("staff.csv")
        self.objectives = objectives ?? inside("objectives.csv")
        self.fund = fund ?? inside("fund.yaml")
        self.settings = settings
    }

    /// Names for records that come from the database: errors then name the body and year.
    public init(database body: String, year: Int) {
        let place = "database (body \(body), year \(year))"
        (plan, staff, objectives, fund, settings) = (place + " plan", place + " staff", place + " objectives", place + " fund", nil)
    }
}

/// Everything one year's cycle reads, checked across files.
public struct YearInputs: Sendable {
    public let plan: OrganisationalPlan
    public let records: StaffRecords
    public let fund: Fund
    public let settings: Settings
    /// The settings file's text, kept with the year when it is stored.
    public let settingsText: String?

    /// Loads every file and checks the rules that span files. Throws `InputErrors` naming file, line and field.
    public static func load(_ paths: InputPaths, requireRatings: Bool = true) throws -> YearInputs {
        let settingsText = try paths.settings.map { path -> String in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InputErrors([InputError(file: path, line: nil, field: nil, rule: "the file does not exist or cannot be read")])
            }
            return text
        }
        let settings = try paths.settings.map { try SettingsFile.read(path: $0) } ?? Settings()
        let plan = try PlanFile.read(path: paths.plan)
        let staff = try StaffFile.load(path: paths.staff, areas: plan.areas)
        let staffLines = staff.lines
        let (objectives, objectiveLines) = try ObjectivesFile.load(path: paths.objectives, staff: staff.staff, ids: staff.ids)
        let fund = try FundFile.read(path: paths.fund)
        let records = StaffRecords(staff: staff.staff, columns: staff.columns, ids: staff.ids, objectives: objectives)
        let inputs = YearInputs(plan: plan, records: records, fund: fund,
                                settings: settings, settingsText: settingsText)
        try inputs.check(paths, requireRatings: requireRatings) { record in
            switch record {
            case let .staff(row): (paths.staff, staffLines[row])
            case let .objective(row): (paths.objectives, objectiveLines[row])
            }
        }
        return inputs
    }

    /// The rules that span files; `place` names the file and line of a record.
    public func check(_ paths: InputPaths, requireRatings: Bool,
               place: (RecordViolation.Record) -> (file: String, line: Int?)) throws {
        var errors: [InputError] = []
        if fund.year != plan.year {
            errors.append(InputError(file: paths.fund, line: nil, field: "year", value: String(fund.year),
                                     rule: "the fund's year must be the plan's year (\(plan.year))"))
        }
        for area in plan.areas {
            if let manager = area.manager, records.person(withID: manager) == nil {
                errors.append(InputError(file: paths.plan, line: nil, field: "areas.manager", value: manager,
                                         rule: "the manager of Area \(area.id) must be in the staff list"))
            }
        }
        for violation in records.violations(settings: settings.individual, areaCount: plan.areas.count,
                                            requireRatings: requireRatings) {
            let (file, line) = place(violation.record)
            errors.append(InputError(file: file, line: line, field: violation.field, value: violation.value, rule: violation.rule))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
    }
}
