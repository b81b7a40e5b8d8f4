import Postgres
import Testing

/// A setting given with `setLocal` holds in every transaction of the connection, the implicit one of a lone
/// statement included, and never outside one.
@Suite struct TransactionSettingsTests {
    private func actor(_ connection: Connection) throws -> String? {
        try connection.execute("SELECT current_setting('app.actor', true) AS actor").first?["actor"]
    }

    @Test func everyTransactionAndEveryLoneStatementSeesTheSetting() throws {
        try withTestConnection { connection throws in
            try connection.setLocal("app.actor", to: "hr.rossi")
            #expect(try actor(connection) == "hr.rossi")
            try connection.transaction { tx throws in
                #expect(try actor(tx) == "hr.rossi")
                try tx.transaction { inner throws in #expect(try actor(inner) == "hr.rossi") }
            }
            try connection.transaction(isolation: .repeatableRead) { tx throws in #expect(try actor(tx) == "hr.rossi") }
            let copied = try connection.copyOut("COPY (SELECT current_setting('app.actor', true)) TO STDOUT")
            #expect(copied == [["hr.rossi"]])
        }
    }

    @Test func theSettingEndsWithItsTransaction() throws {
        try withTestConnection { connection throws in
            try connection.setLocal("app.actor", to: "hr.rossi")
            // The script ends the transaction the connection opened for it: what follows runs without it.
            try connection.executeScript("""
                CREATE TABLE seen AS SELECT 1 AS step, current_setting('app.actor', true) AS actor;
                COMMIT;
                INSERT INTO seen SELECT 2, current_setting('app.actor', true)
                """)
            let seen = try connection.execute("SELECT step, actor FROM seen ORDER BY step").map { try $0["actor"] }
            #expect(seen == ["hr.rossi", ""])
        }
        try withTestConnection { connection throws in
            try connection.transaction { tx in try tx.setLocal("app.actor", to: "late") }
            // Set inside a transaction, it applies from the next one on.
            #expect(try actor(connection) == "late")
        }
    }

    @Test func aLaterValueReplacesTheEarlierAndOthersStay() throws {
        try withTestConnection { connection throws in
            try connection.setLocal("app.actor", to: "first")
            try connection.setLocal("app.reason", to: "audit")
            try connection.setLocal("app.actor", to: "second")
            let row = try #require(try connection.execute(
                "SELECT current_setting('app.actor', true) AS actor, current_setting('app.reason', true) AS reason").first)
            #expect(try row["actor"] == "second")
            #expect(try row["reason"] == "audit")
        }
    }

    @Test(arguments: ["it's", #"back\slash"#, "a; DROP TABLE x; --", "$$dollar$$", "àè€😀", ""])
    func anyValueArrivesAsItWasGiven(value: String) throws {
        try withTestConnection { connection throws in
            try connection.setLocal("app.actor", to: value)
            #expect(try actor(connection) == value)
        }
    }

    @Test(arguments: ["actor; DROP TABLE x", "app.", ".actor", "app actor", "app.1x", "", "app.act-or"])
    func aNameThatIsNotAParameterIsRefused(name: String) throws {
        try withTestConnection { connection throws in
            let error = try #require(throws: PostgresError.self) { try connection.setLocal(name, to: "x") }
            #expect(error.kind == .usage)
        }
    }

    @Test func aFailedStatementLeavesTheConnectionUsable() throws {
        try withTestConnection { connection throws in
            try connection.setLocal("app.actor", to: "hr.rossi")
            #expect(throws: PostgresError.self) { try connection.execute("SELECT 1 / 0") }
            #expect(try actor(connection) == "hr.rossi")
        }
    }

    /// Quoted by libpq, which writes a backslash so that the server reads it as one whether or not it takes
    /// backslashes in plain literals as escapes.
    @Test(arguments: ["on", "off"])
    func aValueWithBackslashesArrivesWhateverTheServerMakesOfThem(standardStrings: String) throws {
        try withTestConnection { connection throws in
            try connection.execute("SET standard_conforming_strings = \(standardStrings)")
            let value = #"C:\temp\n'x'\"#
            try connection.setLocal("app.actor", to: value)
            #expect(try actor(connection) == value)
        }
    }

    @Test(arguments: [("SELECT %L, %L", ["a"]), ("SELECT %L", ["a", "b"]), ("SELECT 100 % 7, %L", ["a"]), ("SELECT %L", ["a\u{0}b"])])
    func aTemplateThatDoesNotMatchItsValuesIsRefused(template: String, values: [String]) throws {
        try withTestConnection { connection throws in
            let error = try #require(throws: PostgresError.self) { try connection.literalStatement(template, values) }
            #expect(error.kind == .usage)
        }
    }

    @Test func theValuesOfALiteralStatementAreQuoted() throws {
        try withTestConnection { connection throws in
            try connection.execute("CREATE TABLE t (name text, n int)")
            try connection.execute("INSERT INTO t VALUES ($1, 1), ('plain', 2)", ["it's \\ a 'test'"])
            let copy = try connection.literalStatement(
                "COPY (SELECT n FROM t WHERE name = %L AND n = %L AND 100 %% 7 = 2) TO STDOUT", ["it's \\ a 'test'", "1"])
            #expect(try connection.copyOut(copy) == [["1"]])
            #expect(try connection.literalStatement("SELECT %L", [nil]) == "SELECT NULL")
        }
    }
}
