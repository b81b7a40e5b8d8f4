import Postgres

/// A role other than the tables' owner that writes sipav's records (it may insert into the audit log, as every writer
/// must), and what of sipav's it has no right on at all: tables it may neither read nor write (a right withheld on
/// purpose, as UPDATE on the audit log, is not one of them) and sequences it may not use. A migration creates its
/// tables with the owner's rights alone, so the web's role (README, "The database") needs its grants again after one
/// that adds a table.
public struct RoleGrants: Sendable, Equatable {
    /// The role's name as SQL quotes it (`sipav_web`, `"Web-Role"`).
    public let role: String
    /// Tables to read and write, quoted as SQL needs.
    public let tables: [String]
    /// Append-only tables (their rows are never changed: the audit log, the runs replaced), quoted.
    public let appendOnlyTables: [String]
    /// Whether some sequence (an identity column's) is not the role's to use.
    public let lacksSequences: Bool

    public init(role: String, tables: [String], appendOnlyTables: [String] = [], lacksSequences: Bool = false) {
        (self.role, self.tables, self.appendOnlyTables, self.lacksSequences) = (role, tables, appendOnlyTables, lacksSequences)
    }

    /// Every table and sequence named, for a message.
    public var named: [String] { tables + appendOnlyTables + (lacksSequences ? ["sequenze"] : []) }

    /// The statements that give the rights, as the README's grants do.
    public var grants: [String] {
        (tables.isEmpty ? [] : ["GRANT SELECT, INSERT, UPDATE, DELETE ON \(tables.joined(separator: ", ")) TO \(role);"])
            + (appendOnlyTables.isEmpty ? [] : ["GRANT SELECT, INSERT ON \(appendOnlyTables.joined(separator: ", ")) TO \(role);"])
            + (lacksSequences ? ["GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role);"] : [])
    }

    /// Every such role with what it lacks, by role name; roles lacking nothing left out.
    static func lacking(_ db: Connection) throws -> [RoleGrants] {
        let rows = try db.execute("""
            WITH owner AS (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log'),
            writers AS (
                SELECT r.rolname FROM pg_roles r, owner
                WHERE NOT r.rolsuper AND r.rolname <> owner.tableowner AND r.rolname NOT LIKE 'pg\\_%'
                  AND has_table_privilege(r.oid, 'public.audit_log', 'INSERT')
            )
            SELECT quote_ident(w.rolname) AS role, quote_ident(t.relname) AS name, t.relkind::text AS kind,
                   EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = t.oid AND g.tgname = 'sipav_append_only') AS append_only
            FROM writers w
            JOIN pg_class t ON t.relnamespace = 'public'::regnamespace AND t.relkind IN ('r', 'S') AND t.relname <> 'schema_migrations'
            WHERE CASE WHEN t.relkind = 'S' THEN NOT has_sequence_privilege(w.rolname, t.oid, 'USAGE')
                       ELSE NOT has_table_privilege(w.rolname, t.oid, 'SELECT, INSERT, UPDATE, DELETE') END
            ORDER BY w.rolname, t.relname
            """)
        var byRole: [RoleGrants] = []
        for row in rows {
            let (role, name) = (try row.string("role"), try row.string("name"))
            let (sequence, appendOnly) = (try row.string("kind") == "S", try row.bool("append_only"))
            let last = byRole.last?.role == role ? byRole.removeLast() : RoleGrants(role: role, tables: [])
            byRole.append(RoleGrants(role: role, tables: last.tables + (sequence || appendOnly ? [] : [name]),
                                     appendOnlyTables: last.appendOnlyTables + (appendOnly && !sequence ? [name] : []),
                                     lacksSequences: last.lacksSequences || sequence))
        }
        return byRole
    }
}
