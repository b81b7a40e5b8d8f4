-- 0042 — rating_changes (0039, 0041) counts a changed weight of a rated objective.
--
-- A person's final score is the weighted sum of their objectives' scores: HR changing the weight of an objective
-- already rated changes it as much as a changed rating, and the manager's rating page named nobody. Such a change is
-- now a change of the person's ratings too, by whoever makes it (sipav_actor()). The weight of an objective not yet
-- rated changes no score that anyone has given: it is still no change, as before.

CREATE OR REPLACE TRIGGER sipav_rating_changed
    AFTER UPDATE OF cosa, come, weight_bp ON individual_objectives
    FOR EACH ROW
    WHEN (OLD.cosa IS DISTINCT FROM NEW.cosa OR OLD.come IS DISTINCT FROM NEW.come
          OR (OLD.weight_bp IS DISTINCT FROM NEW.weight_bp
              AND (NEW.cosa IS NOT NULL OR NEW.come IS NOT NULL)))
    EXECUTE FUNCTION sipav_note_rating_change();

COMMENT ON FUNCTION sipav_note_rating_change() IS
    'Trigger function: a rating of an individual objective changed, the weight of a rated one changed, a rated objective inserted, or one deleted while its person stays in the year, is a change of that person''s ratings (rating_changes, 0039, 0041 and 0042).';
