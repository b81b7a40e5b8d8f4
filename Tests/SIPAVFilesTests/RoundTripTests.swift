import SIPAV
import SIPAVFiles
import Testing

/// What `StaffWriter` writes, the readers read back unchanged.
@Test func writtenStaffAndObjectivesReadBack() throws {
    let staff = [
        StaffMember(id: "SG001", name: "Bianchi Guido", role: .segretarioGenerale, category: "DIR", area: nil),
        StaffMember(id: "E0001", name: "Rossi; \"Mario\"", role: .dipendente, category: "D", area: 1,
                    partTimeBasisPoints: 8_333, monthsOfService: 7, notAssessableReason: "in servizio\nda giugno"),
    ]
    let objectives = [
        IndividualObjective(person: 1, code: "OB1", title: "Tempi; qualità", weightBasisPoints: 3_333, cosa: 5, come: .b),
        IndividualObjective(person: 1, code: "OB2", title: "", weightBasisPoints: 6_667, cosa: nil, come: nil),
    ]
    let staffBytes = Array(StaffWriter.staffCSV(staff, areas: testAreas).utf8)
    let readStaff = try StaffFile.parse(bytes: staffBytes, file: "staff.csv", areas: testAreas)
    #expect(readStaff.staff == staff)
    #expect(readStaff.lines == [2, 3])
    let objectiveBytes = Array(StaffWriter.objectivesCSV(objectives, staff: staff).utf8)
    let readObjectives = try ObjectivesFile.parse(bytes: objectiveBytes, file: "objectives.csv", staff: readStaff.staff)
    #expect(readObjectives.objectives == objectives)
}
