-- 0046 — every import of a year is on record: who, when, why, and how it was asked for.
--
-- `sipav db import` aligns a year with its files, and the audit log records what changed under the importing
-- officer's name, but not why. A closed year reopened (year_reopenings says why) and then imported again with other
-- ratings showed in the log as rows changed, and an auditor could not tell what the import was for. year_imports keeps
-- one row per import, written in the import's own transaction, so that an import refused leaves none:
--   * the body and the year, when (imported_at = now(), the start of the transaction, as audit_log.at: the lines the
--     import wrote in the log carry the same instant) and who (sipav_actor(), as the log names them);
--   * the reason given (`sipav db import --reason`), NULL when none was: `sipav db import` asks for one when the year
--     was ever reopened, or when the import is allowed to do what it refuses unless told (--remove-acts and the like);
--   * whether the year was allocated in the same transaction (--allocate) or imported for planning (--planning);
--   * what the import was allowed (consents: renamed_body, renamed_employees, removed_rated_people, removed_acts,
--     reused_acts; a library caller that checks nothing records them all) and the files it read.
--
-- Append-only, as superseded_allocations (0036): what happened stays as it happened. UPDATE and DELETE raise SV003,
-- by a trigger enabled ALWAYS, so that session_replication_role = replica does not skip it; TRUNCATE raises SV004, as
-- on every audited table (0025). Audited (0005): an import adds one row, which the log keeps whole (0015), reason
-- included, among the import's own lines. Not locked with the year (0006): a year is imported only while open, and
-- an import with --allocate records itself in the transaction that allocates the year.

CREATE TABLE IF NOT EXISTS year_imports (
    body_id     text        NOT NULL,
    year        integer     NOT NULL,
    import_id   bigint      GENERATED ALWAYS AS IDENTITY,
    imported_at timestamptz NOT NULL DEFAULT now(),
    imported_by text        NOT NULL DEFAULT sipav_actor(),
    reason      text,
    allocated   boolean     NOT NULL DEFAULT false,
    planning    boolean     NOT NULL DEFAULT false,
    consents    text[]      NOT NULL DEFAULT '{}',
    files       text[]      NOT NULL DEFAULT '{}',
    CONSTRAINT year_imports_pkey PRIMARY KEY (body_id, year, import_id),
    CONSTRAINT year_imports_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    -- Not blank, newlines and tabs included (the command line trims them all), and as long as a returned appraisal's.
    CONSTRAINT year_imports_reason_not_blank CHECK (reason IS NULL OR reason ~ '[^[:space:]]'),
    CONSTRAINT year_imports_reason_length CHECK (char_length(reason) <= 2000),
    CONSTRAINT year_imports_imported_by_not_blank CHECK (btrim(imported_by) <> ''),
    -- A year imported for planning is not rated yet, and only a rated year is allocated.
    CONSTRAINT year_imports_allocated_not_planning CHECK (NOT (allocated AND planning)),
    CONSTRAINT year_imports_consents_valid CHECK (consents <@ ARRAY['renamed_body', 'renamed_employees', 'removed_rated_people',
                                                                   'removed_acts', 'reused_acts']::text[])
);

-- The primary key serves the access by (body_id, year), the latest import first: no further index.

COMMENT ON TABLE year_imports IS
    'Every import of a year (sipav db import, db demo), with who, when and why: one row per import, written in its transaction. Append-only (SV003).';
COMMENT ON COLUMN year_imports.imported_at IS 'now(): the start of the import''s transaction, as audit_log.at of the lines it wrote.';
COMMENT ON COLUMN year_imports.imported_by IS 'sipav_actor(): the setting sipav.actor (--actor), else the session user.';
COMMENT ON COLUMN year_imports.reason IS 'Why the year was imported (--reason); NULL when none was given. sipav db import requires one for a year ever reopened, or with a consent.';
COMMENT ON COLUMN year_imports.allocated IS 'The year was allocated in the same transaction (--allocate, db demo).';
COMMENT ON COLUMN year_imports.planning IS 'Imported for planning (--planning): ratings and measurements may be missing.';
COMMENT ON COLUMN year_imports.consents IS 'What the import was allowed to do that it refuses unless told: renamed_body (--rename-body), renamed_employees (--rename-employees), removed_rated_people (--remove-rated), removed_acts (--remove-acts), reused_acts (--reuse-acts).';
COMMENT ON COLUMN year_imports.files IS 'The files read, as absolute paths on the importing machine (plan, staff, objectives, fund, settings).';

CREATE OR REPLACE FUNCTION sipav_year_imports_append_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'year_imports is append-only: % refused', TG_OP
        USING ERRCODE = 'SV003',
              CONSTRAINT = 'year_imports_append_only',
              TABLE = 'year_imports';
END
$$;

COMMENT ON FUNCTION sipav_year_imports_append_only() IS
    'BEFORE UPDATE/DELETE on year_imports: refuses (SQLSTATE SV003, constraint year_imports_append_only).';

CREATE OR REPLACE TRIGGER sipav_append_only BEFORE UPDATE OR DELETE ON year_imports
    FOR EACH STATEMENT EXECUTE FUNCTION sipav_year_imports_append_only();
ALTER TABLE year_imports ENABLE ALWAYS TRIGGER sipav_append_only;

-- The audit triggers, with the refusal of TRUNCATE (0025).
SELECT sipav_attach_audit('year_imports'::regclass);
