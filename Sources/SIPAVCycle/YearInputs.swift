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
    /// False for records from the database: a fault then names no line or field of a file (a key of `fund.yaml`
    /// means nothing to whoever keeps the fund on the web).
    public private(set) var namesFiles = true

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
        namesFiles = false
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

    /// Loads every file and checks the rules that span files. Throws `InputErrors` naming file, line and field: the
    /// faults of the settings and the fund together with those of the plan, when it has any (the staff list needs its
    /// Areas), else those of the staff list and, unless its ids are at fault, of the objectives' own rows (read against
    /// the ids the list has).
    /// `whilePlanning` (the objectives being planned, `--planning`): the plan's indicators may lack their measured values.
    public static func load(_ paths: InputPaths, requireRatings: Bool = true, whilePlanning: Bool = false) throws -> YearInputs {
        var faults: [InputError] = []
        func reading<T>(_ read: () throws -> T) throws -> T? {
            do { return try read() } catch let errors as InputErrors { faults += errors.errors; return nil }
        }
        // A settings file that cannot be read is said once, by the reading of its settings below.
        // nil when the file cannot be read; .some(nil) when there is no settings file.
        let settingsText: String?? = paths.settings.map { path in (try? String(contentsOfFile: path, encoding: .utf8)).map { .some($0) } }
            ?? .some(nil)
        let settings = try reading { try paths.settings.map { try SettingsFile.read(path: $0) } ?? Settings() }
        let lists = try reading {
            try readStaffBesidePlan(paths, whilePlanning: whilePlanning, objectiveWeights: settings?.organisation.objectiveWeights ?? false)
        }
        // An objectives file downloaded for another year than the plan's (its `year` column) is said so, alone: its rows'
        // faults, read against this year's staff, and the rules across files would only hide it.
        let otherYear = lists.flatMap { ObjectivesFile.otherYearFault($0.objectives.yearsNamed, file: paths.objectives, year: $0.plan.year) }
        // The faults of the objectives' rows, in their place among the files' faults: the rules across files are checked
        // all the same, on the rows read, and said with them.
        faults += otherYear.map { [$0] } ?? lists?.objectives.faults ?? []
        let fund = try reading { try FundFile.read(path: paths.fund) }
        guard let settingsText, let settings, let lists, let fund, otherYear == nil else {
            throw InputErrors(faults.isEmpty && paths.settings != nil
                              ? [InputError(file: paths.settings!, line: nil, field: nil, rule: InputError.missingOrUnreadable)] : faults)
        }
        let (plan, staff, objectives) = lists
        let staffLines = staff.lines
        let records = StaffRecords(staff: staff.staff, columns: staff.columns, ids: staff.ids, objectives: objectives.objectives)
        let inputs = YearInputs(plan: plan, records: records, fund: fund,
                                settings: settings, settingsText: settingsText)
        do {
            try inputs.check(paths, requireRatings: requireRatings, fromFiles: true, unread: objectives.unread) { record in
                switch record {
                case let .staff(row): (paths.staff, staffLines[row])
                case let .objective(row): (paths.objectives, objectives.lines[row])
                }
            }
        } catch {
            throw InputErrors(faults + error.errors)
        }
        try InputErrors.throwIfAny(faults)
        return inputs
    }

    /// The plan, the staff list and the objectives. The plan is read on a thread of its own while the two lists are
    /// read (they need its Areas only at the end): a large plan takes as long as a hundred thousand people. The faults
    /// come as if the files were read one after the other: the plan's first, then the staff list's, then the
    /// objectives'.
    private static func readStaffBesidePlan(_ paths: InputPaths, whilePlanning: Bool, objectiveWeights: Bool) throws(InputErrors)
        -> (plan: OrganisationalPlan, staff: StaffFile.Contents, objectives: ObjectivesFile.PartlyRead) {
        let plan = PlanReading(path: paths.plan, whilePlanning: whilePlanning, objectiveWeights: objectiveWeights)
        func planRead() throws(InputErrors) -> OrganisationalPlan { try plan.result().get() }
        // A variable, changed in place: the people are renumbered without a copy of the list.
        var early: StaffFile.ReadBeforePlan?
        do {
            early = try StaffFile.loadBeforePlan(path: paths.staff)
        } catch {
            _ = try planRead()
            throw error
        }
        guard early != nil else { return try readAfterPlan(paths, plan: try planRead()) }
        let objectives: ObjectivesFile.PartlyRead
        do {
            objectives = try ObjectivesFile.loadKeepingFaults(path: paths.objectives, staff: early!.staff, ids: early!.ids)
        } catch {
            let areas = try planRead().areas
            if early!.withAreas(areas) == nil {
                do { _ = try StaffFile.load(path: paths.staff, areas: areas) } catch let staffFaults {
                    throw InputErrors(staffFaults.errors + error.errors)
                }
            }
            throw error
        }
        let read = try planRead()
        guard let staff = early!.withAreas(read.areas) else { return try readAfterPlan(paths, plan: read) }
        return (read, staff, objectives)
    }

    /// The staff list and the objectives read once the plan is: for a staff list with something to report. The
    /// objectives' own faults come with the list's, read against the ids it has: both files are mended in one round.
    private static func readAfterPlan(_ paths: InputPaths, plan: OrganisationalPlan) throws(InputErrors)
        -> (plan: OrganisationalPlan, staff: StaffFile.Contents, objectives: ObjectivesFile.PartlyRead) {
        let staff: StaffFile.Contents
        do {
            staff = try StaffFile.load(path: paths.staff, areas: plan.areas)
        } catch {
            // Not when the ids themselves are at fault (blank, twice, differing in case alone), nor when a row could not
            // be read at all (its fields miscounted, a quote left open: its id is not known): whose each objective is is
            // then the list's to say first.
            guard !error.errors.contains(where: { $0.file == paths.staff && ($0.field == StaffFile.employeeIDField || $0.field == nil) }),
                  let ids = StaffFile.employeeIDs(path: paths.staff) else { throw error }
            throw InputErrors(error.errors + ObjectivesFile.faults(path: paths.objectives, staffIDs: ids, year: plan.year))
        }
        let objectives = try ObjectivesFile.loadKeepingFaults(path: paths.objectives, staff: staff.staff, ids: staff.ids)
        return (plan, staff, objectives)
    }

    /// The rules that span files; `place` names the file and line of a record. `fromFiles`: the records are files about
    /// to be stored, not a year on record, which the rules added since it was stored must not make unreadable (a year
    /// published with `d` beside `D` is still reported and verified as it was).
    public func check(_ paths: InputPaths, requireRatings: Bool, fromFiles: Bool = false, unread: UnreadObjectives = .none,
               place: (RecordViolation.Record) -> (file: String, line: Int?)) throws(InputErrors) {
        var errors: [InputError] = []
        if fund.year != plan.year {
            errors.append(InputError(file: paths.fund, line: YAMLLocations.line(in: paths.fund, key: "year"), field: "year", value: String(fund.year),
                                     rule: "the fund's year must be the plan's year (\(plan.year))"))
        }
        // A fund with no line at all, for people paid from it, is an omission rather than a fund of 0: it says so.
        for kind in FundKind.allCases where !fund.lines.contains(where: { $0.fund == kind })
            && records.staff.contains(where: { $0.role.fund == kind }) {
            errors.append(InputError(file: paths.fund, line: YAMLLocations.line(in: paths.fund, key: "lines"),
                                     field: paths.namesFiles ? "lines" : nil,
                                     rule: "the \(kind.rawValue) fund has no line, and the staff list has people paid from it: add its line (of 0 if it has nothing)"))
        }
        // And the other way round: money with nobody to pay would all go to the residual without a word.
        for kind in FundKind.allCases where fund.total(kind).value > 0 && !records.staff.contains(where: { $0.role.fund == kind }) {
            errors.append(InputError(file: paths.fund, line: YAMLLocations.line(in: paths.fund, key: "lines"),
                                     field: paths.namesFiles ? "lines" : nil,
                                     rule: "the \(kind.rawValue) fund holds money, and the staff list has nobody paid from it: check the staff list's roles, or make its lines 0"))
        }
        for area in plan.areas {
            guard let manager = area.manager else { continue }
            let rule: String
            if let person = records.person(withID: manager) {
                guard records.staff[person].role == .dipendente else { continue }
                rule = "the manager of Area \(area.id) is a dirigente or the Segretario Generale, not a dipendente"
            } else {
                rule = "the manager of Area \(area.id) must be in the staff list"
            }
            errors.append(InputError(file: paths.plan, line: YAMLLocations.line(in: paths.plan, list: "areas", id: area.id, key: "manager"),
                                     field: "areas.manager", value: manager, rule: rule))
        }
        let miswrittenForSettings = records.categoriesWrittenOtherwise(than: settings.fund.categoryParameters)
        for miswritten in miswrittenForSettings {
            let (file, line) = place(.staff(miswritten.person))
            errors.append(InputError(file: file, line: line, field: "category", value: miswritten.category,
                                     rule: "the settings give the category \(miswritten.setting) its share parameter: write it \(miswritten.setting) (a category they do not list weighs 1)"))
        }
        // The settings' spelling, when they list one, is the rule above's: the others are said here.
        for miswritten in fromFiles ? records.categoriesDifferingOnlyInCase(except: Set(settings.fund.categoryParameters.keys)) : [] {
            let (file, line) = place(.staff(miswritten.person))
            errors.append(InputError(file: file, line: line, field: "category", value: miswritten.category,
                                     rule: "the category differs from \(miswritten.usual) only in case: write it \(miswritten.usual) (each category is a group of the published statistics)"))
        }
        let noObjectiveRule = "an assessable person has at least one individual objective"
        var violations = records.violations(settings: settings.individual, areaCount: plan.areas.count, requireRatings: requireRatings,
                                            unread: unread)
        // An objectives file with no rows at all: said once, of that file, rather than once for every person.
        if records.objectives.isEmpty, violations.contains(where: { $0.rule == noObjectiveRule }) {
            violations.removeAll { $0.rule == noObjectiveRule }
            errors.append(InputError(file: paths.objectives, line: paths.namesFiles ? 1 : nil, field: nil,
                                     rule: "the file lists no objectives after its header, and every assessable person has at least one"))
        }
        for violation in violations {
            let (file, line) = place(violation.record)
            // A fault of a person's Area names the Area by its id, as the staff list writes it.
            let value = violation.field == "area"
                ? violation.value.flatMap { Int($0) }.flatMap { plan.areas.indices.contains($0) ? plan.areas[$0].id : nil } ?? violation.value
                : violation.value
            errors.append(InputError(file: file, line: line, field: violation.field, value: value, rule: violation.rule))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
    }
}
