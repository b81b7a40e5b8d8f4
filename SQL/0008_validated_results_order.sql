-- The OIV-validated figures keep the order in which the plan lists them, so that a year exported from
-- the database gives back the plan it was imported from.
ALTER TABLE validated_results ADD COLUMN IF NOT EXISTS position integer NOT NULL DEFAULT 0;

COMMENT ON COLUMN validated_results.position IS 'Order of the figure in the plan''s validated list.';
