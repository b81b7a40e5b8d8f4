import SIPAV
import SIPAVFiles

/// Why an uploaded `objectives.csv` was refused before anything was written.
enum ObjectiveImportRefusal: Error {
    /// The faults of the file: its rows', and the weights and codes of each person whose rows were all read.
    case faults(InputErrors)
    /// The file's `year` column names these years (earliest first), not the page's: a download of another year.
    case otherYears([Int])
}

/// An `objectives.csv` uploaded by HR, read by the same reader as `sipav db import` and checked whole: every
/// fault with file, line, field and rule; each person in the file must have weights summing to 100 % and distinct
/// codes. People not in the file keep their objectives.
enum ObjectiveImport {
    /// The file's people and their objectives, for `year`, the page's. A file naming another year in its `year` column
    /// (HR's download of that year) is refused for that alone: its rows would be read against the wrong year's
    /// objectives, their versions too, all of which start at 1. Else every fault at once.
    static func read(_ file: UploadedForm.File, staff: [StaffMember], year: Int) throws(ObjectiveImportRefusal)
        -> [(String, [UploadedObjective])] {
        let read: ObjectivesFile.ExactRead
        do {
            read = try ObjectivesFile.parseKeepingFaults(bytes: file.bytes, file: file.filename, staff: staff, readingVersions: true)
        } catch {
            throw .faults(error)
        }
        let others = ObjectivesFile.otherYears(read.yearsNamed, than: year)
        guard others.isEmpty else { throw .otherYears(others.map(\.year)) }
        do {
            return try people(read, file: file, staff: staff)
        } catch {
            throw .faults(error)
        }
    }

    /// The rows read, by person, once each person's weights and codes pass.
    private static func people(_ read: ObjectivesFile.ExactRead, file: UploadedForm.File,
                               staff: [StaffMember]) throws(InputErrors) -> [(String, [UploadedObjective])] {
        guard read.everyRowRead else { throw InputErrors(read.faults) }
        var order: [Int] = []
        var byPerson: [Int: [(IndividualObjective, Int, Int?)]] = [:]
        for (row, objective) in read.objectives.enumerated() {
            if byPerson[objective.person] == nil { order.append(objective.person) }
            byPerson[objective.person, default: []].append((objective, read.lines[row], read.versions[row]))
        }
        var faults: [InputError] = []
        // A person with a row at fault: their weights and codes are checked once that row is mended.
        for person in order where !read.peopleWithFaults.contains(person) {
            let rows = byPerson[person] ?? []
            for broken in PersonObjectivesRules.violations(rows.map(\.0), employeeID: staff[person].id) {
                faults.append(InputError(file: file.filename, line: rows[broken.offset].1, field: broken.field, value: broken.value,
                                         rule: broken.rule))
            }
        }
        try InputErrors.throwIfAny(read.faults + faults)
        return order.map { person in
            (staff[person].id, (byPerson[person] ?? []).map { objective, _, version in
                UploadedObjective(objective: AssignedObjective(code: objective.code, title: objective.title,
                                                               weightBasisPoints: objective.weightBasisPoints),
                                  cosa: objective.cosa, come: objective.come, version: version)
            })
        }
    }
}
