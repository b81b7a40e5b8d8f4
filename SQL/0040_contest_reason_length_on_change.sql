-- 0040 — 0038's limit of a contest's reason checked when a reason is written, not on every update of its row.
--
-- PostgreSQL checks a constraint, NOT VALID or not, on every UPDATE of a row: HR recording the outcome of a contest
-- whose reason was stored before 0038, over 2,000 code points (the form counted characters, and a line break as
-- one), was refused, and the contest could not be decided. The limit is now a trigger that checks a reason inserted,
-- or changed by an update: a reason on record stays as it is, and its row takes its outcome.

ALTER TABLE appraisal_responses DROP CONSTRAINT IF EXISTS appraisal_responses_reason_length;

CREATE OR REPLACE FUNCTION sipav_check_response_reason_length() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.reason IS NOT DISTINCT FROM OLD.reason THEN
        RETURN NEW;
    END IF;
    IF char_length(NEW.reason) > 2000 THEN
        RAISE EXCEPTION 'a contest''s reason holds at most 2000 characters (it has %)', char_length(NEW.reason)
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appraisal_responses_reason_length',
                  TABLE = 'appraisal_responses';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER sipav_response_reason_length
    BEFORE INSERT OR UPDATE OF reason ON appraisal_responses
    FOR EACH ROW
    EXECUTE FUNCTION sipav_check_response_reason_length();
