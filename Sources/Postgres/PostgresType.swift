import CLibPQ

/// A column's type as the server reports it (`PQftype`): the type's OID.
///
/// Only the built-in types the decoders need are named; any other OID is still carried and printed.
public struct PostgresType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Oid
    public init(rawValue: Oid) { self.rawValue = rawValue }

    // The OIDs are fixed in PostgreSQL's catalog (pg_type.dat) and never change between versions.
    public static let bool = PostgresType(rawValue: 16)
    public static let bytea = PostgresType(rawValue: 17)
    public static let name = PostgresType(rawValue: 19)
    public static let int8 = PostgresType(rawValue: 20)
    public static let int2 = PostgresType(rawValue: 21)
    public static let int4 = PostgresType(rawValue: 23)
    public static let text = PostgresType(rawValue: 25)
    public static let oid = PostgresType(rawValue: 26)
    public static let float4 = PostgresType(rawValue: 700)
    public static let float8 = PostgresType(rawValue: 701)
    public static let unknown = PostgresType(rawValue: 705)
    public static let bpchar = PostgresType(rawValue: 1042)
    public static let varchar = PostgresType(rawValue: 1043)
    public static let date = PostgresType(rawValue: 1082)
    public static let numeric = PostgresType(rawValue: 1700)

    private static let names: [PostgresType: String] = [
        .bool: "boolean", .bytea: "bytea", .name: "name", .int8: "bigint", .int2: "smallint",
        .int4: "integer", .text: "text", .oid: "oid", .float4: "real", .float8: "double precision",
        .unknown: "unknown", .bpchar: "character", .varchar: "character varying", .date: "date",
        .numeric: "numeric",
    ]

    public var description: String { Self.names[self] ?? "type oid \(rawValue)" }

    /// smallint, integer, bigint and oid: the types an integer can be read from.
    public var isInteger: Bool { [.int2, .int4, .int8, .oid].contains(self) }
}
