import Postgres
import Testing

@Suite struct ErrorTests {
    @Test func aCheckViolationNamesItsCodeTableAndConstraint() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE staff_years (id int, months int CHECK (months BETWEEN 0 AND 12))")
            let insert = "INSERT INTO staff_years (id, months) VALUES ($1, $2)"
            let error = try #require(throws: PostgresError.self) { try connection.execute(insert, [1, 13]) }
            #expect(error.kind == .statement)
            #expect(error.severity == "ERROR")
            #expect(error.sqlState == "23514")
            #expect(error.conditionName == "check_violation")
            #expect(error.table == "staff_years")
            #expect(error.constraint == "staff_years_months_check")
            #expect(error.statement == insert)
            #expect(error.detail?.hasPrefix("Failing row contains (1, 13)") == true)
            #expect(error.description.hasPrefix(
                "ERROR 23514 (check_violation) on table staff_years, constraint staff_years_months_check: "
                    + "new row for relation \"staff_years\" violates check constraint \"staff_years_months_check\""))
            #expect(error.description.hasSuffix(" — statement: \(insert)"))
            // The connection is still usable after a statement error.
            #expect(try connection.execute("SELECT 1 AS one").first?.int("one") == 1)
        }
    }

    @Test func aUniqueViolationNamesItsConstraint() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE people (code text UNIQUE)")
            try connection.execute("INSERT INTO people VALUES ($1)", ["A1"])
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("INSERT INTO people VALUES ($1)", ["A1"])
            }
            #expect(error.sqlState == "23505")
            #expect(error.conditionName == "unique_violation")
            #expect(error.constraint == "people_code_key")
            #expect(error.detail == "Key (code)=(A1) already exists.")
        }
    }

    @Test func aForeignKeyViolationNamesItsConstraint() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE offices (id int PRIMARY KEY)")
            try connection.execute("CREATE TABLE staff (id int, office int REFERENCES offices (id))")
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("INSERT INTO staff VALUES ($1, $2)", [1, 99])
            }
            #expect(error.sqlState == "23503")
            #expect(error.conditionName == "foreign_key_violation")
            #expect(error.table == "staff")
            #expect(error.constraint == "staff_office_fkey")
        }
    }

    @Test func aNotNullViolationNamesItsColumn() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE staff (id int NOT NULL)")
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("INSERT INTO staff VALUES ($1)", [nil])
            }
            #expect(error.sqlState == "23502")
            #expect(error.column == "id")
            #expect(error.description.hasPrefix("ERROR 23502 (not_null_violation) on table staff, column id: "))
        }
    }

    @Test func aSyntaxErrorPointsAtItsPosition() throws {
        try withTestConnection { connection in
            let error = try #require(throws: PostgresError.self) { try connection.execute("SELEC 1") }
            #expect(error.sqlState == "42601")
            #expect(error.position == 1)
        }
    }

    @Test func copyStatementsThroughExecuteAreRefusedAndLeaveTheConnectionUsable() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (a int)")
            for sql in ["COPY x FROM STDIN", "COPY x TO STDOUT"] {
                let error = try #require(throws: PostgresError.self) { try connection.execute(sql) }
                #expect(error.kind == .usage)
                #expect(try connection.execute("SELECT 1 AS one").first?.int("one") == 1)
            }
        }
    }

    @Test func scriptsRunSeveralStatements() throws {
        try withTestConnection { connection in
            try connection.executeScript("""
                CREATE TABLE a (id int);
                INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);
                """)
            #expect(try connection.execute("SELECT count(*) AS n FROM a").first?.int("n") == 2)
            // Without BEGIN/COMMIT, a failing script leaves nothing of itself.
            #expect(throws: PostgresError.self) {
                try connection.executeScript("INSERT INTO a VALUES (3); INSERT INTO a VALUES ('x');")
            }
            #expect(try connection.execute("SELECT count(*) AS n FROM a").first?.int("n") == 2)
        }
    }
}
