import SIPAV

/// Reads `objectives.csv`: one row per individual objective, with its weight and, once rated, its
/// *cosa* (0…6) and *come* (A, B, C).
public enum ObjectivesFile {
    /// The columns of `objectives.csv`. `cosa` and `come` may be left out, both, while objectives are planned.
    public static let columns: [CSVColumn] = [
        .required("employee_id"), .required("objective"), .optional("title"), .required("weight"),
        .optional("cosa", with: "come"), .optional("come", with: "cosa"),
    ]
    static let (employeeID, objective, title, weight, cosa, come) = (0, 1, 2, 3, 4, 5)

    /// Reads the individual objectives at `path` of the people in `staff`. Returns the objectives in file
    /// order and the line of each. Throws every fault of the file at once. Whether each person's weights
    /// sum to 100 is checked on the records (`StaffRecords.violations`), not here.
    public static func read(path: String, staff: [StaffMember]) throws(InputErrors)
        -> (objectives: [IndividualObjective], lines: [Int]) {
        try parse(bytes: InputFile.bytes(path: path), file: path, staff: staff)
    }

    /// Reads individual objectives from the bytes of a file named `file`.
    public static func parse(bytes: [UInt8], file: String, staff: [StaffMember]) throws(InputErrors)
        -> (objectives: [IndividualObjective], lines: [Int]) {
        let read = try parseKeepingFaults(bytes: bytes, file: file, staff: staff)
        try InputErrors.throwIfAny(read.faults)
        return (read.objectives, read.lines)
    }

    /// As `parse`, but the faults of the records are returned beside the rows read without one, with the people
    /// (staff positions) who have a row with a fault, and whether every row was read (none refused for its shape): a
    /// caller checking each person's rows together (weights, codes) leaves those people out, or everyone when a row
    /// was not read, and says every fault at once. Throws only when the header cannot be read.
    public static func parseKeepingFaults(bytes: [UInt8], file: String, staff: [StaffMember]) throws(InputErrors)
        -> (objectives: [IndividualObjective], lines: [Int], faults: [InputError], peopleWithFaults: Set<Int>, everyRowRead: Bool) {
        let table = try CSVTable(bytes: bytes, file: file, columns: columns)
        var peopleWithFaults: Set<Int> = []
        var person: [String: Int] = [:]
        person.reserveCapacity(staff.count)
        for (index, member) in staff.enumerated().reversed() { person[member.id] = index }
        var faults = RecordFaults(table)
        var objectives: [IndividualObjective] = []
        var lines: [Int] = []
        let capacity = table.recordCapacity
        objectives.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        // Rows come grouped by person: the previous row's person spares most look-ups.
        var previous: (id: String, person: Int?) = ("", nil)
        // The staff's ids by their lower-cased spelling, made at the first unknown id: one written in another case than
        // the staff list's is said to be (the web finds a person by id in either case, a file does not).
        var spellings: [String: String]?
        let structure = table.forEachRecord { record in
            let faultsAtRowStart = faults.count
            let id = record.text(employeeID) ?? ""
            if id != previous.id { previous = (id, person[id]) }
            let owner = previous.person
            if owner == nil && table.has(employeeID) {
                if record.isEmpty(employeeID) {
                    faults.add(record, employeeID, "the employee_id is required")
                } else {
                    if spellings == nil {
                        spellings = Dictionary(staff.map { ($0.id.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
                    }
                    faults.add(record, employeeID, spellings![id.lowercased()].map {
                        "unknown employee: the staff list writes the id \($0), in another case: write it as the staff list does"
                    } ?? "unknown employee: not in the staff list")
                }
            }
            let code = record.text(objective) ?? ""
            if code.isEmpty && table.has(objective) { faults.add(record, objective, "the objective's code is required") }
            if code.unicodeScalars.count > TextLimits.code { faults.add(record, objective, "a code has at most 50 characters") }
            if (record.text(title)?.unicodeScalars.count ?? 0) > TextLimits.title { faults.add(record, title, "a title has at most 500 characters") }
            let weightEmpty = record.isEmpty(weight)
            if weightEmpty && table.has(weight) { faults.add(record, weight, "the weight is required") }
            let weightBasisPoints = weightEmpty ? nil : faults.percent(record, weight, "the weight")
            let rating = self.rating(record, table, &faults)
            if let owner, faults.count > faultsAtRowStart { peopleWithFaults.insert(owner) }
            guard let rating, let owner, !code.isEmpty, code.unicodeScalars.count <= TextLimits.code,
                  let weightBasisPoints else { return }
            objectives.append(IndividualObjective(person: owner, code: code, title: record.text(title) ?? "",
                                                  weightBasisPoints: weightBasisPoints, cosa: rating.cosa, come: rating.come))
            lines.append(record.line)
        }
        // A row the structure refused (too many fields, say) was not read: whose it was is not known.
        return (objectives, lines, faults.list + structure, peopleWithFaults, structure.isEmpty)
    }

    /// The *cosa* and *come* of a row: both given, or both empty while not rated; nil on a fault.
    /// With only one of the two columns in the header, its fault is the header's, not every row's.
    private static func rating(_ record: CSVRecord, _ table: CSVTable, _ faults: inout RecordFaults) -> (cosa: Int?, come: Come?)? {
        guard table.has(cosa) == table.has(come) else { return nil }
        let cosaEmpty = record.isEmpty(cosa)
        let comeEmpty = record.isEmpty(come)
        if cosaEmpty && comeEmpty { return (nil, nil) }
        if cosaEmpty || comeEmpty {
            faults.add(record, cosaEmpty ? cosa : come,
                       "cosa and come are given together (both empty while the objective is not rated)")
            return nil
        }
        let cosaValue = faults.integer(record, cosa, in: 0...6, "cosa is a whole number from 0 to 6")
        let comeValue = record.withBytes(come) { $0.count == 1 ? comeLetter($0[0]) : nil } ?? nil
        if comeValue == nil { faults.add(record, come, "come is A, B or C") }
        guard let cosaValue, let comeValue else { return nil }
        return (cosaValue, comeValue)
    }

    /// `A`, `B` or `C`, either case, read from its byte.
    static func comeLetter(_ byte: UInt8) -> Come? {
        switch byte | 0x20 {
        case UInt8(ascii: "a"): .a
        case UInt8(ascii: "b"): .b
        case UInt8(ascii: "c"): .c
        default: nil
        }
    }
}
