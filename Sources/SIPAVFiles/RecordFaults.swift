import SIPAV

/// The faults found in the records of one CSV file, each naming the file, the record's line, the
/// column and the field's text.
struct RecordFaults {
    let table: CSVTable
    private(set) var list: [InputError]

    var count: Int { list.count }

    init(_ table: CSVTable) {
        self.table = table
        self.list = table.headerFaults
    }

    mutating func add(_ record: CSVRecord, _ column: Int, _ rule: String) {
        add(line: record.line, column, value: record.text(column) ?? "", rule)
    }

    /// A fault found once the records are read, of the field `column` holding `value` on `line`.
    mutating func add(line: Int, _ column: Int, value: String, _ rule: String) {
        list.append(InputError(file: table.file, line: line, field: table.columns[column].name, value: value, rule: rule))
    }

    /// Adds the faults of the file's structure, visiting its records, and throws every fault found.
    mutating func finish(structure: [InputError]) throws(InputErrors) {
        list += structure
        try InputErrors.throwIfAny(list)
    }

    /// A percentage above 0 and at most 100, in basis points (100 % = 10000); nil, with a fault naming
    /// `what`, otherwise.
    mutating func percent(_ record: CSVRecord, _ column: Int, _ what: String) -> Int? {
        let reading = record.withBytes(column, NumberText.percent) ?? .notANumber
        switch reading {
        case let .basisPoints(value) where value > 0 && value <= 10_000:
            return value
        case .tooManyDecimals:
            add(record, column, "\(what) has at most two decimals")
        default:
            add(record, column, "\(what) is a percentage above 0 and at most 100, like 100 or 33,33")
        }
        return nil
    }

    /// A whole number in `range`; nil, with `rule` as the fault, otherwise.
    mutating func integer(_ record: CSVRecord, _ column: Int, in range: ClosedRange<Int>, _ rule: String) -> Int? {
        guard let value = record.withBytes(column, NumberText.integer) ?? nil, range.contains(value) else {
            add(record, column, rule)
            return nil
        }
        return value
    }
}
