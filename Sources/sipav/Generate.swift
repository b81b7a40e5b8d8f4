import ArgumentParser
import Foundation
import SIPAV
import SIPAVFiles
import SIPAVReports

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scrive l'anno di un ente sintetico (plan.yaml, staff.csv, objectives.csv, fund.yaml), determinato da un seme.",
        discussion: """
        --demo scrive l'ente dimostrativo, composto come nella Relazione sulla performance 2019 (4 dirigenti, 90 D, 162 C, \
        21 B), con il piano e il fondo dimostrativi. --staff N scrive un ente di N dipendenti (categorie D, C, B nelle \
        proporzioni dei dati dimostrativi, part-time, mesi di servizio, da 3 a 6 obiettivi ciascuno, valutazioni distribuite \
        come nella Relazione) con un piano e un fondo propri.
        """)
    // Unconditional: `--staff -5` is a value out of range, said as such, not an option taken for a missing value.
    @Option(parsing: .unconditional, help: "Numero di dipendenti, esclusi i dirigenti (ignorato con --demo).") var staff: Int = 1_000
    @Option(parsing: .unconditional, help: "Numero di Aree, ciascuna guidata da un dirigente (predefinito: una ogni 1.000 dipendenti, almeno 3; ignorato con --demo).")
    var areas: Int?
    @Option(help: "Seme del generatore.") var seed: UInt64 = 2019
    @Option(help: "L'anno del piano e del fondo (ignorato con --demo).") var year: Int = 2024
    @Flag(help: "Dà un titolo a ogni obiettivo individuale (i file diventano circa tre volte più grandi; ignorato con --demo).")
    var titles = false
    @Flag(help: "Genera l'ente dimostrativo.") var demo = false
    @Option(name: .shortAndLong, help: "Cartella in cui scrivere.") var output: String
    @Flag(help: "Sostituisce i file già presenti nella cartella (senza questa opzione la sostituzione è rifiutata).") var force = false

    func validate() throws {
        guard demo || (1...10_000_000).contains(staff) else { throw ValidationError("--staff deve essere compreso tra 1 e 10.000.000") }
        guard demo || areas.map({ (1...9_999).contains($0) }) ?? true else { throw ValidationError("--areas deve essere compreso tra 1 e 9.999") }
        guard demo || (1990...2200).contains(year) else { throw ValidationError("--year deve essere compreso tra 1990 e 2200, gli anni di un piano") }
    }

    func run() throws {
        try reportingFailures {
            let body = demo ? try GeneratedYear.demo(seed: seed)
                : GeneratedYear.scaled(staff: staff, areas: areas, titles: titles, seed: seed, year: year)
            try OutputFolder.refuseReplacing(body.files.map(\.name), in: output, force: force)
            try body.write(to: output)
            print(Generate.written(people: body.people, objectives: body.objectives, to: output))
        }
    }

    /// `Dati scritti in demo: 277 persone e 1.108 obiettivi individuali.`
    static func written(people: Int, objectives: Int, to output: String) -> String {
        "Dati scritti in \(output): \(ItalianNumbers.count(people, "persona", "persone")) e "
            + "\(ItalianNumbers.count(objectives, "obiettivo individuale", "obiettivi individuali"))."
    }

    static let demoProfile = BodyProfile(
        areas: [Area(id: "AREA1", name: "Anagrafe economica", manager: "DIR002"),
                Area(id: "AREA2", name: "Risorse finanziarie e provveditorato", manager: "DIR003"),
                Area(id: "AREA3", name: "Sviluppo del territorio e regolazione del mercato", manager: "DIR004")],
        areaWeights: [40, 25, 35],
        staffByCategory: [("D", 90), ("C", 162), ("B", 21)],
        scorePerMille: BodyProfile.reportScores)
}

/// A generated year as the four files a user imports, ready to be written into a folder.
struct GeneratedYear {
    let files: [(name: String, bytes: [UInt8])]
    let people: Int
    let objectives: Int

    /// The demo body's staff and ratings from `seed`, with the demo's own plan and fund.
    static func demo(seed: UInt64) throws -> GeneratedYear {
        let profile = Generate.demoProfile
        let body = SyntheticBody(profile: profile, seed: seed)
        let folder = try DemoData.directory()
        let fixed = try ["plan.yaml", "fund.yaml"].map { name -> (name: String, bytes: [UInt8]) in
            guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else {
                throw CommandFailure(status: ExitStatus.internalError, message: "il file \(name) dei dati dimostrativi integrati non si può leggere")
            }
            return (name, [UInt8](data))
        }
        return GeneratedYear(files: fixed + records(body, profile: profile), people: body.staff.count, objectives: body.objectives.count)
    }

    /// A body of `staff` people other than managers, with a plan and a fund of its own.
    static func scaled(staff: Int, areas: Int?, titles: Bool, seed: UInt64, year: Int) -> GeneratedYear {
        let profile = BodyProfile.scaled(staff: staff, areaCount: areas ?? BodyProfile.defaultAreaCount(staff: staff),
                                         objectiveTitles: titles)
        let body = SyntheticBody(profile: profile, seed: seed)
        let plan = SyntheticPlan(profile: profile, seed: seed, year: year)
        return GeneratedYear(files: [("plan.yaml", Array(PlanWriter.yaml(plan.plan).utf8)),
                                     ("fund.yaml", Array(FundWriter.yaml(plan.fund).utf8))] + records(body, profile: profile),
                             people: body.staff.count, objectives: body.objectives.count)
    }

    static func records(_ body: SyntheticBody, profile: BodyProfile) -> [(name: String, bytes: [UInt8])] {
        [("staff.csv", SyntheticCSV.staff(body.staff, areas: profile.areas)),
         ("objectives.csv", SyntheticCSV.objectives(body.objectives, staff: body.staff))]
    }

    /// Writes every file into `folder` (created if missing), each atomically.
    func write(to folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, bytes) in files {
                try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name), options: .atomic)
            }
        } catch {
            throw CommandFailure(status: ExitStatus.missingInput, message: "\(folder): impossibile scrivere nella cartella (\(FileSystemReason.italian(error)))")
        }
    }
}
