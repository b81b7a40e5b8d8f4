-- 0029 — a return is stamped when it is written, after the submission it returns.
--
-- 0028 stamped appraisal_returns.returned_at with now(), the start of the return's transaction, and checks
-- submitted_at <= returned_at (appraisal_returns_after_submission). A return waits on the person's staff_years row
-- (FOR UPDATE, as a manager's save) for a submission being written, then returns it. When the manager's transaction
-- began after the return's (both waiting for the year's row an import held, or a few milliseconds apart), the
-- submission's submitted_at, its own now(), came after the return's now(): the check refused a return that was
-- right, and HR got an error with nothing written. The default is now statement_timestamp(): the statement that
-- records the return starts once the person's row is granted, so after the submission was committed. The check
-- stays as it is.

ALTER TABLE appraisal_returns ALTER COLUMN returned_at SET DEFAULT statement_timestamp();

COMMENT ON COLUMN appraisal_returns.returned_at IS 'When HR returned the appraisal: the start of the statement that recorded the return (0029), after the returned submission was committed.';
