import CLibPQ

extension Connection {
    /// Bulk-loads rows with `COPY … FROM STDIN` (text format), the fastest way into a table.
    ///
    /// `body` writes the rows; they are sent as it goes. If `body` throws, the COPY is cancelled (nothing
    /// of it stays) and the error is rethrown; if the server rejects a row, the whole COPY fails with an
    /// error whose `context` names the line and column.
    /// - Parameter sql: e.g. `COPY staff (id, name) FROM STDIN`.
    /// - Returns: the number of rows the server copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        try withSettingsApplied { try withHandle { handle in
            try CopyProtocol.start(handle, statement: sql, expecting: PGRES_COPY_IN)
            var writer = CopyWriter(handle: handle)
            do {
                try body(&writer)
                try writer.flush()
            } catch {
                CopyProtocol.abandon(handle, status: PGRES_COPY_IN, reason: "cancelled by the client: \(error)")
                throw error
            }
            guard PQputCopyEnd(handle, nil) == 1 else { throw PostgresError(connection: handle, statement: sql) }
            return try CopyProtocol.finish(handle, statement: sql)
        } }
    }

    /// Bulk-loads `rows`, each an array of text fields in the COPY statement's column order (nil is NULL).
    @discardableResult
    public func copyIn(_ sql: String, rows: some Sequence<[String?]>) throws -> Int {
        try copyIn(sql) { writer in
            for row in rows {
                try writer.row { fields in
                    for field in row { fields.field(field) }
                }
            }
        }
    }

    /// Streams the rows of `COPY … TO STDOUT` (text format) to `each`, as text fields (nil is NULL).
    ///
    /// If `each` throws, the rest of the data is read and dropped (the server cannot be stopped mid-COPY
    /// without cancelling), then the error is rethrown.
    /// - Returns: the number of rows the server sent.
    @discardableResult
    public func copyOut(_ sql: String, _ each: ([String?]) throws -> Void) throws -> Int {
        try copyOut(sql, rows: { row in try each((0..<row.count).map { row.string($0) }) })
    }

    /// Streams the rows of `COPY … TO STDOUT` (text format) to `each`, each read in place (`CopyRow`): the
    /// way to read millions of rows, decoding only the fields needed, numbers without a `String`.
    ///
    /// If `each` throws, the rest of the data is read and dropped, then the error is rethrown.
    /// - Returns: the number of rows the server sent.
    @discardableResult
    public func copyOut(_ sql: String, rows each: (CopyRow) throws -> Void) throws -> Int {
        try withSettingsApplied { try withHandle { handle in
            try CopyProtocol.start(handle, statement: sql, expecting: PGRES_COPY_OUT)
            var line: UnsafeMutablePointer<CChar>?
            var bounds: [Int] = []
            bounds.reserveCapacity(64)
            var number = 0
            while true {
                let length = PQgetCopyData(handle, &line, 0)
                guard length > 0, let data = line else { break }
                defer { PQfreemem(data) }
                number += 1
                // libpq hands over one row per call, ending in a newline.
                let bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
                let end = CopyTextParser.split(bytes, into: &bounds)
                do {
                    try bounds.withUnsafeBufferPointer { bounds in
                        try each(CopyRow(line: UnsafeRawBufferPointer(rebasing: bytes[..<end]), bounds: bounds, number: number))
                    }
                } catch {
                    CopyProtocol.abandon(handle, status: PGRES_COPY_OUT, reason: "")
                    throw error
                }
            }
            return try CopyProtocol.finish(handle, statement: sql)
        } }
    }

    /// All the rows of `COPY … TO STDOUT`, as text fields (nil is NULL).
    public func copyOut(_ sql: String) throws -> [[String?]] {
        var rows: [[String?]] = []
        try copyOut(sql) { rows.append($0) }
        return rows
    }
}
