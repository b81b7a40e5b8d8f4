-- 0015 — a small insert is audited record by record, with its key and values.
--
-- 0005 logged every INSERT once per statement with the number of rows, so that an import of millions of rows
-- does not double what it writes. But most inserts are one record typed by someone: an account, an appraisal
-- submitted as final, an employee's response or contest, a fund's confirmation, a reopening. Of those the log
-- said only "1 row inserted", and an auditor could not tell whose appraisal was submitted, or which account was
-- made. Now a statement that inserts at most 100 rows is logged row by row, as UPDATE and DELETE are:
-- record_key = the row's primary key, new_value = the whole row. A larger statement (an import, an allocation, an
-- upload of many objectives) is still logged once per (body_id, year) with {"inserted": n}. The bulk path of
-- 0011 (sipav_bulk_inserted) logs the same: a copy of at most 100 rows row by row, a larger one by its count, so
-- that the log is the same whether the triggers ran or were bypassed. Both write the rows of one statement in the
-- order of their keys. And an account's password hash is no longer kept in the log, only a digest of it
-- (sipav_audit_value): the log is read by auditors, and a bcrypt hash can be attacked offline.

-- A row as the audit log keeps it: an account's password hash replaced by a digest of it, so that the log, which
-- anyone auditing the body may read, holds no hash to attack offline while still showing that it changed.
CREATE OR REPLACE FUNCTION sipav_audit_value(table_name text, value jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE WHEN table_name = 'accounts' AND value ? 'password_hash' AND jsonb_typeof(value -> 'password_hash') = 'string'
                THEN jsonb_set(value, '{password_hash}', to_jsonb('md5:' || md5(value ->> 'password_hash')))
                ELSE value END
$$;

COMMENT ON FUNCTION sipav_audit_value(text, jsonb) IS
    'A row as audit_log keeps it: for accounts, password_hash replaced by md5:<digest of the hash> (changes stay visible, no hash is kept).';

CREATE OR REPLACE FUNCTION sipav_audit() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    key_row jsonb;
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        -- INSERT, once per statement: transition table new_rows; TG_ARGV holds the primary-key columns.
        IF (SELECT count(*) FROM (SELECT 1 FROM new_rows LIMIT 101) AS first_rows) <= 100 THEN
            INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value)
            SELECT n.body_id, TG_TABLE_NAME, 'INSERT', r.record_key, sipav_audit_value(TG_TABLE_NAME, to_jsonb(n))
              FROM new_rows n
             CROSS JOIN LATERAL (SELECT jsonb_object_agg(k, to_jsonb(n) -> k) AS record_key FROM unnest(TG_ARGV) AS k) r
             ORDER BY r.record_key;
        ELSIF 'year' = ANY (TG_ARGV) THEN
            INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value)
            SELECT n.body_id, TG_TABLE_NAME, 'INSERT',
                   jsonb_build_object('body_id', n.body_id, 'year', n.year),
                   jsonb_build_object('inserted', count(*))
              FROM new_rows n
             GROUP BY n.body_id, n.year
             ORDER BY n.body_id, n.year;
        ELSE
            INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value)
            SELECT n.body_id, TG_TABLE_NAME, 'INSERT',
                   jsonb_build_object('body_id', n.body_id),
                   jsonb_build_object('inserted', count(*))
              FROM new_rows n
             GROUP BY n.body_id
             ORDER BY n.body_id;
        END IF;
        RETURN NULL;
    END IF;

    -- UPDATE or DELETE, once per row; TG_ARGV holds the primary-key columns.
    old_row := sipav_audit_value(TG_TABLE_NAME, to_jsonb(OLD));
    IF TG_OP = 'UPDATE' THEN
        new_row := sipav_audit_value(TG_TABLE_NAME, to_jsonb(NEW));
    END IF;
    SELECT jsonb_object_agg(k, old_row -> k) INTO key_row FROM unnest(TG_ARGV) AS k;
    INSERT INTO audit_log (body_id, table_name, operation, record_key, old_value, new_value)
    VALUES (OLD.body_id, TG_TABLE_NAME, TG_OP, key_row, old_row, new_row);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_audit() IS
    'Generic audit trigger. Row level (AFTER UPDATE/DELETE): one audit_log row per row, arguments = primary-key columns. Statement level (AFTER INSERT, transition table new_rows): a statement of at most 100 rows is logged row by row (record_key = primary key, new_value = the row); a larger one once per (body_id, year) touched, new_value = {"inserted": n}.';

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
    key_columns text[];
    logged bigint;
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

    IF p_rows > 100 THEN
        INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value)
        VALUES (p_body_id, table_name, 'INSERT',
                CASE WHEN has_year THEN jsonb_build_object('body_id', p_body_id, 'year', p_year)
                     ELSE jsonb_build_object('body_id', p_body_id) END,
                jsonb_build_object('inserted', p_rows));
    ELSIF p_rows > 0 THEN
        -- A small copy, logged row by row as the trigger logs a small insert: the rows of the body (and year) are
        -- the ones just copied (the caller copies only rows the table did not hold).
        SELECT array_agg(a.attname::text ORDER BY k.ord) INTO key_columns
          FROM pg_constraint c
          CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         WHERE c.conrelid = target AND c.contype = 'p';
        EXECUTE format('INSERT INTO audit_log (body_id, table_name, operation, record_key, new_value) '
                       'SELECT t.body_id, %L, ''INSERT'', r.record_key, to_jsonb(t) FROM ONLY %s t '
                       'CROSS JOIN LATERAL (SELECT jsonb_object_agg(k, to_jsonb(t) -> k) AS record_key '
                       '                    FROM unnest($3::text[]) AS k) r '
                       'WHERE t.body_id = $1 %s ORDER BY r.record_key',
                       table_name, target, CASE WHEN has_year THEN 'AND t.year = $2' ELSE '' END)
           USING p_body_id, p_year, key_columns;
        -- The table must hold no other rows of the body (and year) than those copied: else the log would name rows
        -- this copy did not write. Refused rather than logged wrong.
        GET DIAGNOSTICS logged = ROW_COUNT;
        IF logged <> p_rows THEN
            RAISE EXCEPTION 'sipav_bulk_inserted(%): % rows of body % on record, % copied: a small copy must be the only rows of its body and year',
                table_name, logged, p_body_id, p_rows;
        END IF;
    END IF;
END
$$;

COMMENT ON FUNCTION sipav_bulk_inserted(regclass, text, integer, bigint) IS
    'After rows of one body (and year) were copied into a table with the row triggers bypassed: refuses a locked year (SV001), checks every foreign key of the table for those rows at once (23503 with the constraint''s name), and logs the insert as the audit trigger would: row by row up to 100 rows, else {"inserted": rows}.';

COMMENT ON COLUMN staff_years.category IS 'Contract category (DIR, D, C, B, or any other the body uses); the settings'' category parameters give it a weight in the share, 1 when they do not list it.';

COMMENT ON COLUMN audit_log.record_key IS 'UPDATE/DELETE, and INSERT by a statement of at most 100 rows: the primary key of the row (before the change). A larger INSERT: {"body_id": ..., "year": ...} (or {"body_id"} for tables without a year).';
COMMENT ON COLUMN audit_log.new_value IS 'UPDATE: the new row. INSERT by a statement of at most 100 rows: the row; by a larger one, {"inserted": <rows inserted by the statement for this body/year>}. DELETE: null.';
