import Postgres

/// Sets a year's state by hand, standing in for an allocation or a publication the test does not make: the
/// database lets a year become allocated only through an allocation run, and published only once allocated
/// (SQL/0027), so this one statement runs with the row triggers bypassed (the tests' role may: it is the cluster's
/// superuser). `also` adds further assignments (`reopen_reason = NULL`).
func forceYearState(_ db: Connection, _ state: String, year: Int, also: String = "") throws {
    try db.execute("SET session_replication_role = replica")
    defer { _ = try? db.execute("SET session_replication_role = origin") }
    try db.execute("UPDATE years SET state = $1\(also.isEmpty ? "" : ", " + also) WHERE body_id = $2 AND year = $3",
                   [state, WebFixture.body, year])
}
