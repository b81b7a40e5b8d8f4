import Postgres
import Testing

@Suite struct ParameterTests {
    static let awkwardTexts = [
        "", "plain", "it's", "\"double\"", "semi;colon", #"back\slash"#, #"\N"#, "$1", "-- comment",
        "'); DROP TABLE x; --", "tab\tnew\nline\rreturn", "àèìòù € ß 漢字 😀",
        String(repeating: "long ", count: 2000),
    ]

    @Test(arguments: awkwardTexts)
    func textTravelsUnchangedAndIsNeverSQL(text: String) throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (value text)")
            try connection.execute("INSERT INTO x (value) VALUES ($1)", [text])
            let read = try connection.execute("SELECT value, $1 AS echoed FROM x", [text])
            #expect(try read.first?.string("value") == text)
            #expect(try read.first?.string("echoed") == text)
            let table = try connection.execute("SELECT to_regclass('x') IS NOT NULL AS exists").first
            #expect(try table?.bool("exists") == true)
        }
    }

    @Test func everyTypeRoundTrips() throws {
        try withTestConnection { connection in
            try connection.execute("""
                CREATE TABLE typed (i bigint, n integer, s smallint, l bigint, b boolean, d double precision,
                                    bytes bytea, day date, t text)
                """)
            let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff, 0x5c, 0x27]
            let day = PostgresDate(year: 2019, month: 2, day: 28)
            try connection.execute(
                "INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                [Int.min, Int32.max, Int16.min, Int64.max, true, 0.1, bytes, day, "ok"])
            let row = try #require(try connection.execute("SELECT * FROM typed").first)
            #expect(try row.int("i") == Int.min)
            #expect(try row.decode("n", as: Int32.self) == Int32.max)
            #expect(try row.decode("s", as: Int16.self) == Int16.min)
            #expect(try row.int64("l") == Int64.max)
            #expect(try row.bool("b"))
            #expect(try row.double("d") == 0.1)
            #expect(try row.bytes("bytes") == bytes)
            #expect(try row.date("day") == day)
            #expect(try row.string("t") == "ok")
        }
    }

    @Test func nilIsNullForEveryType() throws {
        try withTestConnection { connection in
            try connection.execute(
                "CREATE TABLE typed (i bigint, b boolean, d double precision, bytes bytea, day date, t text)")
            let missing: String? = nil
            try connection.execute(
                "INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6)", [nil, nil, nil, nil, nil, missing])
            let row = try #require(try connection.execute("SELECT * FROM typed").first)
            #expect(row.values == [nil, nil, nil, nil, nil, nil])
            #expect(try row.decode("i", as: Int64?.self) == nil)
            #expect(try row.decode("day", as: PostgresDate?.self) == nil)
            #expect(try row["t"] == nil)
        }
    }

    @Test(arguments: [0.1, -0.0, 1e-300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
                      .infinity, -.infinity, 123_456_789.125])
    func doublesRoundTripExactly(value: Double) throws {
        try withTestConnection { connection in
            let read = try connection.execute("SELECT $1::float8 AS value", [value]).first?.double("value")
            #expect(read == value)
            #expect(read?.sign == value.sign)
        }
    }

    @Test func nanRoundTrips() throws {
        try withTestConnection { connection throws in
            let read = try connection.execute("SELECT $1::float8 AS value", [Double.nan]).first
            #expect(try read?.double("value").isNaN == true)
        }
    }

    @Test func aNulCharacterInTextIsRefusedRatherThanCutShort() throws {
        try withTestConnection { connection in
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("SELECT $1::text", ["before\0after"])
            }
            #expect(error.kind == .usage)
            #expect(error.message.contains("$1"))
        }
    }

    @Test func affectedRowsAndColumnsAreReported() throws {
        try withTestConnection { connection in
            try connection.execute("CREATE TABLE x (id int, name text)")
            let insert = try connection.execute("INSERT INTO x VALUES (1, 'a'), (2, 'b'), (3, 'c')")
            #expect(insert.affectedRows == 3)
            #expect(insert.commandTag == "INSERT 0 3")
            #expect(try connection.execute("UPDATE x SET name = 'z' WHERE id >= $1", [2]).affectedRows == 2)
            let select = try connection.execute("SELECT id, name FROM x ORDER BY id")
            #expect(select.rowCount == 3)
            #expect(select.columns == ["id", "name"])
            #expect(select.columnTypes == [.int4, .text])
            #expect(try select.map { try $0.string("name") } == ["a", "z", "z"])
        }
    }
}
