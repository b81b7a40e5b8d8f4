import SIPAV

/// Writes staff and individual objectives in the CSV layout `StaffFile` and `ObjectivesFile` read:
/// UTF-8, `;` separated, decimal comma, as an Italian spreadsheet saves them; any text that would start a formula (a
/// title, a name, a reason, an employee id, a category, an Area, a code) with an apostrophe in front (`SpreadsheetText`),
/// which the readers take off.
public enum StaffWriter {
    public static let staffHeader = "employee_id;name;role;category;area;part_time;months;not_assessable"
    public static let objectivesHeader = "employee_id;objective;title;weight;cosa;come"
    /// Put in front of a file meant for a spreadsheet: without it, Excel on Windows reads UTF-8 as Windows-1252 and
    /// saves "Nicolò" back as "NicolÃ²". The readers skip it.
    public static let byteOrderMark = "\u{FEFF}"

    public static func staffCSV(_ staff: [StaffMember], areas: [Area]) -> String {
        var out = staffHeader + "\n"
        for member in staff {
            let fields = [SpreadsheetText.written(member.id), SpreadsheetText.written(member.name), member.role.rawValue,
                          SpreadsheetText.written(member.category), member.area.map { SpreadsheetText.written(areas[$0].id) } ?? "",
                          percent(member.partTimeBasisPoints),
                          String(member.monthsOfService), SpreadsheetText.written(member.notAssessableReason ?? "")]
            out += fields.map(quoted).joined(separator: ";") + "\n"
        }
        return out
    }

    /// With `versions` (each objective's stored version, in the same order), a `version` column, and with `year` a `year`
    /// column saying it on every row: the web's download, whose upload refuses rows changed since, and a file of another
    /// year (`ObjectivesFile.columns`).
    public static func objectivesCSV(_ objectives: some Collection<IndividualObjective>, staff: [StaffMember],
                                     versions: [Int]? = nil, year: Int? = nil) -> String {
        var out = objectivesHeader + (versions == nil ? "" : ";version") + (year == nil ? "" : ";year") + "\n"
        out.reserveCapacity(objectives.count * 64)
        for (row, objective) in objectives.enumerated() {
            var fields = [SpreadsheetText.written(staff[objective.person].id), SpreadsheetText.written(objective.code),
                          SpreadsheetText.written(objective.title),
                          percent(objective.weightBasisPoints),
                          objective.cosa.map(String.init) ?? "", objective.come?.letter ?? ""]
            if let versions { fields.append(String(versions[row])) }
            if let year { fields.append(String(year)) }
            out += fields.map(quoted).joined(separator: ";") + "\n"
        }
        return out
    }

    /// Basis points as a percent with a decimal comma and no needless zeros: 10000 → `100`, 3333 → `33,33`.
    static func percent(_ basisPoints: Int) -> String {
        var text = DecimalText.format(Ratio(basisPoints, 100), digits: 2, decimalMark: ",")
        while text.hasSuffix("0") && text.contains(",") { text.removeLast() }
        if text.hasSuffix(",") { text.removeLast() }
        return text
    }

    static func quoted(_ field: String) -> String {
        // "\r\n" is one Character, neither "\r" nor "\n": a line break either way.
        guard field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
