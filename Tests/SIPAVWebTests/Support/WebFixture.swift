import Postgres

/// A small body for the web tests: two Areas, each with its manager and one person to rate, and the
/// Segretario Generale. The person of Area A1 has HTML in their name, to check it is escaped.
enum WebFixture {
    static let body = "ENTE"
    static let year = 2024
    static let password = "password-di-prova"
    static let hostileName = "<script>alert(\"x\")</script> & Rossi"

    static func insert(on db: Connection) throws {
        try db.execute("INSERT INTO bodies (body_id, name) VALUES ('ENTE', 'Camera di prova')")
        for (id, name) in [("S1", "Segretaria Generale"), ("M1", "Dirigente Uno"), ("M2", "Dirigente Due"),
                           ("E1", hostileName), ("E2", "Bianchi Anna")] {
            try db.execute("INSERT INTO employees (body_id, employee_id, name) VALUES ('ENTE', $1, $2)", [id, name])
        }
        try db.execute("INSERT INTO years (body_id, year, state) VALUES ('ENTE', 2024, 'rating')")
        try db.execute("""
            INSERT INTO areas (body_id, year, area_id, name, manager_id, position) VALUES
                ('ENTE', 2024, 'A1', 'Area Uno', 'M1', 1), ('ENTE', 2024, 'A2', 'Area Due', 'M2', 2)
            """)
        try db.execute("""
            INSERT INTO staff_years (body_id, year, employee_id, role, category, area_id) VALUES
                ('ENTE', 2024, 'S1', 'segretario_generale', 'DIR', NULL),
                ('ENTE', 2024, 'M1', 'dirigente', 'DIR', 'A1'), ('ENTE', 2024, 'M2', 'dirigente', 'DIR', 'A2'),
                ('ENTE', 2024, 'E1', 'dipendente', 'C', 'A1'), ('ENTE', 2024, 'E2', 'dipendente', 'D', 'A2')
            """)
        try db.execute("""
            INSERT INTO individual_objectives (body_id, year, employee_id, code, title, weight_bp, position) VALUES
                ('ENTE', 2024, 'E1', 'OB1', 'Ridurre i tempi di risposta', 6000, 1),
                ('ENTE', 2024, 'E1', 'OB2', 'Digitalizzare l''archivio', 4000, 2),
                ('ENTE', 2024, 'E2', 'OB1', 'Bilancio sociale', 10000, 1)
            """)
    }
}
