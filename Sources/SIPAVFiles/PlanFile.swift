import Foundation
import SIPAV

/// Reads the organisational plan (YAML): the body, the year, the strategic lines, the Areas, the
/// objectives with their indicators, target scales and measured values, and the figures the OIV
/// validated.
public enum PlanFile: YAMLFile {
    /// The years a plan may be of (and a fund): those the database keeps.
    public static let years = YAMLReader.years
    /// How the file is read: call `read(path:)`, `parse(bytes:file:)` or `parse(text:file:)`.
    public static let reading = YAMLReading<OrganisationalPlan> { root, yaml in PlanReader.read(root, &yaml) }

    /// The plan read as a year's settings need it. With `objectiveWeights` (the setting `organisation.objective_weights`)
    /// an objective without a weight beside others with one is refused: it would weigh 1 against their 40 or 30 without
    /// a word. `whilePlanning`: as `PlanFileWhilePlanning` reads it.
    public static func read(path: String, whilePlanning: Bool, objectiveWeights: Bool) throws(InputErrors) -> OrganisationalPlan {
        let root = try YAMLReader.root(bytes: InputFile.bytes(path: path), file: path)
        return try YAMLReader.read(root, file: path) { root, yaml in
            PlanReader.read(root, &yaml, measurementsRequired: !whilePlanning, weightsRequired: objectiveWeights)
        }
    }
}

/// The plan of a year whose objectives are being planned (`--planning`): an indicator not yet measured may lack its
/// measured value, which the plan of a year to be allocated must have. Everything else is read as `PlanFile` reads it.
public enum PlanFileWhilePlanning: YAMLFile {
    public static let reading = YAMLReading<OrganisationalPlan> { root, yaml in
        PlanReader.read(root, &yaml, measurementsRequired: false)
    }
}

/// The reading of one plan: the YAML reader and the ids met so far, which later nodes refer to.
struct PlanReader {
    var yaml: YAMLReader
    var lineIDs: [String] = []
    var areaIDs: [String] = []
    /// The first Area of each case-insensitive id, as `knownArea` finds it.
    var areasByLowercasedID: [String: String] = [:]
    /// The line of each id met so far, to name it when an id comes again.
    var lineLines: [String: Int] = [:]
    var areaLines: [String: Int] = [:]
    var objectiveIDs: [String: Int] = [:]
    var indicatorIDs: [String: Int] = [:]
    /// The plan's year, once read: a completion date is checked against it.
    var year: Int?
    /// The validated figures' scopes met so far (`ente`, `area:AREA1`, `objective:1`), with their lines.
    var validatedScopes: [String: Int] = [:]
    /// Whether every indicator that is not suppressed needs its measured value (false while planning).
    var measurementsRequired = true
    /// Whether the objectives are weighed (`organisation.objective_weights`): then all have a weight or none has.
    var weightsRequired = false
    /// The objectives read without a `weight`, with their lines, and how many have one.
    var unweightedObjectives: [(id: String, line: Int?)] = []
    var weightedObjectives = 0

    /// The plan in `root`, its faults left in `yaml`.
    static func read(_ root: YAMLField, _ yaml: inout YAMLReader, measurementsRequired: Bool = true,
                     weightsRequired: Bool = false) -> OrganisationalPlan? {
        var reader = PlanReader(yaml: yaml)
        (reader.measurementsRequired, reader.weightsRequired) = (measurementsRequired, weightsRequired)
        defer { yaml = reader.yaml }
        return reader.plan(root)
    }

    mutating func plan(_ root: YAMLField) -> OrganisationalPlan? {
        let top = yaml.mapping(root, keys: ["body", "year", "strategic_lines", "areas", "objectives", "validated"],
                               required: ["body", "year", "strategic_lines", "areas", "objectives"])
        let body = yaml.text(top?["body"])
        let year = yaml.integer(top?["year"], in: YAMLReader.years, YAMLReader.yearRule)
        self.year = year
        let lines = strategicLines(top?["strategic_lines"])
        let areas = self.areas(top?["areas"])
        var objectives: [Objective] = []
        for element in yaml.sequence(top?["objectives"], minimum: 1, what: "objective") ?? [] {
            if let objective = objective(element) { objectives.append(objective) }
        }
        if weightsRequired { requireEveryWeight() }
        var validated: [ValidatedResult] = []
        for element in yaml.sequence(top?["validated"]) ?? [] {
            if let figure = validatedResult(element) { validated.append(figure) }
        }
        guard let body, let year, let lines, let areas else { return nil }
        return OrganisationalPlan(body: body, year: year, strategicLines: lines, areas: areas,
                                  objectives: objectives, validated: validated)
    }

