import ArgumentParser
import Foundation
import SIPAV
import SIPAVFiles

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic body's staff.csv and objectives.csv, deterministic from a seed.",
        discussion: "--demo writes the demo body of the 2019 report's shape (4 managers, 90 D, 162 C, 21 B).")
    @Option(help: "Number of staff other than managers (ignored with --demo).") var staff: Int = 1_000
    @Option(help: "Number of Areas (ignored with --demo).") var areas: Int = 3
    @Option(help: "Seed of the generator.") var seed: UInt64 = 2019
    @Flag(help: "Generate the demo body.") var demo = false
    @Option(name: .shortAndLong, help: "Folder to write into.") var output: String

    func validate() throws {
        guard demo || (1...10_000_000).contains(staff) else { throw ValidationError("--staff lies between 1 and 10000000") }
        guard demo || (1...1_000).contains(areas) else { throw ValidationError("--areas lies between 1 and 1000") }
    }

    func run() throws {
        try reportingFailures {
            let profile = demo ? Self.demoProfile : BodyProfile.scaled(staff: staff, areaCount: areas)
            let body = SyntheticBody(profile: profile, seed: seed)
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let folder = URL(fileURLWithPath: output)
            try StaffWriter.staffCSV(body.staff, areas: profile.areas)
                .write(to: folder.appendingPathComponent("staff.csv"), atomically: true, encoding: .utf8)
            try StaffWriter.objectivesCSV(body.objectives, staff: body.staff)
                .write(to: folder.appendingPathComponent("objectives.csv"), atomically: true, encoding: .utf8)
            print("Scritti \(body.staff.count) persone e \(body.objectives.count) obiettivi in \(output)")
        }
    }

    static let demoProfile = BodyProfile(
        areas: [Area(id: "AREA1", name: "Anagrafe economica", manager: "DIR002"),
                Area(id: "AREA2", name: "Risorse finanziarie e provveditorato", manager: "DIR003"),
                Area(id: "AREA3", name: "Sviluppo del territorio e regolazione del mercato", manager: "DIR004")],
        areaWeights: [40, 25, 35],
        staffByCategory: [("D", 90), ("C", 162), ("B", 21)],
        scorePerMille: BodyProfile.reportScores)
}
