import CLibPQ

/// The steps libpq's COPY protocol needs after the data: reading the final result, or backing out.
enum CopyProtocol {
    /// Reads the results that end a COPY, and returns the row count its command tag reports.
    static func finish(_ handle: OpaquePointer, statement: String) throws -> Int {
        var outcome: Result<Int, PostgresError>?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if outcome == nil {
                outcome = status == PGRES_COMMAND_OK
                    ? .success(Int(String(cString: PQcmdTuples(result))) ?? 0)
                    : .failure(PostgresError(failed: result, on: handle, statement: statement))
            }
            // Still in COPY (the end could not be sent): libpq would hand back this result forever.
            if isCopy(status) { break }
        }
        return try (outcome ?? .failure(PostgresError(connection: handle, statement: statement))).get()
    }

    /// Ends a COPY that will not be completed, leaving the connection ready for the next statement.
    /// A COPY FROM STDIN fails with `reason` (and its transaction with it); a COPY TO STDOUT is read to
    /// its end and dropped.
    static func abandon(_ handle: OpaquePointer, status: ExecStatusType, reason: String) {
        if status == PGRES_COPY_IN || status == PGRES_COPY_BOTH {
            _ = PQputCopyEnd(handle, reason)
        } else if status == PGRES_COPY_OUT {
            var row: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &row, 0) > 0 { PQfreemem(row) }
        }
        _ = try? finish(handle, statement: "")
    }

    static func isCopy(_ status: ExecStatusType) -> Bool {
        status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH
    }

    /// Sends a COPY statement; returns once the server is ready to send or receive data in `expected` state.
    static func start(_ handle: OpaquePointer, statement: String, expecting expected: ExecStatusType) throws {
        guard let result = PQexec(handle, statement) else {
            throw PostgresError(connection: handle, statement: statement)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        if status == expected { return }
        if isCopy(status) {
            abandon(handle, status: status, reason: "wrong COPY direction")
            throw PostgresError.usage(
                expected == PGRES_COPY_IN ? "copyIn needs COPY … FROM STDIN" : "copyOut needs COPY … TO STDOUT",
                statement: statement)
        }
        if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
            throw PostgresError.usage("not a COPY statement", statement: statement)
        }
        throw PostgresError(failed: result, on: handle, statement: statement)
    }
}
