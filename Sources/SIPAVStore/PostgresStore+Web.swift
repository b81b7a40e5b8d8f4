import Postgres

extension PostgresStore {
    /// Runs `body` on a connection of its own, off the caller's thread, attributing writes to `actor`; PostgreSQL's
    /// errors come back as `StoreError`s (the original, with its SQLSTATE, in `underlying`).
    ///
    /// For the web application, whose queries (accounts, sessions, one person's ratings) are its own and live in
    /// `SIPAVWeb`; the year's bulk records go through `YearStore`.
    ///
    /// Its transactions compile no query just in time (`SET LOCAL jit = off`): a page's query over a large body
    /// whose tables have no statistics yet looks costly enough to the planner to be compiled, which took 0.4 s
    /// of a manager's 0.5 s list at 100,000 staff, for a run of a tenth of a second.
    ///
    /// `wholeYear`: the page's queries read every person of the year (HR's lists, the Segretario Generale's), and
    /// run as `planForWholeYear` says.
    public func withWebConnection<T: Sendable>(actor: String? = nil, wholeYear: Bool = false,
                                               _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withConnection(actor: actor) { connection in
            try connection.setLocal("jit", to: "off")
            if wholeYear { try Self.planForWholeYear(connection) }
            return try body(connection)
        }
    }

    /// For the queries of a web page that join every person of a year, from then on: without nested loops, as
    /// the store's whole-year transactions (`YearStatements`). Over tables freshly imported and not yet analysed,
    /// the planner takes a hundred thousand people for a handful and looks each one up by key: HR's list of
    /// objectives took 1.0 s instead of 0.26 s at 100,000 staff until autovacuum's statistics came, the
    /// Segretario Generale's list 50 s instead of 3.6 s at a million. Hash joins are right for them either way.
    public static func planForWholeYear(_ connection: Connection) throws {
        try connection.setLocal(wholeYearPlan.name, to: wholeYearPlan.value)
    }

    /// The same for the rest of the transaction `connection` has open, when the page learns inside it that it reads
    /// the whole year.
    public static func planForWholeYear(inTransaction connection: Connection) throws {
        try connection.execute("SET LOCAL \(wholeYearPlan.name) = \(wholeYearPlan.value)")
    }

    /// Back to the planner's own choice for the rest of the transaction `connection` has open, when a page that read the
    /// whole year goes on to a page's people alone, by key: without nested loops, a look-up of 500 people read the whole
    /// year's tables (0.5 s instead of 16 ms at 200,000 staff).
    public static func planForSomePeople(inTransaction connection: Connection) throws {
        try connection.execute("SET LOCAL \(wholeYearPlan.name) = on")
    }

    private static let wholeYearPlan = (name: "enable_nestloop", value: "off")
}

extension PostgresStore {
    /// The year's records with each individual objective's stored version, in the order of `records.objectives`, read in
    /// one snapshot: HR's download of `objectives.csv`, whose upload refuses rows changed since.
    public func loadYearWithObjectiveVersions(body: String, year: Int) async throws -> (YearRecords, [Int]) {
        try await withConnection { [self] connection in
            try connection.transaction(isolation: .repeatableRead) { db in
                let records = try reader(db, body: body, year: year).read()
                var versions: [String: Int] = [:]
                for row in try db.execute("SELECT employee_id, code, version FROM individual_objectives WHERE body_id = $1 AND year = $2",
                                          [body, year]) {
                    versions[try row.string("employee_id") + "\u{1F}" + row.string("code")] = try row.int("version")
                }
                let staff = records.records.staff
                return (records, try records.records.objectives.map { objective in
                    // Read in the same snapshot as the records: never missing.
                    guard let version = versions[staff[objective.person].id + "\u{1F}" + objective.code] else {
                        throw StoreError("objective \(objective.code) of \(staff[objective.person].id) was read without its version")
                    }
                    return version
                })
            }
        }
    }
}
