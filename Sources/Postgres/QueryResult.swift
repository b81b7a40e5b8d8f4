import CLibPQ

/// What a statement returned, copied out of libpq's `PGresult` (which is freed at once).
///
/// A collection of `Row`s; every value is kept as text (PostgreSQL's text format) and decoded on demand.
public struct QueryResult: Sendable, RandomAccessCollection {
    /// Column names, in order.
    public let columns: [String]
    /// Column types, in the order of `columns`.
    public let columnTypes: [PostgresType]
    public let rowCount: Int
    /// Rows inserted, updated, deleted, copied… as the command tag reports (`PQcmdTuples`); 0 for commands
    /// that report none.
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 3` or `COMMIT`.
    public let commandTag: String
    /// Row-major; nil is SQL NULL.
    let cells: [String?]
    private let indexByName: [String: Int]

    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        columnTypes = (0..<columnCount).map { PostgresType(rawValue: PQftype(result, Int32($0))) }
        var cells: [String?] = []
        cells.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                guard PQgetisnull(result, row, column) == 0 else { cells.append(nil); continue }
                let bytes = UnsafeRawBufferPointer(
                    start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
                cells.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        self.cells = cells
        self.rowCount = rowCount
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
        commandTag = String(cString: PQcmdStatus(result))
        // The first of two equally named columns wins, as in most SQL clients.
        indexByName = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }
    public subscript(position: Int) -> Row { Row(result: self, index: position) }

    /// The position of the column called `name`.
    func columnIndex(_ name: String) throws -> Int {
        guard let index = indexByName[name] else {
            throw PostgresError.decoding(
                "no column \"\(name)\" in the result; its columns are \(columns.joined(separator: ", "))")
        }
        return index
    }
}
