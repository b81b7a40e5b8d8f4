import Postgres
import SIPAVTestSupport

/// Makes the server refuse every allocation run of `database` (a trigger): an import with the allocation then fails
/// after it has written the year's records, and what it leaves shows whether its transaction held.
func refuseAllocationRuns(in database: TestDatabase) throws {
    try database.withConnection { db in
        try db.executeScript("""
            CREATE FUNCTION refuse_run() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'run refused by the test'; END $$;
            CREATE TRIGGER refuse_run BEFORE INSERT ON allocation_runs FOR EACH ROW EXECUTE FUNCTION refuse_run();
            """)
    }
}
