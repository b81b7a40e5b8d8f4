import Foundation
import SIPAVTestSupport
import Testing

/// One way to spoil the demo body's files, and what `sipav validate` must say about it.
struct Spoiler: CustomTestStringConvertible, Sendable {
    let name: String
    /// The file and line the message must name (line nil: the whole file), and the field.
    let file: String
    let line: Int?
    let field: String?
    /// Words the rule must contain.
    let rule: String
    var status: Int32 = 65
    let spoil: @Sendable (ScratchYear) throws -> Void
    var testDescription: String { name }
}

func setField(_ index: Int, to value: String) -> @Sendable (String) -> String {
    { line in
        var fields = line.components(separatedBy: ";")
        fields[index] = value
        return fields.joined(separator: ";")
    }
}

let spoilers: [Spoiler] = [
    Spoiler(name: "weights not summing to 100", file: "objectives.csv", line: 2, field: "weight", rule: "sommare a 100") {
        try $0.change("objectives.csv", line: 2, setField(3, to: "1"))
    },
    Spoiler(name: "cosa 7", file: "objectives.csv", line: 3, field: "cosa", rule: "0") {
        try $0.change("objectives.csv", line: 3, setField(4, to: "7"))
    },
    Spoiler(name: "come D", file: "objectives.csv", line: 3, field: "come", rule: "A, B o C") {
        try $0.change("objectives.csv", line: 3, setField(5, to: "D"))
    },
    Spoiler(name: "cosa without come", file: "objectives.csv", line: 4, field: "come", rule: "") {
        try $0.change("objectives.csv", line: 4, setField(5, to: ""))
    },
    Spoiler(name: "weight that is no number", file: "objectives.csv", line: 2, field: "weight", rule: "") {
        try $0.change("objectives.csv", line: 2, setField(3, to: "abc"))
    },
    Spoiler(name: "objective of an unknown employee", file: "objectives.csv", line: 5, field: "employee_id", rule: "") {
        try $0.change("objectives.csv", line: 5, setField(0, to: "X9999"))
    },
    Spoiler(name: "duplicate employee", file: "staff.csv", line: 11, field: "employee_id", rule: "") {
        let lines = try $0.lines("staff.csv")
        try $0.change("staff.csv", line: 11, setField(0, to: lines[9].components(separatedBy: ";")[0]))
    },
    Spoiler(name: "unknown Area", file: "staff.csv", line: 12, field: "area", rule: "AREA1") {
        try $0.change("staff.csv", line: 12, setField(4, to: "AREA9"))
    },
    Spoiler(name: "unknown role", file: "staff.csv", line: 12, field: "role", rule: "") {
        try $0.change("staff.csv", line: 12, setField(2, to: "capo"))
    },
    Spoiler(name: "category missing", file: "staff.csv", line: 13, field: "category", rule: "obbligatoria") {
        try $0.change("staff.csv", line: 13, setField(3, to: ""))
    },
    Spoiler(name: "months 13", file: "staff.csv", line: 14, field: "months", rule: "12") {
        try $0.change("staff.csv", line: 14, setField(6, to: "13"))
    },
    Spoiler(name: "part time 0", file: "staff.csv", line: 14, field: "part_time", rule: "") {
        try $0.change("staff.csv", line: 14, setField(5, to: "0"))
    },
    Spoiler(name: "truncated CSV row", file: "staff.csv", line: 15, field: nil, rule: "campi") {
        try $0.change("staff.csv", line: 15) { line in line.components(separatedBy: ";").prefix(4).joined(separator: ";") }
    },
    Spoiler(name: "file that is not UTF-8", file: "staff.csv", line: 16, field: nil, rule: "UTF-8") {
        var bytes = Array(try $0.lines("staff.csv").joined(separator: "\n").utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        let at = lineStarts[15] + 8
        bytes.replaceSubrange(at..<at, with: [0x4E, 0xE0])
        try $0.write("staff.csv", bytes: bytes)
    },
    Spoiler(name: "unterminated quote", file: "staff.csv", line: 17, field: nil, rule: "virgolette") {
        try $0.change("staff.csv", line: 17, setField(1, to: "\"Rossi Anna"))
    },
    Spoiler(name: "missing required column", file: "staff.csv", line: 1, field: "intestazione", rule: "area") {
        let lines = try $0.lines("staff.csv").map { line -> String in
            var fields = line.components(separatedBy: ";")
            if fields.count > 4 { fields.remove(at: 4) }
            return fields.joined(separator: ";")
        }
        try $0.write("staff.csv", lines: lines)
    },
    Spoiler(name: "negative fund", file: "fund.yaml", line: 7, field: "lines.amount", rule: "non è negativo") {
        let lines = try $0.lines("fund.yaml").map { $0.replacingOccurrences(of: "\"734.312,44\"", with: "\"-734.312,44\"") }
        try $0.write("fund.yaml", lines: lines)
    },
    Spoiler(name: "a date that is no date", file: "fund.yaml", line: 19, field: "giunta.date", rule: "questo giorno non esiste nel calendario") {
        let lines = try $0.lines("fund.yaml").map { $0.replacingOccurrences(of: "2020-06-22", with: "2020-02-30") }
        try $0.write("fund.yaml", lines: lines)
    },
    Spoiler(name: "fund of another year", file: "fund.yaml", line: 3, field: "year", rule: "2019") {
        let lines = try $0.lines("fund.yaml").map { $0 == "year: 2019" ? "year: 2018" : $0 }
        try $0.write("fund.yaml", lines: lines)
    },
    Spoiler(name: "unknown scale kind", file: "plan.yaml", line: nil, field: "objectives.indicators.scale.kind", rule: "tipo di scala sconosciuto") {
        let lines = try $0.lines("plan.yaml")
        let index = lines.firstIndex { $0.contains("kind: below") }!
        var changed = lines
        changed[index] = changed[index].replacingOccurrences(of: "kind: below", with: "kind: sotto")
        try $0.write("plan.yaml", lines: changed)
    },
    Spoiler(name: "duplicate objective id", file: "plan.yaml", line: nil, field: "objectives.id", rule: "una volta sola") {
        let lines = try $0.lines("plan.yaml")
        let objectivesStart = lines.firstIndex(of: "objectives:")!
        let index = lines[objectivesStart...].firstIndex { $0.hasPrefix("  - id: \"2\"") }!
        var changed = lines
        changed[index] = "  - id: \"1\""
        try $0.write("plan.yaml", lines: changed)
    },
    Spoiler(name: "no line of the managers' fund", file: "fund.yaml", line: 5, field: "lines", rule: "fondo dei dirigenti non ha righe") {
        try $0.removeLines("fund.yaml", from: "  - fund: managers", count: 4)
    },
    Spoiler(name: "an Area without objectives", file: "plan.yaml", line: 50, field: "areas.id", rule: "AREA3") {
        let lines = try $0.lines("plan.yaml").map { $0 == "    owner: AREA3" ? "    owner: AREA2" : $0 }
        try $0.write("plan.yaml", lines: lines)
    },
    Spoiler(name: "an Area led by a dipendente", file: "plan.yaml", line: 49, field: "areas.manager", rule: "non un dipendente") {
        let lines = try $0.lines("plan.yaml").map { $0 == "    manager: DIR003" ? "    manager: E0004" : $0 }
        try $0.write("plan.yaml", lines: lines)
    },
    Spoiler(name: "an amount written 12.480", file: "fund.yaml", line: 7, field: "lines.amount", rule: "ambigui") {
        let lines = try $0.lines("fund.yaml").map { $0.replacingOccurrences(of: "\"734.312,44\"", with: "\"12.480\"") }
        try $0.write("fund.yaml", lines: lines)
    },
    Spoiler(name: "a NUL in a name", file: "staff.csv", line: 12, field: nil, rule: "NUL") {
        try $0.change("staff.csv", line: 12, setField(1, to: "Rossi\u{0}Anna"))
    },
    Spoiler(name: "missing file", file: "objectives.csv", line: nil, field: nil, rule: "", status: 66) {
        try FileManager.default.removeItem(atPath: $0.path("objectives.csv"))
    },
]

@Suite("Bad input: one clear message naming file, line, field and rule; a non-zero exit")
struct BadInputTests {
    @Test(arguments: spoilers)
    func spoiledInputIsRefused(_ spoiler: Spoiler) throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try spoiler.spoil(year)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == spoiler.status, "\(run.standardError)")
        let message = run.standardError
        let expectedPlace = year.path(spoiler.file) + (spoiler.line.map { ":\($0):" } ?? ":")
        #expect(message.contains(expectedPlace), "\(message)")
        if let field = spoiler.field { #expect(message.contains("campo \"\(field)\""), "\(message)") }
        if !spoiler.rule.isEmpty { #expect(message.contains(spoiler.rule), "\(message)") }
        #expect(run.standardOutput.isEmpty)
    }

    /// The plan is read while the staff list and the objectives are: faults still come as if the files were read
    /// one after the other, the plan's (the staff list needs its Areas), else the staff list's with the objectives' own
    /// rows' (unless the list's ids are at fault: whose each row is is then unknown), else the objectives'.
    @Test(arguments: [
        (["duplicate objective id", "unknown Area", "cosa 7"], ["plan.yaml"]),
        (["duplicate objective id", "duplicate employee"], ["plan.yaml"]),
        (["unknown Area", "cosa 7"], ["staff.csv", "objectives.csv"]),
        (["unknown Area", "objective of an unknown employee"], ["staff.csv", "objectives.csv"]),
        (["duplicate employee", "cosa 7"], ["staff.csv"]),
        (["cosa 7"], ["objectives.csv"]),
    ])
    func faultsComeInTheOrderOfTheFiles(_ spoiled: [String], _ named: [String]) throws {
        let year = try ScratchYear()
        defer { year.remove() }
        for name in spoiled { try #require(spoilers.first { $0.name == name }).spoil(year) }
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65, "\(run.standardError)")
        for file in ["plan.yaml", "staff.csv", "objectives.csv"] {
            #expect(run.standardError.contains(year.path(file) + ":") == named.contains(file), "\(file): \(run.standardError)")
        }
        let faultFiles = run.standardError.split(separator: "\n").dropFirst().compactMap { line in named.firstIndex { line.contains(year.path($0) + ":") } }
        #expect(faultFiles == faultFiles.sorted(), "the files' faults in their order: \(run.standardError)")
    }

    /// A column added to the header alone is the header's one fault: the rows, each a field short, are not read.
    @Test func aColumnAddedToTheHeaderIsItsOneFault() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 1) { $0 + ";extra" }
        try year.change("staff.csv", line: 1) { $0 + ";note" }
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let lines = run.standardError.split(separator: "\n").dropFirst()
        #expect(lines.count == 1 && lines.allSatisfy { $0.hasPrefix(year.path("staff.csv") + ":1:") && $0.contains("\"note\"") },
                "\(run.standardError)")
        try year.change("staff.csv", line: 1) { $0.replacingOccurrences(of: ";note", with: "") }
        let objectives = try Sipav.run(["validate", "--data", year.folder.path]).standardError.split(separator: "\n").dropFirst()
        #expect(objectives.count == 1 && objectives.allSatisfy { $0.hasPrefix(year.path("objectives.csv") + ":1:") }, "\(objectives)")
    }

    /// Every row a fault (a rating out of range on each): the first 200 are printed, then how many more.
    @Test func aFloodOfFaultsIsCutWithItsCount() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("objectives.csv", lines: try year.lines("objectives.csv").enumerated().map { index, line in
            index == 0 || line.isEmpty ? line : setField(4, to: "9")(line)
        })
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 202, "the first line, 200 faults and the count: \(lines.count)")
        let rows = try year.lines("objectives.csv").filter { !$0.isEmpty }.count - 1
        // Numbers in the Italian form: 1.265.
        func italian(_ value: Int) -> String {
            let digits = String(value)
            return digits.enumerated().map { ($0.offset > 0 && (digits.count - $0.offset) % 3 == 0 ? "." : "") + String($0.element) }.joined()
        }
        #expect(lines.last == "… e altri \(italian(rows - 200)) errori (\(italian(rows)) in tutto): corregga i primi e ripeta il controllo.",
                "\(lines.last ?? "")")
    }

    /// A year still being rated has an unrated objective on many lines: said once, with the count, the first lines and
    /// the way (--planning), after the other faults.
    @Test func objectivesNotYetRatedAreSaidOnceWithTheWayOut() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        for line in [9, 5, 6] { try year.change("objectives.csv", line: line) { setField(5, to: "")(setField(4, to: "")($0)) } }
        try year.change("objectives.csv", line: 2, setField(3, to: "1"))
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        let objectives = year.path("objectives.csv")
        #expect(lines.count == 3, "\(run.standardError)")
        #expect(lines.dropFirst().first?.hasPrefix(objectives + ":2: campo \"weight\"") == true, "\(run.standardError)")
        #expect(lines.last == objectives + ":5: 3 obiettivi di persone valutabili senza valutazione (cosa e come), alle righe 5, 6, 9. "
                + "Per calcolare i punteggi ogni obiettivo va valutato; un anno ancora in valutazione si controlla e si importa con "
                + "--planning (sipav validate --planning, sipav db import --planning).", "\(run.standardError)")
        let planning = try Sipav.run(["validate", "--planning", "--data", year.folder.path])
        #expect(!planning.standardError.contains("senza valutazione"), "\(planning.standardError)")
        // Once the weights are mended, planning says how many ratings are still to come.
        try year.change("objectives.csv", line: 2, setField(3, to: "25"))
        let valid = try Sipav.run(["validate", "--planning", "--data", year.folder.path])
        #expect(valid.status == 0, "\(valid.standardError)")
        #expect(valid.standardOutput.contains("\n3 obiettivi individuali non ancora valutati: cosa e come vanno dati"), "\(valid.standardOutput)")
    }

    @Test func theFundsFaultsComeWithTheListsFaults() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        for name in ["months 13", "an amount written 12.480"] { try #require(spoilers.first { $0.name == name }).spoil(year) }
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains(year.path("staff.csv") + ":14:"), "\(run.standardError)")
        #expect(run.standardError.contains(year.path("fund.yaml") + ":7:"), "\(run.standardError)")
    }

    /// An empty SIPAV_CONFIG is no setting: the defaults, where it was taken for a file with no name.
    @Test func anEmptySIPAVConfigIsNoSetting() throws {
        let run = try Sipav.run(["allocate"], environment: ["SIPAV_CONFIG": ""])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == (try Sipav.run(["allocate"])).standardOutput)
    }

    @Test func unknownSettingIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let config = year.path("settings.yaml")
        try "fund:\n  residual: keep\n  bonus_for_everyone: true\n".write(toFile: config, atomically: true, encoding: .utf8)
        let run = try Sipav.run(["validate", "--data", year.folder.path, "--config", config])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(config):3:"), "\(run.standardError)")
        #expect(run.standardError.contains("bonus_for_everyone"))
    }

    /// A category the settings give a parameter, written in another case in the staff list, would weigh 1.
    @Test func aCategoryWrittenOtherwiseThanTheSettingsIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let config = year.path("settings.yaml")
        try "fund:\n  category_parameters: {D: \"1,2\"}\n".write(toFile: config, atomically: true, encoding: .utf8)
        try year.change("staff.csv", line: 7, setField(3, to: "d"))
        let run = try Sipav.run(["validate", "--data", year.folder.path, "--config", config])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(year.path("staff.csv")):7: campo \"category\""), "\(run.standardError)")
        #expect(run.standardError.contains("la scriva D"), "\(run.standardError)")
    }

    /// Without settings that list it, a category typed in another case is a group of its own in the published
    /// statistics: refused, naming the way most people have it.
    @Test func aCategoryWrittenInAnotherCaseThanTheOthersIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let category = try #require(try year.lines("staff.csv")[6].components(separatedBy: ";").dropFirst(3).first)
        try year.change("staff.csv", line: 7, setField(3, to: category.lowercased()))
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(year.path("staff.csv")):7: campo \"category\", valore \"\(category.lowercased())\": la categoria "
                                           + "differisce da \(category) solo per maiuscole e minuscole: la scriva \(category)"), "\(run.standardError)")
    }

    /// A year stored before the rule, with `d` beside `D`, is still read: its reports and verification are what an
    /// auditor checks it with.
    @Test func aStoredYearWithACategoryInAnotherCaseIsStillReported() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--allocate", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        try database.withConnection { db in
            try db.execute("SET session_replication_role = replica")
            try db.execute("UPDATE staff_years SET category = lower(category) WHERE employee_id = 'E0007'")
        }
        let report = try db(["report", "scores", "--body", "demo", "--year", "2019"], on: database)
        #expect(report.status == 0, "\(report.standardError)")
    }

    /// Rows of bare separators below the data, as a spreadsheet leaves them, are skipped.
    @Test func rowsOfBareSeparatorsAreSkipped() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("staff.csv", lines: try year.lines("staff.csv") + [";;;;;;;", ";;;;;;;"])
        try year.write("objectives.csv", lines: try year.lines("objectives.csv") + [";;;;;"])
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 0, "\(run.standardError)")
    }

    /// The fund cannot be allocated before the Giunta's confirmation is recorded: the fault names the fund file and
    /// the field to fill in, and nothing is written.
    @Test func allocatingWithoutTheGiuntasConfirmationNamesTheField() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.removeLines("fund.yaml", from: "giunta:", count: 3)
        let output = year.path("allocation.csv")
        let run = try Sipav.run(["allocate", "--data", year.folder.path, "--format", "csv", "-o", output])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(year.path("fund.yaml")): campo \"giunta\""), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// With both confirmations missing, both are named in one run: the OIV's came only once the Giunta's was fixed.
    @Test(arguments: [["allocate"], ["validate"]])
    func bothMissingConfirmationsAreNamedAtOnce(_ command: [String]) throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.removeLines("fund.yaml", from: "giunta:", count: 3)
        try year.removeLines("fund.yaml", from: "oiv:", count: 3)
        let run = try Sipav.run(command + ["--data", year.folder.path])
        let said = run.standardError + run.standardOutput
        #expect(said.contains("\(year.path("fund.yaml")): campo \"giunta\""), "\(said)")
        #expect(said.contains("\(year.path("fund.yaml")): campo \"oiv\""), "\(said)")
    }

    /// The organisational results do not depend on the individual ratings: a year with an appraisal still to complete
    /// has them, the manager's shown as to complete; the allocation still needs every rating.
    @Test func theOrganisationalResultsNeedNoIndividualRating() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.leaveUnrated(line: 8)
        let organisation = try Sipav.run(["organisation", "--data", year.folder.path])
        #expect(organisation.status == 0, "\(organisation.standardError)")
        #expect(organisation.standardOutput.contains("da completare"), "\(organisation.standardOutput)")
        #expect(try Sipav.run(["allocate", "--data", year.folder.path]).status == 65)
    }

    @Test func outOfRangeSettingIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        let config = year.path("settings.yaml")
        try "individual:\n  minimum_months_of_service: 13\n".write(toFile: config, atomically: true, encoding: .utf8)
        let run = try Sipav.run(["validate", "--data", year.folder.path, "--config", config])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(config):2:"), "\(run.standardError)")
    }

    @Test func nothingIsWrittenWhenTheInputIsBad() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.change("objectives.csv", line: 3, setField(4, to: "7"))
        let output = year.path("allocation.csv")
        let run = try Sipav.run(["allocate", "--data", year.folder.path, "--format", "csv", "-o", output])
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let run = try Sipav.run(["allocate", "--colour", "blue"])
        #expect(run.status == 64)
    }
}

