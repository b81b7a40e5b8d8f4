import Postgres

/// A role other than the tables' owner that writes sipav's records (it may insert into the audit log, as every writer
/// must), and sipav's tables it has no right on at all (neither read nor write: a right withheld on purpose, as UPDATE
/// on the audit log, is not one of them): a migration creates its tables with the owner's rights alone, so the web's
/// role (README, "The database") needs its grants again after one that adds a table.
public struct RoleGrants: Sendable, Equatable {
    public let role: String
    public let tables: [String]

    public init(role: String, tables: [String]) { (self.role, self.tables) = (role, tables) }

    /// The statement that gives them, as the README's grants do.
    public var grant: String {
        "GRANT SELECT, INSERT, UPDATE, DELETE ON \(tables.joined(separator: ", ")) TO \(role);"
    }

    /// Every such role with the tables it lacks rights on, by role name; roles lacking none left out.
    static func lacking(_ db: Connection) throws -> [RoleGrants] {
        let rows = try db.execute("""
            WITH owner AS (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log'),
            writers AS (
                SELECT r.rolname FROM pg_roles r, owner
                WHERE NOT r.rolsuper AND r.rolname <> owner.tableowner AND r.rolname NOT LIKE 'pg\\_%'
                  AND has_table_privilege(r.oid, 'public.audit_log', 'INSERT')
            )
            SELECT w.rolname AS role, t.tablename AS table_name FROM writers w
            JOIN pg_tables t ON t.schemaname = 'public' AND t.tablename <> 'schema_migrations'
            WHERE NOT has_table_privilege(w.rolname, format('public.%I', t.tablename), 'SELECT, INSERT, UPDATE, DELETE')
            ORDER BY w.rolname, t.tablename
            """)
        var byRole: [(role: String, tables: [String])] = []
        for row in rows {
            let (role, table) = (try row.string("role"), try row.string("table_name"))
            if byRole.last?.role == role { byRole[byRole.count - 1].tables.append(table) } else { byRole.append((role, [table])) }
        }
        return byRole.map { RoleGrants(role: $0.role, tables: $0.tables) }
    }
}
