-- 0034 — an employee's response answers one publication: the allocation run whose figures they were shown.
--
-- A published year can be reopened, its ratings changed and its allocation stored again (a new allocation run), then
-- published again. An acknowledgement given to the first publication stood as an acknowledgement of the second,
-- whose figures the employee had not seen; and a page opened before the new publication could still acknowledge it
-- (the form named no version). Each response now records the run it answered: the web records only a response to the
-- latest run (the form names the run it showed), and an acknowledgement of an earlier run may be replaced by a
-- response to the latest one (the audit log keeps the acknowledgement replaced). A contest is never replaced: it stays
-- for HR to decide. Responses recorded before this migration have no run and stand as they are.
ALTER TABLE appraisal_responses ADD COLUMN IF NOT EXISTS run_id bigint;
ALTER TABLE appraisal_responses DROP CONSTRAINT IF EXISTS appraisal_responses_run_positive;
ALTER TABLE appraisal_responses ADD CONSTRAINT appraisal_responses_run_positive CHECK (run_id IS NULL OR run_id > 0);
COMMENT ON COLUMN appraisal_responses.run_id IS
    'The allocation run (allocation_runs.run_id of the year) whose published figures the response answered; NULL for a response recorded before 0034.';
