-- 0013 — each person's final score on the allocation row: final_scores becomes a view of allocations.
--
-- final_scores and allocations were written together by every allocation and only then, one row per person
-- each with the same key, and allocations already repeated the score and the band. The weighted sum and
-- the reason a person is not assessable now sit beside them on the allocation row, with final_scores' own
-- checks; final_scores is a view of those columns, so that a query reading it reads the same rows (a write
-- through it is a write of allocations: locked with the year and audited as such).
-- One keyed row a person fewer at every allocation.
--
-- The rows on record move unchanged, the allocated years' too: the year lock and the audit of UPDATE on
-- allocations are switched off for the move alone (this transaction), which changes no score and no amount.
-- A score without an allocation row (never written by sipav) stops the migration rather than being lost.

DO $$
DECLARE
    orphan record;
BEGIN
    SELECT f.body_id, f.year, f.employee_id INTO orphan
      FROM final_scores f
     WHERE NOT EXISTS (SELECT 1 FROM allocations a
                        WHERE (a.body_id, a.year, a.employee_id) = (f.body_id, f.year, f.employee_id))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'final_scores holds a score without an allocation row (body %, year %, employee %): move or delete it before this migration',
            orphan.body_id, orphan.year, orphan.employee_id;
    END IF;
END
$$;

ALTER TABLE allocations
    ADD COLUMN IF NOT EXISTS weighted_sum          integer,
    ADD COLUMN IF NOT EXISTS not_assessable_reason text;

ALTER TABLE allocations DISABLE TRIGGER sipav_lock_update;
ALTER TABLE allocations DISABLE TRIGGER sipav_log_update;

UPDATE allocations a
   SET weighted_sum = f.weighted_sum, not_assessable_reason = f.not_assessable_reason
  FROM final_scores f
 WHERE (a.body_id, a.year, a.employee_id) = (f.body_id, f.year, f.employee_id);

ALTER TABLE allocations ENABLE TRIGGER sipav_lock_update;
ALTER TABLE allocations ENABLE TRIGGER sipav_log_update;

ALTER TABLE allocations
    ADD CONSTRAINT allocations_weighted_sum_range CHECK (weighted_sum BETWEEN 0 AND 60000),
    -- Assessable: a score 0..6 and its weighted sum, no reason. Not assessable: a reason, score NULL or -1,
    -- band BASSA. (As final_scores_assessable_consistent was.)
    ADD CONSTRAINT allocations_assessable_consistent CHECK (
        CASE WHEN not_assessable_reason IS NULL
             THEN final_score IS NOT NULL AND final_score >= 0 AND weighted_sum IS NOT NULL
             ELSE (final_score IS NULL OR final_score = -1) AND band = 'BASSA' AND btrim(not_assessable_reason) <> ''
        END);

DROP TABLE final_scores;

CREATE VIEW final_scores AS
    SELECT body_id, year, employee_id, weighted_sum, final_score, band, not_assessable_reason
      FROM allocations;

COMMENT ON VIEW final_scores IS 'The final score of each person of an allocated year: the weighted mean of the objective scores, rounded as the settings say, and its band: columns of allocations (until 0013 a table of its own).';
COMMENT ON COLUMN allocations.weighted_sum IS 'The unrounded final score times 10000: sum of weight_bp x matrix score (0..60000); NULL when not assessable.';
COMMENT ON COLUMN allocations.final_score IS '0..6; NULL (or -1) when not assessable.';
COMMENT ON COLUMN allocations.band IS 'BASSA, MEDIA, ALTA (a setting maps scores to bands); BASSA when not assessable.';
COMMENT ON COLUMN allocations.not_assessable_reason IS 'From staff_years or from the minimum-months rule; set exactly when not assessable.';
COMMENT ON COLUMN audit_log.old_value IS 'UPDATE and DELETE: the old row. DELETE from allocations (derived; final_scores until 0013, allocation_components until 0012): {"deleted": <rows deleted by the statement for this body/year>}.';
