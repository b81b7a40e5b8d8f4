import Foundation
import SIPAVTestSupport
import Testing
@testable import SIPAVWeb

/// The audit log names every column of the tables it records in Italian: an auditor reading HR's page or `sipav db
/// audit` meets no `area_amount_numerator`. The columns are read from the migrations themselves, so a column added later
/// without its label fails here.
@Suite("The audit log's column names")
struct AuditColumnLabelsTests {
    /// The log's own columns (its lines' who, when, what), shown as the page's headers, not as changed fields.
    static let unshown: Set<String> = ["audit_id", "at", "actor", "table_name", "operation", "record_key", "old_value", "new_value"]

    @Test func everyColumnOfAnAuditedTableHasAnItalianName() throws {
        let folder = SipavBinary.repositoryRoot.appendingPathComponent("SQL")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        var missing: Set<String> = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var table: String?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if let created = line.firstMatch(of: /CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+) \(/) { table = String(created.1); continue }
                if line.hasPrefix(")") { table = nil; continue }
                if let table, AuditLabels.tables[table] != nil,
                   let column = line.wholeMatch(of: /\s+([a-z_]+)\s+(?:text|integer|bigint|numeric|smallint|boolean|timestamptz|date|char\(1\)|jsonb)\b.*/) {
                    missing.insert(table + "." + column.1)
                }
                for added in line.matches(of: /ALTER TABLE (?:IF EXISTS )?([a-z_]+)\s+ADD COLUMN (?:IF NOT EXISTS )?([a-z_]+)/)
                where AuditLabels.tables[String(added.1)] != nil {
                    missing.insert(added.1 + "." + added.2)
                }
            }
        }
        let unnamed = missing.filter { name in
            let column = String(name.split(separator: ".")[1])
            return AuditLabels.columns[column] == nil && !Self.unshown.contains(column)
        }
        #expect(!missing.isEmpty)
        #expect(unnamed.isEmpty, "\(unnamed.sorted())")
    }
}
