import Foundation

/// The results as a table, one column per size: in Italian for the terminal, or as Markdown in English
/// for BENCHMARKS.md (`sipav bench --markdown`, or `--markdown --from FILE` from a results file).
struct BenchTable {
    enum Language { case italian, english }
    let report: BenchReport
    let language: Language

    struct Row: Sendable {
        let italian: String
        let english: String
        let value: @Sendable (SizeResult, BenchTable) -> String?
    }

    func text(_ italian: String, _ english: String) -> String { language == .italian ? italian : english }

    // MARK: numbers

    func number(_ value: Double, digits: Int) -> String {
        var text = String(format: "%.\(digits)f", value)
        if language == .italian { text = text.replacingOccurrences(of: ".", with: ",") }
        return text
    }

    func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(language == .italian ? "." : ",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    func seconds(_ value: Double?) -> String? {
        guard let value else { return nil }
        return number(value, digits: value >= 100 ? 1 : value >= 10 ? 2 : value >= 0.01 ? 3 : 4)
    }

    func mebibytes(_ bytes: Int?) -> String? { bytes.map { integer(Int((Double($0) / 1_048_576).rounded())) } }

    func times(_ value: Double?) -> String? { value.map { number($0, digits: $0 >= 10 ? 1 : 2) + "×" } }

    // MARK: rows

    static func step(_ italian: String, _ english: String, _ kind: BenchStepKind) -> Row {
        Row(italian: italian, english: english) { size, table in table.seconds(size.step(kind)?.medianSeconds) }
    }

    static func peak(_ kind: BenchStepKind) -> Row {
        Row(italian: "  memoria massima (MiB)", english: "  peak RSS (MiB)") { size, table in
            table.mebibytes(size.step(kind)?.peakRssBytes)
        }
    }

    static func pandas(_ italian: String, _ english: String, _ value: @escaping @Sendable (PandasFigures) -> Double) -> Row {
        Row(italian: italian, english: english) { size, table in table.seconds(size.pandas.map(value)) }
    }

    static let rows: [Row] = [
        Row(italian: "Persone", english: "People") { size, table in table.integer(size.people) },
        Row(italian: "Obiettivi individuali", english: "Individual objectives") { size, table in table.integer(size.objectives) },
        Row(italian: "Aree", english: "Areas") { size, table in table.integer(size.areas) },
        Row(italian: "File CSV (MB)", english: "CSV files (MB)") { size, table in table.number(Double(size.csvBytes) / 1e6, digits: 1) },
        step("Passaggio sui byte di objectives.csv (s)", "Byte pass over objectives.csv (s): parsing floor", .scanObjectives),
        step("Lettura e verifica dei file (s)", "Read and validate the files (s)", .read),
        peak(.read),
        Row(italian: "  volte il passaggio sui byte", english: "  times the byte pass") { size, table in
            table.times(size.ratio("read_times_byte_pass"))
        },
        pandas("  pandas (s)", "  pandas (s)") { $0.readSeconds },
        step("Punteggi, ripartizione, statistiche in memoria (s)", "Scores, allocation, statistics in memory (s)", .compute),
        peak(.compute),
        pandas("  pandas (s)", "  pandas (s)") { $0.computeSeconds },
        step("Scrittura dei risultati (s)", "Write the results (s)", .write),
        peak(.write),
        pandas("  pandas (s)", "  pandas (s)") { $0.writeSeconds },
        step("Ciclo intero, dai file ai risultati (s)", "Whole cycle, files to results (s)", .cycleFiles),
        peak(.cycleFiles),
        pandas("  pandas (s)", "  pandas (s)") { $0.totalSeconds },
        Row(italian: "  pandas, memoria massima (MiB)", english: "  pandas, peak RSS (MiB)") { size, table in
            table.mebibytes(size.pandas?.peakRssBytes)
        },
        Row(italian: "  pandas ÷ sipav", english: "  pandas ÷ sipav") { size, table in table.times(size.ratio("speedup_cycle_vs_pandas")) },
        Row(italian: "  stessi centesimi per ogni persona", english: "  same cents for every person") { size, table in
            size.pandas.map { $0.centsIdentical ? table.text("sì", "yes") : "NO" }
        },
        step("Import in PostgreSQL (s)", "Import into PostgreSQL (s)", .databaseImport),
        peak(.databaseImport),
        step("  psql \\copy nelle stesse tabelle (s)", "  psql \\copy into the same tables (s): floor", .psqlCopy),
        step("  psql \\copy in tabelle senza vincoli (s)", "  psql \\copy into bare tables (s)", .psqlCopyBare),
        Row(italian: "  psql \\copy in tabelle con le sole chiavi e i controlli (s)",
            english: "  psql \\copy into tables with their keys and checks only (s)") { size, table in
            table.seconds(size.step(.psqlCopyKeyed)?.partsSum(BenchDatabase.copiedTables))
        },
        Row(italian: "  import ÷ psql \\copy nelle stesse tabelle", english: "  import ÷ psql \\copy into the same tables") { size, table in
            table.times(size.ratio("import_times_psql_copy"))
        },
        step("Ciclo intero su PostgreSQL (s)", "Whole cycle through PostgreSQL (s)", .databaseCycle),
        Row(italian: "  senza la lettura dei file (s)", english: "  without reading the files (s)") { size, table in
            table.seconds(size.step(.databaseCycle).map { $0.medianSeconds - ($0.part("read_files") ?? 0) })
        },
        peak(.databaseCycle),
        step("  l'anno già registrato: sipav db run (s)", "  a year already stored: sipav db run (s)", .databaseRun),
        Row(italian: "  psql \\copy delle righe del ciclo in tabelle con le sole chiavi e i controlli (s): minimo dello schema",
            english: "  psql \\copy of the cycle's rows into tables with their keys and checks only (s): floor of this schema") { size, table in
            table.seconds(size.step(.psqlCopyKeyed)?.schemaFloorSeconds)
        },
    ]

