-- 0027 — a year is allocated only by an allocation run, and published only once allocated.
--
-- 0006 let a year enter 'allocated' or 'published' from any state ("the allocation job sets the state last"), so
-- `UPDATE years SET state = 'published'` on a year still being rated was accepted: locked, shown as published,
-- with no allocation at all. Now (SQLSTATE SV005, CONSTRAINT year_state_order):
--   * 'published' only from 'allocated' (an UPDATE; a year is never inserted published);
--   * 'allocated' only when the year's allocations are those of an allocation run of the year written in the
--     same transaction: at least one allocation, all naming one run, that run the year's latest, and its row
--     written by this transaction. That is what sipav does wherever it allocates (sipav db run, db import
--     --allocate, db demo, the web's confirmation: OutcomeWriter.store inserts the run, copies the allocations,
--     then sets the state, in one transaction); a year reopened and set back to 'allocated' by hand, over the
--     allocations of an earlier run that its records may no longer match, is refused.
-- A reopening (to 'validated' or 'rating') is unchanged. A backup restores the rows before it creates the
-- triggers (pg_dump puts triggers after the data), so a restore is not affected.

CREATE OR REPLACE FUNCTION sipav_years_state_earned() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    first_run bigint;
    last_run bigint;
    allocated_rows bigint;
    latest_run bigint;
    written_now boolean;
    reason text;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;
    IF NEW.state = 'published' THEN
        IF TG_OP = 'UPDATE' AND OLD.state = 'allocated' THEN
            RETURN NEW;
        END IF;
        reason := 'only an allocated year is published';
    ELSIF NEW.state = 'allocated' THEN
        SELECT min(a.run_id), max(a.run_id), count(*) INTO first_run, last_run, allocated_rows
          FROM allocations a
         WHERE a.body_id = NEW.body_id AND a.year = NEW.year;
        SELECT max(r.run_id) INTO latest_run
          FROM allocation_runs r
         WHERE r.body_id = NEW.body_id AND r.year = NEW.year;
        SELECT r.xmin = pg_current_xact_id()::xid INTO written_now
          FROM allocation_runs r
         WHERE r.body_id = NEW.body_id AND r.year = NEW.year AND r.run_id = last_run;
        IF allocated_rows > 0 AND first_run = last_run AND last_run = latest_run AND written_now THEN
            RETURN NEW;
        END IF;
        reason := 'a year is allocated only by an allocation run, which writes its allocations in the same transaction';
    ELSE
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'year % of body % cannot become %: %', NEW.year, NEW.body_id, NEW.state, reason
        USING ERRCODE = 'SV005',
              CONSTRAINT = 'year_state_order',
              TABLE = 'years',
              DETAIL = format('from state %s', CASE TG_OP WHEN 'INSERT' THEN '(new year)' ELSE OLD.state END),
              HINT = 'Allocate the year with sipav db run (or the web''s confirmation); publish it once allocated.';
END
$$;

COMMENT ON FUNCTION sipav_years_state_earned() IS
    'BEFORE INSERT/UPDATE OF state on years: published only from allocated; allocated only over the allocations of the year''s latest run, written in this transaction (SV005, year_state_order).';

-- Named after sipav_years_guard, so that it fires after it (BEFORE triggers fire in name order): a locked year is
-- reported as locked first.
CREATE OR REPLACE TRIGGER sipav_years_state_earned BEFORE INSERT OR UPDATE OF state ON years
    FOR EACH ROW EXECUTE FUNCTION sipav_years_state_earned();
