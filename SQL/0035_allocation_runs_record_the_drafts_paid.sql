-- 0035 — an allocation records how many appraisals it paid that were not final.
--
-- HR confirms an allocation with appraisals still drafts only by naming their number, and those returned to draft
-- apart (the web's boxes; `sipav db run --include-returned`). The record of the allocation said nothing of it: an
-- auditor could not tell from it, or from the audit log, that 275 drafts and one returned draft were paid as they
-- stood. Each allocation run now records both numbers, counted in the transaction that stores it, while the year's
-- row is held: the same numbers the confirmation was checked against. Runs stored before this migration have
-- neither (NULL).
ALTER TABLE allocation_runs ADD COLUMN IF NOT EXISTS drafts_paid integer;
ALTER TABLE allocation_runs ADD COLUMN IF NOT EXISTS returned_drafts_paid integer;
ALTER TABLE allocation_runs DROP CONSTRAINT IF EXISTS allocation_runs_drafts_paid_valid;
ALTER TABLE allocation_runs ADD CONSTRAINT allocation_runs_drafts_paid_valid CHECK (
    (drafts_paid IS NULL) = (returned_drafts_paid IS NULL)
    AND (drafts_paid IS NULL OR (returned_drafts_paid >= 0 AND returned_drafts_paid <= drafts_paid)));
COMMENT ON COLUMN allocation_runs.drafts_paid IS
    'How many appraisals of the year were not submitted as final when this run was stored (paid as they stood); NULL for a run stored before 0035.';
COMMENT ON COLUMN allocation_runs.returned_drafts_paid IS
    'Of drafts_paid, how many had been returned to draft (by HR, or by a change of their objectives) and not submitted again; NULL for a run stored before 0035.';
