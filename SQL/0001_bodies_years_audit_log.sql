-- 0001 — foundation: bodies, employees, years, year reopenings and the audit log.
--
-- ============================================================================================
-- The SIPAV schema (PostgreSQL 15). Notes that hold for every migration of this folder.
-- ============================================================================================
--
-- Applying. The Swift runner applies SQL/NNNN_*.sql in order, each file in its own transaction,
-- and records it in schema_migrations(version, applied_at); so no file holds BEGIN/COMMIT. The
-- DDL is written defensively all the same (CREATE ... IF NOT EXISTS, CREATE OR REPLACE) so that
-- re-running a file by hand on a database that already has it changes nothing.
-- Sub-folders (SQL/tests/) are not migrations.
--
-- Many bodies in one database, ready for Citus. Every table but `bodies` is scoped to one body:
--   * every table carries `body_id text NOT NULL`;
--   * every primary key, unique constraint and foreign key starts with `body_id`;
--   * nothing ever joins or references across bodies.
-- `body_id` is therefore the distribution column a Citus cluster would shard on: every table,
-- `bodies` included, would be hash-distributed on body_id and co-located with the others, so that
-- all the rows of one body live in one shard group and every key, foreign key and join stays on
-- one node:
--       SELECT create_distributed_table('bodies', 'body_id');
--       SELECT create_distributed_table('years',  'body_id', colocate_with => 'bodies');
--       ... the same for every other table (audit_log included).
-- There is no global reference data: the fixed vocabularies (year states, roles, funds, bands,
-- threshold kinds, ...) are CHECK constraints, not lookup tables, so no Citus reference table is
-- needed. The runner's own `schema_migrations` has no body_id: it is schema metadata and would
-- stay a plain local table on the coordinator.
-- (Citus caveats, to be checked when a cluster is actually set up: triggers on distributed tables
-- need citus.enable_unsafe_triggers and run on the shards, where the session setting sipav.actor
-- is not propagated; identity columns must be bigint.)
--
-- Years are the unit of work. Almost every table is year-scoped: its key is (body_id, year, ...)
-- and it references years(body_id, year) with ON DELETE RESTRICT, so a year cannot be deleted
-- while it holds data. ON DELETE CASCADE is used only inside one year, from a record to the
-- records that only make sense with it (an objective to its indicators, a person's year to their
-- individual objectives, scores and allocation), so that a year's plan or staff can be deleted and
-- imported again.
--
-- Indexes. The primary key of every year-scoped table starts with (body_id, year): it serves the
-- access by body and year (and individual_objectives' by (body_id, year, employee_id)). Secondary
-- indexes exist only to support foreign keys. On the large tables (staff_years,
-- individual_objectives, final_scores, allocations, allocation_components) no secondary index
-- shares the (body_id, year) prefix with the primary key: on a freshly loaded table the planner
-- took such an index for foreign-key probes and filtered a whole year per row (see 0003). After a
-- bulk import, ANALYZE the tables imported (autovacuum does it eventually).
--
-- Constraint names. Every CHECK, key and foreign key has an explicit name of the form
-- <table>_<column(s)>_<rule> (e.g. staff_years_months_range): the Swift side maps the constraint
-- name of an error (libpq PG_DIAG_CONSTRAINT_NAME) to a message for the user.
--
-- Errors raised by the triggers (SQLSTATE, with the CONSTRAINT field set for the same mapping):
--   SV001  year_locked            the year is allocated or published: reopen it with a reason
--   SV002  year_reopen_reason     a reopening needs a non-blank reopen_reason in the same UPDATE
--   SV003  audit_log_append_only  the audit log is append-only
--
-- The actor. Writes are attributed to current_setting('sipav.actor'), falling back to the
-- session user: the application runs SET LOCAL sipav.actor = '<user>' (or
-- set_config('sipav.actor', $1, true)) at the start of every transaction.
-- ============================================================================================

-- Who is making the change: the application's user, or the database session user.
CREATE OR REPLACE FUNCTION sipav_actor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(nullif(current_setting('sipav.actor', true), ''), session_user::text) $$;

COMMENT ON FUNCTION sipav_actor() IS
    'The actor recorded in audit_log and year_reopenings: the setting sipav.actor (set by the application at the start of each transaction), or the session user.';

-- ---------------------------------------------------------------------------------------------
-- bodies
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bodies (
    body_id text NOT NULL,
    name    text NOT NULL,
    CONSTRAINT bodies_pkey PRIMARY KEY (body_id),
    CONSTRAINT bodies_body_id_not_blank CHECK (btrim(body_id) <> '' AND body_id = btrim(body_id)),
    CONSTRAINT bodies_name_not_blank CHECK (btrim(name) <> '')
);

COMMENT ON TABLE bodies IS
    'The public bodies (enti) sharing this database. body_id is the tenant key carried by every other table and the Citus distribution column; bodies itself would be distributed on body_id too, co-located with all other tables.';
COMMENT ON COLUMN bodies.body_id IS 'Short stable identifier of the body (e.g. CCIAA-TO); never changes.';

-- ---------------------------------------------------------------------------------------------
-- employees: the people of a body, across years
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS employees (
    body_id     text NOT NULL,
    employee_id text NOT NULL,
    name        text NOT NULL,
    CONSTRAINT employees_pkey PRIMARY KEY (body_id, employee_id),
    CONSTRAINT employees_body_fk FOREIGN KEY (body_id) REFERENCES bodies (body_id) ON DELETE RESTRICT,
    CONSTRAINT employees_employee_id_not_blank CHECK (btrim(employee_id) <> '')
);

COMMENT ON TABLE employees IS
    'The people of a body, independent of the year (their situation in a year is in staff_years). The same employee_id may exist in several bodies: the key is (body_id, employee_id). Not year-scoped, hence not subject to the allocated-year lock.';

-- ---------------------------------------------------------------------------------------------
-- years: one appraisal cycle of a body, with its state
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS years (
    body_id       text        NOT NULL,
    year          integer     NOT NULL,
    state         text        NOT NULL DEFAULT 'planning',
    settings_yaml text,
    reopen_reason text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT years_pkey PRIMARY KEY (body_id, year),
    CONSTRAINT years_body_fk FOREIGN KEY (body_id) REFERENCES bodies (body_id) ON DELETE RESTRICT,
    CONSTRAINT years_year_range CHECK (year BETWEEN 1990 AND 2200),
    CONSTRAINT years_state_valid CHECK (state IN ('planning', 'rating', 'validated', 'allocated', 'published')),
    CONSTRAINT years_reopen_reason_not_blank CHECK (reopen_reason IS NULL OR btrim(reopen_reason) <> ''),
    CONSTRAINT years_reopen_reason_only_when_open CHECK (state NOT IN ('allocated', 'published') OR reopen_reason IS NULL)
);

COMMENT ON TABLE years IS
    'One appraisal year of a body. state: planning -> rating -> validated -> allocated -> published. Once allocated or published, the year''s records are locked by triggers (SQLSTATE SV001) until the year is reopened: UPDATE years SET state = ''validated'' (or ''rating''), reopen_reason = ''...'' in one statement, which is recorded in year_reopenings.';
COMMENT ON COLUMN years.state IS 'planning, rating, validated, allocated, published. allocated and published lock the year.';
COMMENT ON COLUMN years.settings_yaml IS 'The settings (Config/sipav.yaml) in force for the year, as YAML text.';
COMMENT ON COLUMN years.reopen_reason IS 'Set in the same UPDATE that reopens an allocated/published year; cleared automatically when the year is allocated again.';
COMMENT ON COLUMN years.updated_at IS 'Set by the trigger on every update of the row.';

-- ---------------------------------------------------------------------------------------------
-- year_reopenings: the record of every reopening of a locked year (written by a trigger on years)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS year_reopenings (
    body_id      text        NOT NULL,
    year         integer     NOT NULL,
    reopening_id bigint      GENERATED ALWAYS AS IDENTITY,
    reopened_at  timestamptz NOT NULL DEFAULT now(),
    reopened_by  text        NOT NULL DEFAULT sipav_actor(),
    from_state   text        NOT NULL,
    to_state     text        NOT NULL,
    reason       text        NOT NULL,
    CONSTRAINT year_reopenings_pkey PRIMARY KEY (body_id, year, reopening_id),
    CONSTRAINT year_reopenings_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT year_reopenings_reason_not_blank CHECK (btrim(reason) <> ''),
    CONSTRAINT year_reopenings_from_state_valid CHECK (from_state IN ('allocated', 'published')),
    CONSTRAINT year_reopenings_to_state_valid CHECK (to_state IN ('validated', 'rating'))
);

COMMENT ON TABLE year_reopenings IS
    'Every reopening of an allocated or published year, with who, when and why. Inserted by the trigger on years; not subject to the year lock.';

-- ---------------------------------------------------------------------------------------------
-- audit_log: every change of every table (filled by the triggers of 0005)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS audit_log (
    body_id    text        NOT NULL,
    audit_id   bigint      GENERATED ALWAYS AS IDENTITY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL DEFAULT sipav_actor(),
    table_name text        NOT NULL,
    operation  text        NOT NULL,
    record_key jsonb       NOT NULL,
    old_value  jsonb,
    new_value  jsonb,
    CONSTRAINT audit_log_pkey PRIMARY KEY (body_id, audit_id),
    CONSTRAINT audit_log_operation_valid CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE'))
);

CREATE INDEX IF NOT EXISTS audit_log_body_at_idx ON audit_log (body_id, at);

COMMENT ON TABLE audit_log IS
    'Append-only log of changes, written by triggers. UPDATE and DELETE: one row per changed row, record_key = the row''s primary key, old_value/new_value = the whole row as jsonb. INSERT: one row per statement and per (body, year) it touched, record_key = {"body_id", "year"}, new_value = {"inserted": n}, because imports insert millions of rows with COPY and a per-row log would multiply their cost. No foreign key to bodies: the log outlives what it describes.';
COMMENT ON COLUMN audit_log.at IS 'Transaction start time (now()): all rows of one transaction share it.';
COMMENT ON COLUMN audit_log.actor IS 'sipav_actor(): the setting sipav.actor, else the session user.';
COMMENT ON COLUMN audit_log.record_key IS 'UPDATE/DELETE: the primary key of the row (before the change). INSERT: {"body_id": ..., "year": ...} (or {"body_id"} for tables without a year).';
COMMENT ON COLUMN audit_log.new_value IS 'UPDATE: the new row. INSERT: {"inserted": <rows inserted by the statement for this body/year>}. DELETE: null.';
