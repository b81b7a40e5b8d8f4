-- 0005 — the audit triggers: one generic function, attached to every table but audit_log.
--
-- Design:
--   * UPDATE and DELETE are logged row by row (AFTER ... FOR EACH ROW): record_key = the row's
--     primary key (before the change), old_value / new_value = the whole row as jsonb. An UPDATE
--     that changes nothing (OLD = NEW) is not logged (trigger WHEN clause).
--   * INSERT is logged once per statement (AFTER INSERT ... FOR EACH STATEMENT with the
--     transition table REFERENCING NEW TABLE): one audit row per (body_id, year) the statement
--     touched — normally exactly one — with record_key = {"body_id", "year"} and
--     new_value = {"inserted": <count>}. Imports insert millions of rows through COPY; a per-row
--     log would double the rows written and multiply the cost of an import, while the inserted
--     rows themselves are their own record (what later changes them is logged row by row).
--   * actor = sipav_actor(): SET LOCAL sipav.actor = '<user>' in each transaction.
--   * The log is append-only: UPDATE and TRUNCATE of audit_log always fail, DELETE fails unless
--     the transaction has SET LOCAL sipav.audit_retention = 'on' (SQLSTATE SV003).
--   * AFTER triggers: only rows really written are logged, after every BEFORE trigger and check.
-- The primary-key columns are read from the catalog once, when the triggers are attached, and
-- passed to the function as trigger arguments (no catalog lookup per row).
-- A table added by a later migration calls SELECT sipav_attach_audit('new_table').

CREATE OR REPLACE FUNCTION sipav_audit() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    key_row jsonb;
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        -- INSERT, once per statement: transition table new_rows.
        IF 'year' = ANY (TG_ARGV) THEN
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
    old_row := to_jsonb(OLD);
    IF TG_OP = 'UPDATE' THEN
        new_row := to_jsonb(NEW);
    END IF;
    SELECT jsonb_object_agg(k, old_row -> k) INTO key_row FROM unnest(TG_ARGV) AS k;
    INSERT INTO audit_log (body_id, table_name, operation, record_key, old_value, new_value)
    VALUES (OLD.body_id, TG_TABLE_NAME, TG_OP, key_row, old_row, new_row);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_audit() IS
    'Generic audit trigger. Row level (AFTER UPDATE/DELETE): one audit_log row per row, arguments = primary-key columns. Statement level (AFTER INSERT, transition table new_rows): one audit_log row per (body_id, year) touched, new_value = {"inserted": n}.';

-- Attaches the three audit triggers to a table (idempotent).
CREATE OR REPLACE FUNCTION sipav_attach_audit(target regclass) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    key_args text;
BEGIN
    SELECT string_agg(quote_literal(a.attname), ', ' ORDER BY k.ord)
      INTO key_args
      FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.conrelid = target AND c.contype = 'p';
    IF key_args IS NULL THEN
        RAISE EXCEPTION 'table % has no primary key: cannot attach the audit triggers', target;
    END IF;

    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_log_update AFTER UPDATE ON %s FOR EACH ROW '
                   'WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION sipav_audit(%s)', target, key_args);
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_log_delete AFTER DELETE ON %s FOR EACH ROW '
                   'EXECUTE FUNCTION sipav_audit(%s)', target, key_args);
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_log_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION sipav_audit(%s)', target, key_args);
END
$$;

COMMENT ON FUNCTION sipav_attach_audit(regclass) IS
    'Creates (or recreates) the audit triggers sipav_log_update, sipav_log_delete, sipav_log_insert on a table, with its primary-key columns as arguments.';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
            'bodies', 'employees', 'years', 'year_reopenings',
            'strategic_lines', 'areas', 'objectives', 'objective_lines',
            'indicators', 'indicator_steps', 'indicator_revisions', 'validated_results',
            'staff_years', 'individual_objectives', 'final_scores',
            'fund_lines', 'fund_confirmations', 'allocation_runs', 'allocations', 'allocation_components'
        ] LOOP
        PERFORM sipav_attach_audit(t::regclass);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- audit_log is append-only
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sipav_audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('sipav.audit_retention', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'SV003',
              CONSTRAINT = 'audit_log_append_only',
              TABLE = 'audit_log',
              HINT = 'To purge old entries for retention, DELETE in a transaction that has run SET LOCAL sipav.audit_retention = ''on''.';
END
$$;

CREATE OR REPLACE TRIGGER sipav_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_audit_log_append_only();
CREATE OR REPLACE TRIGGER sipav_append_only_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_audit_log_append_only();
