-- 0036 — an allocation's rows are kept when the year is allocated again.
--
-- Reopening and allocating a year again replaced its allocations: the amounts of the earlier run, those a published
-- year showed its employees and that they acknowledged or contested (appraisal_responses.run_id, 0034), were kept
-- nowhere; the audit log held only their count ({"deleted": 277}). Every row deleted from allocations is now kept in
-- superseded_allocations, with its run: the rows a statement deleted (a transition table), whoever deleted them (a new
-- allocation, or a person removed by a re-import of the reopened year, through the cascade from staff_years). The
-- trigger is enabled ALWAYS, so that the bulk path's session_replication_role = replica does not skip it.
-- superseded_allocations has the columns and checks of allocations (LIKE); a later migration that adds a column to
-- allocations adds it here too. It is append-only: what it keeps is the record of what was once computed and shown.

CREATE TABLE IF NOT EXISTS superseded_allocations (LIKE allocations INCLUDING DEFAULTS INCLUDING CONSTRAINTS);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'superseded_allocations_pkey') THEN
        ALTER TABLE superseded_allocations
            ADD CONSTRAINT superseded_allocations_pkey PRIMARY KEY (body_id, year, run_id, employee_id);
    END IF;
END
$$;

COMMENT ON TABLE superseded_allocations IS
    'Every allocation row deleted from allocations (a year allocated again, a person removed from a reopened year), as it was, with the run that computed it. Append-only.';

CREATE OR REPLACE FUNCTION sipav_keep_superseded_allocations() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO superseded_allocations SELECT * FROM gone ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION sipav_keep_superseded_allocations() IS
    'AFTER DELETE on allocations, per statement: the deleted rows (transition table gone) into superseded_allocations.';

CREATE OR REPLACE TRIGGER sipav_keep_superseded AFTER DELETE ON allocations
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION sipav_keep_superseded_allocations();
ALTER TABLE allocations ENABLE ALWAYS TRIGGER sipav_keep_superseded;

CREATE OR REPLACE FUNCTION sipav_superseded_allocations_append_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'superseded_allocations is append-only: % refused', TG_OP
        USING ERRCODE = 'SV003',
              CONSTRAINT = 'superseded_allocations_append_only',
              TABLE = 'superseded_allocations';
END
$$;

CREATE OR REPLACE TRIGGER sipav_append_only BEFORE UPDATE OR DELETE ON superseded_allocations
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_superseded_allocations_append_only();
CREATE OR REPLACE TRIGGER sipav_append_only_truncate BEFORE TRUNCATE ON superseded_allocations
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_superseded_allocations_append_only();
ALTER TABLE superseded_allocations ENABLE ALWAYS TRIGGER sipav_append_only;
ALTER TABLE superseded_allocations ENABLE ALWAYS TRIGGER sipav_append_only_truncate;
