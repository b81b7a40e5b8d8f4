import Foundation
import Testing

/// `sipav generate` writes a whole year that the other commands take as it is, and `sipav bench` runs on a
/// small body and writes its figures as JSON (the real run is `scripts/bench`: release build, every size).
@Suite("Generate and bench")
struct BenchCommandTests {
    @Test func aGeneratedYearIsValidAndAllocates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-generated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try Sipav.run(["generate", "--staff", "300", "--seed", "5", "-o", folder.path])
        #expect(generated.status == 0, "\(generated.standardError)")
        #expect(generated.standardOutput.contains("304 persone"))
        for name in ["plan.yaml", "staff.csv", "objectives.csv", "fund.yaml"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) is missing")
        }
        let validated = try Sipav.run(["validate", "--data", folder.path])
        #expect(validated.status == 0, "\(validated.standardError)")
        let allocated = try Sipav.run(["allocate", "--data", folder.path, "--format", "json"])
        #expect(allocated.status == 0, "\(allocated.standardError)")
        let again = folder.appendingPathComponent("again")
        _ = try Sipav.run(["generate", "--staff", "300", "--seed", "5", "-o", again.path])
        for name in ["plan.yaml", "staff.csv", "objectives.csv", "fund.yaml"] {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                    == FileManager.default.contents(atPath: again.appendingPathComponent(name).path), "\(name) differs for the same seed")
        }
    }

    /// A folder that already has a year's files keeps them: generate writes nothing there without --force.
    @Test func generateDoesNotReplaceFilesWithoutForce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staff = folder.appendingPathComponent("staff.csv")
        try Data("keep me\n".utf8).write(to: staff)
        let refused = try Sipav.run(["generate", "--staff", "5", "-o", folder.path])
        #expect(refused.status == 66)
        #expect(refused.standardError.contains("contiene già il file staff.csv: non è stato scritto nulla"), "\(refused.standardError)")
        #expect(FileManager.default.contents(atPath: staff.path) == Data("keep me\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan.yaml").path))
        let forced = try Sipav.run(["generate", "--staff", "5", "-o", folder.path, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(FileManager.default.contents(atPath: staff.path) != Data("keep me\n".utf8))
    }

    @Test(.timeLimit(.minutes(5)))
    func benchRunsOnASmallBodyAndWritesItsFiguresAsJSON() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let results = work.appendingPathComponent("results.json").path
        let run = try Sipav.run(["bench", "--sizes", "200", "--repeat", "1", "--no-python", "--no-database",
                                 "--work", work.path, "--json", results])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Lettura e verifica dei file"))
        let data = try #require(FileManager.default.contents(atPath: results))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["tool"] as? String == "sipav bench")
        let machine = try #require(report["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) > 0)
        let sizes = try #require(report["sizes"] as? [[String: Any]])
        #expect(sizes.count == 1)
        #expect(sizes[0]["people"] as? Int == 204)
        let steps = try #require(sizes[0]["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == ["scan_objectives", "read", "compute", "write", "cycle_files"])
        for step in steps {
            #expect((step["median_seconds"] as? Double ?? 0) > 0, "\(step)")
            #expect((step["peak_rss_bytes"] as? Int ?? 0) > 1_000_000, "\(step)")
        }
        #expect((report["targets"] as? [[String: Any]])?.isEmpty == false)

        let markdown = try Sipav.run(["bench", "--markdown", "--from", results])
        #expect(markdown.status == 0, "\(markdown.standardError)")
        #expect(markdown.standardOutput.contains("| Staff other than managers | 200 |"))
        #expect(markdown.standardOutput.contains("| Read and validate the files (s) |"))
    }
}

/// With the database: the import and the cycle through the built-in cluster, and psql's own `\copy` of the
/// rows they stored, into the same tables, bare tables and tables with only their keys and checks (the floor
/// of the schema), each table's copy timed as a part.
@Suite("Bench through PostgreSQL")
struct BenchDatabaseTests {
    @Test(.timeLimit(.minutes(5)))
    func theDatabaseStepsAndTheSchemaFloorAreMeasured() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-bench-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let results = work.appendingPathComponent("results.json").path
        let run = try Sipav.run(["bench", "--sizes", "200", "--repeat", "1", "--no-python",
                                 "--work", work.path, "--json", results])
        #expect(run.status == 0, "\(run.standardError)")
        let data = try #require(FileManager.default.contents(atPath: results))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sizes = try #require(report["sizes"] as? [[String: Any]])
        let steps = try #require(sizes.first?["steps"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: steps.map { ($0["step"] as? String ?? "", $0) })
        for name in ["db_import", "db_cycle", "db_run", "psql_copy", "psql_copy_bare", "psql_copy_keyed"] {
            #expect((byName[name]?["median_seconds"] as? Double ?? 0) > 0, "\(name) is not measured")
        }
        let keyedParts = try #require(byName["psql_copy_keyed"]?["parts"] as? [[String: Any]])
        #expect(keyedParts.map { $0["name"] as? String } == ["employees", "staff_years", "individual_objectives", "allocations", "commit"])
        for part in keyedParts.dropLast() { #expect((part["seconds"] as? Double ?? 0) > 0, "\(part)") }
        let bareParts = try #require(byName["psql_copy_bare"]?["parts"] as? [[String: Any]])
        #expect(bareParts.map { $0["name"] as? String } == ["employees", "staff_years", "individual_objectives", "commit"])

        let markdown = try Sipav.run(["bench", "--markdown", "--from", results])
        #expect(markdown.status == 0, "\(markdown.standardError)")
        #expect(markdown.standardOutput.contains("| ↳ psql \\copy into tables with their keys and checks only (s) | 0."))
        #expect(markdown.standardOutput.contains("into tables with their keys and checks only (s): floor of this schema | 0."))
    }
}
