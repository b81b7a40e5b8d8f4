import SIPAVTestSupport

extension WebFixture {
    /// `count` more people in Area Uno (m1's) in 2024, each with one objective (weight 100 %) still to rate, all
    /// named `name`, with the employee ids `prefix`1, `prefix`2, …
    static func addToAreaUno(_ database: TestDatabase, _ count: Int, name: String, prefix: String) throws {
        try database.withConnection { db in
            try db.execute("""
                INSERT INTO employees (body_id, employee_id, name) SELECT 'ENTE', $1 || g, $2 FROM generate_series(1, $3::int) g
                """, [prefix, name, String(count)])
            try db.execute("""
                INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id)
                SELECT 'ENTE', 2024, $1 || g, 'dipendente', 'C', 'A1' FROM generate_series(1, $2::int) g
                """, [prefix, String(count)])
            try db.execute("""
                INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position)
                SELECT 'ENTE', 2024, $1 || g, 'OB1', 'Sportello', 10000, 1 FROM generate_series(1, $2::int) g
                """, [prefix, String(count)])
        }
    }
}
