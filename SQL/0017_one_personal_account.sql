-- 0017 — one personal account per person.
--
-- A person reads their own appraisal, rates their staff, acknowledges or contests through their account; two
-- enabled accounts of the same person (a manager account and an employee account, say) would split what they did
-- between two names in the audit log and let either act for them. An HR account may name the officer's own
-- employee id (HR does not see its own appraisal through it), so the rule is: at most one enabled account with the
-- role manager or employee per person. Checked by a trigger rather than a unique index so that a database that
-- already holds two keeps them (HR disables one); any new account, or any account enabled or changed, must follow it.

CREATE OR REPLACE FUNCTION sipav_one_personal_account() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    other text;
BEGIN
    IF NEW.disabled OR NEW.role = 'hr' OR NEW.employee_id IS NULL THEN
        RETURN NEW;
    END IF;
    -- Two transactions adding accounts for the same person take turns: the second then sees the first's.
    PERFORM pg_advisory_xact_lock(hashtext('sipav.personal_account'), hashtext(NEW.body_id || '/' || NEW.employee_id));
    SELECT a.username INTO other FROM accounts a
     WHERE a.body_id = NEW.body_id AND a.employee_id = NEW.employee_id AND a.username <> NEW.username
       AND NOT a.disabled AND a.role <> 'hr'
     ORDER BY a.username LIMIT 1;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'employee % of body % has the enabled account % already', NEW.employee_id, NEW.body_id, other
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'accounts_one_personal_account', TABLE = 'accounts',
                  DETAIL = other;
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION sipav_one_personal_account() IS
    'At most one enabled account with the role manager or employee per person (body_id, employee_id): SQLSTATE 23505, constraint accounts_one_personal_account, the other account''s username as DETAIL.';

DROP TRIGGER IF EXISTS sipav_one_personal_account ON accounts;
CREATE TRIGGER sipav_one_personal_account BEFORE INSERT OR UPDATE OF employee_id, role, disabled ON accounts
    FOR EACH ROW EXECUTE FUNCTION sipav_one_personal_account();

COMMENT ON TABLE accounts IS 'The accounts of the web application, with a role: at most one enabled manager or employee account per person (0017). The first HR account is created with `sipav user add`.';
