-- 0009 — draft and final appraisals: a manager saves ratings as a draft as often as they like, then
-- submits the appraisal as final. A row here marks one person's appraisal of the year as submitted;
-- no row means it is still a draft (or not started). A submitted appraisal is read-only for the
-- manager: the web application refuses a save, and HR (a later step) reopens it by deleting the row.
--
-- Year-scoped: audited (0005) and locked with the year (0006). Deleting a person's year deletes
-- their submission (ON DELETE CASCADE), like their objectives and final score.

CREATE TABLE IF NOT EXISTS appraisal_submissions (
    body_id      text        NOT NULL,
    year         integer     NOT NULL,
    employee_id  text        NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    submitted_by text        NOT NULL,
    CONSTRAINT appraisal_submissions_pkey PRIMARY KEY (body_id, year, employee_id),
    CONSTRAINT appraisal_submissions_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE,
    CONSTRAINT appraisal_submissions_submitted_by_not_blank CHECK (btrim(submitted_by) <> '')
);

-- The primary key serves the access paths by (body_id, year) and by person: no further index.

COMMENT ON TABLE appraisal_submissions IS 'The appraisals submitted as final: one row per person and year; no row = draft. A submitted appraisal is read-only for the manager.';
COMMENT ON COLUMN appraisal_submissions.submitted_at IS 'When the manager submitted the appraisal as final.';
COMMENT ON COLUMN appraisal_submissions.submitted_by IS 'The username of the account that submitted it (the audit log records the same actor).';

SELECT sipav_attach_audit('appraisal_submissions');
SELECT sipav_attach_year_lock('appraisal_submissions');
