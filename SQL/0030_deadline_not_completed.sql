-- 0030 — a deadline indicator whose work was not completed when the year was measured.
--
-- Until now a deadline indicator's measurement was its completion date or nothing (not measured, or suppressed),
-- so work never completed had to be recorded as a made-up date after the scale's last month: an auditor reading
-- the record would take it for a completion. It is now said as it is: measured_not_completed, which meets no
-- step of the scale (0 %). It excludes a completion date, and suits a deadline scale only.

ALTER TABLE indicators
    ADD COLUMN IF NOT EXISTS measured_not_completed boolean NOT NULL DEFAULT false;

ALTER TABLE indicators DROP CONSTRAINT IF EXISTS indicators_not_completed_suits_deadline;
ALTER TABLE indicators ADD CONSTRAINT indicators_not_completed_suits_deadline CHECK (
    NOT measured_not_completed OR (kind IS NOT NULL AND kind = 'deadline' AND measured_date IS NULL));

COMMENT ON COLUMN indicators.measured_not_completed IS
    'A deadline indicator whose work was not completed when the year was measured: it meets no step (0 %). Never with measured_date.';
