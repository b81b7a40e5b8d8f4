import Foundation
import SIPAV

/// Reads `staff.csv`: one row per person of the year, with role, category, Area, part time, months of
/// service and, when the appraisal is *not assessable*, the reason.
public enum StaffFile {
    /// The columns of `staff.csv`. Every one is required in the header, even where its values may be empty (part
    /// time 100, twelve months, assessable): a column left out would otherwise change people's pay in silence.
    public static let columns: [CSVColumn] = [
        .required("employee_id"), .required("name"), .required("role"), .required("category"),
        .required("area"), .required("part_time"), .required("months"), .required("not_assessable"),
    ]
    static let (employeeID, name, role, category, area, partTime, months, notAssessable) = (0, 1, 2, 3, 4, 5, 6, 7)

    /// Reads the staff list at `path`; `areas` are the plan's. Returns the people in file order and the
    /// line of each. Throws every fault of the file at once.
    public static func read(path: String, areas: [Area]) throws(InputErrors) -> (staff: [StaffMember], lines: [Int]) {
        try parse(bytes: InputFile.bytes(path: path), file: path, areas: areas)
    }

    /// A part time of 1 % or less (in basis points) is refused: no contract is that short, and it is what a fraction
    /// written for a percentage reads as (0,5 for half time: 0,5 %, which would pay a two-hundredth of the share).
    static let fractionLikePartTime = 100
    static let fractionLikePartTimeRule = "a part time of 1 % or less is a fraction written for a percentage: half time is 50, not 0,5"

