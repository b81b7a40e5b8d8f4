import Testing
import SIPAV
@testable import SIPAVFiles

/// The generator writes its bodies with a writer of its own, for speed: the bytes must be those of
/// `StaffWriter`, which the readers read back, and its plan and fund must read back unchanged.
@Suite("Synthetic files")
struct SyntheticFilesTests {
    static let demoProfile = BodyProfile(
        areas: [Area(id: "AREA1", name: "Anagrafe", manager: "DIR002"), Area(id: "AREA2", name: "Risorse", manager: "DIR003"),
                Area(id: "AREA3", name: "Sviluppo", manager: "DIR004")],
        areaWeights: [40, 25, 35], staffByCategory: [("D", 90), ("C", 162), ("B", 21)], scorePerMille: BodyProfile.reportScores)

    static let bodies: [(BodyProfile, UInt64)] = [
        (demoProfile, 2019), (BodyProfile.scaled(staff: 3_000, areaCount: 4), 5),
        (BodyProfile.scaled(staff: 500, areaCount: 12, objectiveTitles: true), 9),
    ]

    @Test(arguments: bodies)
    func theGeneratorsBytesAreStaffWritersBytes(profile: BodyProfile, seed: UInt64) {
        let body = SyntheticBody(profile: profile, seed: seed)
        #expect(SyntheticCSV.staff(body.staff, areas: profile.areas) == Array(StaffWriter.staffCSV(body.staff, areas: profile.areas).utf8))
        #expect(SyntheticCSV.objectives(body.objectives, staff: body.staff)
                == Array(StaffWriter.objectivesCSV(body.objectives, staff: body.staff).utf8))
    }

    @Test func awkwardFieldsAreQuotedAsStaffWriterQuotesThem() {
        let staff = [StaffMember(id: "E1", name: "D'Angelo; \"Nino\"", role: .dipendente, category: "C", area: 0,
                                 partTimeBasisPoints: 8_333, monthsOfService: 7, notAssessableReason: "riga\nnuova"),
                     StaffMember(id: "E2", name: "Rossi", role: .dipendente, category: "B", area: 0, partTimeBasisPoints: 1_250)]
        let objectives = [IndividualObjective(person: 0, code: "OB1", title: "Titolo \"tra virgolette\"; e altro",
                                              weightBasisPoints: 3_333, cosa: 6, come: .c),
                          IndividualObjective(person: 1, code: "OB1", weightBasisPoints: 10_000, cosa: nil, come: nil)]
        let areas = [Area(id: "A1", name: "Area", manager: nil)]
        #expect(SyntheticCSV.staff(staff, areas: areas) == Array(StaffWriter.staffCSV(staff, areas: areas).utf8))
        #expect(SyntheticCSV.objectives(objectives, staff: staff) == Array(StaffWriter.objectivesCSV(objectives, staff: staff).utf8))
        #expect(SyntheticCSV.staffHeader == StaffWriter.staffHeader)
        #expect(SyntheticCSV.objectivesHeader == StaffWriter.objectivesHeader)
    }

    @Test func aGeneratedYearReadsBackUnchanged() throws {
        let profile = BodyProfile.scaled(staff: 2_000, areaCount: 5)
        let body = SyntheticBody(profile: profile, seed: 21)
        let synthetic = SyntheticPlan(profile: profile, seed: 21)
        let plan = try PlanFile.parse(text: PlanWriter.yaml(synthetic.plan), file: "plan.yaml")
        #expect(plan == synthetic.plan)
        #expect(try FundFile.parse(text: FundWriter.yaml(synthetic.fund), file: "fund.yaml") == synthetic.fund)
        let (staff, _) = try StaffFile.parse(bytes: SyntheticCSV.staff(body.staff, areas: profile.areas), file: "staff.csv", areas: plan.areas)
        #expect(staff == body.staff)
        let (objectives, _) = try ObjectivesFile.parse(bytes: SyntheticCSV.objectives(body.objectives, staff: body.staff),
                                                       file: "objectives.csv", staff: staff)
        #expect(Array(objectives) == body.objectives)
    }
}