/// The staff list's people are told apart: one Segretario Generale, in no Area, and no two ids that differ in case
/// alone. Each fault names its line.
@Suite("People told apart")
struct PeopleToldApartTests {
    @Test func aSecondSegretarioGeneraleOrOneInAnAreaIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        var lines = try year.lines("staff.csv")
        lines[1] = "DIR001;Segretario Generale;segretario_generale;DIR;AREA1;100;12;"
        lines.insert("DIR009;Vice Segretario;SG;DIR;;100;12;non valutabile nell'anno", at: 2)
        try year.write("staff.csv", lines: lines)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains(":2: campo \"area\", valore \"AREA1\": il Segretario Generale non appartiene a un'Area"),
                "\(run.standardError)")
        // The role as written (SG) is not kept: no value is quoted, rather than one the file does not hold.
        #expect(run.standardError.contains(":3: campo \"role\": l'ente ha un solo Segretario Generale, e DIR001 lo è già"),
                "\(run.standardError)")
    }

    @Test func idsThatDifferInCaseAloneAreRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        var lines = try year.lines("staff.csv")
        lines.insert("dir002;D'Angelo Francesca;dipendente;C;AREA1;100;12;in servizio da poco", at: 3)
        try year.write("staff.csv", lines: lines)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains(":4: campo \"employee_id\", valore \"dir002\": " + Self.caseAloneRule), "\(run.standardError)")
    }

    /// What the staff list says of `DIR002` on line 3 and `dir002` on line 4.
    static let caseAloneRule = "due matricole non possono differire solo per maiuscole e minuscole: DIR002 è alla riga 3, dir002 alla riga 4 "
        + "(è la stessa persona, o due matricole da distinguere)"

    /// A staff list with `dir002` beside `DIR002`, each with objectives, and an objectives file with a fault of its own.
    static func yearWithIDsDifferingInCase() throws -> ScratchYear {
        let year = try ScratchYear()
        var staff = try year.lines("staff.csv")
        staff.insert("dir002;Bianchi Paolo;dipendente;C;AREA1;100;12;", at: 3)
        try year.write("staff.csv", lines: staff)
        var objectives = try year.lines("objectives.csv")
        objectives.insert(contentsOf: ["dir002;OB1;;60;5;A", "dir002;OB2;;40;4;B", "Dir002;OB3;;20;4;B"], at: 1)
        objectives[10] = setField(3, to: "molto")(objectives[10])
        try year.write("objectives.csv", lines: objectives)
        return year
    }

    /// The cause is said first, where it lies: the staff list, naming both lines. The objectives of either id (and the
    /// row of a third spelling, or any other fault of the objectives file) are not read until the staff list is mended:
    /// none is said to be of an unknown employee, and nothing is written.
    @Test(arguments: ["validate", "allocate"])
    func idsThatDifferInCaseAloneAreSaidBeforeTheirObjectives(_ command: String) throws {
        let year = try Self.yearWithIDsDifferingInCase()
        defer { year.remove() }
        let output = year.path("ripartizione.csv")
        let run = try Sipav.run([command, "--data", year.folder.path] + (command == "allocate" ? ["--format", "csv", "-o", output] : []))
        #expect(run.status == 65)
        let faults = run.standardError.split(separator: "\n").dropFirst()
        #expect(faults.first == "\(year.path("staff.csv")):4: campo \"employee_id\", valore \"dir002\": \(Self.caseAloneRule)", "\(run.standardError)")
        #expect(!run.standardError.contains("objectives.csv"), "\(run.standardError)")
        #expect(!run.standardError.contains("sconosciuto"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// `sipav db import` reads the files as the other commands do: the same fault, first, and the year on record unchanged.
    @Test func idsThatDifferInCaseAloneAreNotImported() throws {
        let database = try TestDatabase.create(schema: false)
        defer { database.drop() }
        let imported = try db(["import", "--body", "demo", "--data", Sipav.demoFolder.path], on: database)
        try #require(imported.status == 0, "\(imported.standardError)")
        let stored = {
            try database.withConnection { db -> [Int] in
                let row = try db.execute("SELECT count(*) AS n, count(*) FILTER (WHERE employee_id = 'dir002') AS variant FROM staff_years")[0]
                return [try row.int("n"), try row.int("variant")]
            }
        }
        let before = try stored()
        let year = try Self.yearWithIDsDifferingInCase()
        defer { year.remove() }
        let run = try db(["import", "--body", "demo", "--data", year.folder.path], on: database)
        #expect(run.status == 65)
        #expect(run.standardError.split(separator: "\n").dropFirst().first?.hasSuffix(":4: campo \"employee_id\", valore \"dir002\": \(Self.caseAloneRule)") == true,
                "\(run.standardError)")
        #expect(!run.standardError.contains("objectives.csv"), "\(run.standardError)")
        #expect(try stored() == before)
        #expect(before[1] == 0)
    }
}

