import SIPAV

/// Reads `objectives.csv`: one row per individual objective, with its weight and, once rated, its
/// *cosa* (0…6) and *come* (A, B, C).
public enum ObjectivesFile {
    /// The columns of `objectives.csv`. `cosa` and `come` may be left out, both, while objectives are planned.
    /// `version`, each objective's version as the web's download writes it, is read by the web's upload alone, which
    /// refuses rows changed since (`parseKeepingFaults(readingVersions:)`); the other readers pass it by.
    public static let columns: [CSVColumn] = [
        .required("employee_id"), .required("objective"), .optional("title"), .required("weight"),
        .optional("cosa", with: "come"), .optional("come", with: "cosa"), .optional("version"),
    ]
    static let (employeeID, objective, title, weight, cosa, come, version) = (0, 1, 2, 3, 4, 5, 6)

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

    /// The rows of a file read without a fault, with the line and (when asked for) the version of each, the faults of
    /// the others, the people (staff positions) with a row at fault, and whether every row was read.
    public struct ExactRead: Sendable {
        public var objectives: [IndividualObjective] = []
        public var lines: [Int] = []
        /// Each row's `version`, nil where the file gives none; empty unless asked for.
        public var versions: [Int?] = []
        public var faults: [InputError] = []
        public var peopleWithFaults: Set<Int> = []
        /// False when a row was refused for its shape (too many fields, say), or the header has a fault.
        public var everyRowRead = true
    }

    /// As `parse`, but the faults of the records are returned beside the rows read without one, with the people
    /// (staff positions) who have a row with a fault, and whether every row was read (none refused for its shape): a
    /// caller checking each person's rows together (weights, codes) leaves those people out, or everyone when a row
    /// was not read, and says every fault at once. Throws only when the header cannot be read. `readingVersions`: each
    /// row's `version` is read too, a whole number from 1 or empty.
    public static func parseKeepingFaults(bytes: [UInt8], file: String, staff: [StaffMember], readingVersions: Bool = false)
        throws(InputErrors) -> ExactRead {
        try parseKeepingFaults(bytes: bytes, file: file, staffIDs: staff.map(\.id), readingVersions: readingVersions)
    }

    /// As `parseKeepingFaults(bytes:file:staff:)`, with the staff known by their ids alone, in the staff list's order.
    public static func parseKeepingFaults(bytes: [UInt8], file: String, staffIDs: [String], readingVersions: Bool = false)
        throws(InputErrors) -> ExactRead {
        let table = try CSVTable(bytes: bytes, file: file, columns: columns)
        // A header at fault is the one fault said: every row would repeat it (`StaffFile.parse`).
        guard table.headerFaults.isEmpty else { return ExactRead(faults: table.headerFaults, everyRowRead: false) }
        var peopleWithFaults: Set<Int> = []
        var versions: [Int?] = []
        var person: [String: Int] = [:]
        person.reserveCapacity(staffIDs.count)
        for (index, id) in staffIDs.enumerated().reversed() { person[id] = index }
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
        // The person of the last row whose person is known, and whether a row at fault with no known person came since.
        var lastOwner: Int?
        var ownerlessRowBefore = false
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
                        spellings = Dictionary(staffIDs.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
                    }
                    faults.add(record, employeeID, spellings![id.lowercased()].map {
                        "unknown employee: the staff list writes the id \($0), in another case: write it as the staff list does"
                    } ?? "unknown employee: not in the staff list")
                }
            }
            let code = record.text(objective) ?? ""
            if code.isEmpty && table.has(objective) { faults.add(record, objective, "the objective's code is required") }
            if code.unicodeScalars.count > TextLimits.code { faults.add(record, objective, "a code has at most 50 characters") }
            let titleText = record.text(title).map(SpreadsheetText.read) ?? ""
            if titleText.unicodeScalars.count > TextLimits.title { faults.add(record, title, "a title has at most 500 characters") }
            let weightEmpty = record.isEmpty(weight)
            if weightEmpty && table.has(weight) { faults.add(record, weight, "the weight is required") }
            let weightBasisPoints = weightEmpty ? nil : faults.percent(record, weight, "the weight")
            let rating = self.rating(record, table, &faults)
            let rowVersion = readingVersions && !record.isEmpty(version)
                ? faults.integer(record, version, in: 1...Int(Int32.max), "the version is the one the download wrote: a whole number from 1, or empty for a new objective")
                : nil
            if faults.count > faultsAtRowStart {
                if let owner { peopleWithFaults.insert(owner) } else {
                    // A row at fault whose person is not known (its id blank or mistyped) is likely a row of the person
                    // of the rows around it: theirs are not checked together either.
                    if let lastOwner { peopleWithFaults.insert(lastOwner) }
                    ownerlessRowBefore = true
                }
            }
            if let owner {
                if ownerlessRowBefore && owner != lastOwner { peopleWithFaults.insert(owner) }
                ownerlessRowBefore = false
                lastOwner = owner
            }
            guard let rating, let owner, !code.isEmpty, code.unicodeScalars.count <= TextLimits.code,
                  let weightBasisPoints else { return }
            objectives.append(IndividualObjective(person: owner, code: code, title: titleText,
                                                  weightBasisPoints: weightBasisPoints, cosa: rating.cosa, come: rating.come))
            lines.append(record.line)
            if readingVersions { versions.append(rowVersion) }
        }
        // A row the structure refused (too many fields, say) was not read: whose it was is not known. Nor were the rows of a
        // header at fault (a column missing, say).
        return ExactRead(objectives: objectives, lines: lines, versions: versions, faults: faults.list + structure,
                         peopleWithFaults: peopleWithFaults, everyRowRead: structure.isEmpty && table.headerFaults.isEmpty)
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
