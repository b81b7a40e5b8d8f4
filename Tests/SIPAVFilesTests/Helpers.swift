import Foundation
import SIPAV
import Testing
@testable import SIPAVFiles

/// The faults a reader throws; empty when it reads the input.
func faults<T>(_ read: () throws(InputErrors) -> T) -> [InputError] {
    do {
        _ = try read()
        return []
    } catch {
        return error.errors
    }
}

/// The bytes of a CSV file made of `lines`, each ended by LF.
func csv(_ lines: String...) -> [UInt8] {
    Array(lines.map { $0 + "\n" }.joined().utf8)
}

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The folder of this test process's files, removed when the process ends: a run wrote some thousand folders,
/// ten megabytes each for the largest, and left them behind.
let testFilesFolder: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sipav-files-tests-\(getpid())")
    atexit { try? FileManager.default.removeItem(at: testFilesFolder) }
    return folder
}()

/// A fresh file in the temporary folder holding `bytes`; returns its path.
func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let folder = testFilesFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// A fault's key facts, to compare against a table: file, line, field and a part of the rule.
struct ExpectedFault: Sendable, CustomTestStringConvertible {
    let line: Int?
    let field: String?
    let rule: String

    init(_ line: Int?, _ field: String?, _ rule: String) { (self.line, self.field, self.rule) = (line, field, rule) }

    func matches(_ fault: InputError) -> Bool {
        fault.line == line && fault.field == field && fault.rule.contains(rule)
    }

    var testDescription: String { "line \(line.map(String.init) ?? "-") field \(field ?? "-"): \(rule)" }
}

/// Expects exactly one fault, in `file`, matching `expected`.
func expectOneFault(_ found: [InputError], _ expected: ExpectedFault, in file: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
    #expect(found.allSatisfy(expected.matches), "\(found) expected \(expected.testDescription)", sourceLocation: sourceLocation)
    #expect(found.allSatisfy { $0.file == file }, sourceLocation: sourceLocation)
}
