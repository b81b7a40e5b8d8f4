-- 0032 — an outcome kept with a return belongs to a contest.
--
-- 0028's appraisal_returns_contest_decided, (response = 'contested') = (outcome IS NOT NULL), is NULL, and so
-- passes, for a row with no response at all: a return could hold an outcome of no contest. The comparison now reads
-- a missing response as no contest.

ALTER TABLE appraisal_returns DROP CONSTRAINT IF EXISTS appraisal_returns_contest_decided;
ALTER TABLE appraisal_returns ADD CONSTRAINT appraisal_returns_contest_decided
    CHECK (coalesce(response = 'contested', false) = (outcome IS NOT NULL));
