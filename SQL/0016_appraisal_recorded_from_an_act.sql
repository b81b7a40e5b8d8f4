-- 0016 — an appraisal recorded as final from the act of the organ that made it.
--
-- Managers submit their staff's appraisals; the Segretario Generale's own is made by the body's political
-- head (the President or the Mayor, on the OIV's proposal), who has no account. HR records it: the ratings and
-- the reference of the act (a decree, a resolution), which the submission keeps. A manager's submission has no
-- reference.

ALTER TABLE appraisal_submissions
    ADD COLUMN IF NOT EXISTS reference text,
    ADD CONSTRAINT appraisal_submissions_reference_not_blank CHECK (reference IS NULL OR btrim(reference) <> '');

COMMENT ON COLUMN appraisal_submissions.reference IS 'For an appraisal HR recorded from the act of the organ that made it (the Segretario Generale''s): the act''s reference; NULL when the manager submitted it.';
COMMENT ON COLUMN appraisal_submissions.submitted_by IS 'The username of the account that submitted it, or that recorded it from the act (the audit log records the same actor).';
