-- 0025 — TRUNCATE of an audited table is refused.
--
-- TRUNCATE fires no row or statement DML trigger, so it empties a table without a line in the audit log. 0006
-- refused it on the locked tables only while some year is allocated or published, and not at all on the other
-- audited tables: `TRUNCATE year_reopenings`, `TRUNCATE accounts CASCADE`, `TRUNCATE appraisal_responses` went
-- through unlogged, and with no year allocated `TRUNCATE individual_objectives, appraisal_submissions` wiped
-- every body's ratings.
--
-- Now every table that has the audit triggers (0005's sipav_log_*, 0011's sipav_log_deleted) refuses TRUNCATE
-- always, with
--     SQLSTATE SV004, CONSTRAINT audited_truncate,
-- whether named or reached by CASCADE (a BEFORE TRUNCATE trigger fires for every table truncated). Rows are
-- removed with DELETE, which is logged. sipav itself never truncates, and its tests copy a migrated template
-- database for each test instead of emptying tables. A table audited by a later migration gets the refusal from
-- sipav_attach_audit, redefined below. 0006's sipav_lock_truncate stays: it fires first (triggers of one event
-- fire in name order), so a locked year is still reported as such.

CREATE OR REPLACE FUNCTION sipav_audited_truncate_refused() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE of % refused: the table is audited, and TRUNCATE would empty it without a record', TG_TABLE_NAME
        USING ERRCODE = 'SV004',
              CONSTRAINT = 'audited_truncate',
              TABLE = TG_TABLE_NAME,
              HINT = format('DELETE FROM %I WHERE ..., which the audit log records.', TG_TABLE_NAME);
END
$$;

COMMENT ON FUNCTION sipav_audited_truncate_refused() IS
    'BEFORE TRUNCATE on every audited table: refuses (SQLSTATE SV004, constraint audited_truncate), since TRUNCATE bypasses the audit triggers.';

DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT DISTINCT tg.tgrelid::regclass
          FROM pg_trigger tg
         WHERE NOT tg.tgisinternal AND tg.tgname LIKE 'sipav\_log\_%'
         ORDER BY 1
    LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER sipav_no_truncate BEFORE TRUNCATE ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sipav_audited_truncate_refused()', t);
    END LOOP;
END
$$;

-- 0005's function, with the refusal of TRUNCATE attached too.
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
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_no_truncate BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION sipav_audited_truncate_refused()', target);
END
$$;

COMMENT ON FUNCTION sipav_attach_audit(regclass) IS
    'Creates (or recreates) the audit triggers sipav_log_update, sipav_log_delete, sipav_log_insert on a table, with its primary-key columns as arguments, and sipav_no_truncate, which refuses TRUNCATE (0025).';
