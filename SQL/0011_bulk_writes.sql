-- 0011 — bulk writes: the derived tables audited and locked per statement on DELETE, and the checks a bulk
-- COPY runs once for all its rows instead of once per row.
--
-- 1. final_scores, allocations and allocation_components are computed, never typed: every allocation
--    deletes the year's rows and writes them again (about three rows a person). Logging and checking
--    those deletions row by row (0005, 0006) wrote some 20 us and three audit rows a person, each with the
--    whole row, while the run itself is on record in allocation_runs and the new rows are what the run
--    wrote. Their DELETE is now logged once per statement and (body_id, year), like INSERT: record_key =
--    {"body_id", "year"}, old_value = {"deleted": n}; the year lock checks it once per statement too
--    (AFTER DELETE, transition table old_rows: the exception aborts the statement, cascades included, so
--    nothing it deleted remains). UPDATE of these tables stays logged and checked row by row.
--
-- 2. sipav_bulk_inserted(table, body, year, rows): what the row triggers of an INSERT would have done,
--    done once for rows that were copied with the triggers bypassed (SET LOCAL session_replication_role =
--    replica, allowed to superusers and to roles granted SET on that parameter): the year must be open
--    (sipav_assert_year_open, as the lock trigger checks), every foreign key of the table must hold for
--    the rows of that body and year (one anti-join per key instead of one lookup per row; a violation
--    raises 23503 with the constraint's name, like PostgreSQL's own check), and the insert is logged as
--    the audit trigger logs it ({"inserted": n} per body and year). The rows the keys point to must be
--    ones the same transaction wrote or holds locked (the import locks the year's row FOR UPDATE and
--    every employee it references), as a foreign-key check would have locked them.

-- ---------------------------------------------------------------------------------------------
-- 1. DELETE of the derived tables, once per statement
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sipav_audit_deleted() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO audit_log (body_id, table_name, operation, record_key, old_value)
    SELECT o.body_id, TG_TABLE_NAME, 'DELETE',
           jsonb_build_object('body_id', o.body_id, 'year', o.year),
           jsonb_build_object('deleted', count(*))
      FROM old_rows o
     GROUP BY o.body_id, o.year
     ORDER BY o.body_id, o.year;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_audit_deleted() IS
    'Audit of DELETE once per statement (AFTER DELETE, transition table old_rows): one audit_log row per (body_id, year) touched, old_value = {"deleted": n}. For the derived tables final_scores, allocations, allocation_components.';

CREATE OR REPLACE FUNCTION sipav_year_lock_deleted() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    k record;
BEGIN
    FOR k IN SELECT DISTINCT o.body_id, o.year FROM old_rows o ORDER BY 1, 2 LOOP
        PERFORM sipav_assert_year_open(k.body_id, k.year, TG_TABLE_NAME, TG_OP);
    END LOOP;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_year_lock_deleted() IS
    'Year lock of DELETE once per statement (AFTER DELETE, transition table old_rows): SQLSTATE SV001 when a deleted row belongs to an allocated or published year. For the derived tables.';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['final_scores', 'allocations', 'allocation_components'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS sipav_log_delete ON %I', t);
        EXECUTE format('DROP TRIGGER IF EXISTS sipav_lock_delete ON %I', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER sipav_log_deleted AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sipav_audit_deleted()', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER sipav_lock_deleted AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sipav_year_lock_deleted()', t);
    END LOOP;
END
$$;

COMMENT ON COLUMN audit_log.old_value IS 'UPDATE and DELETE: the old row. DELETE from final_scores, allocations and allocation_components (derived tables): {"deleted": <rows deleted by the statement for this body/year>}.';

-- ---------------------------------------------------------------------------------------------
-- 2. The checks of a bulk insert, once for all its rows
-- ---------------------------------------------------------------------------------------------
-- Each check reads all the rows of the body and year, usually just copied into a table that has no
-- statistics yet: the planner would take the rows for a handful and join them by nested loop, once per row
-- of the other side (minutes for 100,000 people). Hash and merge joins are right whatever the statistics say;
-- without nested loops every plan looks costly, and compiling each just in time would take longer than
-- running it: no JIT. Hashing a million people's keys takes about 100 MB, which the default work_mem (4 MB)
-- would spill to disk.
CREATE OR REPLACE FUNCTION sipav_bulk_inserted(target regclass, p_body_id text, p_year integer, p_rows bigint)
    RETURNS void
    LANGUAGE plpgsql
    SET enable_nestloop = off
    SET jit = off
    SET work_mem = '256MB'
AS $$
DECLARE
    table_name text := (SELECT c.relname FROM pg_class c WHERE c.oid = target);
    has_year boolean := EXISTS (SELECT 1 FROM pg_attribute a
                                 WHERE a.attrelid = target AND a.attname = 'year' AND NOT a.attisdropped);
    fk record;
    columns text;
    values_text text;
    matches text;
    present text;
    missing text;
BEGIN
    IF has_year <> (p_year IS NOT NULL) THEN
        RAISE EXCEPTION 'sipav_bulk_inserted(%): give the year exactly when the table has one', table_name;
    END IF;
    IF has_year THEN
        PERFORM sipav_assert_year_open(p_body_id, p_year, table_name, 'INSERT');
    END IF;

    FOR fk IN
        SELECT c.conname, c.confrelid::regclass AS referenced, c.conkey, c.confkey
          FROM pg_constraint c
         WHERE c.conrelid = target AND c.contype = 'f'
         ORDER BY c.conname
    LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord),
               string_agg(format('t.%I', a.attname), ', ' ORDER BY k.ord),
               string_agg(format('r.%I = t.%I', r.attname, a.attname), ' AND ' ORDER BY k.ord),
               string_agg(format('t.%I IS NOT NULL', a.attname), ' AND ' ORDER BY k.ord)
          INTO columns, values_text, matches, present
          FROM unnest(fk.conkey, fk.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
          JOIN pg_attribute a ON a.attrelid = target AND a.attnum = k.attnum
          JOIN pg_attribute r ON r.attrelid = fk.referenced AND r.attnum = k.refattnum;
        -- MATCH SIMPLE, as the schema's keys: a row with a NULL in the key references nothing.
        EXECUTE format('SELECT concat_ws(%L, %s) FROM ONLY %s t WHERE t.body_id = $1 %s AND %s '
                       'AND NOT EXISTS (SELECT 1 FROM ONLY %s r WHERE %s) LIMIT 1',
                       ', ', values_text, target, CASE WHEN has_year THEN 'AND t.year = $2' ELSE '' END,
                       present, fk.referenced, matches)
           INTO missing USING p_body_id, p_year;
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', table_name, fk.conname
                USING ERRCODE = 'foreign_key_violation',
                      CONSTRAINT = fk.conname,
                      TABLE = table_name,
                      DETAIL = format('Key (%s)=(%s) is not present in table "%s".', columns, missing, fk.referenced);
        END IF;
    END LOOP;

    IF p_rows > 0 THEN
        INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value)
        VALUES (p_body_id, table_name, 'INSERT',
                CASE WHEN has_year THEN jsonb_build_object('body_id', p_body_id, 'year', p_year)
                     ELSE jsonb_build_object('body_id', p_body_id) END,
                jsonb_build_object('inserted', p_rows));
    END IF;
END
$$;

COMMENT ON FUNCTION sipav_bulk_inserted(regclass, text, integer, bigint) IS
    'After rows of one body (and year) were copied into a table with the row triggers bypassed: refuses a locked year (SV001), checks every foreign key of the table for those rows at once (23503 with the constraint''s name), and logs {"inserted": rows} as the audit trigger would.';
