import SIPAV

extension StaffFile {
    /// A staff list as `load` reads it: the people and the line of each, with the columns and ids of the
    /// fast paths.
    public struct Contents: Sendable {
        public internal(set) var staff: [StaffMember]
        public let lines: RecordLines
        public internal(set) var columns: StaffColumns
        public let ids: EmployeeIDs?
    }

    /// Reads the staff list at `path` as `read(path:areas:)` does, in place and in two halves at once when the
    /// file is large; a file with anything to report is read by `parse(bytes:file:areas:)`, which names every
    /// fault.
    public static func load(path: String, areas: [Area]) throws(InputErrors) -> Contents {
        let file = try MappedFile(path: path)
        if let layout = FastCSVLayout(file.bytes, file: path, columns: columns),
           let (read, _) = fastRead(file, layout, areas: .plan(AreaIndex(areas))) {
            return read
        }
        let (staff, lines) = try parse(bytes: file.array, file: path, areas: areas)
        return Contents(staff: staff, lines: RecordLines(lines), columns: StaffColumns(staff), ids: EmployeeIDs(staff))
    }

    /// A staff list read before the plan, so that the two are read at once: each person's Area is numbered
    /// provisionally (`areaIDs`, in the order they first appear) until `withAreas` gives them the plan's.
    public struct ReadBeforePlan: Sendable {
        private var contents: Contents
        private let areaIDs: [String]

        fileprivate init(contents: Contents, areaIDs: [String]) { (self.contents, self.areaIDs) = (contents, areaIDs) }

        /// The people, their Areas numbered provisionally: for what needs only who they are (their objectives).
        public var staff: [StaffMember] { contents.staff }
        public var ids: EmployeeIDs? { contents.ids }

        /// The list with the plan's Areas (matched as `load(path:areas:)` matches them), or nil when an Area is
        /// not the plan's: the file then has a fault to report, and `load(path:areas:)` names it.
        public mutating func withAreas(_ areas: [Area]) -> Contents? {
            let index = AreaIndex(areas)
            var numbers: [Int] = []
            for id in areaIDs {
                var id = id
                guard let found = id.withUTF8({ index.index($0) }) else { return nil }
                numbers.append(found)
            }
            // In place: the list is this value's alone.
            contents.staff.renumberAreas(numbers)
            contents.columns.renumberAreas(numbers)
            return contents
        }
    }

    /// Reads the staff list at `path` in place, as `load(path:areas:)` does, before the plan is read: nil when the
    /// file has anything to report but its Areas (then `load(path:areas:)` once the plan is read, which names it).
    public static func loadBeforePlan(path: String) throws(InputErrors) -> ReadBeforePlan? {
        let file = try MappedFile(path: path)
        guard let layout = FastCSVLayout(file.bytes, file: path, columns: columns),
              let (contents, areaIDs) = fastRead(file, layout, areas: .provisional) else { return nil }
        return ReadBeforePlan(contents: contents, areaIDs: areaIDs)
    }

    /// How a reader finds a person's Area: among the plan's, or provisionally when the plan is not read yet.
    private enum AreaLookup {
        case plan(AreaIndex)
        case provisional
    }

    /// One half of the file, as read.
    private struct Part: FastCSVPart {
        /// How the Areas are found; not changed by reading.
        let areas: AreaLookup
        var staff: [StaffMember] = []
        var lines = RecordLines()
        var columns = StaffColumns()
        var ids = EmployeeIDs()
        /// Every id so far is a key of `ids`.
        var keyed = true
        /// The Areas' ids in the order they first appear, when they are numbered provisionally.
        var areaIDs = TextTable()

        init(areas: AreaLookup) { self.areas = areas }

        mutating func take(_ record: CSVRecord) -> Bool { readRecord(record, into: &self) }
    }

    private static func fastRead(_ file: MappedFile, _ layout: FastCSVLayout, areas: AreaLookup) -> (Contents, areaIDs: [String])? {
        let estimate = file.bytes.count / 48 + 16
        let read = FastCSVReading.read(file, layout, makePart: { () -> Part in
            var part = Part(areas: areas)
            // Room for the whole file in each half, as for the objectives.
            part.staff.reserveCapacity(estimate + 16)
            part.columns.reserveCapacity(estimate + 16)
            part.ids.reserveCapacity(estimate + 16)
            return part
        })
        guard var halves = read else { return nil }
        if case .provisional = areas, let secondIDs = halves.second?.areaIDs.texts {
            // The second half's provisional numbers become the first's; in place (a copy would copy its people).
            let renumbered = secondIDs.map { Int(halves.first.areaIDs.number(of: $0)) }
            halves.second?.staff.renumberAreas(renumbered)
            halves.second?.columns.renumberAreas(renumbered)
        }
        if let second = halves.second {
            halves.first.staff += second.staff
            halves.first.lines.append(second.lines, offset: halves.secondLineOffset)
            halves.first.columns.append(contentsOf: second.columns)
            halves.first.ids.append(contentsOf: second.ids)
            halves.first.keyed = halves.first.keyed && second.keyed
        }
        var result = halves.first
        if result.staff.isEmpty { return nil }
        // A repeated id, or two that differ in case alone, is a fault, named by the exact reader.
        if result.keyed {
            result.ids.finish()
            if !result.ids.areDistinct || result.ids.someDifferInCaseAlone() { return nil }
        } else if !idsAreDistinct(result.staff) {
            return nil
        }
        return (Contents(staff: result.staff, lines: result.lines, columns: result.columns, ids: result.keyed ? result.ids : nil),
                result.areaIDs.texts)
    }