    /// The rows with at least one figure.
    var cells: [[String]] {
        Self.rows.compactMap { row in
            let values = report.sizes.map { row.value($0, self) }
            guard values.contains(where: { $0 != nil }) else { return nil }
            return [text(row.italian, row.english)] + values.map { $0 ?? "–" }
        }
    }

    var header: [String] { [text("Personale non dirigente", "Staff other than managers")] + report.sizes.map { integer($0.staff) } }

    // MARK: rendering

    /// Aligned columns for a terminal, then the targets.
    func terminal() -> String {
        let all = [header] + cells
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "\n" + text("Obiettivi dell'issue", "Targets") + "\n"
        // The report keeps the targets in English (JSON, BENCHMARKS.md); the Italian table words them anew.
        let targets = language == .italian ? BenchAnalysis.targets(report.sizes, growth: report.growth, language: .italian) : report.targets
        for target in targets {
            let state = target.met.map { $0 ? text("raggiunto", "met") : text("NON raggiunto", "NOT met") }
                ?? text("non misurato", "not measured")
            out += "  [\(state)] \(target.target): \(measured(target))" + (target.note.map { " (\($0))" } ?? "") + "\n"
        }
        return out
    }

    func measured(_ target: TargetCheck) -> String {
        target.measured.map { number($0, digits: $0 >= 10 ? 1 : 3) + " " + target.unit } ?? "–"
    }

    /// The table, the growth and the targets as Markdown, for BENCHMARKS.md.
    func markdown() -> String {
        func line(_ row: [String]) -> String {
            "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let machine = report.machine
        var out = "Measured \(report.startedAt.prefix(10)) on \(machine.cpuModel), \(machine.cores) cores, "
            + "\(integer(Int((Double(machine.memoryBytes) / 1_073_741_824).rounded()))) GiB; \(machine.swift), \(machine.build) build; "
            + "PostgreSQL \(machine.postgresql ?? "not run"); pandas \(machine.pandas ?? "not run"); "
            + "commit \(machine.gitCommit ?? "unknown"). Each figure is the median of \(report.settings.repetitions) "
            + (report.settings.repetitions == 1 ? "run" : "runs") + ".\n\n"
        out += line(header) + "\n" + line(["---"] + report.sizes.map { _ in "---:" }) + "\n"
        for row in cells {
            // Markdown drops leading spaces: sub-rows are marked instead.
            var row = row
            if row[0].hasPrefix("  ") { row[0] = "↳ " + row[0].dropFirst(2) }
            out += line(row) + "\n"
        }
        if let largest = report.sizes.max(by: { $0.staff < $1.staff }) {
            let detailed = largest.steps.filter { $0.parts.count > 1 }
            if !detailed.isEmpty {
                out += "\nWhere the time goes at \(integer(largest.people)) people (median seconds of each part):\n\n"
                out += line(["Step", "Parts"]) + "\n" + line(["---", "---"]) + "\n"
                for step in detailed {
                    out += line([step.step.rawValue, step.parts.map { "\($0.name) \(seconds($0.seconds) ?? "")" }.joined(separator: ", ")]) + "\n"
                }
            }
        }
        if let first = report.growth.first {
            out += "\nGrowth from \(integer(first.fromPeople)) to \(integer(first.toPeople)) people "
                + "(size ratio \(number(first.sizeRatio, digits: 1))):\n\n"
            out += line(["Step", "Time ratio", "Time ratio ÷ size ratio"]) + "\n" + line(["---", "---:", "---:"]) + "\n"
            for growth in report.growth {
                out += line([growth.step.rawValue, number(growth.timeRatio, digits: 1), number(growth.relative, digits: 2)]) + "\n"
            }
        }
        out += "\n" + line(["Target", "Measured", "Limit", "Met"]) + "\n" + line(["---", "---:", "---:", "---"]) + "\n"
        for target in report.targets {
            let met = target.met.map { $0 ? "met" : "**not met**" } ?? "not measured"
            out += line([target.target + (target.note.map { " (\($0))" } ?? ""), measured(target),
                         number(target.limit, digits: 1) + " " + target.unit, met]) + "\n"
        }
        return out
    }
}
