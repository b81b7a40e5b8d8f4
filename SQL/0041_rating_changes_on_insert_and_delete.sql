-- 0041 — rating_changes (0039) counts a rated objective deleted, or inserted with its rating.
--
-- 0039 noted a rating changed in place only. A rated objective deleted (HR's form or upload leaving it out, a re-import
-- whose files no longer list it) or inserted with a rating (an upload or a re-import that adds it) changes the person's
-- final score as much, and the manager's rating page said nothing of it. Both are now a change of the person's ratings,
-- by whoever makes it (sipav_actor()).
--
-- As before, ratings copied in by a year's first import are no change: the import sets sipav.first_import for the
-- statements that copy the year's rows (and the bulk path bypasses row triggers anyway). The setting is read in the
-- trigger's WHEN clause, so that a first import without the bypass calls no function per row. An objective deleted
-- with its person (a re-import that removes them, --remove-rated) leaves nobody to name: the person's row is gone, and
-- so is their rating_changes row (ON DELETE CASCADE).

-- One function for the three triggers: 0039's, now reading the deleted row for a DELETE.
CREATE OR REPLACE FUNCTION sipav_note_rating_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    changed individual_objectives;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
        -- Deleted with its person: nobody is left to name.
        IF NOT EXISTS (SELECT 1 FROM staff_years s
                        WHERE s.body_id = OLD.body_id AND s.year = OLD.year AND s.employee_id = OLD.employee_id) THEN
            RETURN NULL;
        END IF;
    ELSE
        changed := NEW;
    END IF;
    INSERT INTO rating_changes (body_id, year, employee_id, changed_by, changed_at)
    VALUES (changed.body_id, changed.year, changed.employee_id, sipav_actor(), now())
    ON CONFLICT ON CONSTRAINT rating_changes_pkey
        DO UPDATE SET changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_note_rating_change() IS
    'Trigger function: a rating of an individual objective changed, a rated objective inserted, or one deleted while its person stays in the year, is a change of that person''s ratings (rating_changes, 0039 and 0041).';

CREATE OR REPLACE TRIGGER sipav_rating_added
    AFTER INSERT ON individual_objectives
    FOR EACH ROW
    WHEN ((NEW.cosa IS NOT NULL OR NEW.come IS NOT NULL)
          AND current_setting('sipav.first_import', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION sipav_note_rating_change();

CREATE OR REPLACE TRIGGER sipav_rating_removed
    AFTER DELETE ON individual_objectives
    FOR EACH ROW
    WHEN (OLD.cosa IS NOT NULL OR OLD.come IS NOT NULL)
    EXECUTE FUNCTION sipav_note_rating_change();
