import SIPAV

extension ObjectivesFile {
    /// Reads the individual objectives at `path` as `read(path:staff:)` does, in place and in two halves at once
    /// when the file is large, into columns; a file with anything to report is read by `parse(bytes:file:staff:)`,
    /// which names every fault. `ids` are the staff's (`EmployeeIDs(staff)` when not given).
    public static func load(path: String, staff: [StaffMember], ids: EmployeeIDs? = nil) throws(InputErrors)
        -> (objectives: IndividualObjectives, lines: RecordLines) {
        let read = try loadKeepingFaults(path: path, staff: staff, ids: ids)
        try InputErrors.throwIfAny(read.faults)
        return (read.objectives, read.lines)
    }

    /// As `load`, but the faults of the rows come back beside the rows read without one, and the people some of whose
    /// rows were left out: the caller checks the others' objectives together and says every fault at once. Throws
    /// only when the file or its header cannot be read.
    public static func loadKeepingFaults(path: String, staff: [StaffMember], ids: EmployeeIDs? = nil) throws(InputErrors)
        -> PartlyRead {
        let file = try MappedFile(path: path)
        if let layout = FastCSVLayout(file.bytes, file: path, columns: columns), let people = ids ?? EmployeeIDs(staff),
           people.count == staff.count, people.areDistinct, let read = fastRead(file, layout, people) {
            return PartlyRead(objectives: read.objectives, lines: read.lines, yearsNamed: read.yearsNamed, faults: [], unread: .none)
        }
        let read = try parseKeepingFaults(bytes: file.array, file: path, staff: staff)
        let unread: UnreadObjectives = !read.everyRowRead ? .everyone : read.peopleWithFaults.isEmpty ? .none : .people(read.peopleWithFaults)
        return PartlyRead(objectives: IndividualObjectives(read.objectives), lines: RecordLines(read.lines),
                          yearsNamed: read.yearsNamed, faults: read.faults, unread: unread)
    }

    /// The faults of the objectives at `path`, read against the ids of a staff list that has faults of its own (its
    /// rows at fault keep their ids): said with the list's, so that both files are mended in one round. The faults
    /// of the file itself (unreadable, its header) when it cannot be read.
    /// A file whose `year` column names another year than `year`, the plan's, has that fault alone (`otherYearFault`).
    public static func faults(path: String, staffIDs: [String], year: Int) -> [InputError] {
        do {
            let file = try MappedFile(path: path)
            let read = try parseKeepingFaults(bytes: file.array, file: path, staffIDs: staffIDs)
            return otherYearFault(read.yearsNamed, file: path, year: year).map { [$0] } ?? read.faults
        } catch {
            return error.errors
        }
    }

    /// The rows of a file read without a fault, the faults of the others, and whose rows those were.
    public struct PartlyRead: Sendable {
        public var objectives: IndividualObjectives
        public var lines: RecordLines
        /// The years the `year` column names, with the first line naming each (`ExactRead.yearsNamed`).
        public var yearsNamed: [Int: Int]
        public var faults: [InputError]
        public var unread: UnreadObjectives
    }

    /// One half of the file, as read.
    private struct Part: FastCSVPart {
        var objectives = IndividualObjectives()
        var lines = RecordLines()
        var people: EmployeeIDs
        /// The person of the row before: rows come grouped by person, in staff order.
        var cursor = 0
        /// Rows whose person was not the one before or the next: many make a table worth building.
        var jumps = 0
        var noTitle: UInt32?
        /// The years the rows name, with the first line naming each (lines of the part, as `lines`).
        var yearsNamed: [Int: Int] = [:]

        mutating func take(_ record: CSVRecord) -> Bool { readRecord(record, into: &self) }
    }

    private static func fastRead(_ file: MappedFile, _ layout: FastCSVLayout, _ people: EmployeeIDs)
        -> (objectives: IndividualObjectives, lines: RecordLines, yearsNamed: [Int: Int])? {
        let estimate = file.bytes.count / 20 + 16
        let read = FastCSVReading.read(file, layout, makePart: { () -> Part in
            var part = Part(people: people)
            // Room for the whole file in each half: the first then takes the second's objectives without moving,
            // and capacity never written to takes no memory.
            part.objectives.reserveCapacity(estimate)
            return part
        })
        guard var halves = read else { return nil }
        if let second = halves.second {
            halves.first.objectives.append(contentsOf: second.objectives)
            halves.first.lines.append(second.lines, offset: halves.secondLineOffset)
            for (year, line) in second.yearsNamed where halves.first.yearsNamed[year] == nil {
                halves.first.yearsNamed[year] = line + halves.secondLineOffset
            }
        }
        return (halves.first.objectives, halves.first.lines, halves.first.yearsNamed)
    }

    private static func readRecord(_ record: CSVRecord, into part: inout Part) -> Bool {
        guard let id = record.plainBytes(Self.employeeID).map(SpreadsheetText.read) else { return false }
        let before = part.cursor
        guard let person = part.people.person(id, near: &part.cursor) else { return false }
        if person != before && person != before + 1 {
            part.jumps += 1
            if part.jumps == 256 { part.people = part.people.withTable() }
        }
        // A code longer in bytes than the limit in characters goes to the exact reader, which counts them.
        guard let code = record.plainBytes(Self.objective).map(SpreadsheetText.read), !code.isEmpty, code.count <= TextLimits.code,
              let weightBytes = record.plainBytes(Self.weight), !weightBytes.isEmpty,
              case let .basisPoints(weight) = NumberText.percent(weightBytes), weight > 0 && weight <= 10_000 else { return false }
        let cosaBytes = record.plainBytes(Self.cosa), comeBytes = record.plainBytes(Self.come)
        let cosaEmpty = cosaBytes?.isEmpty ?? true, comeEmpty = comeBytes?.isEmpty ?? true
        var rating: (cosa: Int, come: Come)?
        if !(cosaEmpty && comeEmpty) {
            guard !cosaEmpty, !comeEmpty, let value = NumberText.integer(cosaBytes!), (0...6).contains(value),
                  comeBytes!.count == 1, let letter = comeLetter(comeBytes![0]) else { return false }
            rating = (value, letter)
        }
        if let yearBytes = record.plainBytes(Self.year), !yearBytes.isEmpty {
            // A cell that names no year goes to the exact reader, which says so.
            guard let named = NumberText.integer(yearBytes), years.contains(named) else { return false }
            if part.yearsNamed[named] == nil { part.yearsNamed[named] = record.line }
        }
        let titleNumber: UInt32
        if let title = record.plainBytes(Self.title).map(SpreadsheetText.read), !title.isEmpty {
            // Longer in bytes than the limit in characters: the exact reader counts them.
            guard title.count <= TextLimits.title else { return false }
            titleNumber = part.objectives.titleNumber(title)
        } else {
            // No title, or an empty one: the same text, looked up once.
            if part.noTitle == nil { part.noTitle = part.objectives.titleNumber(UnsafeBufferPointer(start: nil, count: 0)) }
            titleNumber = part.noTitle!
        }
        part.objectives.append(person: person, code: part.objectives.codeNumber(code), title: titleNumber,
                               weightBasisPoints: weight, cosa: rating?.cosa, come: rating?.come)
        part.lines.append(record.line)
        return true
    }
}
