-- 0031 — a return to draft is answered once its appraisal is submitted again.
--
-- The manager's and HR's pages told of a return (its day and reason) for as long as the appraisal had no submission
-- after the person's latest return. A submission made again and then withdrawn by a change of the person's objectives
-- (SubmissionWithdrawal) left the appraisal a draft with that return its latest: the old return and its reason came
-- back on the pages, about a version the manager had since corrected and submitted. Each return now records when a
-- submission answered it; the pages tell only of a return not yet answered.

ALTER TABLE appraisal_returns ADD COLUMN IF NOT EXISTS answered_at timestamptz;

COMMENT ON COLUMN appraisal_returns.answered_at IS
    'When the appraisal returned to draft was submitted again (set by sipav_return_answered on the submission''s insert); NULL while the return stands.';

-- A submission answers the person's returns of the year still standing. It runs in the submission's own transaction
-- (the year open for rating, so the year lock lets it through), written through the audit triggers as the actor of the
-- submission.
CREATE OR REPLACE FUNCTION sipav_return_answered() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE appraisal_returns SET answered_at = NEW.submitted_at
    WHERE body_id = NEW.body_id AND year = NEW.year AND employee_id = NEW.employee_id AND answered_at IS NULL;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS sipav_return_answered ON appraisal_submissions;
CREATE TRIGGER sipav_return_answered AFTER INSERT ON appraisal_submissions
    FOR EACH ROW EXECUTE FUNCTION sipav_return_answered();