/// Faults said once, where they are: a folder that is not there, a settings file that is not there, an objectives
/// file with no rows, a name over two lines.
@Suite("Faults said once, where they are")
struct FaultsSaidOnceTests {
    @Test func aMissingFolderOrSettingsFileIsSaidOnce() throws {
        let folder = try Sipav.run(["validate", "--data", "/nonexistent/sipav-anno"])
        #expect(folder.status == 66)
        #expect(folder.standardError == "sipav: /nonexistent/sipav-anno: la cartella non esiste (o non è una cartella): controlli il nome dato a --data\n",
                "\(folder.standardError)")
        let settings = try Sipav.run(["validate", "--config", "/nonexistent/impostazioni.yaml"])
        #expect(settings.status == 66)
        let lines = settings.standardError.split(separator: "\n").filter { $0.contains("impostazioni.yaml") }
        #expect(lines.count == 1, "\(settings.standardError)")
    }

    @Test func anObjectivesFileWithNoRowsIsSaidOnce() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        try year.write("objectives.csv", lines: [try year.lines("objectives.csv")[0], ""])
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        let faults = run.standardError.split(separator: "\n").dropFirst()
        #expect(faults.count == 1, "\(run.standardError)")
        #expect(faults.first?.hasSuffix("objectives.csv:1: il file non elenca alcun obiettivo dopo l'intestazione, e ogni persona valutabile ne ha almeno uno") == true,
                "\(run.standardError)")
    }

    @Test func aNameOverTwoLinesIsRefused() throws {
        let year = try ScratchYear()
        defer { year.remove() }
        var lines = try year.lines("staff.csv")
        var fields = lines[5].components(separatedBy: ";")
        fields[1] = "\"" + fields[1] + "\nSeconda riga\""
        lines[5] = fields.joined(separator: ";")
        try year.write("staff.csv", lines: lines)
        let run = try Sipav.run(["validate", "--data", year.folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("staff.csv:6: campo \"name\""), "\(run.standardError)")
        #expect(run.standardError.contains("un nome si scrive su una riga, senza a capo né tabulazioni"), "\(run.standardError)")
    }
}