    private static func readRecord(_ record: CSVRecord, into part: inout Part) -> Bool {
        guard let id = record.plainBytes(Self.employeeID).map(SpreadsheetText.read), !id.isEmpty, id.count <= 64, id.allSatisfy({ $0 < 0x80 }) else { return false }
        // A text longer in bytes than its limit in characters goes to the exact reader, which counts characters.
        guard let name = record.plainBytes(Self.name).map(SpreadsheetText.read), !name.isEmpty, name.count <= TextLimits.name, !hasControlCharacter(name),
              let category = record.plainBytes(Self.category).map(SpreadsheetText.read), !category.isEmpty,
              let roleBytes = record.plainBytes(Self.role), let role = role(roleBytes),
              let areaBytes = record.plainBytes(Self.area).map(SpreadsheetText.read) else { return false }
        let personArea: Int?
        if areaBytes.isEmpty {
            guard role == .segretarioGenerale else { return false }
            personArea = nil
        } else {
            switch part.areas {
            case let .plan(index):
                guard let found = index.index(areaBytes) else { return false }
                personArea = found
            case .provisional:
                personArea = Int(part.areaIDs.number(of: areaBytes))
            }
        }
        var partTime = 10_000
        if let bytes = record.plainBytes(Self.partTime), !bytes.isEmpty {
            guard case let .basisPoints(value) = NumberText.percent(bytes), value > StaffFile.fractionLikePartTime && value <= 10_000 else {
                return false
            }
            partTime = value
        }
        var months = 12
        if let bytes = record.plainBytes(Self.months), !bytes.isEmpty {
            guard let value = NumberText.integer(bytes), (0...12).contains(value) else { return false }
            months = value
        }
        let reasonBytes = record.plainBytes(Self.notAssessable).map(SpreadsheetText.read)
        guard (reasonBytes?.count ?? 0) <= TextLimits.reason else { return false }
        let reason = reasonBytes.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        // An answer where a reason goes: the exact reader says so.
        if let reason, StaffFile.isAnswerRatherThanReason(reason) { return false }
        if part.keyed && !part.ids.append(id) { part.keyed = false }
        let categoryNumber = part.columns.categoryNumber(category)
        let member = StaffMember(
            id: String(decoding: id, as: UTF8.self), name: String(decoding: name, as: UTF8.self), role: role,
            category: part.columns.categoryText(categoryNumber), area: personArea,
            partTimeBasisPoints: partTime, monthsOfService: months, notAssessableReason: reason)
        part.columns.append(member, category: categoryNumber)
        part.staff.append(member)
        part.lines.append(record.line)
        return true
    }

    /// The role from its bytes: the usual spellings directly, any other through `parseRole`.
    private static func role(_ bytes: UnsafeBufferPointer<UInt8>) -> Role? {
        if asciiEqualsLowercased(bytes, "dipendente") { return .dipendente }
        if asciiEqualsLowercased(bytes, "dirigente") { return .dirigente }
        if asciiEqualsLowercased(bytes, "segretario_generale") { return .segretarioGenerale }
        return parseRole(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether no ASCII id appears twice, nor two that differ in case alone (told apart upper-cased, when some id has a
    /// lower-case letter).
    private static func idsAreDistinct(_ staff: [StaffMember]) -> Bool {
        let folding = staff.contains { $0.id.utf8.contains { $0 &- UInt8(ascii: "a") < 26 } }
        var seen = TextTable()
        for member in staff {
            let before = seen.count
            if seen.number(of: folding ? member.id.uppercased() : member.id) != UInt32(before) { return false }
        }
        return true
    }
}

/// Whether `a` comes before `b` in byte order.
func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for index in 0..<min(a.count, b.count) where a[index] != b[index] { return a[index] < b[index] }
    return a.count < b.count
}

/// The Areas of the plan by id, matched ignoring case as `StaffFile` matches them (`lowercased()`, the first
/// Area of equal ids): by bytes when every lower-cased id is ASCII, through `String` otherwise.
struct AreaIndex {
    private let areas: [Area]
    private var byBytes = TextTable()
    private var indexOfNumber: [Int] = []
    private let ascii: Bool

    init(_ areas: [Area]) {
        self.areas = areas
        let lowered = areas.map { $0.id.lowercased() }
        ascii = lowered.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        for (index, id) in lowered.enumerated() {
            // The first Area of an id keeps it.
            if byBytes.number(of: id) == UInt32(indexOfNumber.count) { indexOfNumber.append(index) }
        }
    }

    /// The index of the Area whose id is `bytes`, ignoring case.
    func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if ascii && bytes.count <= 64 && bytes.allSatisfy({ $0 < 0x80 }) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lowered in
                for index in bytes.indices { lowered[index] = asciiLowercased(bytes[index]) }
                return byBytes.find(UnsafeBufferPointer(lowered)).map { indexOfNumber[Int($0)] }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return areas.firstIndex { $0.id.lowercased() == text }
    }
}

/// Whether UTF-8 `bytes` hold a control character (Unicode's Cc: C0, DEL, C1), which the exact reader refuses in a name:
/// the record then goes to it, which names the fault.
@inline(__always)
func hasControlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for index in bytes.indices {
        let byte = bytes[index]
        if byte < 0x20 || byte == 0x7F { return true }
        // C1 controls, U+0080…U+009F: 0xC2 then 0x80…0x9F.
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return true }
    }
    return false
}
