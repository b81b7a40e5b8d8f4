import Foundation
@testable import SIPAV
import Testing
@testable import SIPAVFiles

/// `load` reads a file in place (in two halves at once when it is large) and falls back to the exact reader
/// for anything out of the ordinary: whatever the file, it must give what `read` gives, record for record and
/// line for line, or the very same faults.
@Suite("The fast readers read what the exact readers read")
struct FastLoadTests {
    /// Large enough for both files to be read in two halves.
    static let profile = BodyProfile.scaled(staff: 30_000, areaCount: 7, objectiveTitles: true)
    static let body = SyntheticBody(profile: profile, seed: 77)
    static let staffBytes = SyntheticCSV.staff(body.staff, areas: profile.areas)
    static let objectivesBytes = SyntheticCSV.objectives(body.objectives, staff: body.staff)

    /// A change made to a file's text before it is read.
    struct Variant: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable ([UInt8]) -> [UInt8]
        var testDescription: String { name }
    }

    static let variants: [Variant] = [
        Variant(name: "as generated") { $0 },
        Variant(name: "CRLF line ends") { utf8(lines($0).joined(separator: "\r\n") + "\r\n") },
        Variant(name: "a byte order mark") { [0xEF, 0xBB, 0xBF] + $0 },
        Variant(name: "blank lines here and there") { bytes in
            var lines = lines(bytes)
            for index in stride(from: lines.count - 1, to: 0, by: -997) { lines.insert("", at: index) }
            return utf8(lines.joined(separator: "\n") + "\n\n")
        },
        Variant(name: "no final line break") { Array($0.dropLast()) },
        Variant(name: "a quoted field with a line break just across the middle") { bytes in
            var lines = lines(bytes)
            let middle = lines.count / 2
            lines[middle] = quotingLastFieldAcrossLines(lines[middle])
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "a doubled quote in the second half") { bytes in
            var lines = lines(bytes)
            let at = lines.count * 3 / 4
            var fields = lines[at].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            fields[fields.count - 1] = "\"say \"\"no\"\"\""
            lines[at] = fields.joined(separator: ";")
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "spaces around fields and upper/lower case") { bytes in
            var lines = lines(bytes)
            for index in stride(from: 1, to: lines.count, by: 101) {
                lines[index] = lines[index].split(separator: ";", omittingEmptySubsequences: false)
                    .map { " \($0.lowercased())\t" }.joined(separator: ";")
            }
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        // In a staff list, names with a control character: a tab (a C0 control) and U+0085 (a C1 control), which the
        // exact reader refuses; the fast one must send them to it, not store them.
        Variant(name: "control characters inside the second field") { bytes in
            var lines = lines(bytes)
            for (at, control) in [(lines.count / 3, "\t"), (lines.count * 2 / 3, "\u{85}")] {
                var fields = lines[at].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                fields[1] = String(fields[1].prefix(2)) + control + String(fields[1].dropFirst(2))
                lines[at] = fields.joined(separator: ";")
            }
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "letters beyond ASCII") { bytes in
            var lines = lines(bytes)
            for index in stride(from: 2, to: lines.count, by: 53) {
                var fields = lines[index].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                fields[fields.count - 1] = "Niccolò Città Ünal"
                lines[index] = fields.joined(separator: ";")
            }
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        // A name or a title that would start a formula, written with an apostrophe in front (`SpreadsheetText`), with more
        // apostrophes than that, or with one before plain text; the longest title, its apostrophe aside.
        Variant(name: "texts that would start a formula, and apostrophes") { bytes in
            var lines = lines(bytes)
            let cells = ["'=SOMMA(A1:A2)", "''+39 06", "'-5", "'@x", "'Ndrangheta", "'", "=1+1", "'=" + String(repeating: "x", count: 499)]
            for (step, index) in stride(from: 3, to: lines.count, by: 61).enumerated() {
                var fields = lines[index].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                let cell = cells[step % cells.count]
                // A reason is words (digits and signs alone are an answer, refused): the cell starts it.
                if fields.count == 8 { fields[1] = String(cell.prefix(150)); fields[7] = String((cell + " in aspettativa").prefix(500)) } else { fields[2] = cell }
                lines[index] = fields.joined(separator: ";")
            }
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "rows in another order") { bytes in
            var lines = lines(bytes)
            let header = lines.removeFirst()
            var random = SplitMix64(seed: 5)
            lines.shuffle(using: &random)
            return utf8(([header] + lines).joined(separator: "\n") + "\n")
        },
        Variant(name: "a fault in each half") { bytes in
            var lines = lines(bytes)
            for at in [lines.count / 4, lines.count * 3 / 4] {
                var fields = lines[at].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                fields[fields.count == 8 ? 6 : 3] = "molto"
                lines[at] = fields.joined(separator: ";")
            }
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "rows of bare separators, narrower and wider than the header") { bytes in
            var lines = lines(bytes)
            lines.insert(";;;", at: lines.count / 3)
            lines.insert(String(repeating: ";", count: 12), at: lines.count * 2 / 3)
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "rows of bare separators as wide as the header, in each half") { bytes in
            var lines = lines(bytes)
            let width = lines[0].count(where: { $0 == ";" })
            for at in [lines.count * 3 / 4, lines.count / 4] { lines.insert(String(repeating: ";", count: width), at: at) }
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "a NUL in a name in the second half") { bytes in
            var lines = lines(bytes)
            lines[lines.count * 3 / 4] = lines[lines.count * 3 / 4].replacingOccurrences(of: ";", with: ";A\u{0}B", options: [], range: nil)
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "a second field past its length, in the second half") { bytes in
            var lines = lines(bytes)
            var fields = lines[lines.count * 3 / 4].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            fields[fields.count == 8 ? 1 : 2] = String(repeating: "è", count: 150) + String(repeating: "x", count: 400)
            lines[lines.count * 3 / 4] = fields.joined(separator: ";")
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "a second field long in bytes, within its length in characters") { bytes in
            var lines = lines(bytes)
            var fields = lines[lines.count / 4].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            fields[fields.count == 8 ? 1 : 2] = String(repeating: "è", count: 190)
            lines[lines.count / 4] = fields.joined(separator: ";")
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "a row with a field too many") { bytes in
            var lines = lines(bytes)
            lines[lines.count / 3] += ";di troppo"
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "a row repeated") { bytes in
            var lines = lines(bytes)
            lines.append(lines[lines.count / 2])
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "ids longer than a key") { bytes in
            utf8(lines(bytes).enumerated().map { index, line in
                index == 0 ? line : "IDENTIFICATIVO-LUNGO-" + line
            }.joined(separator: "\n") + "\n")
        },
        Variant(name: "an id in another case beside the one before, in the second half") { bytes in
            utf8(lowercasingIDBesideTheOneBefore(lines(bytes)).joined(separator: "\n") + "\n")
        },
        Variant(name: "ids longer than a key, one in another case beside the one before") { bytes in
            utf8(lowercasingIDBesideTheOneBefore(lines(bytes).enumerated().map { index, line in
                index == 0 ? line : "IDENTIFICATIVO-LUNGO-" + line
            }).joined(separator: "\n") + "\n")
        },
        Variant(name: "a missing column") { bytes in
            utf8(lines(bytes).map { line in
                line.split(separator: ";", omittingEmptySubsequences: false).dropLast().joined(separator: ";")
            }.joined(separator: "\n") + "\n")
        },
        Variant(name: "a line that is not UTF-8") { bytes in
            var changed = bytes
            changed.insert(contentsOf: [0xC3, 0x28], at: bytes.count * 2 / 3)
            return changed
        },
        Variant(name: "only the header") { bytes in Array(lines(bytes)[0].utf8) + [0x0A] },
        Variant(name: "an Area the plan lacks, in the second half") { bytes in
            var lines = lines(bytes)
            let at = lines.count * 3 / 4
            var fields = lines[at].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if let area = fields.firstIndex(where: { $0.hasPrefix("AREA") }) { fields[area] = "AREA-NUOVA" }
            lines[at] = fields.joined(separator: ";")
            return utf8(lines.joined(separator: "\n") + "\n")
        },
        Variant(name: "an Area met only in the second half") { bytes in
            var lines = lines(bytes)
            let header = lines.removeFirst()
            let last = lines.filter { $0.contains(";AREA7;") }
            return utf8(([header] + lines.filter { !$0.contains(";AREA7;") } + last).joined(separator: "\n") + "\n")
        },
        Variant(name: "the Areas met in reverse order in the second half") { bytes in
            var lines = lines(bytes)
            let middle = lines.count / 2
            lines[middle...].reverse()
            return utf8(lines.joined(separator: "\n") + "\n")
        },
    ]

    /// The staff list read before the plan, as `YearInputs` reads it: its Areas numbered provisionally, then the
    /// plan's; the exact reader once the plan is read when anything is out of the ordinary.
    static func loadBeforePlan(path: String, areas: [Area]) throws(InputErrors) -> StaffFile.Contents {
        if var early = try StaffFile.loadBeforePlan(path: path), let contents = early.withAreas(areas) { return contents }
        return try StaffFile.load(path: path, areas: areas)
    }

    /// Both ways of reading a staff list in place, in the arguments' order.
    enum StaffLoad: CaseIterable { case withPlan, beforePlan }

    @Test(arguments: variants, StaffLoad.allCases)
    func staffFile(_ variant: Variant, _ load: StaffLoad) throws {
        let path = try temporaryFile("staff.csv", variant.change(Self.staffBytes))
        let exact = Result { () throws(InputErrors) in try StaffFile.read(path: path, areas: Self.profile.areas) }
        let fast = Result { () throws(InputErrors) in
            switch load {
            case .withPlan: try StaffFile.load(path: path, areas: Self.profile.areas)
            case .beforePlan: try Self.loadBeforePlan(path: path, areas: Self.profile.areas)
            }
        }
        switch (exact, fast) {
        case let (.success(exact), .success(fast)):
            #expect(firstDifference(fast.staff, exact.staff) == nil)
            #expect(firstDifference(fast.lines.array, exact.lines) == nil)
            #expect(fast.columns.count == exact.staff.count)
            let columns = StaffColumns(exact.staff)
            #expect(firstDifference(fast.columns.category.map(fast.columns.categoryText), columns.category.map(columns.categoryText)) == nil)
            #expect(firstDifference(fast.columns.area, columns.area) == nil)
            #expect(firstDifference(fast.columns.partTime, columns.partTime) == nil)
            #expect(firstDifference(fast.columns.months, columns.months) == nil)
            #expect(firstDifference(fast.columns.managersFund, columns.managersFund) == nil)
            #expect(firstDifference(fast.columns.hasReason, columns.hasReason) == nil)
            #expect(fast.columns.isCompact == columns.isCompact)
            if let ids = fast.ids {
                #expect(ids.count == exact.staff.count)
                for (row, member) in exact.staff.enumerated() where row % 13 == 0 {
                    var id = member.id
                    #expect(id.withUTF8 { ids.person($0) } == exact.staff.firstIndex { $0.id == member.id })
                }
            }
        case let (.failure(exact), .failure(fast)):
            #expect(firstDifference(fast.errors, exact.errors) == nil)
        default:
            Issue.record("the readers disagree: exact \(exact.outcome), fast \(fast.outcome)")
        }
    }

    @Test(arguments: variants)
    func objectivesFile(_ variant: Variant) throws {
        let path = try temporaryFile("objectives.csv", variant.change(Self.objectivesBytes))
        let exact = Result { () throws(InputErrors) in try ObjectivesFile.read(path: path, staff: Self.body.staff) }
        let fast = Result { () throws(InputErrors) in try ObjectivesFile.load(path: path, staff: Self.body.staff) }
        switch (exact, fast) {
        case let (.success(exact), .success(fast)):
            #expect(firstDifference(Array(fast.objectives), exact.objectives) == nil)
            #expect(fast.objectives == IndividualObjectives(exact.objectives))
            #expect(firstDifference(fast.lines.array, exact.lines) == nil)
        case let (.failure(exact), .failure(fast)):
            #expect(firstDifference(fast.errors, exact.errors) == nil)
        default:
            Issue.record("the readers disagree: exact \(exact.outcome), fast \(fast.outcome)")
        }
    }

    /// A staff list whose ids repeat only as `String`s compare (é written two ways) is not read by bytes.
    @Test func idsEqualOnlyAsStringsAreARepetition() throws {
        let bytes = csv(SyntheticCSV.staffHeader, "caf\u{E9};Uno;dipendente;C;AREA1;100;12;",
                        "cafe\u{301};Due;dipendente;C;AREA1;100;12;")
        let areas = [Area(id: "AREA1", name: "Area", manager: nil)]
        let path = try temporaryFile("staff.csv", bytes)
        let exact = faults { () throws(InputErrors) in try StaffFile.read(path: path, areas: areas) }
        #expect(!exact.isEmpty)
        #expect(faults { () throws(InputErrors) in try StaffFile.load(path: path, areas: areas) } == exact)
    }

    /// `lines` with the id of the row three quarters down written as the row before writes its own, in lower case: in
    /// a staff list, two ids that differ in case alone; in the objectives, an id the staff list writes in another case.
    static func lowercasingIDBesideTheOneBefore(_ lines: [String]) -> [String] {
        var lines = lines
        let at = lines.count * 3 / 4
        var fields = lines[at].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        fields[0] = lines[at - 1].split(separator: ";", omittingEmptySubsequences: false)[0].lowercased()
        lines[at] = fields.joined(separator: ";")
        return lines
    }

    /// The lines of a file's text, without their line breaks.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The line with its last field quoted and holding a line break.
    static func quotingLastFieldAcrossLines(_ line: String) -> String {
        var fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        fields[fields.count - 1] = "\"prima riga\nseconda riga\""
        return fields.joined(separator: ";")
    }
}

private func lines(_ bytes: [UInt8]) -> [String] { FastLoadTests.lines(bytes) }
private func quotingLastFieldAcrossLines(_ line: String) -> String { FastLoadTests.quotingLastFieldAcrossLines(line) }
private func lowercasingIDBesideTheOneBefore(_ lines: [String]) -> [String] { FastLoadTests.lowercasingIDBesideTheOneBefore(lines) }

/// Where two lists first differ (the position and both elements, or the lengths), nil when they are equal.
private func firstDifference<T: Equatable>(_ found: [T], _ expected: [T]) -> String? {
    for index in 0..<min(found.count, expected.count) where found[index] != expected[index] {
        return "at \(index): \(found[index]) instead of \(expected[index])"
    }
    return found.count == expected.count ? nil : "\(found.count) elements instead of \(expected.count)"
}

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

extension Result {
    fileprivate var outcome: String {
        switch self {
        case .success: "read"
        case let .failure(error): "faults: \(error)"
        }
    }
}
