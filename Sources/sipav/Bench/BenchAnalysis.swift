/// How the figures grow with size, and the targets of the benchmark, met or not.
enum BenchAnalysis {
    static let growthSteps: [BenchStepKind] = [.read, .compute, .write, .cycleFiles, .databaseImport, .databaseCycle, .databaseRun, .psqlCopy]

    /// Each step's growth from 10,000 staff to the largest size measured.
    static func growth(_ sizes: [SizeResult]) -> [GrowthCheck] {
        guard let from = sizes.first(where: { $0.staff == 10_000 }),
              let to = sizes.filter({ $0.staff > from.staff }).max(by: { $0.staff < $1.staff }) else { return [] }
        let sizeRatio = Double(to.people) / Double(from.people)
        return growthSteps.compactMap { step in
            guard let small = from.step(step)?.medianSeconds, let large = to.step(step)?.medianSeconds, small > 0 else { return nil }
            let timeRatio = large / small
            return GrowthCheck(step: step, fromPeople: from.people, toPeople: to.people, sizeRatio: rounded(sizeRatio),
                               timeRatio: rounded(timeRatio), relative: rounded(timeRatio / sizeRatio))
        }
    }

    /// The issue's targets, in English for the JSON and BENCHMARKS.md, in Italian for the terminal's table
    /// (the same checks: only the words and the decimal separator differ).
    static func targets(_ sizes: [SizeResult], growth: [GrowthCheck], language: BenchTable.Language = .english) -> [TargetCheck] {
        func text(_ italian: String, _ english: String) -> String { language == .italian ? italian : english }
        func decimal(_ value: Double) -> String {
            let written = "\(rounded(value))"
            return language == .italian ? written.replacingOccurrences(of: ".", with: ",") : written
        }
        let notMeasured = text("non misurato in questa esecuzione", "not measured in this run")
        let million = sizes.first { $0.staff == 1_000_000 }
        let hundredThousand = sizes.first { $0.staff == 100_000 }
        func check(_ target: String, _ measured: Double?, below limit: Double, unit: String, note: String? = nil) -> TargetCheck {
            TargetCheck(target: target, measured: measured.map(rounded), limit: limit, unit: unit,
                        met: measured.map { $0 < limit }, note: measured == nil ? notMeasured : note)
        }
        var targets: [TargetCheck] = []
        let ratio = million?.ratio("speedup_cycle_vs_pandas")
        targets.append(TargetCheck(
            target: text("1M di dipendenti, dai file ai risultati: almeno 15 volte più veloce del riferimento pandas, con gli stessi centesimi",
                         "1M staff, files to results: at least 15 times faster than the pandas reference, with identical cents"),
            measured: ratio.map(rounded), limit: 15, unit: text("volte", "times"),
            met: ratio.map { $0 >= 15 && million?.pandas?.centsIdentical == true },
            note: ratio == nil ? notMeasured : nil))
        targets.append(check(text("1M di dipendenti, dai file ai risultati: memoria massima sotto 500 MiB",
                                  "1M staff, files to results: peak memory under 500 MiB"),
                             million?.step(.cycleFiles)?.peakRssBytes.map { Double($0) / 1_048_576 }, below: 500, unit: "MiB"))
        targets.append(check(text("1M di dipendenti in memoria: punteggi, ripartizione e statistiche sotto 0,1 s",
                                  "1M staff in memory: scores, allocation and statistics under 0.1 s"),
                             million?.step(.compute)?.medianSeconds, below: 0.1, unit: "s"))
        for (size, limit, label) in [(hundredThousand, 1.5, "100k"), (million, 12.0, "1M")] {
            let cycle = size?.step(.databaseCycle)
            let withoutFiles = cycle.map { $0.medianSeconds - ($0.part("read_files") ?? 0) }
            targets.append(check(
                text("\(label) di dipendenti su PostgreSQL, il ciclo intero (file letti, calcolo, import con COPY e ripartizione in una sola transazione, statistiche) sotto \(label == "1M" ? "12" : "1,5") s",
                     "\(label) staff through PostgreSQL, the whole cycle (files read, computed, imported by COPY with the allocation in one transaction, statistics) under \(label == "1M" ? "12" : "1.5") s"),
                cycle?.medianSeconds, below: limit, unit: "s",
                note: withoutFiles.map { withoutFiles in
                    text("senza la lettura dei file: \(decimal(withoutFiles)) s", "without reading the files: \(rounded(withoutFiles)) s")
                        + (size?.step(.psqlCopyKeyed)?.schemaFloorSeconds.map {
                            text("; \\copy di psql delle stesse righe in tabelle con le sole chiavi e i controlli, il minimo di questo schema: \(decimal($0)) s",
                                 "; psql's \\copy of the same rows into tables with their keys and checks only, the floor of this schema: \(rounded($0)) s")
                        } ?? "")
                }))
        }
        let worst = growth.filter { $0.toPeople >= 1_000_000 }.max { $0.relative < $1.relative }
        targets.append(TargetCheck(
            target: text("Crescita lineare da 10k a 1M di dipendenti: nessun passo oltre 1,3 volte il rapporto tra le dimensioni",
                         "Linear growth from 10k to 1M staff: no step worse than 1.3 times the size ratio"),
            measured: worst?.relative, limit: 1.3, unit: text("volte il rapporto tra le dimensioni", "times the size ratio"),
            met: worst.map { $0.relative <= 1.3 },
            note: worst.map { text("passo peggiore: \($0.step.rawValue)", "worst step: \($0.step.rawValue)") } ?? notMeasured))
        return targets
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
