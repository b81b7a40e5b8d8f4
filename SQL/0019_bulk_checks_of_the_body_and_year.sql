-- 0019 — the bulk path checks a foreign key to the body or the year once, and logs a small copy as the trigger does.
--
-- sipav_bulk_inserted (0011, 0015) checks every foreign key of the copied rows as one anti-join over the rows of the
-- body (and year). For a key made only of body_id and year (staff_years -> years, employees -> bodies, and the
-- like) every one of those rows holds the same key, the body and year the call names: the anti-join looked the one
-- referenced row up once per copied row, about 40 ms of a 100,000-staff import and 0.4 s of a million. Such a key is
-- now checked once: some row was copied and the referenced row is missing. Any other key is checked as before. The
-- checks move into a function of their own (sipav_check_copied_foreign_keys), which the next change of them can
-- replace alone.
--
-- And a copy of at most 100 rows, logged row by row, now keeps its rows as the audit trigger does
-- (sipav_audit_value): no account is copied this way today, but the log must never depend on that.

CREATE OR REPLACE FUNCTION sipav_check_copied_foreign_keys(target regclass, p_body_id text, p_year integer)
    RETURNS void
    LANGUAGE plpgsql
    SET enable_nestloop = off
    SET jit = off
    SET work_mem = '256MB'
AS $$
DECLARE
    table_name text := (SELECT c.relname FROM pg_class c WHERE c.oid = target);
    fk record;
    columns text;
    values_text text;
    matches text;
    present text;
    pinned_values text;
    pinned_matches text;
    only_pinned boolean;
    rows_of_the_year text := CASE WHEN p_year IS NULL THEN '' ELSE 'AND t.year = $2' END;
    missing text;
BEGIN
    FOR fk IN
        SELECT c.conname, c.confrelid::regclass AS referenced, c.conkey, c.confkey
          FROM pg_constraint c
         WHERE c.conrelid = target AND c.contype = 'f'
         ORDER BY c.conname
    LOOP
        -- pinned_*: the key as the call pins it ($1 the body, $2 the year), for a key of those columns alone.
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord),
               string_agg(format('t.%I', a.attname), ', ' ORDER BY k.ord),
               string_agg(format('r.%I = t.%I', r.attname, a.attname), ' AND ' ORDER BY k.ord),
               string_agg(format('t.%I IS NOT NULL', a.attname), ' AND ' ORDER BY k.ord),
               string_agg(CASE a.attname WHEN 'body_id' THEN '$1::text' ELSE '$2::text' END, ', ' ORDER BY k.ord),
               string_agg(format('r.%I = %s', r.attname, CASE a.attname WHEN 'body_id' THEN '$1' ELSE '$2' END),
                          ' AND ' ORDER BY k.ord),
               bool_and(a.attname = 'body_id' OR (a.attname = 'year' AND p_year IS NOT NULL))
          INTO columns, values_text, matches, present, pinned_values, pinned_matches, only_pinned
          FROM unnest(fk.conkey, fk.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
          JOIN pg_attribute a ON a.attrelid = target AND a.attnum = k.attnum
          JOIN pg_attribute r ON r.attrelid = fk.referenced AND r.attnum = k.refattnum;
        IF only_pinned THEN
            -- Every row of the body (and year) holds this key: the referenced row is looked up once.
            EXECUTE format('SELECT concat_ws(%L, %s) WHERE EXISTS (SELECT 1 FROM ONLY %s t WHERE t.body_id = $1 %s) '
                           'AND NOT EXISTS (SELECT 1 FROM ONLY %s r WHERE %s)',
                           ', ', pinned_values, target, rows_of_the_year, fk.referenced, pinned_matches)
               INTO missing USING p_body_id, p_year;
        ELSE
            -- MATCH SIMPLE, as the schema's keys: a row with a NULL in the key references nothing.
            EXECUTE format('SELECT concat_ws(%L, %s) FROM ONLY %s t WHERE t.body_id = $1 %s AND %s '
                           'AND NOT EXISTS (SELECT 1 FROM ONLY %s r WHERE %s) LIMIT 1',
                           ', ', values_text, target, rows_of_the_year, present, fk.referenced, matches)
               INTO missing USING p_body_id, p_year;
        END IF;
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', table_name, fk.conname
                USING ERRCODE = 'foreign_key_violation',
                      CONSTRAINT = fk.conname,
                      TABLE = table_name,
                      DETAIL = format('Key (%s)=(%s) is not present in table "%s".', columns, missing, fk.referenced);
        END IF;
    END LOOP;
END
$$;

COMMENT ON FUNCTION sipav_check_copied_foreign_keys(regclass, text, integer) IS
    'For rows of one body (and year, NULL for a table without one) copied with the row triggers bypassed: checks every foreign key of the table for those rows, as one anti-join, or one look-up for a key of body_id and year alone (23503 with the constraint''s name and the missing key).';

CREATE OR REPLACE FUNCTION sipav_bulk_inserted(target regclass, p_body_id text, p_year integer, p_rows bigint)
    RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    table_name text := (SELECT c.relname FROM pg_class c WHERE c.oid = target);
    has_year boolean := EXISTS (SELECT 1 FROM pg_attribute a
                                 WHERE a.attrelid = target AND a.attname = 'year' AND NOT a.attisdropped);
    key_columns text[];
    logged bigint;
BEGIN
    IF has_year <> (p_year IS NOT NULL) THEN
        RAISE EXCEPTION 'sipav_bulk_inserted(%): give the year exactly when the table has one', table_name;
    END IF;
    IF has_year THEN
        PERFORM sipav_assert_year_open(p_body_id, p_year, table_name, 'INSERT');
    END IF;
    PERFORM sipav_check_copied_foreign_keys(target, p_body_id, p_year);

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
                       'SELECT t.body_id, %L, ''INSERT'', r.record_key, sipav_audit_value(%L, to_jsonb(t)) FROM ONLY %s t '
                       'CROSS JOIN LATERAL (SELECT jsonb_object_agg(k, to_jsonb(t) -> k) AS record_key '
                       '                    FROM unnest($3::text[]) AS k) r '
                       'WHERE t.body_id = $1 %s ORDER BY r.record_key',
                       table_name, table_name, target, CASE WHEN has_year THEN 'AND t.year = $2' ELSE '' END)
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
    'After rows of one body (and year) were copied into a table with the row triggers bypassed: refuses a locked year (SV001), checks every foreign key of the table for those rows (sipav_check_copied_foreign_keys: 23503 with the constraint''s name), and logs the insert as the audit trigger would: row by row up to 100 rows (sipav_audit_value), else {"inserted": rows}.';
