import Foundation
import SIPAV

/// A generated body in the work folder, reused by later runs with the same parameters.
struct BenchBody {
    let folder: String
    let staff: Int
    let areas: Int
    let people: Int
    let objectives: Int
    let fileBytes: [NamedBytes]
    /// nil when the body was already there.
    let generatedSeconds: Double?

    /// Bump when the generator's output changes, so that cached bodies are made again.
    /// 2: indicator names that fit their scale's kind (a deadline is not named as days).
    static let generatorRevision = 2

    /// The body of `staff` people in `work/bodies/…`, generated unless a previous run left the same one.
    static func prepare(staff: Int, areas: Int?, titles: Bool, seed: UInt64, work: String, regenerate: Bool) throws -> BenchBody {
        let areaCount = areas ?? BodyProfile.defaultAreaCount(staff: staff)
        let name = "staff-\(staff)-areas-\(areaCount)-seed-\(seed)" + (titles ? "-titles" : "")
        let folder = (work as NSString).appendingPathComponent("bodies/" + name)
        let stampPath = (folder as NSString).appendingPathComponent("generated.json")
        let stamp = Stamp(revision: generatorRevision, staff: staff, areas: areaCount, seed: seed, titles: titles, people: 0, objectives: 0)
        if !regenerate, let data = FileManager.default.contents(atPath: stampPath),
           let found = try? JSONDecoder().decode(Stamp.self, from: data), found.sameBody(as: stamp),
           Self.names.allSatisfy({ FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }) {
            return BenchBody(folder: folder, staff: staff, areas: areaCount, people: found.people, objectives: found.objectives,
                             fileBytes: try sizes(folder), generatedSeconds: nil)
        }
        try? FileManager.default.removeItem(atPath: stampPath)
        let watch = Stopwatch()
        let year = GeneratedYear.scaled(staff: staff, areas: areaCount, titles: titles, seed: seed, year: 2024)
        try year.write(to: folder)
        let seconds = watch.seconds
        var written = stamp
        (written.people, written.objectives) = (year.people, year.objectives)
        try JSONEncoder().encode(written).write(to: URL(fileURLWithPath: stampPath))
        return BenchBody(folder: folder, staff: staff, areas: areaCount, people: year.people, objectives: year.objectives,
                         fileBytes: try sizes(folder), generatedSeconds: Median.rounded(seconds))
    }

    static let names = ["plan.yaml", "staff.csv", "objectives.csv", "fund.yaml"]

    static func sizes(_ folder: String) throws -> [NamedBytes] {
        try names.map { name in
            let attributes = try FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(name))
            return NamedBytes(name: name, bytes: (attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// What a cached body was generated from.
    struct Stamp: Codable {
        var revision: Int
        var staff: Int
        var areas: Int
        var seed: UInt64
        var titles: Bool
        var people: Int
        var objectives: Int

        func sameBody(as other: Stamp) -> Bool {
            (revision, staff, areas, seed, titles) == (other.revision, other.staff, other.areas, other.seed, other.titles)
        }
    }
}
