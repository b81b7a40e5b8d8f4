-- 0044 — a suppressed indicator carries no measured value.
--
-- A suppressed indicator is left out of every mean: a measured value beside its deliberation would be read by an
-- auditor as a figure that counted, and it counts for nothing. plan.yaml refuses the pair; the database now refuses
-- it too, whoever writes the row.
--
-- NOT VALID: rows written before this migration stay as they were (a year published is reported and verified as it
-- was stored); every row written or changed from now on is checked.

ALTER TABLE indicators DROP CONSTRAINT IF EXISTS indicators_suppressed_not_measured;
ALTER TABLE indicators ADD CONSTRAINT indicators_suppressed_not_measured CHECK (
    suppressed_reference IS NULL
    OR (num_nonnulls(measured_number, measured_date, measured_yes) = 0 AND NOT measured_not_completed)) NOT VALID;

COMMENT ON CONSTRAINT indicators_suppressed_not_measured ON indicators IS
    'A suppressed indicator has no measured value (number, date, yes/no, or not completed). Not validated for rows written before 0044.';
