/// A synthetic body's records as the bytes of `staff.csv` and `objectives.csv`, in exactly the layout of
/// `StaffWriter` (SIPAVFiles: UTF-8, `;` separated, decimal comma, fields quoted only when they must be),
/// written straight into one buffer so that a body of a million people takes a fraction of a second.
/// A test checks that both writers give the same bytes.
public enum SyntheticCSV {
    public static let staffHeader = "employee_id;name;role;category;area;part_time;months;not_assessable"
    public static let objectivesHeader = "employee_id;objective;title;weight;cosa;come"

    public static func staff(_ staff: [StaffMember], areas: [Area]) -> [UInt8] {
        var out = Buffer(capacity: 64 * staff.count + 128)
        out.line(staffHeader)
        let areaIDs = areas.map { Array($0.id.utf8) }
        for member in staff {
            out.field(member.id); out.separator()
            out.field(member.name); out.separator()
            out.field(member.role.rawValue); out.separator()
            out.field(member.category); out.separator()
            if let area = member.area { out.field(areaIDs[area]) }
            out.separator()
            out.percent(member.partTimeBasisPoints); out.separator()
            out.integer(member.monthsOfService); out.separator()
            if let reason = member.notAssessableReason { out.field(reason) }
            out.newline()
        }
        return out.bytes
    }

    public static func objectives(_ objectives: [IndividualObjective], staff: [StaffMember]) -> [UInt8] {
        var out = Buffer(capacity: 32 * objectives.count + 64)
        out.line(objectivesHeader)
        let ids = staff.map { Array($0.id.utf8) }
        for objective in objectives {
            out.field(ids[objective.person]); out.separator()
            out.field(objective.code); out.separator()
            out.field(objective.title); out.separator()
            out.percent(objective.weightBasisPoints); out.separator()
            if let cosa = objective.cosa { out.integer(cosa) }
            out.separator()
            if let come = objective.come { out.byte(UInt8(ascii: "A") + come.rawValue) }
            out.newline()
        }
        return out.bytes
    }

    struct Buffer {
        var bytes: [UInt8] = []
        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func byte(_ byte: UInt8) { bytes.append(byte) }
        mutating func separator() { bytes.append(UInt8(ascii: ";")) }
        mutating func newline() { bytes.append(UInt8(ascii: "\n")) }
        mutating func line(_ text: String) { bytes.append(contentsOf: text.utf8); newline() }

        mutating func field(_ text: String) {
            var text = text
            text.withUTF8 { field($0) }
        }

        /// A field, double-quoted (quotes doubled) when it holds a separator, a quote or a line break.
        mutating func field(_ utf8: some Collection<UInt8>) {
            let special = utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            guard special else { bytes.append(contentsOf: utf8); return }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }

        mutating func integer(_ value: Int) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                    count += 1
                } while magnitude > 0
                for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
            }
        }

        /// Basis points as a percent with a decimal comma and no needless zeros: 10000 → `100`, 3333 → `33,33`,
        /// 1250 → `12,5`.
        mutating func percent(_ basisPoints: Int) {
            if basisPoints < 0 { bytes.append(UInt8(ascii: "-")) }
            let magnitude = abs(basisPoints)
            integer(magnitude / 100)
            let hundredths = magnitude % 100
            guard hundredths != 0 else { return }
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "0") + UInt8(hundredths / 10))
            if hundredths % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(hundredths % 10)) }
        }
    }
}
