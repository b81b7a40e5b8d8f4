import Postgres

/// The tables of the schema, parents first; `audit_log` last.
enum Tables {
    static let all = ["bodies", "employees", "years", "year_reopenings", "year_imports", "strategic_lines", "areas", "objectives",
                      "objective_lines", "indicators", "indicator_steps", "indicator_revisions", "validated_results",
                      "staff_years", "individual_objectives", "fund_lines", "fund_confirmations",
                      "allocation_runs", "allocations", "audit_log"]
}

/// What a table holds, in short: its row count and a checksum of every row's text.
struct TableState: Hashable, CustomStringConvertible {
    let rows: Int
    let checksum: String
    var description: String { "\(rows) rows, md5 \(checksum)" }
}

/// Every table's state, of the whole database or of one body: equal snapshots mean nothing changed.
struct Snapshot: Equatable, CustomStringConvertible {
    let tables: [String: TableState]

    init(_ db: Connection, body: String? = nil) throws {
        var tables: [String: TableState] = [:]
        for table in Tables.all {
            // Table names are this file's constants; the body travels as a parameter.
            let row = try db.execute("""
                SELECT count(*) AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS checksum
                FROM \(table) t WHERE $1::text IS NULL OR t.body_id = $1
                """, [body])[0]
            tables[table] = TableState(rows: try row.int("rows"), checksum: try row.string("checksum"))
        }
        self.tables = tables
    }

    subscript(table: String) -> TableState { tables[table]! }

    var description: String {
        Tables.all.map { "\($0): \(tables[$0]!)" }.joined(separator: "\n")
    }

    /// The tables whose state differs from `other`'s.
    func changes(since other: Snapshot) -> [String] {
        Tables.all.filter { tables[$0] != other.tables[$0] }
    }
}

extension Connection {
    /// The single value of a one-row, one-column query, as text.
    func value(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> String? {
        let result = try execute(sql, parameters)
        guard let row = result.first else { return nil }
        return row.values.first ?? nil
    }

    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        Int(try value(sql, parameters) ?? "") ?? -1
    }
}
