-- 0028 — HR returns a final appraisal to draft, with a reason.
--
-- A manager may submit an appraisal as final by mistake, or with a wrong rating; until now HR could send it back
-- only by changing the person's objectives (which withdraws the submission as a side effect, with no reason on
-- record). HR now returns it explicitly: in one transaction the submission row is deleted (0009: "HR reopens it by
-- deleting the row"; the audit log keeps the deleted row, attributed to HR) and a row here records the return: who,
-- when, why, and which submission it undid (when and by whom it had been made, and the act for an appraisal
-- recorded from one, 0016). The manager's page shows the reason until they submit again.
--
-- The employee's response (0010) answers the version they were shown. A returned appraisal may change before it is
-- published again, so a response to the returned version must not stand as a response to the next one: it is moved
-- here, word for word, and the employee responds anew once the year is published again. An open contest is never
-- moved (HR records its outcome first): the check below refuses it, so that no contest leaves HR's list undecided.
--
-- Year-scoped: audited (0005) and locked with the year (0006), like appraisal_submissions. Deleting a person's year
-- deletes their returns (ON DELETE CASCADE), like their submission.

CREATE TABLE IF NOT EXISTS appraisal_returns (
    body_id           text        NOT NULL,
    year              integer     NOT NULL,
    employee_id       text        NOT NULL,
    return_id         bigint      GENERATED ALWAYS AS IDENTITY,
    returned_at       timestamptz NOT NULL DEFAULT now(),
    returned_by       text        NOT NULL DEFAULT sipav_actor(),
    reason            text        NOT NULL,
    -- The submission returned, as appraisal_submissions held it.
    submitted_at      timestamptz NOT NULL,
    submitted_by      text        NOT NULL,
    reference         text,
    -- The employee's response to the returned version, as appraisal_responses held it; NULL when there was none.
    response          text,
    response_reason   text,
    responded_at      timestamptz,
    outcome           text,
    outcome_reference text,
    outcome_at        timestamptz,
    CONSTRAINT appraisal_returns_pkey PRIMARY KEY (body_id, year, employee_id, return_id),
    CONSTRAINT appraisal_returns_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE,
    -- Not blank, newlines and tabs included (the web trims them all).
    CONSTRAINT appraisal_returns_reason_not_blank CHECK (reason ~ '[^[:space:]]'),
    CONSTRAINT appraisal_returns_reason_length CHECK (char_length(reason) <= 2000),
    CONSTRAINT appraisal_returns_returned_by_not_blank CHECK (btrim(returned_by) <> ''),
    CONSTRAINT appraisal_returns_submitted_by_not_blank CHECK (btrim(submitted_by) <> ''),
    CONSTRAINT appraisal_returns_reference_not_blank CHECK (reference IS NULL OR btrim(reference) <> ''),
    -- A submission is returned after it was made.
    CONSTRAINT appraisal_returns_after_submission CHECK (submitted_at <= returned_at),
    CONSTRAINT appraisal_returns_response_valid CHECK (response IS NULL OR response IN ('acknowledged', 'contested')),
    CONSTRAINT appraisal_returns_response_at CHECK ((response IS NULL) = (responded_at IS NULL)),
    -- As appraisal_responses checks it, so that every response it holds can move here.
    CONSTRAINT appraisal_returns_contest_reason
        CHECK (response IS DISTINCT FROM 'contested' OR (response_reason IS NOT NULL AND btrim(response_reason) <> '')),
    CONSTRAINT appraisal_returns_outcome_valid CHECK (outcome IS NULL OR outcome IN ('confirmed', 'changed')),
    CONSTRAINT appraisal_returns_outcome_at CHECK ((outcome IS NULL) = (outcome_at IS NULL)),
    -- Only a decided contest is moved here: an open one stays with HR until its outcome is recorded.
    CONSTRAINT appraisal_returns_contest_decided CHECK ((response = 'contested') = (outcome IS NOT NULL))
);

-- The primary key serves the access paths by (body_id, year) and by person: no further index.

COMMENT ON TABLE appraisal_returns IS 'The final appraisals HR returned to draft: who, when and why, the submission returned and the employee''s response to it (moved from appraisal_responses). The manager sees the reason until they submit again.';
COMMENT ON COLUMN appraisal_returns.reason IS 'Why HR returned the appraisal to draft (required, at most 2,000 characters); shown to the manager.';
COMMENT ON COLUMN appraisal_returns.submitted_at IS 'When the returned appraisal had been submitted as final.';
COMMENT ON COLUMN appraisal_returns.submitted_by IS 'Who had submitted it (or recorded it from an act).';
COMMENT ON COLUMN appraisal_returns.reference IS 'The act the returned appraisal had been recorded from (the Segretario Generale''s); NULL when a manager submitted it.';
COMMENT ON COLUMN appraisal_returns.response IS 'The employee''s response to the returned version (acknowledged, or contested and decided), moved here from appraisal_responses; NULL when there was none.';

SELECT sipav_attach_audit('appraisal_returns');
SELECT sipav_attach_year_lock('appraisal_returns');
