import Foundation

/// The Python and pandas reference implementation of the cycle (`benchmarks/reference/sipav_cycle.py`),
/// run on the same files, and the comparison of its cents with ours (`benchmarks/compare_cents.py`).
struct PandasReference {
    let python: String
    let benchmarks: String
    let logs: String

    /// `benchmarks/.venv/bin/python` of the repository unless given; fails, saying how to make it, when missing.
    static func locate(python: String?, repository: String) throws -> PandasReference {
        let benchmarks = (repository as NSString).appendingPathComponent("benchmarks")
        let interpreter = python ?? (benchmarks as NSString).appendingPathComponent(".venv/bin/python")
        let script = (benchmarks as NSString).appendingPathComponent("reference/sipav_cycle.py")
        guard FileManager.default.isExecutableFile(atPath: interpreter) else {
            throw CommandFailure(status: ExitStatus.missingInput,
                                 message: "\(interpreter) non c'è: esegua prima benchmarks/setup-python (oppure usi --python o --no-python)")
        }
        guard FileManager.default.fileExists(atPath: script) else {
            throw CommandFailure(status: ExitStatus.missingInput, message: "\(script) non c'è: manca il riferimento pandas")
        }
        return PandasReference(python: interpreter, benchmarks: benchmarks, logs: "")
    }

    func logging(into logs: String) -> PandasReference { PandasReference(python: python, benchmarks: benchmarks, logs: logs) }

    /// Python's, numpy's, pandas' and PyYAML's versions, and whether PyYAML has libyaml (the reference refuses
    /// to run without it; the results say so either way).
    func versions() throws -> (python: String, pandas: String, numpy: String, pyyaml: String, libyaml: Bool) {
        let run = try Subprocess.run(python, ["-c", """
            import json, sys, numpy, pandas, yaml
            print(json.dumps({"python": sys.version.split()[0], "pandas": pandas.__version__, "numpy": numpy.__version__,
                              "pyyaml": yaml.__version__, "libyaml": bool(getattr(yaml, "__with_libyaml__", False))}))
            """], logs: logs).checked("python con pandas")
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any] ?? [:]
        return (object["python"] as? String ?? "?", object["pandas"] as? String ?? "?", object["numpy"] as? String ?? "?",
                object["pyyaml"] as? String ?? "?", object["libyaml"] as? Bool ?? false)
    }

    /// One run of the reference cycle on the folder's files, writing its results into `output`.
    func run(data: String, output: String) throws -> (report: [String: Any], wallSeconds: Double) {
        let script = (benchmarks as NSString).appendingPathComponent("reference/sipav_cycle.py")
        let run = try Subprocess.run(python, [script, "--input", data, "--output", output], logs: logs)
            .checked("il riferimento pandas (\(script))")
        guard let line = run.output.split(separator: "\n").last,
              let report = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw CommandFailure(status: ExitStatus.internalError, message: "il riferimento pandas non ha stampato alcun rapporto JSON:\n\(run.output)")
        }
        return (report, run.seconds)
    }

    /// Compares each person's cents; throws, naming the first differences, unless every person has the same cents.
    func compareCents(ours: String, theirs: String) throws -> (people: Int, paidCents: Int64) {
        let script = (benchmarks as NSString).appendingPathComponent("compare_cents.py")
        let run = try Subprocess.run(python, [script, theirs, ours], logs: logs)
        guard let object = try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any] else {
            throw CommandFailure(status: ExitStatus.internalError, message: "compare_cents.py: esecuzione non riuscita:\n\(run.errors)\(run.output)")
        }
        guard run.status == 0, object["identical"] as? Bool == true else {
            throw CommandFailure(status: ExitStatus.internalError, message: """
                sipav e il riferimento pandas non danno gli stessi centesimi per ogni persona (\(ours) contro \(theirs)):
                \(run.output)
                """)
        }
        return ((object["people"] as? NSNumber)?.intValue ?? 0, (object["actual_total_cents"] as? NSNumber)?.int64Value ?? 0)
    }

    /// The runs of one size as figures, after checking the cents of the first.
    static func figures(_ runs: [(report: [String: Any], wallSeconds: Double)], people: Int, paidCents: Int64) -> PandasFigures {
        func median(_ key: String) -> Double {
            Median.of(runs.map { ($0.report[key] as? NSNumber)?.doubleValue ?? 0 })
        }
        return PandasFigures(totalSeconds: median("total_seconds"), readSeconds: median("read_seconds"),
                             computeSeconds: median("compute_seconds"), writeSeconds: median("write_seconds"),
                             startupSeconds: median("startup_seconds"), wallSeconds: Median.of(runs.map(\.wallSeconds)),
                             runs: runs.map { Median.rounded(($0.report["total_seconds"] as? NSNumber)?.doubleValue ?? 0) },
                             peakRssBytes: runs.map { ($0.report["peak_rss_bytes"] as? NSNumber)?.intValue ?? 0 }.max() ?? 0,
                             centsIdentical: true, peopleCompared: people, paidCents: paidCents)
    }
}
