import Postgres
import Testing

@Suite struct DecodingTests {
    private func row(_ sql: String) throws -> Row {
        try withTestConnection { try #require(try $0.execute(sql).first) }
    }

    @Test func aNullValueReadAsNonOptionalIsAClearError() throws {
        let row = try row("SELECT NULL::bigint AS n")
        let error = try #require(throws: PostgresError.self) { try row.int64("n") }
        #expect(error.kind == .decoding)
        #expect(error.message == "column \"n\" of row 1 is NULL; read it as Int64? to accept NULL")
        #expect(try row.decode("n", as: Int64?.self) == nil)
    }

    @Test func aValueOfAnotherTypeIsAClearError() throws {
        let row = try row("SELECT 'abc'::text AS name, 1 AS one, 70000 AS big, 2.5::numeric AS amount")
        let error = try #require(throws: PostgresError.self) { try row.int64("name") }
        #expect(error.kind == .decoding)
        #expect(error.message == "column \"name\" of row 1 (text) cannot be read as Int64: its value is \"abc\"")
        #expect(throws: PostgresError.self) { try row.bool("one") }
        #expect(throws: PostgresError.self) { try row.decode("big", as: Int16.self) }
        #expect(throws: PostgresError.self) { try row.int("amount") }
        #expect(try row.double("amount") == 2.5)
        #expect(try row.string("one") == "1")
    }

    @Test func anUnknownColumnNamesTheColumnsThereAre() throws {
        let row = try row("SELECT 1 AS id, 'x' AS name")
        let error = try #require(throws: PostgresError.self) { try row["nmae"] }
        #expect(error.message == "no column \"nmae\" in the result; its columns are id, name")
    }
}