    /// Reads a staff list from the bytes of a file named `file`.
    public static func parse(bytes: [UInt8], file: String, areas: [Area]) throws(InputErrors)
        -> (staff: [StaffMember], lines: [Int]) {
        let table = try CSVTable(bytes: bytes, file: file, columns: columns)
        // A header at fault (a required column missing or renamed, another separator, a column added) is the one fault to
        // mend: every row would otherwise repeat it ("the employee_id is required", "the row has 8 fields, the header 9").
        if !table.headerFaults.isEmpty { throw InputErrors(table.headerFaults) }
        var faults = RecordFaults(table)
        var staff: [StaffMember] = []
        var lines: [Int] = []
        var firstLine: [String: Int] = [:]
        // Every id that is one, with its line, for the ids that differ in case alone.
        var ids: [String] = [], idLines: [Int] = []
        let structure = table.forEachRecord { record in
            let id = record.text(employeeID).map(SpreadsheetText.read) ?? ""
            if id.isEmpty {
                faults.add(record, employeeID, "the employee_id is required")
            } else if id.count > 64 {
                faults.add(record, employeeID, "an employee_id has at most 64 characters")
            } else {
                if let first = firstLine[id] {
                    faults.add(record, employeeID, "each employee appears once: \(id) is on lines \(first) and \(record.line)")
                } else {
                    firstLine[id] = record.line
                }
                ids.append(id)
                idLines.append(record.line)
            }
            let nameText = record.text(name).map(SpreadsheetText.read) ?? ""
            let reasonText = record.text(notAssessable).map(SpreadsheetText.read) ?? ""
            if table.has(name) && record.isEmpty(name) { faults.add(record, name, "the name is required") }
            if nameText.unicodeScalars.count > TextLimits.name { faults.add(record, name, "a name has at most 200 characters") }
            if nameText.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                faults.add(record, name, "a name is written on one line, without line breaks or tabs")
            }
            if reasonText.unicodeScalars.count > TextLimits.reason {
                faults.add(record, notAssessable, "a reason has at most 500 characters")
            } else if StaffFile.isAnswerRatherThanReason(reasonText) {
                faults.add(record, notAssessable, StaffFile.answerRatherThanReasonRule)
            }
            if table.has(category) && record.isEmpty(category) {
                faults.add(record, category, "the category is required (DIR, D, C, B, ...)")
            }
            let personRole = record.text(role).flatMap(parseRole)
            if personRole == nil && table.has(role) {
                faults.add(record, role, "the role is segretario_generale (or SG), dirigente or dipendente")
            }
            let personArea = area(of: record, role: personRole, areas: areas, faults: &faults)
            var personPartTime = record.isEmpty(partTime) ? 10_000 : faults.percent(record, partTime, "part time")
            if let value = personPartTime, value <= StaffFile.fractionLikePartTime {
                faults.add(record, partTime, Self.fractionLikePartTimeRule)
                personPartTime = nil
            }
            let personMonths = record.isEmpty(months) ? 12
                : faults.integer(record, months, in: 0...12, "months of service are a whole number from 0 to 12 (empty = 12)")
            guard let personRole, let personArea, let personPartTime, let personMonths else { return }
            staff.append(StaffMember(id: id, name: nameText, role: personRole,
                                     category: record.text(category).map(SpreadsheetText.read) ?? "", area: personArea,
                                     partTimeBasisPoints: personPartTime, monthsOfService: personMonths,
                                     notAssessableReason: reasonText.isEmpty ? nil : reasonText))
            lines.append(record.line)
        }
        // Said here, of the staff list, before any objective is read: the objectives of either id would otherwise be
        // the first faults said, and the list itself is what to mend.
        for (index, first) in CaseAloneIDs.pairs(ids) {
            faults.add(line: idLines[index], employeeID, value: ids[index],
                       "two employee ids may not differ in case alone: \(ids[first]) is on line \(idLines[first]), "
                           + "\(ids[index]) on line \(idLines[index]) (one person, or two ids to tell apart)")
        }
        try faults.finish(structure: structure)
        if staff.isEmpty {
            throw .one(file, line: table.headerLine, "the file lists no staff: one row per person under the header")
        }
        return (staff, lines)
    }

    /// Whether a `not_assessable` cell answers yes or no, or holds a number or a dash, rather than giving a reason: a
    /// column filled in as a yes/no column (`no`, `0`, `falso` for someone assessable, `sì` or `x` for someone not). Any
    /// text there makes the person not assessable, paid nothing: `no` would do it to the very people it meant to pass.
    public static func isAnswerRatherThanReason(_ text: String) -> Bool {
        let folded = text.trimmingCharacters(in: .whitespaces)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
        if folded.isEmpty { return false }
        if folded.allSatisfy({ $0.isNumber || $0.isPunctuation || $0.isWhitespace || $0.isSymbol }) { return true }
        return answers.contains(folded)
    }

    private static let answers: Set<String> = [
        "no", "n", "falso", "false", "f", "nessuno", "nessuna", "niente", "nulla", "na", "n.a", "n/a", "non applicabile",
        "si", "s", "vero", "true", "v", "yes", "y", "x", "ok",
    ]

    static let answerRatherThanReasonRule = "not_assessable gives the reason the appraisal cannot be assessed, and is empty when it can: "
        + "a yes or a no, a number or a dash is no reason (any text here makes the person not assessable, paid nothing)"

    /// The field a fault of an employee id names.
    public static var employeeIDField: String { columns[employeeID].name }

    /// The employee ids a staff list writes, in its order, whatever else its rows have at fault (a blank id left out):
    /// for its objectives' own faults, said with the list's. nil when the file or its header cannot be read.
    public static func employeeIDs(path: String) -> [String]? {
        guard let file = try? MappedFile(path: path),
              let table = try? CSVTable(bytes: file.array, file: path, columns: columns),
              table.headerFaults.isEmpty else { return nil }
        var ids: [String] = []
        _ = table.forEachRecord { record in
            if let id = record.text(employeeID).map(SpreadsheetText.read), !id.isEmpty { ids.append(id) }
        }
        return ids
    }

    /// The person's Area: an Area id of the plan (matched ignoring case), or empty for the Segretario
    /// Generale: `.some(nil)` is no Area, `nil` a fault (recorded).
    private static func area(of record: CSVRecord, role: Role?, areas: [Area], faults: inout RecordFaults) -> Int?? {
        guard let text = record.text(area).map(SpreadsheetText.read) else { return .some(nil) }
        if text.isEmpty {
            if role == .segretarioGenerale || role == nil { return .some(nil) }
            faults.add(record, area, "the Area is required for everyone but the Segretario Generale")
            return nil
        }
        if let index = areas.firstIndex(where: { $0.id.lowercased() == text.lowercased() }) { return index }
        let known = areas.isEmpty ? "the plan has no Areas" : "the plan's Areas are \(listed(areas.map(\.id)))"
        faults.add(record, area, "unknown Area; \(known)")
        return nil
    }

    /// `segretario_generale`, `dirigente`, `dipendente`, also `SG`, `Segretario Generale`, any case.
    static func parseRole(_ text: String) -> Role? {
        let key = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: "_")
        return key == "sg" ? .segretarioGenerale : Role(rawValue: key)
    }
}
