import CLibPQ

extension Connection {
    /// Runs one statement, sending `parameters` as `$1`, `$2`, … (nil is NULL), and returns its rows.
    ///
    /// Values never become part of the SQL text: they travel apart from it (`PQexecParams`), so quotes,
    /// semicolons and backslashes in them are just characters. One statement per call.
    /// - Throws: `PostgresError`: `.statement` when the server refused it (the connection stays usable),
    ///   `.connection` when the connection failed or was lost.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> QueryResult {
        guard parameters.count <= Int(UInt16.max) else {
            throw PostgresError.usage("\(parameters.count) parameters: PostgreSQL takes at most 65535", statement: sql)
        }
        let texts = try parameters.enumerated().map { position, value in
            try Self.text(of: value, parameter: position + 1, statement: sql)
        }
        return try withSettingsApplied { try run(sql, texts) }
    }

    /// `execute` without the transaction settings: for BEGIN, COMMIT and the like.
    @discardableResult
    func run(_ sql: String, _ texts: [String?] = []) throws -> QueryResult {
        try withHandle { handle in
            let result = withCStrings(texts) { values in
                PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
            }
            return try Self.take(result, on: handle, statement: sql)
        }
    }

    /// Runs SQL text that may hold several statements separated by semicolons, such as a migration file.
    ///
    /// It takes no parameters on purpose: it is for SQL the program ships, never for values. Without an
    /// explicit BEGIN/COMMIT in the text, the server runs the statements as one transaction.
    public func executeScript(_ sql: String) throws {
        try withSettingsApplied { try runScript(sql) }
    }

    /// `executeScript` without the transaction settings.
    func runScript(_ sql: String) throws {
        try withHandle { handle in
            _ = try Self.take(PQexec(handle, sql), on: handle, statement: sql)
        }
    }

    /// Copies a statement's result and frees it, or turns it into the error it reports.
    static func take(_ result: OpaquePointer?, on handle: OpaquePointer, statement: String) throws -> QueryResult {
        guard let result else { throw PostgresError(connection: handle, statement: statement) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return QueryResult(copying: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // Left as it is, the connection would wait for COPY data forever.
            CopyProtocol.abandon(handle, status: PQresultStatus(result), reason: "use copyIn or copyOut")
            throw PostgresError.usage("COPY … FROM STDIN / TO STDOUT needs copyIn or copyOut", statement: statement)
        default:
            throw PostgresError(failed: result, on: handle, statement: statement)
        }
    }

    private static func text(of value: (any PostgresEncodable)?, parameter: Int, statement: String) throws -> String? {
        guard let value else { return nil }
        let text = value.postgresText
        // libpq passes C strings: a NUL would silently cut the value short.
        guard !text.utf8.contains(0) else {
            throw PostgresError.usage(
                "parameter $\(parameter) contains a NUL character, which PostgreSQL text cannot hold "
                    + "(send bytes as [UInt8])", statement: statement)
        }
        return text
    }
}
