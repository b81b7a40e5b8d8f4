-- 0006 — the allocated-year lock, enforced by the database.
--
-- Once a year is 'allocated' or 'published', its records do not change except by an explicit,
-- recorded reopening. Any INSERT, UPDATE or DELETE touching a row of such a year fails with
--     SQLSTATE SV001, CONSTRAINT year_locked,
--     "year 2019 of body X is allocated: reopen it with a reason before changing it"
-- (the error's TABLE field names the table; DETAIL names the operation).
--
-- Tables locked: strategic_lines, areas, objectives, objective_lines, indicators,
-- indicator_steps, indicator_revisions, validated_results, staff_years, individual_objectives,
-- final_scores, fund_lines, fund_confirmations, allocations, allocation_components; and the years
-- row itself (below). Not locked: bodies, employees (not year-scoped), year_reopenings,
-- allocation_runs, audit_log.
--
-- How, chosen for speed (measured on 100,000 rows, see SQL/tests/schema_checks.sql):
--   * INSERT: AFTER INSERT ... FOR EACH STATEMENT with the transition table (REFERENCING NEW
--     TABLE). The check runs once per statement over the distinct (body_id, year) of the rows
--     inserted, and its exception aborts the whole statement, so nothing it wrote remains. A COPY
--     of 100,000 rows costs about 5 % more than with no trigger at all; a BEFORE ROW trigger
--     doubled it (a function call per row). The transition table is shared with the audit
--     trigger. (A BEFORE STATEMENT trigger cannot see the rows, hence AFTER.)
--   * UPDATE and DELETE: BEFORE ... FOR EACH ROW. These are logged row by row anyway (audit), so
--     the check adds little (about 7 us a row, against about 20 us for the audit row), and it
--     fires before anything is written, before CHECK and foreign-key errors and before cascades:
--     the user sees the lock, not a side effect. An UPDATE is checked on the row's year before
--     and after, so a row can neither leave nor enter a locked year.
-- The check takes FOR SHARE on the years row it reads, so that a concurrent transaction cannot
-- allocate the year between the check and the commit: the allocation's UPDATE of years waits for
-- the writers, and a writer waiting on an allocation sees the new state and fails.
-- TRUNCATE of a locked table is refused while any year of any body is allocated or published.
--
-- The years row:
--   * while allocated/published, it may only
--       - be reopened: state -> 'validated' or 'rating' with a non-blank reopen_reason set in the
--         same UPDATE (otherwise SQLSTATE SV002); the reopening is recorded in year_reopenings,
--         with the actor;
--       - go from 'allocated' to 'published', changing nothing else;
--     anything else (other updates, DELETE) fails with SV001;
--   * moving to 'allocated' (or 'published') is always allowed: the allocation job writes the
--     allocations while the year is open and sets the state last, in the same transaction; the
--     move clears reopen_reason, so each reopening needs a new reason;
--   * the year cannot be deleted while it holds data either: every year-scoped table references
--     years with ON DELETE RESTRICT.
-- A table added by a later migration calls SELECT sipav_attach_year_lock('new_table').

-- ---------------------------------------------------------------------------------------------
-- The check of one (body, year): raises SV001 when it is locked.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sipav_assert_year_open(p_body_id text, p_year integer, p_table text, p_operation text)
    RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    current_state text;
BEGIN
    SELECT y.state INTO current_state
      FROM years y
     WHERE y.body_id = p_body_id AND y.year = p_year
       FOR SHARE;
    IF current_state IN ('allocated', 'published') THEN
        RAISE EXCEPTION 'year % of body % is %: reopen it with a reason before changing it',
                        p_year, p_body_id, current_state
            USING ERRCODE = 'SV001',
                  CONSTRAINT = 'year_locked',
                  TABLE = p_table,
                  DETAIL = format('%s on %s refused: the records of a year in state %s do not change.', p_operation, p_table, current_state),
                  HINT = format('UPDATE years SET state = ''validated'', reopen_reason = ''...'' WHERE body_id = %L AND year = %s',
                                p_body_id, p_year);
    END IF;
END
$$;

COMMENT ON FUNCTION sipav_assert_year_open(text, integer, text, text) IS
    'Raises SQLSTATE SV001 (constraint year_locked) when the year is allocated or published; locks the years row FOR SHARE until the end of the transaction.';

-- ---------------------------------------------------------------------------------------------
-- The lock trigger of the year-scoped tables: INSERT per statement, UPDATE/DELETE per row.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sipav_year_lock() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    k record;
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        -- AFTER INSERT, once per statement, over the transition table new_rows.
        FOR k IN SELECT DISTINCT n.body_id, n.year FROM new_rows n ORDER BY 1, 2 LOOP
            PERFORM sipav_assert_year_open(k.body_id, k.year, TG_TABLE_NAME, TG_OP);
        END LOOP;
        RETURN NULL;
    END IF;
    -- BEFORE UPDATE / DELETE, once per row.
    PERFORM sipav_assert_year_open(OLD.body_id, OLD.year, TG_TABLE_NAME, TG_OP);
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.body_id IS DISTINCT FROM OLD.body_id OR NEW.year IS DISTINCT FROM OLD.year THEN
        PERFORM sipav_assert_year_open(NEW.body_id, NEW.year, TG_TABLE_NAME, TG_OP);
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION sipav_year_lock() IS
    'Lock trigger of the year-scoped tables, refusing (SQLSTATE SV001) any change to a row of an allocated or published year: AFTER INSERT per statement (transition table new_rows), BEFORE UPDATE/DELETE per row.';

-- TRUNCATE bypasses row and statement DML triggers: refuse it while any year is locked.
CREATE OR REPLACE FUNCTION sipav_truncate_guard() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    locked record;
BEGIN
    SELECT y.body_id, y.year, y.state INTO locked
      FROM years y
     WHERE y.state IN ('allocated', 'published')
     ORDER BY y.body_id, y.year
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'year % of body % is %: reopen it with a reason before changing it',
                        locked.year, locked.body_id, locked.state
            USING ERRCODE = 'SV001',
                  CONSTRAINT = 'year_locked',
                  TABLE = TG_TABLE_NAME,
                  DETAIL = format('TRUNCATE of %s refused while any year is allocated or published; delete the rows of open years instead.', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$$;

-- Attaches the lock triggers to a year-scoped table (idempotent).
CREATE OR REPLACE FUNCTION sipav_attach_year_lock(target regclass) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_lock_insert AFTER INSERT ON %s '
                   'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sipav_year_lock()', target);
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_lock_update BEFORE UPDATE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION sipav_year_lock()', target);
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_lock_delete BEFORE DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION sipav_year_lock()', target);
    EXECUTE format('CREATE OR REPLACE TRIGGER sipav_lock_truncate BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION sipav_truncate_guard()', target);
END
$$;

COMMENT ON FUNCTION sipav_attach_year_lock(regclass) IS
    'Creates (or recreates) the allocated-year lock triggers sipav_lock_insert/update/delete/truncate on a year-scoped table (columns body_id, year).';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
            'strategic_lines', 'areas', 'objectives', 'objective_lines',
            'indicators', 'indicator_steps', 'indicator_revisions', 'validated_results',
            'staff_years', 'individual_objectives', 'final_scores',
            'fund_lines', 'fund_confirmations', 'allocations', 'allocation_components'
        ] LOOP
        PERFORM sipav_attach_year_lock(t::regclass);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- The years row: the lock, reopening with a reason, updated_at.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sipav_years_guard() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.state IN ('allocated', 'published') THEN
            PERFORM sipav_assert_year_open(OLD.body_id, OLD.year, TG_TABLE_NAME, TG_OP);
        END IF;
        RETURN OLD;
    END IF;

    -- UPDATE
    IF OLD.state IN ('allocated', 'published') THEN
        IF NEW.state IN ('validated', 'rating') AND NEW.body_id = OLD.body_id AND NEW.year = OLD.year THEN
            -- A reopening: needs a reason, given in this very UPDATE.
            IF NEW.reopen_reason IS NULL OR btrim(NEW.reopen_reason) = ''
               OR NEW.reopen_reason IS NOT DISTINCT FROM OLD.reopen_reason THEN
                RAISE EXCEPTION 'year % of body % is %: reopening it needs a reason (set reopen_reason in the same UPDATE)',
                                OLD.year, OLD.body_id, OLD.state
                    USING ERRCODE = 'SV002',
                          CONSTRAINT = 'year_reopen_reason',
                          TABLE = 'years',
                          HINT = format('UPDATE years SET state = %L, reopen_reason = ''...'' WHERE body_id = %L AND year = %s',
                                        NEW.state, OLD.body_id, OLD.year);
            END IF;
            -- recorded by sipav_years_reopened (AFTER UPDATE)
        ELSIF OLD.state = 'allocated' AND NEW.state = 'published'
              AND (NEW.body_id, NEW.year) = (OLD.body_id, OLD.year)
              AND NEW.settings_yaml IS NOT DISTINCT FROM OLD.settings_yaml
              AND NEW.reopen_reason IS NOT DISTINCT FROM OLD.reopen_reason THEN
            NULL;  -- publication of an allocated year
        ELSE
            PERFORM sipav_assert_year_open(OLD.body_id, OLD.year, TG_TABLE_NAME, TG_OP);
        END IF;
    ELSIF NEW.state IN ('allocated', 'published') THEN
        -- Entering the lock: the reason of the last reopening is spent (it stays in year_reopenings).
        NEW.reopen_reason := NULL;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION sipav_years_guard() IS
    'BEFORE UPDATE/DELETE on years: a locked year may only be reopened with a reason (SV002 without) or published; anything else raises SV001. Clears reopen_reason when a year is allocated; sets updated_at.';

CREATE OR REPLACE FUNCTION sipav_years_reopened() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO year_reopenings (body_id, year, reopened_by, from_state, to_state, reason)
    VALUES (NEW.body_id, NEW.year, sipav_actor(), OLD.state, NEW.state, NEW.reopen_reason);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_years_reopened() IS 'AFTER UPDATE on years, when an allocated/published year is reopened: records it in year_reopenings.';

CREATE OR REPLACE TRIGGER sipav_years_guard BEFORE UPDATE OR DELETE ON years
    FOR EACH ROW EXECUTE FUNCTION sipav_years_guard();
CREATE OR REPLACE TRIGGER sipav_years_reopened AFTER UPDATE ON years
    FOR EACH ROW
    WHEN (OLD.state IN ('allocated', 'published') AND NEW.state IN ('validated', 'rating'))
    EXECUTE FUNCTION sipav_years_reopened();
CREATE OR REPLACE TRIGGER sipav_lock_truncate BEFORE TRUNCATE ON years
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_truncate_guard();
