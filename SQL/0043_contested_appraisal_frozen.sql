-- 0043 — an appraisal under contest stays as the employee contested it until HR records the outcome.
--
-- An employee contests the figures published (0010). Until HR records the outcome of the conciliation, nothing else
-- may change those figures: a manager saving the person's draft again once the year was reopened, HR changing a
-- weight or an objective, a re-import bringing other ratings. Otherwise HR's "valutazione confermata" would confirm
-- ratings the employee never saw. The outcome itself is recorded first (outcome set), then its ratings written: by
-- then the contest is no longer open.
--
-- Refused (SQLSTATE SV006, CONSTRAINT contested_appraisal), per row of individual_objectives of a person whose
-- contest is open: a change of cosa, come or weight; an objective added or removed that is rated or weighs something.
-- A person leaving the year (their staff_years row deleted, which cascades) is not refused here: their contest goes
-- with them, and the re-import that removes them names them (--remove-rated).
-- The bulk path of a year's first import bypasses row triggers: a year not yet imported has no contest.

CREATE OR REPLACE FUNCTION sipav_refuse_change_of_contested() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    changed individual_objectives;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    IF EXISTS (SELECT 1 FROM appraisal_responses r
                WHERE r.body_id = changed.body_id AND r.year = changed.year AND r.employee_id = changed.employee_id
                  AND r.response = 'contested' AND r.outcome IS NULL)
       AND EXISTS (SELECT 1 FROM staff_years s
                    WHERE s.body_id = changed.body_id AND s.year = changed.year AND s.employee_id = changed.employee_id) THEN
        RAISE EXCEPTION 'the appraisal of % in % is contested: it stays as it is until HR records the outcome of the conciliation',
                        changed.employee_id, changed.year
            USING ERRCODE = 'SV006',
                  CONSTRAINT = 'contested_appraisal',
                  TABLE = 'individual_objectives',
                  DETAIL = format('%s of objective %s refused.', TG_OP, changed.code);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;  -- ignored for the AFTER INSERT trigger
END
$$;

COMMENT ON FUNCTION sipav_refuse_change_of_contested() IS
    'Trigger function: refuses (SQLSTATE SV006, contested_appraisal) a change of the ratings or weights of a person whose contest is open (0043).';

CREATE OR REPLACE TRIGGER sipav_contested_rating_changed
    BEFORE UPDATE OF cosa, come, weight_bp ON individual_objectives
    FOR EACH ROW
    WHEN (OLD.cosa IS DISTINCT FROM NEW.cosa OR OLD.come IS DISTINCT FROM NEW.come OR OLD.weight_bp IS DISTINCT FROM NEW.weight_bp)
    EXECUTE FUNCTION sipav_refuse_change_of_contested();

-- AFTER, not BEFORE: the bulk path refuses a table with a BEFORE INSERT row trigger it would skip (0020). A year's
-- first import (sipav.first_import, 0041) has no contest to look for.
CREATE OR REPLACE TRIGGER sipav_contested_objective_added
    AFTER INSERT ON individual_objectives
    FOR EACH ROW
    WHEN ((NEW.cosa IS NOT NULL OR NEW.come IS NOT NULL OR NEW.weight_bp <> 0)
          AND current_setting('sipav.first_import', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION sipav_refuse_change_of_contested();

CREATE OR REPLACE TRIGGER sipav_contested_objective_removed
    BEFORE DELETE ON individual_objectives
    FOR EACH ROW
    WHEN (OLD.cosa IS NOT NULL OR OLD.come IS NOT NULL OR OLD.weight_bp <> 0)
    EXECUTE FUNCTION sipav_refuse_change_of_contested();
