-- 0020 — the bulk path refuses a table whose rule it cannot check afterwards, and its key check guards its arguments.
--
-- The bulk path (0011) copies rows with the row triggers bypassed, then does once what they would have done: the
-- year's lock, every foreign key, the audit entry. A BEFORE INSERT row trigger cannot be done afterwards: it may
-- refuse or change each row as it arrives. The one the schema has (accounts, 0017: one enabled personal account per
-- person) would simply not have run. No code copies accounts that way; the check no longer relies on that: a table
-- with such a trigger is refused, and the transaction writes nothing. Triggers enabled ALWAYS or REPLICA ran during
-- the copy and are not counted; only those the bypass skipped (enabled, the default, for the origin) are.
--
-- sipav_check_copied_foreign_keys (0019) had no guard of its year argument of its own (its one caller has one):
-- called with a year for a table without one it would fail on a missing column, and called without a year for a
-- table that has one it would check the rows of every year of the body. It now refuses both, as sipav_bulk_inserted
-- does.
--
-- 0019's loop over the foreign keys is kept as it is, renamed sipav_check_foreign_keys_of_copied_rows; the function
-- of 0019's name (which sipav_bulk_inserted calls) checks the arguments and the triggers, then calls it.

ALTER FUNCTION sipav_check_copied_foreign_keys(regclass, text, integer) RENAME TO sipav_check_foreign_keys_of_copied_rows;

COMMENT ON FUNCTION sipav_check_foreign_keys_of_copied_rows(regclass, text, integer) IS
    'For rows of one body (and year, NULL for a table without one) copied with the row triggers bypassed: checks every foreign key of the table for those rows, as one anti-join, or one look-up for a key of body_id and year alone (23503 with the constraint''s name and the missing key). Called through sipav_check_copied_foreign_keys, which checks its arguments first.';

CREATE FUNCTION sipav_check_copied_foreign_keys(target regclass, p_body_id text, p_year integer)
    RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    table_name text := (SELECT c.relname FROM pg_class c WHERE c.oid = target);
    has_year boolean := EXISTS (SELECT 1 FROM pg_attribute a
                                 WHERE a.attrelid = target AND a.attname = 'year' AND NOT a.attisdropped);
    skipped text;
BEGIN
    IF has_year <> (p_year IS NOT NULL) THEN
        RAISE EXCEPTION 'sipav_check_copied_foreign_keys(%): give the year exactly when the table has one', table_name;
    END IF;
    -- tgtype's bits: 1 a row trigger, 2 BEFORE, 4 INSERT, 64 INSTEAD OF; tgenabled 'O' fires for the origin only.
    SELECT string_agg(t.tgname, ', ' ORDER BY t.tgname) INTO skipped
      FROM pg_trigger t
     WHERE t.tgrelid = target AND NOT t.tgisinternal AND t.tgenabled = 'O'
       AND t.tgtype & 1 = 1 AND t.tgtype & 2 = 2 AND t.tgtype & 4 = 4 AND t.tgtype & 64 = 0;
    IF skipped IS NOT NULL THEN
        RAISE EXCEPTION 'table % has BEFORE INSERT row triggers (%), which the bulk path cannot run afterwards: insert its rows with the triggers on',
            table_name, skipped
            USING ERRCODE = 'feature_not_supported', TABLE = table_name;
    END IF;
    PERFORM sipav_check_foreign_keys_of_copied_rows(target, p_body_id, p_year);
END
$$;

COMMENT ON FUNCTION sipav_check_copied_foreign_keys(regclass, text, integer) IS
    'For rows of one body (and year, NULL exactly for a table without one) copied with the row triggers bypassed: refuses a table with a BEFORE INSERT row trigger the bypass skipped (0A000: its rule cannot be run afterwards), then checks every foreign key of those rows (sipav_check_foreign_keys_of_copied_rows).';
