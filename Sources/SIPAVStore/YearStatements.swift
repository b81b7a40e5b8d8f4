import Postgres

/// What the store's transactions over a whole year have in common.
enum YearStatements {
    /// Settings for statements that join and sort all the rows of a year, often just written into tables
    /// that have no statistics yet. Transaction-local: call it inside the transaction.
    ///
    /// - No nested loops: the planner would take freshly written rows for a handful and join them by nested
    ///   loop, once per row of the other side, which turns a second's work into minutes. Hash and merge joins
    ///   are right for them whatever the statistics say.
    /// - No JIT: without nested loops every plan looks costly, and the server would spend some 60 ms
    ///   compiling each one, more than running it.
    /// - Memory for a year: hashing or sorting a million people takes about 100 MB; with the default 4 MB
    ///   they spill to disk in many batches, three times slower.
    static func prepare(_ db: Connection) throws {
        try db.executeScript("SET LOCAL enable_nestloop = off; SET LOCAL jit = off; SET LOCAL work_mem = '256MB'")
    }
}