    private mutating func strategicLines(_ field: YAMLField?) -> [StrategicLine]? {
        guard let list = yaml.sequence(field, minimum: 1, what: "strategic line") else { return nil }
        var lines: [StrategicLine] = []
        for element in list {
            let entry = yaml.mapping(element, keys: ["id", "name"], required: ["id", "name"])
            let (id, name) = (yaml.text(entry?["id"]), yaml.text(entry?["name"]))
            guard let id, let name, unique(id, entry?["id"], \.lineLines, "strategic line") else { continue }
            lines.append(StrategicLine(id: id, name: name))
        }
        lineIDs = lines.map(\.id)
        return lines
    }

    private mutating func areas(_ field: YAMLField?) -> [Area]? {
        guard let list = yaml.sequence(field) else { return nil }
        var areas: [Area] = []
        for element in list {
            let entry = yaml.mapping(element, keys: ["id", "name", "manager"], required: ["id", "name"])
            let (id, name, manager) = (yaml.text(entry?["id"]), yaml.text(entry?["name"]), yaml.text(entry?["manager"]))
            // Owners and scopes name an Area whatever its case, so two ids that differ only in case would be one.
            guard let id, let name, unique(id, entry?["id"], \.areaLines, "Area", key: id.lowercased()) else { continue }
            if id.lowercased() == "ente", let field = entry?["id"] {
                yaml.fault(field, "an Area cannot be called ente: that word is the owner of the body's own objectives")
                continue
            }
            areas.append(Area(id: id, name: name, manager: manager))
        }
        areaIDs = areas.map(\.id)
        areasByLowercasedID = Dictionary(areaIDs.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return areas
    }

    private mutating func objective(_ field: YAMLField) -> Objective? {
        let entry = yaml.mapping(field, keys: ["id", "title", "owner", "lines", "weight", "indicators"],
                                 required: ["id", "title", "owner", "lines", "indicators"])
        let id = yaml.text(entry?["id"])
        let isNew = id.map { unique($0, entry?["id"], \.objectiveIDs, "objective") } ?? false
        let title = yaml.text(entry?["title"])
        let owner = self.owner(entry?["owner"])
        var lines: [String] = []
        for element in yaml.sequence(entry?["lines"], minimum: 1, what: "strategic line") ?? [] {
            guard let line = yaml.text(element) else { continue }
            // A plan without strategic lines has its own fault: naming none here would say nothing more.
            guard lineIDs.isEmpty || lineIDs.contains(line) else {
                yaml.fault(element, "unknown strategic line; the plan's lines are \(listed(lineIDs))")
                continue
            }
            guard !lines.contains(line) else {
                yaml.fault(element, "an objective names each strategic line once: \(line) is already in its list")
                continue
            }
            lines.append(line)
        }
        if entry?["weight"] != nil { weightedObjectives += 1 } else if let id { unweightedObjectives.append((id, field.line)) }
        let weight = entry?["weight"] == nil ? .one
            : yaml.unambiguousDecimal(entry?["weight"], "the weight of an objective is a number above 0", valid: { $0 > .zero })
        var indicators: [Indicator] = []
        for element in yaml.sequence(entry?["indicators"], minimum: 1, what: "indicator") ?? [] {
            if let indicator = indicator(element, compositeAllowed: true) { indicators.append(indicator) }
        }
        guard let id, isNew, let title, let owner, !lines.isEmpty, let weight, !indicators.isEmpty else { return nil }
        return Objective(id: id, title: title, owner: owner, strategicLines: lines, weight: weight, indicators: indicators)
    }

    /// With weighed objectives, a fault for each objective without a weight when others have one. None with a weight
    /// is no fault: the objectives weigh the same, and the results are plain means.
    private mutating func requireEveryWeight() {
        guard weightedObjectives > 0 else { return }
        for objective in unweightedObjectives {
            // Named by its id: the weight it lacks has no value to show.
            yaml.fault(line: objective.line, field: "objectives.id", value: objective.id,
                       "organisation.objective_weights is true and other objectives of the plan have a weight: "
                       + "give this one its weight too (with no weight at all, the objectives weigh the same)")
        }
    }

    /// `ente` or an Area id of the plan.
    private mutating func owner(_ field: YAMLField?) -> ObjectiveOwner? {
        guard let field, let text = yaml.text(field) else { return nil }
        if text.lowercased() == "ente" { return .ente }
        if let area = knownArea(text) { return .area(area) }
        yaml.fault(field, areaIDs.isEmpty ? "unknown owner; the owner is ente (the plan lists no Area)"
                                          : "unknown owner; the owner is ente or an Area of the plan (\(listed(areaIDs)))")
        return nil
    }

    /// `{scope: ente | area:AREA1 | objective:1, percent: "95,8", reference: "..."}`.
    private mutating func validatedResult(_ field: YAMLField) -> ValidatedResult? {
        let entry = yaml.mapping(field, keys: ["scope", "percent", "reference"], required: ["scope", "percent", "reference"])
        let scope = self.scope(entry?["scope"])
        // Two decimals at most, as HR's form takes them: a figure the form cannot show would be lost when saved again.
        let percent = yaml.decimal(entry?["percent"], "the validated figure is a percentage from 0 to 100, with at most two decimals",
                                   valid: { !$0.isNegative && $0 <= Ratio(100) && ($0 * Ratio(100)).fractionalPart.isZero })
        let reference = yaml.text(entry?["reference"])
        guard let scope, let percent, let reference else { return nil }
        // One figure per scope: a second would silently take the first's place.
        let key: String
        switch scope {
        case .ente: key = "ente"
        case let .area(id): key = "area:" + id
        case let .objective(id): key = "objective:" + id
        }
        if let first = validatedScopes[key] {
            if let field = entry?["scope"] { yaml.fault(field, "the OIV validates each scope once: \(key) is also on line \(first)") }
            return nil
        }
        validatedScopes[key] = entry?["scope"]?.line ?? 0
        return ValidatedResult(scope: scope, achievement: percent / Ratio(100), reference: reference)
    }

    private mutating func scope(_ field: YAMLField?) -> ValidatedResult.Scope? {
        guard let field, let text = yaml.text(field) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        switch (parts.first?.lowercased(), parts.count) {
        case ("ente", 1):
            return .ente
        case ("area", 2):
            if let area = knownArea(parts[1]) { return .area(area) }
            yaml.fault(field, "unknown Area; the plan's Areas are \(listed(areaIDs))")
        case ("objective", 2):
            if objectiveIDs[parts[1]] != nil { return .objective(parts[1]) }
            yaml.fault(field, "unknown objective; the plan's objectives are \(listed(objectiveIDs.sorted { $0.value < $1.value }.map(\.key)))")
        default:
            yaml.fault(field, "the scope is ente, area:<Area id> or objective:<objective id>")
        }
        return nil
    }

    /// The plan's id of the Area named `text`, matched ignoring case.
    func knownArea(_ text: String) -> String? {
        areasByLowercasedID[text.lowercased()]
    }

    /// Whether `id` is new among `seen`; a fault naming the first occurrence's line otherwise.
    /// `key` is what makes two ids the same (the id itself unless said otherwise).
    mutating func unique(_ id: String, _ field: YAMLField?, _ seen: WritableKeyPath<PlanReader, [String: Int]>,
                         _ what: String, key: String? = nil) -> Bool {
        guard let field else { return true }
        let rule = key == nil ? "each \(what) id appears once" : "each \(what) id appears once, whatever its case"
        let key = key ?? id
        if let first = self[keyPath: seen][key] {
            yaml.fault(field, "\(rule): \(id) is also on line \(first)")
            return false
        }
        self[keyPath: seen][key] = field.line ?? 0
        return true
    }
}
