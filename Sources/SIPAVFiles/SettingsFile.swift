import SIPAV

/// Reads the settings file (`Config/sipav.yaml`) into `Settings`. Every key is optional: a missing key
/// keeps the core's default. Unknown keys and values out of range are faults.
public enum SettingsFile: YAMLFile {
    /// How the file is read: call `read(path:)`, `parse(bytes:file:)` or `parse(text:file:)`.
    public static let reading = YAMLReading<Settings>(build: settings)

    private static func settings(_ root: YAMLField, _ reader: inout YAMLReader) -> Settings? {
        var settings = Settings()
        guard let top = reader.mapping(root, keys: ["organisation", "individual", "fund", "statistics"]) else { return nil }
        organisation(top["organisation"], &reader, into: &settings.organisation)
        individual(top["individual"], &reader, into: &settings.individual)
        fund(top["fund"], &reader, into: &settings.fund)
        statistics(top["statistics"], &reader, into: &settings.statistics)
        return settings
    }

    private static func statistics(_ field: YAMLField?, _ reader: inout YAMLReader, into settings: inout StatisticsSettings) {
        let section = reader.mapping(field, keys: ["minimum_group_size"])
        // Said in Italian here: the rules' translations (ItalianFaults) do not know it.
        if let size = reader.integer(section?["minimum_group_size"], in: 1...1000,
                                     "la dimensione minima di un gruppo è un numero intero da 1 a 1000") {
            settings.minimumGroupSize = size
        }
    }

    private static func organisation(_ field: YAMLField?, _ reader: inout YAMLReader, into settings: inout OrganisationSettings) {
        let section = reader.mapping(field, keys: ["composite_rule", "objective_weights"])
        if let rule: CompositeRule = reader.choice(section?["composite_rule"], "composite rule") { settings.compositeRule = rule }
        if let weights = reader.flag(section?["objective_weights"]) { settings.objectiveWeights = weights }
    }

    private static func individual(_ field: YAMLField?, _ reader: inout YAMLReader, into settings: inout IndividualSettings) {
        let section = reader.mapping(field, keys: ["matrix", "rounding", "bands", "minimum_months_of_service"])
        if let matrix = matrix(section?["matrix"], &reader) { settings.matrix = matrix }
        if let rounding: ScoreRounding = reader.choice(section?["rounding"], "rounding") { settings.rounding = rounding }
        if let bands = bands(section?["bands"], &reader) { settings.bandOfScore = bands }
        if let months = reader.integer(section?["minimum_months_of_service"], in: 0...12,
                                       "the minimum months of service are a whole number from 0 to 12") {
            settings.minimumMonthsOfService = months
        }
    }

    /// `{A: [0,1,2,3,4,5,6], B: [...], C: [...]}`: a row of seven scores per *come*, indexed by *cosa*.
    private static func matrix(_ field: YAMLField?, _ reader: inout YAMLReader) -> CosaComeMatrix? {
        let letters = ["A", "B", "C"]
        guard let field, let rows = reader.mapping(field, keys: letters, required: letters) else { return nil }
        var scores: [[Int]] = []
        for letter in letters {
            guard let list = reader.sequence(rows[letter]) else { continue }
            guard list.count == 7 else {
                reader.fault(rows[letter]!, "a row of the matrix has seven scores, for cosa 0 to 6; this one has \(list.count)")
                continue
            }
            let row = list.compactMap { reader.integer($0, in: 0...6, "a score of the matrix is a whole number from 0 to 6") }
            guard row.count == 7 else { continue }
            // Said at the row that falls, not at the matrix: which of the three is to mend.
            if zip(row, row.dropFirst()).contains(where: { $0 > $1 }) {
                reader.fault(rows[letter]!, "in each row of the cosa/come matrix a higher cosa never scores less")
                continue
            }
            scores.append(row)
        }
        guard scores.count == 3 else { return nil }
        return reader.checked(field) { () throws(RuleViolation) in try CosaComeMatrix(rows: scores) }
    }

    /// `{BASSA: [0, 1], MEDIA: [2, 3, 4], ALTA: [5, 6]}`: every score 0…6 in exactly one band, the bands
    /// in order (every score of BASSA below every score of MEDIA, and MEDIA below ALTA).
    private static func bands(_ field: YAMLField?, _ reader: inout YAMLReader) -> [Band]? {
        let names = Band.allCases.map(\.rawValue)
        guard let field, let section = reader.mapping(field, keys: names) else { return nil }
        var bandOfScore = [Band?](repeating: nil, count: 7)
        var complete = true
        for band in Band.allCases {
            for element in reader.sequence(section[band.rawValue]) ?? [] {
                guard let score = reader.integer(element, in: 0...6, "a score is a whole number from 0 to 6") else {
                    complete = false
                    continue
                }
                if let other = bandOfScore[score] {
                    reader.fault(element, "score \(score) is in two bands, \(other.rawValue) and \(band.rawValue)")
                    complete = false
                }
                bandOfScore[score] = band
            }
        }
        guard complete else { return nil }
        let missing = (0...6).filter { bandOfScore[$0] == nil }
        guard missing.isEmpty else {
            reader.fault(field, "every score 0 to 6 is in one band; not in any: \(missing.map(String.init).joined(separator: ", "))")
            return nil
        }
        let bands = bandOfScore.map { $0! }
        guard zip(bands, bands.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            reader.fault(field, "the bands are in order: every score of BASSA below every score of MEDIA, and MEDIA below ALTA")
            return nil
        }
        // Rules §2.2 and §3: a 0 or a 1 earns nothing at all, as their fixed coefficients say; out of BASSA they
        // would still be paid the organisational components.
        guard bands[0] == .bassa, bands[1] == .bassa else {
            reader.fault(field, "scores 0 and 1 are in BASSA: they earn nothing at all")
            return nil
        }
        return bands
    }
}

extension YAMLReader {
    /// Builds a core value that checks itself; its `RuleViolation` becomes a fault on `field`'s line.
    mutating func checked<Value>(_ field: YAMLField, _ build: () throws(RuleViolation) -> Value) -> Value? {
        do {
            return try build()
        } catch {
            fault(line: field.line, field: field.path, error.rule)
            return nil
        }
    }
}
