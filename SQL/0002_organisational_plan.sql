-- 0002 — the organisational plan of a year: strategic lines, Areas, objectives, indicators with
-- their target scales and revisions, and the figures validated by the OIV (plan.yaml).
--
-- Every table is year-scoped: key (body_id, year, ...), foreign key to years (RESTRICT), subject
-- to the allocated-year lock and the audit triggers (0005, 0006). Inside the plan, deleting an
-- objective deletes its indicators, their steps and revisions, its strategic-line links and its
-- validated figure (ON DELETE CASCADE), so that a year's plan can be deleted and imported again.
-- Areas are referenced by staff_years with RESTRICT: an Area still holding staff cannot be
-- deleted, so re-importing a plan upserts its Areas.
-- These tables are small (tens to hundreds of rows a year), so their foreign-key indexes may share
-- the primary key's (body_id, year) prefix (compare staff_years in 0003).
-- Write order for an import: years, employees (the Areas' managers), strategic_lines, areas,
-- objectives, objective_lines, indicators (parents before sub-indicators), indicator_steps,
-- indicator_revisions, validated_results.

-- ---------------------------------------------------------------------------------------------
-- strategic_lines
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS strategic_lines (
    body_id  text    NOT NULL,
    year     integer NOT NULL,
    line_id  text    NOT NULL,
    name     text    NOT NULL,
    position integer NOT NULL DEFAULT 0,
    CONSTRAINT strategic_lines_pkey PRIMARY KEY (body_id, year, line_id),
    CONSTRAINT strategic_lines_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT strategic_lines_line_id_not_blank CHECK (btrim(line_id) <> '')
);

COMMENT ON TABLE strategic_lines IS 'The strategic lines of the year''s plan (the 2019 report has five).';
COMMENT ON COLUMN strategic_lines.position IS 'Order of the line in the plan.';

-- ---------------------------------------------------------------------------------------------
-- areas
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS areas (
    body_id    text    NOT NULL,
    year       integer NOT NULL,
    area_id    text    NOT NULL,
    name       text    NOT NULL,
    manager_id text,
    position   integer NOT NULL DEFAULT 0,
    CONSTRAINT areas_pkey PRIMARY KEY (body_id, year, area_id),
    CONSTRAINT areas_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT areas_manager_fk FOREIGN KEY (body_id, manager_id) REFERENCES employees (body_id, employee_id) ON DELETE RESTRICT,
    CONSTRAINT areas_area_id_not_blank CHECK (btrim(area_id) <> '')
);

CREATE INDEX IF NOT EXISTS areas_manager_idx ON areas (body_id, manager_id);

COMMENT ON TABLE areas IS 'The Areas of the body in the year, each led by a dirigente.';
COMMENT ON COLUMN areas.manager_id IS 'The employee_id of the Area''s manager (whose appraisal is shown beside the Area''s result); references employees, so employees are written before the plan.';

-- ---------------------------------------------------------------------------------------------
-- objectives: organisational objectives of the ente or of an Area
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS objectives (
    body_id       text    NOT NULL,
    year          integer NOT NULL,
    objective_id  text    NOT NULL,
    title         text    NOT NULL,
    owner_area_id text,
    weight        numeric NOT NULL DEFAULT 1,
    position      integer NOT NULL DEFAULT 0,
    CONSTRAINT objectives_pkey PRIMARY KEY (body_id, year, objective_id),
    CONSTRAINT objectives_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT objectives_owner_area_fk FOREIGN KEY (body_id, year, owner_area_id)
        REFERENCES areas (body_id, year, area_id) ON DELETE RESTRICT,
    CONSTRAINT objectives_objective_id_not_blank CHECK (btrim(objective_id) <> ''),
    CONSTRAINT objectives_weight_positive CHECK (weight > 0)
);

CREATE INDEX IF NOT EXISTS objectives_owner_area_idx ON objectives (body_id, year, owner_area_id);

COMMENT ON TABLE objectives IS 'Organisational objectives of the year: of the ente (owner_area_id NULL) or of an Area.';
COMMENT ON COLUMN objectives.owner_area_id IS 'NULL: an objective of the ente; otherwise the Area whose result it feeds.';
COMMENT ON COLUMN objectives.weight IS 'Used only with the setting organisation.objective_weights; default 1.';

-- ---------------------------------------------------------------------------------------------
-- objective_lines: the strategic lines an objective serves (one or more)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS objective_lines (
    body_id      text    NOT NULL,
    year         integer NOT NULL,
    objective_id text    NOT NULL,
    line_id      text    NOT NULL,
    CONSTRAINT objective_lines_pkey PRIMARY KEY (body_id, year, objective_id, line_id),
    CONSTRAINT objective_lines_objective_fk FOREIGN KEY (body_id, year, objective_id)
        REFERENCES objectives (body_id, year, objective_id) ON DELETE CASCADE,
    CONSTRAINT objective_lines_line_fk FOREIGN KEY (body_id, year, line_id)
        REFERENCES strategic_lines (body_id, year, line_id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS objective_lines_line_idx ON objective_lines (body_id, year, line_id);

COMMENT ON TABLE objective_lines IS 'Which strategic lines each objective serves (many to many).';

-- ---------------------------------------------------------------------------------------------
-- indicators: indicators and sub-indicators in one table
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS indicators (
    body_id              text    NOT NULL,
    year                 integer NOT NULL,
    indicator_id         text    NOT NULL,
    objective_id         text    NOT NULL,
    parent_indicator_id  text,
    name                 text    NOT NULL,
    unit                 text,
    note                 text,
    kind                 text,
    composite_percents   numeric[],
    measured_number      numeric,
    measured_date        date,
    measured_yes         boolean,
    suppressed_reference text,
    position             integer NOT NULL DEFAULT 0,
    CONSTRAINT indicators_pkey PRIMARY KEY (body_id, year, indicator_id),
    -- Lets a sub-indicator reference its parent within the same objective (below).
    CONSTRAINT indicators_objective_indicator_key UNIQUE (body_id, year, objective_id, indicator_id),
    CONSTRAINT indicators_objective_fk FOREIGN KEY (body_id, year, objective_id)
        REFERENCES objectives (body_id, year, objective_id) ON DELETE CASCADE,
    CONSTRAINT indicators_parent_fk FOREIGN KEY (body_id, year, objective_id, parent_indicator_id)
        REFERENCES indicators (body_id, year, objective_id, indicator_id) ON DELETE CASCADE,
    CONSTRAINT indicators_indicator_id_not_blank CHECK (btrim(indicator_id) <> ''),
    CONSTRAINT indicators_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT indicators_parent_not_self CHECK (parent_indicator_id IS NULL OR parent_indicator_id <> indicator_id),
    CONSTRAINT indicators_kind_valid CHECK (kind IS NULL OR kind IN ('below', 'at_most', 'above', 'at_least', 'deadline', 'yes_no')),
    -- A composite has no kind (no scale of thresholds) but its own step percentages; a measured
    -- indicator has a kind and no composite percentages.
    CONSTRAINT indicators_composite_shape CHECK ((kind IS NULL) = (composite_percents IS NOT NULL)),
    CONSTRAINT indicators_composite_percents_range CHECK (
        composite_percents IS NULL
        OR (array_ndims(composite_percents) = 1
            AND cardinality(composite_percents) BETWEEN 1 AND 5
            AND array_position(composite_percents, NULL) IS NULL
            AND 0 < ALL (composite_percents)
            AND 100 >= ALL (composite_percents))),
    CONSTRAINT indicators_one_measurement CHECK (num_nonnulls(measured_number, measured_date, measured_yes) <= 1),
    CONSTRAINT indicators_measurement_suits_kind CHECK (
        CASE
            WHEN measured_number IS NOT NULL THEN kind IS NOT NULL AND kind IN ('below', 'at_most', 'above', 'at_least')
            WHEN measured_date IS NOT NULL THEN kind IS NOT NULL AND kind = 'deadline'
            WHEN measured_yes IS NOT NULL THEN kind IS NOT NULL AND kind = 'yes_no'
            ELSE true
        END),
    CONSTRAINT indicators_suppressed_reference_not_blank CHECK (suppressed_reference IS NULL OR btrim(suppressed_reference) <> '')
);

CREATE INDEX IF NOT EXISTS indicators_parent_idx ON indicators (body_id, year, parent_indicator_id);

COMMENT ON TABLE indicators IS
    'Indicators of the organisational objectives and, with parent_indicator_id set, the sub-indicators of a composite indicator (same objective as the parent, enforced by indicators_parent_fk). A measured indicator has a kind and a scale in indicator_steps; a composite has kind NULL and composite_percents.';
COMMENT ON COLUMN indicators.indicator_id IS 'Unique in the year''s plan (e.g. 6.3, 6.3.1).';
COMMENT ON COLUMN indicators.parent_indicator_id IS 'NULL for a top-level indicator; the composite indicator for a sub-indicator.';
COMMENT ON COLUMN indicators.kind IS 'below, at_most, above, at_least, deadline, yes_no; NULL for a composite indicator.';
COMMENT ON COLUMN indicators.composite_percents IS 'For a composite: the step percentages (0 < p <= 100) on which the mean of the sub-indicators is placed, e.g. {100,80,60,40,20}.';
COMMENT ON COLUMN indicators.measured_number IS 'The measured value of a below/at_most/above/at_least indicator (at most one measured_* is set; none while not measured or when suppressed).';
COMMENT ON COLUMN indicators.measured_date IS 'The completion date of a deadline indicator.';
COMMENT ON COLUMN indicators.measured_yes IS 'The outcome of a yes/no indicator.';
COMMENT ON COLUMN indicators.suppressed_reference IS 'The deliberation that suppressed the indicator: kept on record, left out of every mean.';
COMMENT ON COLUMN indicators.position IS 'Order among the indicators of the objective (or the sub-indicators of the parent).';

-- ---------------------------------------------------------------------------------------------
-- indicator_steps: the target scale of a measured indicator, best step first
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS indicator_steps (
    body_id          text     NOT NULL,
    year             integer  NOT NULL,
    indicator_id     text     NOT NULL,
    step             smallint NOT NULL,
    threshold_number numeric,
    threshold_month  date,
    percent          numeric  NOT NULL,
    CONSTRAINT indicator_steps_pkey PRIMARY KEY (body_id, year, indicator_id, step),
    CONSTRAINT indicator_steps_indicator_fk FOREIGN KEY (body_id, year, indicator_id)
        REFERENCES indicators (body_id, year, indicator_id) ON DELETE CASCADE,
    CONSTRAINT indicator_steps_step_range CHECK (step BETWEEN 1 AND 5),
    CONSTRAINT indicator_steps_one_threshold CHECK (num_nonnulls(threshold_number, threshold_month) <= 1),
    CONSTRAINT indicator_steps_month_first_day CHECK (threshold_month IS NULL OR extract(day FROM threshold_month) = 1),
    CONSTRAINT indicator_steps_percent_range CHECK (percent > 0 AND percent <= 100)
);

COMMENT ON TABLE indicator_steps IS
    'The target scale of a measured indicator: up to five steps, step 1 the best. A yes/no step has neither threshold. The order of thresholds and percentages and their fit to the indicator''s kind are checked by the Swift side.';
COMMENT ON COLUMN indicator_steps.threshold_number IS 'Threshold of a below/at_most/above/at_least scale.';
COMMENT ON COLUMN indicator_steps.threshold_month IS 'Threshold of a deadline scale: the first day of the month (met by a completion on or before the month''s end).';
COMMENT ON COLUMN indicator_steps.percent IS 'Achievement percentage of the step, above 0 and at most 100.';

-- ---------------------------------------------------------------------------------------------
-- indicator_revisions: mid-year changes of target, with the old scale and the deliberation
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS indicator_revisions (
    body_id        text     NOT NULL,
    year           integer  NOT NULL,
    indicator_id   text     NOT NULL,
    revision_no    smallint NOT NULL DEFAULT 1,
    reference      text     NOT NULL,
    previous_name  text,
    previous_scale jsonb,
    CONSTRAINT indicator_revisions_pkey PRIMARY KEY (body_id, year, indicator_id, revision_no),
    CONSTRAINT indicator_revisions_indicator_fk FOREIGN KEY (body_id, year, indicator_id)
        REFERENCES indicators (body_id, year, indicator_id) ON DELETE CASCADE,
    CONSTRAINT indicator_revisions_revision_no_positive CHECK (revision_no >= 1),
    CONSTRAINT indicator_revisions_reference_not_blank CHECK (btrim(reference) <> ''),
    CONSTRAINT indicator_revisions_previous_scale_object CHECK (previous_scale IS NULL OR jsonb_typeof(previous_scale) = 'object')
);

COMMENT ON TABLE indicator_revisions IS 'A mid-year change of an indicator''s target or name: the deliberation, the previous name and the previous scale (as in plan.yaml: {"kind": ..., "thresholds": [...], "percents": [...]}).';

-- ---------------------------------------------------------------------------------------------
-- validated_results: figures validated by the OIV, used in place of the computed ones
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS validated_results (
    body_id      text    NOT NULL,
    year         integer NOT NULL,
    scope        text    NOT NULL,
    scope_id     text    NOT NULL DEFAULT '',
    percent      numeric NOT NULL,
    reference    text    NOT NULL,
    -- scope_id split by scope, so that it can carry a foreign key.
    area_id      text GENERATED ALWAYS AS (CASE WHEN scope = 'area' THEN scope_id END) STORED,
    objective_id text GENERATED ALWAYS AS (CASE WHEN scope = 'objective' THEN scope_id END) STORED,
    CONSTRAINT validated_results_pkey PRIMARY KEY (body_id, year, scope, scope_id),
    CONSTRAINT validated_results_year_fk FOREIGN KEY (body_id, year) REFERENCES years (body_id, year) ON DELETE RESTRICT,
    CONSTRAINT validated_results_area_fk FOREIGN KEY (body_id, year, area_id)
        REFERENCES areas (body_id, year, area_id) ON DELETE CASCADE,
    CONSTRAINT validated_results_objective_fk FOREIGN KEY (body_id, year, objective_id)
        REFERENCES objectives (body_id, year, objective_id) ON DELETE CASCADE,
    CONSTRAINT validated_results_scope_valid CHECK (scope IN ('ente', 'area', 'objective')),
    CONSTRAINT validated_results_scope_id_matches CHECK ((scope = 'ente') = (scope_id = '')),
    CONSTRAINT validated_results_percent_range CHECK (percent BETWEEN 0 AND 100),
    CONSTRAINT validated_results_reference_not_blank CHECK (btrim(reference) <> '')
);

CREATE INDEX IF NOT EXISTS validated_results_area_idx ON validated_results (body_id, year, area_id);
CREATE INDEX IF NOT EXISTS validated_results_objective_idx ON validated_results (body_id, year, objective_id);

COMMENT ON TABLE validated_results IS 'Figures validated by the OIV, recorded in place of the computed ones (both stay on record; reports show which was used).';
COMMENT ON COLUMN validated_results.scope IS 'ente, area or objective.';
COMMENT ON COLUMN validated_results.scope_id IS 'Empty string for the ente; the area_id or objective_id otherwise.';
COMMENT ON COLUMN validated_results.percent IS 'The validated achievement, 0..100 (percent, exact decimal).';
COMMENT ON COLUMN validated_results.area_id IS 'Generated from scope_id when scope = area, for the foreign key to areas.';
COMMENT ON COLUMN validated_results.objective_id IS 'Generated from scope_id when scope = objective, for the foreign key to objectives.';
