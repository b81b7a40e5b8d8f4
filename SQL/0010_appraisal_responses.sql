-- 0010 — the employee's response to their published appraisal: they acknowledge it (*prendo visione*) or
-- contest it with a reason (the conciliation procedure Italian law requires). HR later records the outcome:
-- confirmed, or changed with a reference (a later step writes those columns).
--
-- Audited (0005), but NOT locked with the year (0006): a response is given after publication, when the year
-- is already locked. Deleting a person's year deletes their response (ON DELETE CASCADE).

CREATE TABLE IF NOT EXISTS appraisal_responses (
    body_id           text        NOT NULL,
    year              integer     NOT NULL,
    employee_id       text        NOT NULL,
    response          text        NOT NULL,
    reason            text,
    responded_at      timestamptz NOT NULL DEFAULT now(),
    outcome           text,
    outcome_reference text,
    outcome_at        timestamptz,
    CONSTRAINT appraisal_responses_pkey PRIMARY KEY (body_id, year, employee_id),
    CONSTRAINT appraisal_responses_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE,
    CONSTRAINT appraisal_responses_response_valid CHECK (response IN ('acknowledged', 'contested')),
    CONSTRAINT appraisal_responses_reason_required
        CHECK (response <> 'contested' OR (reason IS NOT NULL AND btrim(reason) <> '')),
    CONSTRAINT appraisal_responses_outcome_valid CHECK (outcome IS NULL OR outcome IN ('confirmed', 'changed')),
    -- An outcome answers a contest, and comes with the moment it was recorded.
    CONSTRAINT appraisal_responses_outcome_of_contest CHECK (outcome IS NULL OR response = 'contested'),
    CONSTRAINT appraisal_responses_outcome_at CHECK ((outcome IS NULL) = (outcome_at IS NULL))
);

-- The primary key serves the access paths by (body_id, year) and by person: no further index.

COMMENT ON TABLE appraisal_responses IS 'The employees'' responses to their published appraisal: acknowledged, or contested with a reason; HR records the outcome of a contest.';
COMMENT ON COLUMN appraisal_responses.reason IS 'Why the employee contests the appraisal; required (not blank) when contested.';
COMMENT ON COLUMN appraisal_responses.outcome IS 'HR''s outcome of a contest: confirmed, or changed (with the new ratings); NULL while open.';
COMMENT ON COLUMN appraisal_responses.outcome_reference IS 'The reference of the outcome (e.g. the conciliation record).';

SELECT sipav_attach_audit('appraisal_responses');
