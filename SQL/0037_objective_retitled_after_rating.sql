-- 0037 — an objective whose title changed after it was rated says so until its ratings are saved again.
--
-- HR may change an objective's title (on the web, by an upload, by an import) while a manager's draft holds a rating
-- for it: the rating stays with the objective's code, and the manager, opening the draft again, saw it beside the new
-- title without a word, and could send as final a rating they never gave to that objective. retitled_after_rating is
-- set by such a change (a title changed while the rating is kept), cleared whenever the objective's ratings are
-- written (by the manager, the Segretario Generale's act, a contest's outcome, or files that bring ratings), and shown
-- on the rating page. A change of weight does not set it: cosa and come rate the objective's achievement, which a
-- weight does not change.

ALTER TABLE individual_objectives ADD COLUMN IF NOT EXISTS retitled_after_rating boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN individual_objectives.retitled_after_rating IS
    'The title changed while the objective held a rating, which it kept; cleared when its ratings are written again. The rating page asks the manager to check the rating (0037).';
