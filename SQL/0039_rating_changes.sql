-- 0039 — who last changed a person's ratings, and when: the rating page says it.
--
-- The Segretario Generale sees everyone, and HR records a contest's outcome and the Segretario's own appraisal: a
-- manager reopening a draft saw ratings someone else had changed without a word (the audit log, which has it, is HR's).
-- rating_changes keeps, per person of a year, the last change of any of their ratings (cosa or come): by whom
-- (sipav_actor(), the web's user or the importing officer) and when. A trigger writes it whoever changes the ratings
-- (the manager's form, the Segretario Generale's act, a contest's outcome, a re-import that merges new ratings); a save
-- that changes no value does not count. Ratings copied in by a first import are no change: nobody is named until one.
--
-- Not audited (0005) and not locked with the year (0006): it follows individual_objectives, which are both.

CREATE TABLE IF NOT EXISTS rating_changes (
    body_id     text        NOT NULL,
    year        integer     NOT NULL,
    employee_id text        NOT NULL,
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    CONSTRAINT rating_changes_pkey PRIMARY KEY (body_id, year, employee_id),
    CONSTRAINT rating_changes_staff_fk FOREIGN KEY (body_id, year, employee_id)
        REFERENCES staff_years (body_id, year, employee_id) ON DELETE CASCADE
);

COMMENT ON TABLE rating_changes IS
    'The last change of each person''s ratings (cosa or come of any of their individual objectives) in a year: by whom and when; written by the trigger sipav_rating_changed (0039), shown on the rating page.';

CREATE OR REPLACE FUNCTION sipav_note_rating_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO rating_changes (body_id, year, employee_id, changed_by, changed_at)
    VALUES (NEW.body_id, NEW.year, NEW.employee_id, sipav_actor(), now())
    ON CONFLICT ON CONSTRAINT rating_changes_pkey
        DO UPDATE SET changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER sipav_rating_changed
    AFTER UPDATE OF cosa, come ON individual_objectives
    FOR EACH ROW
    WHEN (OLD.cosa IS DISTINCT FROM NEW.cosa OR OLD.come IS DISTINCT FROM NEW.come)
    EXECUTE FUNCTION sipav_note_rating_change();
