import Foundation
import Testing
import SIPAVTestSupport

/// Runs the built `sipav` executable, as a user would, and captures what it prints.
struct SipavRun {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

enum Sipav {
    static var executable: URL { SipavBinary.url }

    static let packageRoot = SipavBinary.repositoryRoot

    static let demoFolder = packageRoot.appendingPathComponent("Sources/sipav/Demo")

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> SipavRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "SIPAV_CONFIG")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return SipavRun(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                        standardError: String(decoding: errData, as: UTF8.self))
    }
}

/// A scratch copy of the demo body's files, to be spoiled one way per test.
struct ScratchYear {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["plan.yaml", "staff.csv", "objectives.csv", "fund.yaml"] {
            try FileManager.default.copyItem(at: Sipav.demoFolder.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The demo's plan and fund made the year before's, 2018 (the staff and objectives unchanged), with acts of its own
    /// confirming its fund (another year's are refused).
    func makeTheYearBefore() throws {
        for file in ["plan.yaml", "fund.yaml"] { try write(file, lines: try lines(file).map { $0 == "year: 2019" ? "year: 2018" : $0 }) }
        try write("fund.yaml", lines: try lines("fund.yaml").map {
            $0.hasPrefix("  date: ") || $0.hasPrefix("  reference: ") ? $0.replacingOccurrences(of: "2020", with: "2019") : $0
        })
    }

    func lines(_ name: String) throws -> [String] {
        try String(contentsOfFile: path(name), encoding: .utf8).components(separatedBy: "\n")
    }

    func write(_ name: String, lines: [String]) throws {
        try lines.joined(separator: "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    /// Replaces line `number` (1-based) of a file by what `change` makes of it.
    func change(_ name: String, line number: Int, _ change: (String) -> String) throws {
        var all = try lines(name)
        all[number - 1] = change(all[number - 1])
        try write(name, lines: all)
    }

    /// Removes the `count` lines of a file from the line that is exactly `first` (a YAML key and its entries).
    func removeLines(_ name: String, from first: String, count: Int) throws {
        var all = try lines(name)
        let start = try #require(all.firstIndex(of: first), "\(name) has no line \(first)")
        all.removeSubrange(start..<(start + count))
        try write(name, lines: all)
    }

    /// Leaves the objective on line `number` of objectives.csv unrated: cosa and come empty.
    func leaveUnrated(line number: Int) throws {
        try change("objectives.csv", line: number) { line in
            var fields = line.components(separatedBy: ";")
            (fields[4], fields[5]) = ("", "")
            return fields.joined(separator: ";")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
