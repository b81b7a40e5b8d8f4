import Postgres
import SIPAV
import SIPAVReports
import SIPAVStore

/// One line of the audit log as HR's page shows it: the record's key and the changed fields already taken apart.
struct AuditLine: Sendable {
    let id: Int64
    /// Italian form to the second, on the clock of Italy: `25/11/2026 alle 19:05:42`.
    let at: String
    /// The same instant in ISO 8601, UTC (`2026-11-25T18:05:42Z`): the JSON of `sipav db audit`.
    let instant: String
    let actor: String
    let table: String
    /// `INSERT`, `UPDATE` or `DELETE`.
    let operation: String
    /// The record's primary key without the body: (column, JSON value).
    let key: [(String, String)]
    /// The person the row belongs to when its key does not say (an account's `employee_id`), as JSON.
    let person: String?
    /// Each field that differs: (column, JSON value before or nil, JSON value after or nil). An INSERT logs
    /// `inserted` after: the number of rows its statement inserted.
    let changes: [(field: String, old: String?, new: String?)]
}

/// Which lines of the log HR asks for; nil is no condition. The days are days of Italy, both included. `year` keeps
/// the records of that year alone: a record that belongs to no year (an account, an employee, the body) is left out.
public struct AuditFilter: Sendable, Equatable {
    public var table: String?
    public var employee: String?
    public var actor: String?
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var year: Int?

    public init(table: String? = nil, employee: String? = nil, actor: String? = nil, from: CalendarDate? = nil,
                to: CalendarDate? = nil, year: Int? = nil) {
        (self.table, self.employee, self.actor, self.from, self.to, self.year) = (table, employee, actor, from, to, year)
    }
}

/// The audit log of one body (filled by the database's triggers, SQL/0005), newest first, a page at a time.
struct AuditLog: Sendable {
    let store: PostgresStore
    let body: String

    /// The entries of page `page` (from 0) of `size` that `filter` lets through; one more than `size` when
    /// another page follows. Every entry when `size` is nil (the download).
    func entries(_ filter: AuditFilter, page: Int = 0, size: Int?) async throws -> [AuditLine] {
        let body = self.body
        // The JSON values come back as PostgreSQL prints jsonb, one field a line, tab-separated: a tab or a line
        // break inside a value is escaped by the JSON itself. The filters are parameters, each skipped when null;
        // a person is the record's key or, for a row whose key does not name them (an account), the row's.
        // The days are turned into instants on the clock of Italy, `to` included up to its midnight. A record of a
        // year carries the year in its key, whatever the operation (SQL/0005, 0011, 0015); a change of a name shown in
        // the year's reports goes with the year's records.
        let (from, to, limit, offset) = (filter.from?.description, filter.to?.description, size.map { $0 + 1 }, page * (size ?? 0))
        let year = filter.year.map(String.init)
        return try await store.withWebConnection { db in
            try db.execute("""
                SELECT a.audit_id, \(ItalianTime.sql("a.at", seconds: true)) AS at, \(ItalianTime.sqlISO("a.at")) AS instant, a.actor, a.table_name, a.operation,
                       (SELECT string_agg(k || E'\\t' || (a.record_key -> k)::text, E'\\n' ORDER BY k)
                          FROM jsonb_object_keys(a.record_key) AS k WHERE k <> 'body_id') AS record_key,
                       (coalesce(a.old_value, a.new_value) -> 'employee_id')::text AS person,
                       (SELECT string_agg(k || E'\\t' || coalesce(\(ItalianTime.sqlJSONText("a.old_value -> k")), '') || E'\\t'
                                          || coalesce(\(ItalianTime.sqlJSONText("a.new_value -> k")), ''), E'\\n' ORDER BY k)
                          FROM jsonb_object_keys(coalesce(a.old_value, '{}') || coalesce(a.new_value, '{}')) AS k
                         WHERE (a.old_value -> k) IS DISTINCT FROM (a.new_value -> k)) AS changes
                FROM audit_log a
                WHERE a.body_id = $1
                  AND ($2::text IS NULL OR a.table_name = $2)
                  AND ($3::text IS NULL OR a.actor = $3)
                  -- An employee id as typed, in either case (`e0001` finds E0001).
                  AND ($4::text IS NULL OR upper(a.record_key ->> 'employee_id') = upper($4)
                       OR upper(coalesce(a.old_value, a.new_value) ->> 'employee_id') = upper($4))
                  AND ($5::date IS NULL OR a.at >= $5::date::timestamp AT TIME ZONE 'Europe/Rome')
                  AND ($6::date IS NULL OR a.at < ($6::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')
                  -- A year's records, and the changes of the names its reports show: the body's, and those of the people
                  -- on its staff (names are the body's, not a year's: SQL/0001), with the imports that allowed them
                  -- (their reasons).
                  AND ($9::text IS NULL OR a.record_key ->> 'year' = $9
                       OR (a.operation = 'UPDATE' AND a.table_name = 'bodies')
                       OR (a.table_name = 'year_imports'
                           AND (a.new_value -> 'consents') ?| array['renamed_employees', 'renamed_body'])
                       OR (a.operation = 'UPDATE' AND a.table_name = 'employees' AND EXISTS (
                             SELECT 1 FROM staff_years s
                              WHERE s.body_id = $1 AND s.year = $9::int AND s.employee_id = a.record_key ->> 'employee_id')))
                ORDER BY a.at DESC, a.audit_id DESC LIMIT $7 OFFSET $8
                """, [body, filter.table, filter.actor, filter.employee, from, to, limit, offset, year]).map { row in
                let key = (try row.decode("record_key", as: String?.self) ?? "").split(separator: "\n").map { line in
                    let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                }
                let changes = (try row.decode("changes", as: String?.self) ?? "").split(separator: "\n").map { line in
                    let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                    func part(_ index: Int) -> String? { parts.count > index && !parts[index].isEmpty ? parts[index] : nil }
                    return (field: parts[0], old: part(1), new: part(2))
                }
                return AuditLine(id: try row.int64("audit_id"), at: try row.string("at"), instant: try row.string("instant"),
                                 actor: try row.string("actor"),
                                 table: try row.string("table_name"), operation: try row.string("operation"), key: key,
                                 person: try row.decode("person", as: String?.self), changes: changes)
            }
        }
    }

    /// The tables the body's log names, for the filter.
    func tables() async throws -> [String] {
        let body = self.body
        return try await store.withWebConnection { db in
            try db.execute("SELECT DISTINCT table_name FROM audit_log WHERE body_id = $1 ORDER BY table_name", [body])
                .map { try $0.string("table_name") }
        }
    }
}

/// The latest `limit` entries of `body`'s audit log that `filter` lets through, in Italian, newest first, as HR's page
/// shows and downloads them: for `sipav db audit`.
public func auditReport(store: PostgresStore, body: String, filter: AuditFilter = AuditFilter(), limit: Int) async throws -> Report {
    let lines = try await AuditLog(store: store, body: body).entries(filter, size: limit)
    return AuditRoutes.report(Array(lines.prefix(limit)))
}

/// The tables a filter of `body`'s log can name, each with its Italian name: those the log is kept for, and any other
/// the body's log names (a table since dropped, or not yet named in Italian).
public func auditTables(store: PostgresStore, body: String) async throws -> [(table: String, label: String)] {
    let named = try await AuditLog(store: store, body: body).tables()
    return Set(AuditLabels.tables.keys).union(named).sorted().map { ($0, AuditLabels.table($0)) }
}
