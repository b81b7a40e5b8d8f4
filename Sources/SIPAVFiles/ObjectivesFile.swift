import SIPAV

/// Reads `objectives.csv`: one row per individual objective, with its weight and, once rated, its
/// *cosa* (0…6) and *come* (A, B, C).
public enum ObjectivesFile {
    /// The columns of `objectives.csv`. `cosa` and `come` may be left out, both, while objectives are planned.
    /// `version`, each objective's version as the web's download writes it, is read by the web's upload alone, which
    /// refuses rows changed since (`parseKeepingFaults(readingVersions:)`); the other readers pass it by.
    /// `year`, the year the download was made for, is read by every reader (`ExactRead.yearsNamed`): a file of
    /// another year than the one it is uploaded or imported into is refused whole, as versions of one year's objectives
    /// say nothing of another's (every imported year's objectives start at version 1).
    public static let columns: [CSVColumn] = [
        .required("employee_id"), .required("objective"), .optional("title"), .required("weight"),
        .optional("cosa", with: "come"), .optional("come", with: "cosa"), .optional("version"), .optional("year"),
    ]
    static let (employeeID, objective, title, weight, cosa, come, version, year) = (0, 1, 2, 3, 4, 5, 6, 7)

    /// The years a `year` cell may name: a plan's year is four digits.
    static let years = 1000...9999
    /// The fault of a `year` cell that names no year.
    static let yearFault = "the year is the one the download wrote: a whole number like 2024, or empty"

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
        /// Each year the rows' `year` cells name, with the first line naming it: empty for a file without the column
        /// (written by hand, or by `sipav db export`) or with the column left empty.
        public var yearsNamed: [Int: Int] = [:]
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
        var yearsNamed: [Int: Int] = [:]
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
            let id = record.text(employeeID).map(SpreadsheetText.read) ?? ""
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
            let code = record.text(objective).map(SpreadsheetText.read) ?? ""
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
            // Read whatever else the row holds: a file of another year is said so (`otherYears`) rather than by its rows' faults.
            if !record.isEmpty(year), let named = faults.integer(record, year, in: years, yearFault), yearsNamed[named] == nil {
                yearsNamed[named] = record.line
            }
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
        return ExactRead(objectives: objectives, lines: lines, versions: versions, yearsNamed: yearsNamed, faults: faults.list + structure,
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

    /// The years other than `year` that a file's `year` column names (`ExactRead.yearsNamed`), earliest first, each with
    /// the first line naming it: a file downloaded for another year, whose versions say nothing of this year's objectives.
    public static func otherYears(_ yearsNamed: [Int: Int], than year: Int) -> [(year: Int, line: Int)] {
        yearsNamed.filter { $0.key != year }.sorted { $0.key < $1.key }.map { (year: $0.key, line: $0.value) }
    }

    /// The fault of a file at `file` whose `year` column names another year than `year`, the plan's: said alone, as
    /// its rows' faults would be read against another year's staff. Nil when it names none other.
    public static func otherYearFault(_ yearsNamed: [Int: Int], file: String, year: Int) -> InputError? {
        let others = otherYears(yearsNamed, than: year)
        guard let first = others.first else { return nil }
        let named = others.map { String($0.year) }.joined(separator: ", ")
        return InputError(file: file, line: first.line, field: "year", value: named,
                          rule: "the file was downloaded for year \(named), not for the plan's year \(year): use the objectives.csv of year \(year)")
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
